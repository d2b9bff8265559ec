package physical

import (
	"fmt"
	"testing"

	"github.com/sailgo/sail/physical/expr"
)

// Spark's first draw of XORShiftRandom(0) is 0.7604953758285915 (SELECT rand(0)): a
// sample of partition 0 with seed 0 keeps its first row exactly when that is below the
// upper bound.
func TestSampleBernoulliFirstDraw(t *testing.T) {
	in := schemaOf("k", i64)
	src := source(t, in, []string{`[{"k": 1}]`})
	for _, c := range []struct {
		upper float64
		want  []string
	}{
		{0.7604953758285915, nil},
		{0.7604953758285916, []string{"1"}},
	} {
		got := rows(t, NewSample(src, 0, c.upper, false, 0))
		eqStrings(t, fmt.Sprint(c.upper), got, c.want)
	}
}

// Each partition draws from its own generator, seeded with seed + partition; a row is
// kept when its draw is in [lower, upper).
func TestSampleBernoulliPartitions(t *testing.T) {
	in := schemaOf("k", i64)
	var parts [][]string
	for p := range 3 {
		var b []string
		for batch := range 2 {
			js := "["
			for i := range 50 {
				if i > 0 {
					js += ","
				}
				js += fmt.Sprintf(`{"k": %d}`, p*1000+batch*100+i)
			}
			b = append(b, js+"]")
		}
		parts = append(parts, b)
	}
	src := source(t, in, parts...)
	const seed, lower, upper = 42, 0.25, 0.75
	var want []string
	for p := range 3 {
		rng := expr.NewXORShiftRandom(seed + int64(p))
		for batch := range 2 {
			for i := range 50 {
				if x := rng.NextDouble(); x >= lower && x < upper {
					want = append(want, fmt.Sprint(p*1000+batch*100+i))
				}
			}
		}
	}
	got := rows(t, NewSample(src, lower, upper, false, seed))
	eqSet(t, "sample", got, want)
	if len(want) < 60 || len(want) > 240 {
		t.Fatalf("kept %d of 300 rows at fraction 0.5", len(want))
	}
	// The whole range keeps everything, an empty one nothing.
	if n := len(rows(t, NewSample(src, 0, 1, false, seed))); n != 300 {
		t.Errorf("fraction 1 kept %d rows", n)
	}
	if n := len(rows(t, NewSample(src, 0.5, 0.5, false, seed))); n != 0 {
		t.Errorf("fraction 0 kept %d rows", n)
	}
}

func TestSampleWithReplacement(t *testing.T) {
	in := schemaOf("k", i64)
	js := "["
	for i := range 2000 {
		if i > 0 {
			js += ","
		}
		js += fmt.Sprintf(`{"k": %d}`, i)
	}
	src := source(t, in, []string{js + "]"})
	got := rows(t, NewSample(src, 0, 2, true, 7))
	// Poisson(2) copies per row: about 4000 rows, repeated rows next to each other.
	if len(got) < 3600 || len(got) > 4400 {
		t.Fatalf("%d rows for 2000 rows at fraction 2", len(got))
	}
	again := rows(t, NewSample(src, 0, 2, true, 7))
	eqStrings(t, "same seed", again, got)
	if n := len(rows(t, NewSample(src, 0, 0, true, 7))); n != 0 {
		t.Errorf("fraction 0 with replacement kept %d rows", n)
	}
}

// java.util.Random(0).nextLong() is -4962768465676381896, the seed of partition 0.
func TestSamplePartitionSeed(t *testing.T) {
	if got := partitionSeed(0, 0); got != -4962768465676381896 {
		t.Errorf("partitionSeed(0, 0) = %d", got)
	}
}

// Draws of commons-math3's Well19937c(seed).nextDouble() (index 0, 1, 2 and 1999) and
// the second nextLong of java.util.Random(seed), as the JVM computes them.
func TestSampleGenerators(t *testing.T) {
	for _, c := range []struct {
		seed  int64
		draws [4]float64
		long2 int64
	}{
		{0, [4]float64{0.7432416673360078, 0.5918164732033864, 0.35784127141869404, 0.49408250922315533}, 4437113781045784766},
		{42, [4]float64{0.28813207678514097, 0.7223645124852498, 0.8257405585114455, 0.7724460975186205}, -5843495416241995736},
		{-4962768465676381896, [4]float64{0.3744016863636168, 0.7752190234726493, 0.008519871772194376, 0.5437775550288142}, -3815227316620487174},
	} {
		w := newWell19937c(c.seed)
		var got [4]float64
		for i := range 2000 {
			d := w.nextDouble()
			switch i {
			case 0, 1, 2:
				got[i] = d
			case 1999:
				got[3] = d
			}
		}
		if got != c.draws {
			t.Errorf("Well19937c(%d): %v, want %v", c.seed, got, c.draws)
		}
		if l := partitionSeed(c.seed, 1); l != c.long2 {
			t.Errorf("Random(%d) second nextLong = %d, want %d", c.seed, l, c.long2)
		}
	}
}
