package memory

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Pool is the memory budget of one query. It is safe for concurrent use.
type Pool struct {
	limit int64

	mu           sync.Mutex
	used         int64
	peak         int64
	reservations map[*Reservation]struct{}
	unspillable  int64 // bytes held by reservations that cannot spill
	spillables   int   // open spillable reservations
}

// NewPool returns a pool that lets its reservations hold at most limitBytes together;
// limitBytes <= 0 means no limit.
func NewPool(limitBytes int64) *Pool {
	if limitBytes < 0 {
		limitBytes = 0
	}
	return &Pool{limit: limitBytes, reservations: map[*Reservation]struct{}{}}
}

// Limit is the pool's budget in bytes, 0 when unlimited.
func (p *Pool) Limit() int64 { return p.limit }

// Used is the number of bytes reserved now.
func (p *Pool) Used() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.used
}

// Peak is the largest number of bytes reserved at once.
func (p *Pool) Peak() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.peak
}

// NewReservation registers a consumer that cannot spill (a hash table it must finish
// building); name appears in out-of-memory errors.
func (p *Pool) NewReservation(name string) *Reservation { return p.newReservation(name, false) }

// NewSpillableReservation registers a consumer that can give memory back by spilling or
// emitting early (sorts, exchanges, partial aggregates). Spillable reservations share
// three quarters of what the unspillable ones leave, equally, so that an unspillable
// consumer starting later still finds room: TryGrow fails once a spillable reservation
// reaches its share, and the consumer spills.
func (p *Pool) NewSpillableReservation(name string) *Reservation {
	return p.newReservation(name, true)
}

func (p *Pool) newReservation(name string, spillable bool) *Reservation {
	r := &Reservation{pool: p, name: name, spillable: spillable}
	p.mu.Lock()
	if p.limit > 0 { // only a limited pool names its consumers in errors
		p.reservations[r] = struct{}{}
	}
	if spillable {
		p.spillables++
	}
	p.mu.Unlock()
	return r
}

// String summarizes the pool and its largest consumers.
func (p *Pool) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.describeLocked()
}

func (p *Pool) describeLocked() string {
	type c struct {
		name string
		size int64
	}
	var cs []c
	for r := range p.reservations {
		if r.size > 0 {
			cs = append(cs, c{r.name, r.size})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].size > cs[j].size })
	if len(cs) > 5 {
		cs = cs[:5]
	}
	parts := make([]string, len(cs))
	for i, x := range cs {
		parts[i] = x.name + "=" + strconv.FormatInt(x.size, 10)
	}
	limit := "unlimited"
	if p.limit > 0 {
		limit = strconv.FormatInt(p.limit, 10)
	}
	return fmt.Sprintf("pool used=%d limit=%s consumers=[%s]", p.used, limit, strings.Join(parts, ", "))
}

// Reservation is the memory one operator (or one partition of it) holds. Its methods are
// safe for concurrent use.
type Reservation struct {
	pool      *Pool
	name      string
	spillable bool
	size      int64 // guarded by pool.mu
	closed    bool
}

// Name is the consumer's name.
func (r *Reservation) Name() string { return r.name }

// Size is the number of bytes the reservation holds.
func (r *Reservation) Size() int64 {
	r.pool.mu.Lock()
	defer r.pool.mu.Unlock()
	return r.size
}

// TryGrow reserves n more bytes, or fails with UNABLE_TO_ACQUIRE_MEMORY (and reserves
// nothing) when the pool would exceed its limit.
func (r *Reservation) TryGrow(n int64) error {
	if n <= 0 {
		return nil
	}
	p := r.pool
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.limit > 0 && p.used+n > p.limit {
		return OutOfMemory(n, 0, r.name+": "+p.describeLocked())
	}
	if p.limit > 0 && r.spillable {
		share := (p.limit - p.unspillable) * 3 / 4 / int64(max(p.spillables, 1))
		if r.size+n > share {
			return OutOfMemory(n, 0, fmt.Sprintf("%s: spillable share %d reached; %s", r.name, share, p.describeLocked()))
		}
	}
	r.growLocked(n)
	return nil
}

// Grow reserves n more bytes even past the limit (for memory already allocated that cannot
// be given back).
func (r *Reservation) Grow(n int64) {
	if n <= 0 {
		return
	}
	r.pool.mu.Lock()
	r.growLocked(n)
	r.pool.mu.Unlock()
}

func (r *Reservation) growLocked(n int64) {
	p := r.pool
	r.size += n
	p.used += n
	if !r.spillable {
		p.unspillable += n
	}
	if p.used > p.peak {
		p.peak = p.used
	}
}

// Shrink gives back n bytes (at most what the reservation holds).
func (r *Reservation) Shrink(n int64) {
	if n <= 0 {
		return
	}
	p := r.pool
	p.mu.Lock()
	n = min(n, r.size)
	r.size -= n
	p.used -= n
	if !r.spillable {
		p.unspillable -= n
	}
	p.mu.Unlock()
}

// TryResize grows or shrinks the reservation to size bytes; growing may fail as TryGrow.
func (r *Reservation) TryResize(size int64) error {
	p := r.pool
	p.mu.Lock()
	delta := size - r.size
	p.mu.Unlock()
	if delta > 0 {
		return r.TryGrow(delta)
	}
	r.Shrink(-delta)
	return nil
}

// Free gives back everything the reservation holds and returns how much that was. The
// reservation stays usable.
func (r *Reservation) Free() int64 {
	p := r.pool
	p.mu.Lock()
	n := r.size
	r.size = 0
	p.used -= n
	if !r.spillable {
		p.unspillable -= n
	}
	p.mu.Unlock()
	return n
}

// Close frees the reservation and unregisters it from the pool.
func (r *Reservation) Close() {
	r.Free()
	p := r.pool
	p.mu.Lock()
	delete(p.reservations, r)
	if r.spillable && !r.closed {
		p.spillables--
	}
	r.closed = true
	p.mu.Unlock()
}

// javaOOM is the class hierarchy of Spark's SparkOutOfMemoryError.
var javaOOM = []string{"org.apache.spark.memory.SparkOutOfMemoryError", "java.lang.OutOfMemoryError",
	"java.lang.VirtualMachineError", "java.lang.Error", "java.lang.Throwable"}

// OutOfMemory is Spark's UNABLE_TO_ACQUIRE_MEMORY error; detail (the pool's state) is kept
// as the cause for logs.
func OutOfMemory(requested, received int64, detail string) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Runtime, "UNABLE_TO_ACQUIRE_MEMORY", "53200",
		"Unable to acquire <requestedBytes> bytes of memory, got <receivedBytes>.",
		map[string]string{"requestedBytes": strconv.FormatInt(requested, 10),
			"receivedBytes": strconv.FormatInt(received, 10)})
	e.JavaClasses = javaOOM
	if detail != "" {
		e.Cause = errors.New(detail)
	}
	return e
}

// IsOutOfMemory reports whether err is (or wraps) UNABLE_TO_ACQUIRE_MEMORY.
func IsOutOfMemory(err error) bool {
	e, ok := sparkerror.As(err)
	return ok && e.Class == "UNABLE_TO_ACQUIRE_MEMORY"
}

type poolKey struct{}

// WithPool returns a context carrying the query's pool.
func WithPool(ctx context.Context, p *Pool) context.Context {
	return context.WithValue(ctx, poolKey{}, p)
}

var unlimited = NewPool(0)

// FromContext returns the context's pool, or a shared unlimited pool when there is none.
func FromContext(ctx context.Context) *Pool {
	if p, ok := ctx.Value(poolKey{}).(*Pool); ok && p != nil {
		return p
	}
	return unlimited
}
