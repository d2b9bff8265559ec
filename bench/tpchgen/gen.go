package tpchgen

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// DefaultRowGroupRows is the number of rows per emitted batch (and Parquet
// row group).
const DefaultRowGroupRows = 122880

// maxRowGroupRows keeps a batch's string data within 32-bit offsets.
const maxRowGroupRows = 1 << 22

// Config parameterises a Generator.
type Config struct {
	// Scale is the TPC-H scale factor (1 = about 1 GB of raw data).
	Scale float64
	// Seed selects the pseudo-random streams; equal seeds give equal data.
	Seed uint64
	// RowGroupRows is the batch size; 0 means DefaultRowGroupRows.
	RowGroupRows int
	// TextPoolSize is the size of the pseudo-text pool comments are cut
	// from; 0 means SpecTextPoolSize scaled down for scale factors below 1
	// (never below 4 MB).
	TextPoolSize int
	// Parallelism bounds the goroutines used; 0 means GOMAXPROCS.
	Parallelism int
}

// Dates of Clause 4.2.2.12 as days since the Unix epoch.
var (
	startDate   = epochDay(1992, 1, 1)
	currentDate = epochDay(1995, 6, 17)
	endDate     = epochDay(1998, 12, 31)
)

func epochDay(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Generator produces the rows of the TPC-H tables at one scale factor.
type Generator struct {
	cfg Config

	parts, suppliers, customers, orders, clerks int64

	bases map[uint64]uint64

	poolOnce sync.Once
	pool     *textPool

	// special marks suppliers whose comment carries "Customer ...
	// Complaints" (1) or "Customer ... Recommends" (2), Clause 4.2.3.
	special map[int64]uint8
}

// New returns a generator for cfg.
func New(cfg Config) (*Generator, error) {
	if !(cfg.Scale > 0) || math.IsInf(cfg.Scale, 0) {
		return nil, fmt.Errorf("tpchgen: scale factor must be positive, got %v", cfg.Scale)
	}
	if cfg.RowGroupRows <= 0 {
		cfg.RowGroupRows = DefaultRowGroupRows
	}
	if cfg.RowGroupRows > maxRowGroupRows {
		return nil, fmt.Errorf("tpchgen: at most %d rows per batch, got %d", maxRowGroupRows, cfg.RowGroupRows)
	}
	if cfg.Parallelism <= 0 {
		cfg.Parallelism = runtime.GOMAXPROCS(0)
	}
	if cfg.TextPoolSize <= 0 {
		cfg.TextPoolSize = int(math.Min(1, cfg.Scale) * SpecTextPoolSize)
		if cfg.TextPoolSize < 4<<20 {
			cfg.TextPoolSize = 4 << 20
		}
	}
	count := func(base float64) int64 {
		return max(1, int64(math.Round(base*cfg.Scale)))
	}
	g := &Generator{
		cfg:       cfg,
		parts:     count(200_000),
		suppliers: count(10_000),
		customers: max(3, count(150_000)),
		orders:    count(1_500_000),
		clerks:    count(1_000),
		bases:     map[uint64]uint64{},
	}
	for s := streamPool; s <= streamRegion; s++ {
		g.bases[s] = streamBase(cfg.Seed, s)
	}
	g.special = map[int64]uint8{}
	nSpecial := int64(math.Round(cfg.Scale * 5))
	if 2*nSpecial > g.suppliers {
		nSpecial = g.suppliers / 2
	}
	r := rowRNG(g.bases[streamSupplierSpecial], 0)
	for kind := uint8(1); kind <= 2; kind++ {
		for k := int64(0); k < nSpecial; {
			row := r.intn(g.suppliers)
			if _, dup := g.special[row]; !dup {
				g.special[row] = kind
				k++
			}
		}
	}
	return g, nil
}

// Config returns the effective configuration.
func (g *Generator) Config() Config { return g.cfg }

func (g *Generator) textPool() *textPool {
	g.poolOnce.Do(func() {
		g.pool = buildTextPool(g.cfg.Seed, g.cfg.TextPoolSize, g.cfg.Parallelism)
	})
	return g.pool
}

// units is the number of generation units of a table: rows, except for
// partsupp (one unit per part, four rows each) and lineitem (one unit per
// order, one to seven rows each).
func (g *Generator) units(table string) int64 {
	switch table {
	case Part, PartSupp:
		return g.parts
	case Supplier:
		return g.suppliers
	case Customer:
		return g.customers
	case Orders, Lineitem:
		return g.orders
	case Nation:
		return int64(len(nations))
	case Region:
		return int64(len(regions))
	}
	return 0
}

// RowCount returns the number of rows of a table (for lineitem it sums the
// line counts of all orders).
func (g *Generator) RowCount(table string) int64 {
	switch table {
	case PartSupp:
		return 4 * g.parts
	case Lineitem:
		var n int64
		base := g.bases[streamOrder]
		for i := range g.orders {
			r := rowRNG(base, i)
			n += r.between(1, 7)
		}
		return n
	}
	return g.units(table)
}

// Generate produces the rows of slice part (0-based) of parts equal slices
// of table, calling emit with batches of at most RowGroupRows rows. Batches
// own their memory; emit must release them. The union of all slices equals
// the whole table, independent of parts.
func (g *Generator) Generate(table string, part, parts int, emit func(arrow.RecordBatch) error) error {
	if schemas[table] == nil {
		return fmt.Errorf("tpchgen: unknown table %q", table)
	}
	if parts < 1 || part < 0 || part >= parts {
		return fmt.Errorf("tpchgen: invalid slice %d of %d", part, parts)
	}
	n := g.units(table)
	lo := n * int64(part) / int64(parts)
	hi := n * int64(part+1) / int64(parts)
	switch table {
	case Part:
		return g.genPart(lo, hi, emit)
	case Supplier:
		return g.genSupplier(lo, hi, emit)
	case PartSupp:
		return g.genPartSupp(lo, hi, emit)
	case Customer:
		return g.genCustomer(lo, hi, emit)
	case Orders:
		return g.genOrders(lo, hi, emit)
	case Lineitem:
		return g.genLineitem(lo, hi, emit)
	case Nation:
		return g.genNation(lo, hi, emit)
	default:
		return g.genRegion(lo, hi, emit)
	}
}

// retailPrice is P_RETAILPRICE in cents (Clause 4.2.3).
func retailPrice(partkey int64) int64 {
	return 90000 + (partkey/10)%20001 + 100*(partkey%1000)
}

// partSupplier is the i-th (0..3) supplier of a part (Clause 4.2.3).
func partSupplier(partkey, i, suppliers int64) int64 {
	return (partkey+i*(suppliers/4+(partkey-1)/suppliers))%suppliers + 1
}

// orderKey maps the 0-based order index onto the sparse key space: of each
// group of 32 keys only the first 8 are used.
func orderKey(i int64) int64 {
	n := i + 1
	return (n>>3)<<5 | n&7
}

func appendPadded(buf []byte, prefix string, v int64, width int) []byte {
	buf = append(buf, prefix...)
	var tmp [20]byte
	d := strconv.AppendInt(tmp[:0], v, 10)
	for k := len(d); k < width; k++ {
		buf = append(buf, '0')
	}
	return append(buf, d...)
}

const vAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, "

// appendVString appends the specification's "random v-string [lo, hi]".
func appendVString(buf []byte, r *rng, lo, hi int) []byte {
	n := int(r.between(int64(lo), int64(hi)))
	var bits uint64
	left := 0
	for range n {
		if left == 0 {
			bits, left = r.next(), 10
		}
		buf = append(buf, vAlphabet[bits&63])
		bits >>= 6
		left--
	}
	return buf
}

// appendPhone appends a phone number of Clause 4.2.2.9.
func appendPhone(buf []byte, r *rng, nation int64) []byte {
	buf = strconv.AppendInt(buf, nation+10, 10)
	buf = append(buf, '-')
	buf = strconv.AppendInt(buf, r.between(100, 999), 10)
	buf = append(buf, '-')
	buf = strconv.AppendInt(buf, r.between(100, 999), 10)
	buf = append(buf, '-')
	return strconv.AppendInt(buf, r.between(1000, 9999), 10)
}
