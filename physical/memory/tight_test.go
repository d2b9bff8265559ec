package memory

import (
	"bytes"
	"testing"

	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
)

func TestTightAllocatorMovesShrunkBuffers(t *testing.T) {
	checked := arrowmem.NewCheckedAllocator(arrowmem.NewGoAllocator())
	defer checked.AssertSize(t, 0)
	a := NewTightAllocator(checked)
	for _, c := range []struct {
		reserve, keep int
		moved         bool
	}{
		{128 << 10, 64 << 10, true},   // the Parquet reader's doubled reservation
		{128 << 10, 120 << 10, false}, // a little slack stays
		{8 << 10, 5 << 10, false},     // less than 4 KiB unused stays
		{1 << 20, 1, true},
	} {
		buf := arrowmem.NewResizableBuffer(a)
		buf.ResizeNoShrink(c.reserve)
		for i := range buf.Bytes() {
			buf.Bytes()[i] = byte(i * 7)
		}
		want := bytes.Clone(buf.Bytes()[:c.keep])
		before := cap(buf.Buf())
		buf.Resize(c.keep)
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("reserve %d keep %d: contents changed", c.reserve, c.keep)
		}
		if moved := cap(buf.Buf()) < before; moved != c.moved {
			t.Errorf("reserve %d keep %d: moved = %v (cap %d -> %d), want %v", c.reserve, c.keep, moved, before, cap(buf.Buf()), c.moved)
		}
		if c.moved && cap(buf.Buf())-c.keep > tightSlack(c.keep)+64 {
			t.Errorf("reserve %d keep %d: still %d bytes of capacity", c.reserve, c.keep, cap(buf.Buf()))
		}
		buf.ResizeNoShrink(c.reserve) // growing again works as before
		if !bytes.Equal(buf.Bytes()[:c.keep], want) {
			t.Errorf("reserve %d keep %d: contents changed after growing", c.reserve, c.keep)
		}
		buf.Release()
	}
}
