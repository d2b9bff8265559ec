package tpchgen

import (
	"context"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// shippedSF01 is the dbgen data shipped beside the project (../shared).
var shippedSF01 = filepath.Join("..", "..", "..", "shared", "benchmarks", "tpch", "data", "sf0.1")

func needShipped(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(shippedSF01); err != nil {
		t.Skipf("shipped SF0.1 data not found at %s", shippedSF01)
	}
}

// cols is a table materialised column by column for checks.
type cols struct {
	n    int
	i64  map[string][]int64
	i32  map[string][]int32
	strs map[string][]string
}

func collect(t testing.TB, recs []arrow.RecordBatch) *cols {
	t.Helper()
	c := &cols{i64: map[string][]int64{}, i32: map[string][]int32{}, strs: map[string][]string{}}
	for _, rec := range recs {
		c.n += int(rec.NumRows())
		for k, f := range rec.Schema().Fields() {
			switch a := rec.Column(k).(type) {
			case *array.Int64:
				c.i64[f.Name] = append(c.i64[f.Name], a.Int64Values()...)
			case *array.Int32:
				c.i32[f.Name] = append(c.i32[f.Name], a.Int32Values()...)
			case *array.Date32:
				for _, v := range a.Date32Values() {
					c.i32[f.Name] = append(c.i32[f.Name], int32(v))
				}
			case *array.Decimal128:
				for i := 0; i < a.Len(); i++ {
					v := a.Value(i)
					if !v.FitsInPrecision(18) {
						t.Fatalf("%s: decimal out of range", f.Name)
					}
					c.i64[f.Name] = append(c.i64[f.Name], int64(v.LowBits()))
				}
			case *array.String:
				for i := 0; i < a.Len(); i++ {
					c.strs[f.Name] = append(c.strs[f.Name], a.Value(i))
				}
			default:
				t.Fatalf("%s: unexpected array type %T", f.Name, a)
			}
			if rec.Column(k).NullN() != 0 {
				t.Fatalf("%s: unexpected nulls", f.Name)
			}
		}
	}
	return c
}

func generate(t testing.TB, g *Generator, table string, parts int) []arrow.RecordBatch {
	t.Helper()
	var recs []arrow.RecordBatch
	for p := range parts {
		if err := g.Generate(table, p, parts, func(r arrow.RecordBatch) error {
			if int(r.NumRows()) > g.cfg.RowGroupRows {
				t.Fatalf("%s: batch of %d rows", table, r.NumRows())
			}
			recs = append(recs, r)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	return recs
}

var sf001 = func() func(t testing.TB) (*Generator, map[string]*cols) {
	var g *Generator
	var data map[string]*cols
	return func(t testing.TB) (*Generator, map[string]*cols) {
		if g == nil {
			var err error
			g, err = New(Config{Scale: 0.01, Seed: 7, RowGroupRows: 4096})
			if err != nil {
				t.Fatal(err)
			}
			data = map[string]*cols{}
			for _, tb := range Tables {
				data[tb] = collect(t, generate(t, g, tb, 3))
			}
		}
		return g, data
	}
}()

func TestWordLists(t *testing.T) {
	if len(colors) != 92 || len(partTypes) != 150 || len(containers) != 40 {
		t.Fatalf("colors %d types %d containers %d", len(colors), len(partTypes), len(containers))
	}
	for _, d := range []struct {
		name string
		w    *weighted
		n    int
	}{{"nouns", nouns, 45}, {"verbs", verbs, 40}, {"adjectives", adjectives, 29}, {"adverbs", adverbs, 28},
		{"prepositions", prepositions, 47}, {"auxiliaries", auxiliaries, 18}, {"terminators", terminators, 6}} {
		if len(d.w.words) != d.n {
			t.Errorf("%s: %d words, want %d", d.name, len(d.w.words), d.n)
		}
	}
}

func TestRowCounts(t *testing.T) {
	g, data := sf001(t)
	want := map[string]int{Part: 2000, Supplier: 100, PartSupp: 8000, Customer: 1500, Orders: 15000, Nation: 25, Region: 5}
	for tb, n := range want {
		if data[tb].n != n {
			t.Errorf("%s: %d rows, want %d", tb, data[tb].n, n)
		}
		if g.RowCount(tb) != int64(n) {
			t.Errorf("%s: RowCount %d, want %d", tb, g.RowCount(tb), n)
		}
	}
	li := data[Lineitem].n
	if int64(li) != g.RowCount(Lineitem) {
		t.Errorf("lineitem: %d rows, RowCount %d", li, g.RowCount(Lineitem))
	}
	if math.Abs(float64(li)/60000-1) > 0.02 {
		t.Errorf("lineitem: %d rows, want about 60000", li)
	}
	g1, _ := New(Config{Scale: 1})
	for tb, n := range map[string]int64{Part: 200000, Supplier: 10000, PartSupp: 800000, Customer: 150000, Orders: 1500000} {
		if g1.RowCount(tb) != n {
			t.Errorf("SF1 %s: %d rows, want %d", tb, g1.RowCount(tb), n)
		}
	}
}

func TestKeysAndFormulas(t *testing.T) {
	g, d := sf001(t)
	P, S, C := g.parts, g.suppliers, g.customers
	part, ps, supp, cust, ord, li := d[Part], d[PartSupp], d[Supplier], d[Customer], d[Orders], d[Lineitem]
	for i, k := range part.i64["p_partkey"] {
		if k != int64(i+1) {
			t.Fatalf("p_partkey[%d] = %d", i, k)
		}
		want := 90000 + (k/10)%20001 + 100*(k%1000)
		if part.i64["p_retailprice"][i] != want {
			t.Fatalf("p_retailprice of %d = %d, want %d", k, part.i64["p_retailprice"][i], want)
		}
	}
	for i, k := range supp.i64["s_suppkey"] {
		if k != int64(i+1) || supp.strs["s_name"][i] != "Supplier#"+pad9(k) {
			t.Fatalf("supplier %d: key %d name %q", i, k, supp.strs["s_name"][i])
		}
	}
	for i, k := range cust.i64["c_custkey"] {
		if k != int64(i+1) || cust.strs["c_name"][i] != "Customer#"+pad9(k) {
			t.Fatalf("customer %d: key %d name %q", i, k, cust.strs["c_name"][i])
		}
	}
	// partsupp: four suppliers per part following the spec formula.
	pairs := map[[2]int64]bool{}
	for i := range ps.n {
		pk, sk := ps.i64["ps_partkey"][i], ps.i64["ps_suppkey"][i]
		j := int64(i % 4)
		if pk != int64(i/4+1) || sk != (pk+j*(S/4+(pk-1)/S))%S+1 {
			t.Fatalf("partsupp row %d: (%d, %d)", i, pk, sk)
		}
		if pairs[[2]int64{pk, sk}] {
			t.Fatalf("partsupp pair (%d, %d) repeated", pk, sk)
		}
		pairs[[2]int64{pk, sk}] = true
		if q := ps.i32["ps_availqty"][i]; q < 1 || q > 9999 {
			t.Fatalf("ps_availqty %d", q)
		}
		if c := ps.i64["ps_supplycost"][i]; c < 100 || c > 100000 {
			t.Fatalf("ps_supplycost %d", c)
		}
	}
	// orders: sparse keys, customers not divisible by 3.
	orderIdx := map[int64]int{}
	for i, k := range ord.i64["o_orderkey"] {
		// Keys ascend and use only the first 8 of every 32 values.
		if i > 0 && k <= ord.i64["o_orderkey"][i-1] || k>>3&3 != 0 {
			t.Fatalf("o_orderkey[%d] = %d", i, k)
		}
		orderIdx[k] = i
		ck := ord.i64["o_custkey"][i]
		if ck < 1 || ck > C || ck%3 == 0 {
			t.Fatalf("o_custkey %d", ck)
		}
		od := ord.i32["o_orderdate"][i]
		if od < startDate || od > endDate-151 {
			t.Fatalf("o_orderdate %d", od)
		}
		if !regexp.MustCompile(`^Clerk#\d{9}$`).MatchString(ord.strs["o_clerk"][i]) {
			t.Fatalf("o_clerk %q", ord.strs["o_clerk"][i])
		}
	}
	if max := orderKey(int64(ord.n - 1)); max > int64(ord.n)*4 {
		t.Fatalf("max order key %d beyond SF*6,000,000", max)
	}
	// lineitem: keys, dates, flags, and the order's derived columns.
	type agg struct {
		total          int64
		lines, fLines  int
		lastLineNumber int32
	}
	aggs := make([]agg, ord.n)
	for i := range li.n {
		ok := li.i64["l_orderkey"][i]
		oi, found := orderIdx[ok]
		if !found {
			t.Fatalf("l_orderkey %d not in orders", ok)
		}
		pk, sk := li.i64["l_partkey"][i], li.i64["l_suppkey"][i]
		if pk < 1 || pk > P || !pairs[[2]int64{pk, sk}] {
			t.Fatalf("lineitem (%d, %d) not in partsupp", pk, sk)
		}
		a := &aggs[oi]
		ln := li.i32["l_linenumber"][i]
		if ln != a.lastLineNumber+1 || ln > 7 {
			t.Fatalf("order %d: line number %d after %d", ok, ln, a.lastLineNumber)
		}
		a.lastLineNumber = ln
		q, price, disc, tax := li.i64["l_quantity"][i], li.i64["l_extendedprice"][i], li.i64["l_discount"][i], li.i64["l_tax"][i]
		if q < 100 || q > 5000 || q%100 != 0 || disc < 0 || disc > 10 || tax < 0 || tax > 8 {
			t.Fatalf("quantity %d discount %d tax %d", q, disc, tax)
		}
		if price != q/100*(90000+(pk/10)%20001+100*(pk%1000)) {
			t.Fatalf("l_extendedprice %d for quantity %d of part %d", price, q, pk)
		}
		od := ord.i32["o_orderdate"][oi]
		ship, commit, receipt := li.i32["l_shipdate"][i], li.i32["l_commitdate"][i], li.i32["l_receiptdate"][i]
		if ship < od+1 || ship > od+121 || commit < od+30 || commit > od+90 || receipt < ship+1 || receipt > ship+30 || receipt > endDate {
			t.Fatalf("dates order %d ship %d commit %d receipt %d", od, ship, commit, receipt)
		}
		rf, ls := li.strs["l_returnflag"][i], li.strs["l_linestatus"][i]
		if receipt <= currentDate && rf != "R" && rf != "A" || receipt > currentDate && rf != "N" {
			t.Fatalf("l_returnflag %q with receipt %d", rf, receipt)
		}
		if ship > currentDate && ls != "O" || ship <= currentDate && ls != "F" {
			t.Fatalf("l_linestatus %q with ship %d", ls, ship)
		}
		a.total += price * (100 + tax) * (100 - disc)
		a.lines++
		if ls == "F" {
			a.fLines++
		}
	}
	for i, a := range aggs {
		if a.lines == 0 {
			t.Fatalf("order %d has no lines", ord.i64["o_orderkey"][i])
		}
		want := int64(math.Round(float64(a.total) / 10000))
		if got := ord.i64["o_totalprice"][i]; got != want {
			t.Fatalf("o_totalprice %d, want %d", got, want)
		}
		status := "P"
		if a.fLines == a.lines {
			status = "F"
		} else if a.fLines == 0 {
			status = "O"
		}
		if got := ord.strs["o_orderstatus"][i]; got != status {
			t.Fatalf("o_orderstatus %q, want %q", got, status)
		}
	}
}

func pad9(k int64) string {
	s := strings.Repeat("0", 9) + itoa(k)
	return s[len(s)-9:]
}

func itoa(k int64) string { return string(appendPadded(nil, "", k, 0)) }

func TestValueDomains(t *testing.T) {
	_, d := sf001(t)
	phone := regexp.MustCompile(`^(\d\d)-\d{3}-\d{3}-\d{4}$`)
	for _, tc := range []struct{ table, p string }{{Supplier, "s_"}, {Customer, "c_"}} {
		c := d[tc.table]
		for i := range c.n {
			m := phone.FindStringSubmatch(c.strs[tc.p+"phone"][i])
			if m == nil || m[1] != itoa(c.i64[tc.p+"nationkey"][i]+10) {
				t.Fatalf("%s phone %q nation %d", tc.table, c.strs[tc.p+"phone"][i], c.i64[tc.p+"nationkey"][i])
			}
			if b := c.i64[tc.p+"acctbal"][i]; b < -99999 || b > 999999 {
				t.Fatalf("%s acctbal %d", tc.table, b)
			}
			if a := c.strs[tc.p+"address"][i]; len(a) < 10 || len(a) > 40 {
				t.Fatalf("%s address %q", tc.table, a)
			}
		}
	}
	in := func(set []string, v string) bool {
		for _, s := range set {
			if s == v {
				return true
			}
		}
		return false
	}
	p := d[Part]
	brand := regexp.MustCompile(`^Brand#([1-5])[1-5]$`)
	for i := range p.n {
		words := strings.Split(p.strs["p_name"][i], " ")
		seen := map[string]bool{}
		for _, w := range words {
			if !in(colors, w) || seen[w] {
				t.Fatalf("p_name %q", p.strs["p_name"][i])
			}
			seen[w] = true
		}
		m := brand.FindStringSubmatch(p.strs["p_brand"][i])
		if len(words) != 5 || m == nil || p.strs["p_mfgr"][i] != "Manufacturer#"+m[1] {
			t.Fatalf("p_name %q mfgr %q brand %q", p.strs["p_name"][i], p.strs["p_mfgr"][i], p.strs["p_brand"][i])
		}
		if s := p.i32["p_size"][i]; s < 1 || s > 50 || !in(partTypes, p.strs["p_type"][i]) || !in(containers, p.strs["p_container"][i]) {
			t.Fatalf("p_size %d type %q container %q", s, p.strs["p_type"][i], p.strs["p_container"][i])
		}
	}
	checkSet := func(c *cols, col string, set []string) {
		seen := map[string]bool{}
		for _, v := range c.strs[col] {
			if !in(set, v) {
				t.Fatalf("%s value %q", col, v)
			}
			seen[v] = true
		}
		if len(seen) != len(set) {
			t.Errorf("%s: only %d of %d values occur", col, len(seen), len(set))
		}
	}
	checkSet(d[Customer], "c_mktsegment", segments)
	checkSet(d[Orders], "o_orderpriority", priorities)
	checkSet(d[Lineitem], "l_shipinstruct", instructions)
	checkSet(d[Lineitem], "l_shipmode", shipModes)
	checkSet(d[Lineitem], "l_returnflag", []string{"R", "A", "N"})
	checkSet(d[Orders], "o_orderstatus", []string{"F", "O", "P"})
	checkSet(d[Part], "p_type", partTypes)
	checkSet(d[Part], "p_container", containers)
	for _, tc := range []struct {
		table, col string
		lo, hi     int
	}{{Part, "p_comment", 5, 22}, {Supplier, "s_comment", 25, 100}, {PartSupp, "ps_comment", 49, 198},
		{Customer, "c_comment", 29, 116}, {Orders, "o_comment", 19, 78}, {Lineitem, "l_comment", 10, 43},
		{Nation, "n_comment", 31, 114}, {Region, "r_comment", 31, 115}} {
		for _, v := range d[tc.table].strs[tc.col] {
			if len(v) < tc.lo || len(v) > tc.hi {
				t.Fatalf("%s length %d: %q", tc.col, len(v), v)
			}
		}
	}
	for _, v := range d[Orders].i32["o_shippriority"] {
		if v != 0 {
			t.Fatalf("o_shippriority %d", v)
		}
	}
}

// TestTextGrammar checks that the pool consists of grammar sentences made
// of the listed words.
func TestTextGrammar(t *testing.T) {
	pool := buildTextPool(1, 1<<20, 2)
	vocab := map[string]bool{}
	for _, w := range []*weighted{nouns, verbs, adjectives, adverbs, prepositions, auxiliaries} {
		for _, s := range w.words {
			for _, part := range strings.Fields(s) {
				vocab[part] = true
			}
		}
	}
	vocab["the"] = true
	sentences := regexp.MustCompile(`.*?(\.|;|:|\?|!|--) `).FindAllString(pool.s, -1)
	if len(sentences) < 10000 {
		t.Fatalf("only %d sentences", len(sentences))
	}
	n := 0
	for _, s := range sentences {
		n += len(s)
		for _, w := range strings.Fields(strings.TrimSuffix(strings.TrimRight(s, ".;:?! "), "--")) {
			if !vocab[strings.TrimSuffix(w, ",")] {
				t.Fatalf("word %q in %q", w, s)
			}
		}
	}
	// Only the sentences cut at the ends of the 1 MB blocks are lost.
	if len(pool.s) != 1<<20 || n < len(pool.s)-200 {
		t.Fatalf("sentences cover %d of %d bytes", n, len(pool.s))
	}
	for _, pat := range []string{"special", "requests", "regular", "express"} {
		if !strings.Contains(pool.s, pat) {
			t.Errorf("pool lacks %q", pat)
		}
	}
}

func TestSupplierComplaints(t *testing.T) {
	g, err := New(Config{Scale: 0.1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := collect(t, generate(t, g, Supplier, 2))
	complaints, recommends := 0, 0
	for _, s := range c.strs["s_comment"] {
		if regexp.MustCompile(`Customer.*Complaints`).MatchString(s) {
			complaints++
		}
		if regexp.MustCompile(`Customer.*Recommends`).MatchString(s) {
			recommends++
		}
		if len(s) < 25 || len(s) > 100 {
			t.Fatalf("s_comment %q", s)
		}
	}
	if complaints != 1 || recommends != 1 {
		t.Fatalf("complaints %d recommends %d, want 1 each at SF0.1 (SF*5 rounded)", complaints, recommends)
	}
}

func hashBatches(t testing.TB, recs []arrow.RecordBatch) uint64 {
	h := fnv.New64a()
	for _, r := range recs {
		for _, c := range r.Columns() {
			for _, b := range c.Data().Buffers() {
				if b != nil {
					h.Write(b.Bytes())
				}
			}
		}
	}
	return h.Sum64()
}

func TestDeterminism(t *testing.T) {
	for _, tb := range []string{Lineitem, Orders, PartSupp, Supplier} {
		a, _ := New(Config{Scale: 0.005, Seed: 11, RowGroupRows: 1000})
		b, _ := New(Config{Scale: 0.005, Seed: 11, RowGroupRows: 1000, Parallelism: 1})
		c, _ := New(Config{Scale: 0.005, Seed: 12, RowGroupRows: 1000})
		ca := collect(t, generate(t, a, tb, 1))
		cb := collect(t, generate(t, b, tb, 4))
		cc := collect(t, generate(t, c, tb, 1))
		for name, v := range ca.strs {
			if strings.Join(v, "|") != strings.Join(cb.strs[name], "|") {
				t.Errorf("%s.%s differs between a single slice and four slices", tb, name)
			}
			if strings.HasSuffix(name, "comment") && strings.Join(v, "|") == strings.Join(cc.strs[name], "|") {
				t.Errorf("%s.%s equal for different seeds", tb, name)
			}
		}
		for name, v := range ca.i64 {
			for i := range v {
				if v[i] != cb.i64[name][i] {
					t.Fatalf("%s.%s[%d] differs between slicings", tb, name, i)
				}
			}
		}
		if hashBatches(t, generate(t, a, tb, 1)) != hashBatches(t, generate(t, b, tb, 1)) {
			t.Errorf("%s: same seed, different data", tb)
		}
	}
}

func readParquet(t testing.TB, path string) (*arrow.Schema, *file.Reader, arrow.Table) {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(r, pqarrow.ArrowReadProperties{BatchSize: 1 << 16}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	s, err := fr.Schema()
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, r, tbl
}

func TestWriteParquetMatchesShippedSchema(t *testing.T) {
	needShipped(t)
	dir := t.TempDir()
	g, _ := New(Config{Scale: 0.01, Seed: 5})
	stats, err := g.Write(context.Background(), dir, WriteOptions{FilesPerTable: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stats {
		want := 2
		if st.Table == Nation || st.Table == Region {
			want = 1
		}
		files, _ := filepath.Glob(filepath.Join(dir, st.Table, "part-*.parquet"))
		if st.Files != want || len(files) != want {
			t.Errorf("%s: %d files (%d on disk), want %d", st.Table, st.Files, len(files), want)
		}
		var rows int64
		for _, f := range files {
			got, r, tbl := readParquet(t, f)
			rows += tbl.NumRows()
			tbl.Release()
			ref, _, rtbl := readParquet(t, filepath.Join(shippedSF01, st.Table, "part-0.parquet"))
			rtbl.Release()
			if got.NumFields() != ref.NumFields() {
				t.Fatalf("%s: %d fields, shipped %d", st.Table, got.NumFields(), ref.NumFields())
			}
			for k := range got.NumFields() {
				a, b := got.Field(k), ref.Field(k)
				if a.Name != b.Name || !arrow.TypeEqual(a.Type, b.Type) || a.Nullable != b.Nullable {
					t.Errorf("%s field %d: %v, shipped %v", st.Table, k, a, b)
				}
			}
			for k := range r.NumRowGroups() {
				rg := r.MetaData().RowGroup(k)
				if rg.NumRows() > DefaultRowGroupRows {
					t.Errorf("%s: row group of %d rows", f, rg.NumRows())
				}
				cc, _ := rg.ColumnChunk(0)
				if cc.Compression().String() != "SNAPPY" {
					t.Errorf("%s: compression %v", f, cc.Compression())
				}
			}
			r.Close()
		}
		if rows != st.Rows || rows != g.RowCount(st.Table) {
			t.Errorf("%s: %d rows read, %d reported, %d expected", st.Table, rows, st.Rows, g.RowCount(st.Table))
		}
	}
}

func TestNationRegionMatchShipped(t *testing.T) {
	needShipped(t)
	g, _ := New(Config{Scale: 0.01})
	for _, tb := range []string{Nation, Region} {
		_, r, tbl := readParquet(t, filepath.Join(shippedSF01, tb, "part-0.parquet"))
		defer r.Close()
		tr := array.NewTableReader(tbl, -1)
		var ref []arrow.RecordBatch
		for tr.Next() {
			rec := tr.RecordBatch()
			rec.Retain()
			ref = append(ref, rec)
		}
		want := collect(t, ref)
		got := collect(t, generate(t, g, tb, 1))
		p := tb[:1] + "_"
		if strings.Join(got.strs[p+"name"], ",") != strings.Join(want.strs[p+"name"], ",") {
			t.Errorf("%s names %v, shipped %v", tb, got.strs[p+"name"], want.strs[p+"name"])
		}
		for name, v := range want.i64 {
			for i := range v {
				if got.i64[name][i] != v[i] {
					t.Errorf("%s.%s[%d] = %d, shipped %d", tb, name, i, got.i64[name][i], v[i])
				}
			}
		}
	}
}

func TestInvalidConfig(t *testing.T) {
	for _, sf := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := New(Config{Scale: sf}); err == nil {
			t.Errorf("scale %v accepted", sf)
		}
	}
	if _, err := New(Config{Scale: 1, RowGroupRows: 1 << 30}); err == nil {
		t.Error("huge batches accepted")
	}
	g, _ := New(Config{Scale: 0.001})
	if err := g.Generate("nope", 0, 1, nil); err == nil {
		t.Error("unknown table accepted")
	}
	if err := g.Generate(Part, 2, 2, nil); err == nil {
		t.Error("slice 2 of 2 accepted")
	}
	if _, err := g.Write(context.Background(), t.TempDir(), WriteOptions{Tables: []string{"nope"}}); err == nil {
		t.Error("unknown table accepted by Write")
	}
}
