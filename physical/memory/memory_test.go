package memory

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

func TestPoolReservations(t *testing.T) {
	p := NewPool(1000)
	a := p.NewReservation("a")
	b := p.NewReservation("b")
	if err := a.TryGrow(600); err != nil {
		t.Fatal(err)
	}
	err := b.TryGrow(500)
	e, ok := sparkerror.As(err)
	if !ok || e.Class != "UNABLE_TO_ACQUIRE_MEMORY" || e.SQLState != "53200" ||
		e.Error() != "[UNABLE_TO_ACQUIRE_MEMORY] Unable to acquire 500 bytes of memory, got 0. SQLSTATE: 53200" {
		t.Fatalf("error: %v", err)
	}
	if e.Classes()[0] != "org.apache.spark.memory.SparkOutOfMemoryError" || !IsOutOfMemory(err) {
		t.Fatalf("classes %v", e.Classes())
	}
	if !strings.Contains(e.Unwrap().Error(), "a=600") {
		t.Fatalf("detail %v", e.Unwrap())
	}
	b.Grow(500) // forced past the limit
	if p.Used() != 1100 || p.Peak() != 1100 {
		t.Fatalf("used %d peak %d", p.Used(), p.Peak())
	}
	a.Shrink(100)
	if a.Size() != 500 || p.Used() != 1000 {
		t.Fatalf("after shrink: %d %d", a.Size(), p.Used())
	}
	if err := a.TryResize(200); err != nil || p.Used() != 700 {
		t.Fatalf("resize: %v %d", err, p.Used())
	}
	if n := b.Free(); n != 500 || p.Used() != 200 {
		t.Fatalf("free %d used %d", n, p.Used())
	}
	a.Close()
	b.Close()
	if p.Used() != 0 {
		t.Fatalf("used %d", p.Used())
	}

	// Concurrent growth never exceeds the limit.
	p = NewPool(10000)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := p.NewReservation("w")
			defer r.Close()
			for range 1000 {
				if r.TryGrow(7) == nil && p.Used() > 10000 {
					t.Error("over the limit")
				}
			}
		}()
	}
	wg.Wait()
	if p.Used() != 0 {
		t.Fatalf("used %d", p.Used())
	}

	// Unlimited pools and the context.
	if FromContext(context.Background()).Limit() != 0 {
		t.Fatal("default pool must be unlimited")
	}
	q := NewPool(5)
	if FromContext(WithPool(context.Background(), q)) != q {
		t.Fatal("context pool")
	}
}

func TestSpillableShare(t *testing.T) {
	p := NewPool(1000)
	hash := p.NewReservation("hash")
	s1 := p.NewSpillableReservation("sort1")
	s2 := p.NewSpillableReservation("sort2")
	if err := hash.TryGrow(200); err != nil {
		t.Fatal(err)
	}
	// (1000 - 200) * 3/4 / 2 = 300 each.
	if err := s1.TryGrow(300); err != nil {
		t.Fatal(err)
	}
	if err := s1.TryGrow(1); !IsOutOfMemory(err) {
		t.Fatalf("share exceeded: %v", err)
	}
	s2.Close()
	if err := s1.TryGrow(290); err != nil { // now 600 alone
		t.Fatal(err)
	}
	if err := hash.TryGrow(200); err != nil { // unspillable still has room
		t.Fatal(err)
	}
}

func TestSpillFiles(t *testing.T) {
	parent := t.TempDir()
	d := NewSpillDir(parent)
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	w, err := NewSpillWriter(d, "test", schema)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		b, _, err := array.RecordFromJSON(arrowmem.DefaultAllocator, schema,
			strings.NewReader(`[{"x":1,"s":"a"},{"x":null,"s":null}]`))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
		b.Release()
		_ = i
	}
	f, err := w.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows() != 6 || f.Bytes() == 0 {
		t.Fatalf("rows %d bytes %d", f.Rows(), f.Bytes())
	}
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		b, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if b.Column(1).ValueStr(0) != "a" || !b.Column(0).IsNull(1) {
			t.Fatal("spilled values")
		}
		n += int(b.NumRows())
		b.Release()
	}
	r.Close()
	if n != 6 {
		t.Fatalf("read %d rows", n)
	}
	dir, _ := d.Path()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("spill dir not removed: %v", err)
	}
	if _, err := d.CreateFile("x"); err == nil {
		t.Fatal("closed dir must refuse files")
	}
	if SpillDirFromContext(context.Background()) != nil || SpillDirFromContext(WithSpillDir(context.Background(), d)) != d {
		t.Fatal("spill dir context")
	}
}

func TestSpillFileBatchAt(t *testing.T) {
	d := NewSpillDir(t.TempDir())
	defer d.Close()
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64}}, nil)
	w, err := NewSpillWriter(d, "test", schema)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		b, _, err := array.RecordFromJSON(arrowmem.DefaultAllocator, schema, strings.NewReader(`[{"x":`+string(rune('0'+i))+`}]`))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
		b.Release()
	}
	if w.Batches() != 3 || w.Rows() != 3 || w.Bytes() == 0 {
		t.Fatalf("written: %d batches, %d rows, %d bytes", w.Batches(), w.Rows(), w.Bytes())
	}
	f, err := w.Finish()
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Batches() != 3 {
		t.Fatalf("%d batches", r.Batches())
	}
	for _, i := range []int{2, 0, 1} {
		b, err := r.BatchAt(i)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Column(0).ValueStr(0); got != string(rune('0'+i)) {
			t.Fatalf("batch %d holds %s", i, got)
		}
		b.Release()
	}
	if _, err := r.BatchAt(3); err == nil {
		t.Fatal("batch 3 of 3")
	}
}
