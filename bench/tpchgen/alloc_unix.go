//go:build unix

package tpchgen

import "syscall"

// allocPool returns n bytes for the text pool outside the Go heap, so the
// large pointer-free pool does not double the garbage collector's heap
// target, and a function releasing them.
func allocPool(n int) ([]byte, func()) {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n), nil
	}
	return b, func() { _ = syscall.Munmap(b) }
}
