package tpchgen

import (
	"github.com/apache/arrow-go/v18/arrow"
)

type emitFunc = func(arrow.RecordBatch) error

var (
	mfgrNames  [6]string
	brandNames [6][6]string
)

func init() {
	for m := 1; m <= 5; m++ {
		mfgrNames[m] = "Manufacturer#" + string(rune('0'+m))
		for n := 1; n <= 5; n++ {
			brandNames[m][n] = "Brand#" + string(rune('0'+m)) + string(rune('0'+n))
		}
	}
}

func (g *Generator) genPart(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamPart]
	bs := int64(g.cfg.RowGroupRows)
	var buf []byte
	for start := lo; start < hi; start += bs {
		end := min(hi, start+bs)
		n := int(end - start)
		keys := make([]int64, 0, n)
		names := newStrCol(n, 50)
		mfgrs := newStrCol(n, 14)
		brands := newStrCol(n, 8)
		types := newStrCol(n, 25)
		sizes := make([]int32, 0, n)
		conts := newStrCol(n, 10)
		prices := make([]int64, 0, n)
		comments := newStrCol(n, 22)
		for i := start; i < end; i++ {
			pk := i + 1
			r := rowRNG(base, i)
			// P_NAME: five distinct words of the colour list.
			var used [2]uint64
			buf = buf[:0]
			for k := 0; k < 5; {
				c := r.intn(int64(len(colors)))
				if used[c/64]&(1<<(c%64)) != 0 {
					continue
				}
				used[c/64] |= 1 << (c % 64)
				if k > 0 {
					buf = append(buf, ' ')
				}
				buf = append(buf, colors[c]...)
				k++
			}
			keys = append(keys, pk)
			names.addBytes(buf)
			m := r.between(1, 5)
			mfgrs.add(mfgrNames[m])
			brands.add(brandNames[m][r.between(1, 5)])
			types.add(partTypes[r.intn(int64(len(partTypes)))])
			sizes = append(sizes, int32(r.between(1, 50)))
			conts.add(containers[r.intn(int64(len(containers)))])
			prices = append(prices, retailPrice(pk))
			comments.add(pool.text(&r, 5, 22))
		}
		if err := emit(makeBatch(schemas[Part], []arrow.Array{
			int64Array(keys), names.array(), mfgrs.array(), brands.array(), types.array(),
			int32Array(i32, sizes), conts.array(), decArray(prices), comments.array(),
		})); err != nil {
			return err
		}
	}
	return nil
}

func (g *Generator) genSupplier(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamSupplier]
	bs := int64(g.cfg.RowGroupRows)
	var buf []byte
	for start := lo; start < hi; start += bs {
		end := min(hi, start+bs)
		n := int(end - start)
		keys := make([]int64, 0, n)
		names := newStrCol(n, 18)
		addrs := newStrCol(n, 40)
		nats := make([]int64, 0, n)
		phones := newStrCol(n, 15)
		bals := make([]int64, 0, n)
		comments := newStrCol(n, 100)
		for i := start; i < end; i++ {
			sk := i + 1
			r := rowRNG(base, i)
			keys = append(keys, sk)
			buf = appendPadded(buf[:0], "Supplier#", sk, 9)
			names.addBytes(buf)
			buf = appendVString(buf[:0], &r, 10, 40)
			addrs.addBytes(buf)
			nation := r.intn(25)
			nats = append(nats, nation)
			buf = appendPhone(buf[:0], &r, nation)
			phones.addBytes(buf)
			bals = append(bals, r.between(-99999, 999999))
			c := pool.text(&r, 25, 100)
			if kind := g.special[i]; kind != 0 {
				buf = append(buf[:0], c...)
				buf = markComment(buf, &r, kind)
				comments.addBytes(buf)
			} else {
				comments.add(c)
			}
		}
		if err := emit(makeBatch(schemas[Supplier], []arrow.Array{
			int64Array(keys), names.array(), addrs.array(), int64Array(nats),
			phones.array(), decArray(bals), comments.array(),
		})); err != nil {
			return err
		}
	}
	return nil
}

// markComment overwrites part of a supplier comment with "Customer ",
// some of the original text, and "Complaints" (kind 1) or "Recommends"
// (kind 2), at a random position.
func markComment(c []byte, r *rng, kind uint8) []byte {
	const head = "Customer "
	tail := "Complaints"
	if kind == 2 {
		tail = "Recommends"
	}
	room := int64(len(c) - len(head) - len(tail))
	gap := r.between(0, room)
	pos := int(r.between(0, room-gap))
	copy(c[pos:], head)
	copy(c[pos+len(head)+int(gap):], tail)
	return c
}

func (g *Generator) genPartSupp(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamPartSupp]
	bs := max(1, int64(g.cfg.RowGroupRows)/4)
	S := g.suppliers
	for start := lo; start < hi; start += bs {
		end := min(hi, start+bs)
		n := int(end-start) * 4
		pks := make([]int64, 0, n)
		sks := make([]int64, 0, n)
		qtys := make([]int32, 0, n)
		costs := make([]int64, 0, n)
		comments := newStrCol(n, 198)
		for i := start; i < end; i++ {
			pk := i + 1
			r := rowRNG(base, i)
			for j := int64(0); j < 4; j++ {
				pks = append(pks, pk)
				sks = append(sks, partSupplier(pk, j, S))
				qtys = append(qtys, int32(r.between(1, 9999)))
				costs = append(costs, r.between(100, 100000))
				comments.add(pool.text(&r, 49, 198))
			}
		}
		if err := emit(makeBatch(schemas[PartSupp], []arrow.Array{
			int64Array(pks), int64Array(sks), int32Array(i32, qtys), decArray(costs), comments.array(),
		})); err != nil {
			return err
		}
	}
	return nil
}

func (g *Generator) genCustomer(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamCustomer]
	bs := int64(g.cfg.RowGroupRows)
	var buf []byte
	for start := lo; start < hi; start += bs {
		end := min(hi, start+bs)
		n := int(end - start)
		keys := make([]int64, 0, n)
		names := newStrCol(n, 18)
		addrs := newStrCol(n, 40)
		nats := make([]int64, 0, n)
		phones := newStrCol(n, 15)
		bals := make([]int64, 0, n)
		segs := newStrCol(n, 10)
		comments := newStrCol(n, 116)
		for i := start; i < end; i++ {
			ck := i + 1
			r := rowRNG(base, i)
			keys = append(keys, ck)
			buf = appendPadded(buf[:0], "Customer#", ck, 9)
			names.addBytes(buf)
			buf = appendVString(buf[:0], &r, 10, 40)
			addrs.addBytes(buf)
			nation := r.intn(25)
			nats = append(nats, nation)
			buf = appendPhone(buf[:0], &r, nation)
			phones.addBytes(buf)
			bals = append(bals, r.between(-99999, 999999))
			segs.add(segments[r.intn(int64(len(segments)))])
			comments.add(pool.text(&r, 29, 116))
		}
		if err := emit(makeBatch(schemas[Customer], []arrow.Array{
			int64Array(keys), names.array(), addrs.array(), int64Array(nats),
			phones.array(), decArray(bals), segs.array(), comments.array(),
		})); err != nil {
			return err
		}
	}
	return nil
}

// line is one generated lineitem (without its comment).
type line struct {
	partkey, suppkey           int64
	quantity, price, disc, tax int64 // cents
	ship, commit, receipt      int32
	returnflag, linestatus     byte
	instruct, mode             uint8
}

// order is one generated order with its lineitems (without comments).
type order struct {
	key, custkey, clerk int64
	date                int32
	priority            uint8
	status              byte
	total               int64 // cents
	nlines              int
	lines               [7]line
}

// genOrder computes order i (0-based) and its lines (Clause 4.2.3).
func (g *Generator) genOrder(i int64, o *order) {
	r := rowRNG(g.bases[streamOrder], i)
	o.key = orderKey(i)
	o.nlines = int(r.between(1, 7))
	// One third of the customers (custkey divisible by 3) place no orders:
	// draw among the others.
	k := r.intn(g.customers - g.customers/3)
	o.custkey = k/2*3 + k%2 + 1
	o.date = startDate + int32(r.intn(int64(endDate-151-startDate)+1))
	o.priority = uint8(r.intn(int64(len(priorities))))
	o.clerk = r.between(1, g.clerks)
	var total int64
	nF := 0
	for j := 0; j < o.nlines; j++ {
		l := &o.lines[j]
		l.partkey = r.between(1, g.parts)
		l.suppkey = partSupplier(l.partkey, r.intn(4), g.suppliers)
		q := r.between(1, 50)
		l.quantity = q * 100
		l.price = q * retailPrice(l.partkey)
		l.disc = r.between(0, 10)
		l.tax = r.between(0, 8)
		l.ship = o.date + int32(r.between(1, 121))
		l.commit = o.date + int32(r.between(30, 90))
		l.receipt = l.ship + int32(r.between(1, 30))
		ra := r.intn(2)
		switch {
		case l.receipt > currentDate:
			l.returnflag = 'N'
		case ra == 0:
			l.returnflag = 'R'
		default:
			l.returnflag = 'A'
		}
		if l.ship > currentDate {
			l.linestatus = 'O'
		} else {
			l.linestatus = 'F'
			nF++
		}
		l.instruct = uint8(r.intn(int64(len(instructions))))
		l.mode = uint8(r.intn(int64(len(shipModes))))
		total += l.price * (100 + l.tax) * (100 - l.disc)
	}
	o.total = (total + 5000) / 10000
	switch nF {
	case o.nlines:
		o.status = 'F'
	case 0:
		o.status = 'O'
	default:
		o.status = 'P'
	}
}

var flagStrings = [256]string{'A': "A", 'F': "F", 'N': "N", 'O': "O", 'P': "P", 'R': "R"}

func (g *Generator) genOrders(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	cbase := g.bases[streamOrderComment]
	bs := int64(g.cfg.RowGroupRows)
	var buf []byte
	var o order
	for start := lo; start < hi; start += bs {
		end := min(hi, start+bs)
		n := int(end - start)
		keys := make([]int64, 0, n)
		custs := make([]int64, 0, n)
		stats := newStrCol(n, 1)
		totals := make([]int64, 0, n)
		dates := make([]int32, 0, n)
		prios := newStrCol(n, 15)
		clerks := newStrCol(n, 15)
		shipprio := make([]int32, n)
		comments := newStrCol(n, 78)
		for i := start; i < end; i++ {
			g.genOrder(i, &o)
			keys = append(keys, o.key)
			custs = append(custs, o.custkey)
			stats.add(flagStrings[o.status])
			totals = append(totals, o.total)
			dates = append(dates, o.date)
			prios.add(priorities[o.priority])
			buf = appendPadded(buf[:0], "Clerk#", o.clerk, 9)
			clerks.addBytes(buf)
			r := rowRNG(cbase, i)
			comments.add(pool.text(&r, 19, 78))
		}
		if err := emit(makeBatch(schemas[Orders], []arrow.Array{
			int64Array(keys), int64Array(custs), stats.array(), decArray(totals),
			int32Array(date, dates), prios.array(), clerks.array(), int32Array(i32, shipprio),
			comments.array(),
		})); err != nil {
			return err
		}
	}
	return nil
}

type lineCols struct {
	okeys, pkeys, skeys        []int64
	lnums                      []int32
	qtys, prices, discs, taxes []int64
	rflags, lstats             strCol
	ships, commits, receipts   []int32
	instructs, modes, comments strCol
}

func newLineCols(n int) *lineCols {
	return &lineCols{
		okeys: make([]int64, 0, n), pkeys: make([]int64, 0, n), skeys: make([]int64, 0, n),
		lnums: make([]int32, 0, n),
		qtys:  make([]int64, 0, n), prices: make([]int64, 0, n), discs: make([]int64, 0, n), taxes: make([]int64, 0, n),
		rflags: newStrCol(n, 1), lstats: newStrCol(n, 1),
		ships: make([]int32, 0, n), commits: make([]int32, 0, n), receipts: make([]int32, 0, n),
		instructs: newStrCol(n, 17), modes: newStrCol(n, 7), comments: newStrCol(n, 43),
	}
}

func (c *lineCols) batch() arrow.RecordBatch {
	return makeBatch(schemas[Lineitem], []arrow.Array{
		int64Array(c.okeys), int64Array(c.pkeys), int64Array(c.skeys), int32Array(i32, c.lnums),
		decArray(c.qtys), decArray(c.prices), decArray(c.discs), decArray(c.taxes),
		c.rflags.array(), c.lstats.array(),
		int32Array(date, c.ships), int32Array(date, c.commits), int32Array(date, c.receipts),
		c.instructs.array(), c.modes.array(), c.comments.array(),
	})
}

func (g *Generator) genLineitem(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	cbase := g.bases[streamLineComment]
	bs := g.cfg.RowGroupRows
	var o order
	c := newLineCols(bs)
	for i := lo; i < hi; i++ {
		g.genOrder(i, &o)
		for j := 0; j < o.nlines; j++ {
			l := &o.lines[j]
			c.okeys = append(c.okeys, o.key)
			c.pkeys = append(c.pkeys, l.partkey)
			c.skeys = append(c.skeys, l.suppkey)
			c.lnums = append(c.lnums, int32(j+1))
			c.qtys = append(c.qtys, l.quantity)
			c.prices = append(c.prices, l.price)
			c.discs = append(c.discs, l.disc)
			c.taxes = append(c.taxes, l.tax)
			c.rflags.add(flagStrings[l.returnflag])
			c.lstats.add(flagStrings[l.linestatus])
			c.ships = append(c.ships, l.ship)
			c.commits = append(c.commits, l.commit)
			c.receipts = append(c.receipts, l.receipt)
			c.instructs.add(instructions[l.instruct])
			c.modes.add(shipModes[l.mode])
			r := rowRNG(cbase, i*8+int64(j))
			c.comments.add(pool.text(&r, 10, 43))
			if len(c.okeys) == bs {
				if err := emit(c.batch()); err != nil {
					return err
				}
				c = newLineCols(bs)
			}
		}
	}
	if len(c.okeys) > 0 {
		return emit(c.batch())
	}
	return nil
}

func (g *Generator) genNation(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamNation]
	n := int(hi - lo)
	if n <= 0 {
		return nil
	}
	keys := make([]int64, 0, n)
	names := newStrCol(n, 8)
	regs := make([]int64, 0, n)
	comments := newStrCol(n, 73)
	for i := lo; i < hi; i++ {
		r := rowRNG(base, i)
		keys = append(keys, i)
		names.add(nations[i].name)
		regs = append(regs, nations[i].region)
		comments.add(pool.text(&r, 31, 114))
	}
	return emit(makeBatch(schemas[Nation], []arrow.Array{
		int64Array(keys), names.array(), int64Array(regs), comments.array(),
	}))
}

func (g *Generator) genRegion(lo, hi int64, emit emitFunc) error {
	pool := g.textPool()
	base := g.bases[streamRegion]
	n := int(hi - lo)
	if n <= 0 {
		return nil
	}
	keys := make([]int64, 0, n)
	names := newStrCol(n, 8)
	comments := newStrCol(n, 73)
	for i := lo; i < hi; i++ {
		r := rowRNG(base, i)
		keys = append(keys, i)
		names.add(regions[i])
		comments.add(pool.text(&r, 31, 115))
	}
	return emit(makeBatch(schemas[Region], []arrow.Array{
		int64Array(keys), names.array(), comments.array(),
	}))
}
