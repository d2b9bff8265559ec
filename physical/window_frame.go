package physical

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
)

// frameSpec is a resolved window frame. Bounds are computed per unit as two arrays: row i
// reads rows [lo[i], hi[i]) (absolute row numbers of the unit, lo <= hi).
type frameSpec struct {
	typ   FrameType
	lower boundSpec
	upper boundSpec
	rng   *rangeKey // RANGE frames with an offset bound
	desc  string
	key   string // identity: frames with equal keys share their bounds
	peers bool   // needs the peer groups (RANGE CURRENT ROW)
}

type boundSpec struct {
	kind BoundKind
	rows int64       // ROWS: the signed distance (Preceding < 0)
	off  rangeOffset // RANGE: the signed offset
}

func frameError(class, msg string, params map[string]string) error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH."+class, "42K09", msg, params)
}

func newFrameSpec(f WindowFrame, orderBy []SortKey) (*frameSpec, error) {
	fs := &frameSpec{typ: f.Type, lower: boundSpec{kind: f.Lower.Kind}, upper: boundSpec{kind: f.Upper.Kind},
		desc: f.String()}
	if f.Lower.Kind == UnboundedFollowing || f.Upper.Kind == UnboundedPreceding || f.Lower.Kind > UnboundedFollowing ||
		f.Upper.Kind > UnboundedFollowing {
		return nil, frameError("SPECIFIED_WINDOW_FRAME_INVALID_BOUND",
			"Cannot resolve \"<sqlExpr>\" due to data type mismatch: Window frame upper bound '<upper>' does not follow the lower bound '<lower>'.",
			map[string]string{"sqlExpr": f.String(), "lower": f.Lower.String(), "upper": f.Upper.String()})
	}
	hasOffset := false
	for _, b := range []struct {
		in  FrameBound
		out *boundSpec
	}{{f.Lower, &fs.lower}, {f.Upper, &fs.upper}} {
		if b.in.Kind == CurrentRow && f.Type == RangeFrame {
			fs.peers = true
		}
		if b.in.Kind != Preceding && b.in.Kind != Following {
			continue
		}
		hasOffset = true
		v, err := constantValue(b.in.Offset, "window frame bound")
		if err != nil {
			return nil, err
		}
		defer v.Release()
		if v.IsNull(0) {
			return nil, sparkerror.InvalidPlanInput("window frame bound %s must not be NULL", b.in.String())
		}
		neg := b.in.Kind == Preceding
		if f.Type == RowsFrame {
			n, ok := integerValue(v)
			if !ok {
				return nil, frameError("SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
					"Cannot resolve \"<sqlExpr>\" due to data type mismatch: The data type of the <location> bound <exprType> does not match the expected data type <expectedType>.",
					map[string]string{"sqlExpr": f.String(), "location": "frame", "exprType": v.DataType().String(),
						"expectedType": `"INT"`})
			}
			if neg {
				n = -n
			}
			b.out.rows = n
			continue
		}
		off, err := parseRangeOffset(v, neg)
		if err != nil {
			return nil, err
		}
		b.out.off = off
	}
	if f.Type == RangeFrame && hasOffset {
		if len(orderBy) != 1 {
			if len(orderBy) == 0 {
				return nil, frameError("RANGE_FRAME_WITHOUT_ORDER",
					"Cannot resolve \"<sqlExpr>\" due to data type mismatch: A range window frame cannot be used in an unordered window specification.",
					map[string]string{"sqlExpr": f.String()})
			}
			return nil, frameError("RANGE_FRAME_MULTI_ORDER",
				"Cannot resolve \"<sqlExpr>\" due to data type mismatch: A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions: <orderSpec>.",
				map[string]string{"sqlExpr": f.String(), "orderSpec": orderBy[0].String()})
		}
		rk, err := newRangeKey(orderBy[0], f, fs)
		if err != nil {
			return nil, err
		}
		fs.rng = rk
	}
	fs.key = fmt.Sprintf("%d|%v|%v", fs.typ, fs.lower, fs.upper)
	if fs.rng != nil {
		fs.key += "|" + fs.rng.loc.String()
	}
	return fs, nil
}

// constantValue evaluates a constant expression over one row of no columns (an
// expression that reads a column is reported, not evaluated).
func constantValue(e expr.Expr, what string) (v arrow.Array, err error) {
	if e == nil {
		return nil, sparkerror.InvalidPlanInput("%s: missing value", what)
	}
	notConstant := sparkerror.InvalidPlanInput("%s must be a constant, not %s", what, e)
	if _, ok := e.(*expr.Column); ok {
		return nil, notConstant
	}
	defer func() {
		if r := recover(); r != nil { // a column reference inside e
			v, err = nil, notConstant
		}
	}()
	b := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer b.Release()
	v, err = e.Eval(b)
	if err != nil {
		return nil, err
	}
	if v.Len() != 1 {
		v.Release()
		return nil, sparkerror.InvalidPlanInput("%s must be a constant", what)
	}
	return v, nil
}

func integerValue(v arrow.Array) (int64, bool) {
	switch a := v.(type) {
	case *array.Int8:
		return int64(a.Value(0)), true
	case *array.Int16:
		return int64(a.Value(0)), true
	case *array.Int32:
		return int64(a.Value(0)), true
	case *array.Int64:
		return a.Value(0), true
	}
	return 0, false
}

// rangeOffset is a RANGE bound's offset, already negated for PRECEDING.
type rangeOffset struct {
	kind   offKind
	i      int64 // offInt: integers (days for dates); offMicros: microseconds
	f      float64
	d      decimal128.Num
	scale  int32
	months int64
	days   int64
}

type offKind uint8

const (
	offInt offKind = iota
	offFloat
	offDecimal
	offMicros   // DAY-TIME interval
	offMonths   // YEAR-MONTH interval
	offCalendar // CalendarInterval: months, days, microseconds
)

func parseRangeOffset(v arrow.Array, neg bool) (rangeOffset, error) {
	var o rangeOffset
	sign := int64(1)
	if neg {
		sign = -1
	}
	if n, ok := integerValue(v); ok {
		o.kind, o.i = offInt, n*sign
		return o, nil
	}
	switch a := v.(type) {
	case *array.Float32:
		o.kind, o.f = offFloat, float64(a.Value(0))*float64(sign)
	case *array.Float64:
		o.kind, o.f = offFloat, a.Value(0)*float64(sign)
	case *array.Decimal128:
		o.kind, o.d, o.scale = offDecimal, a.Value(0), a.DataType().(*arrow.Decimal128Type).Scale
		if neg {
			o.d = o.d.Negate()
		}
	case *array.Duration:
		o.kind, o.i = offMicros, int64(a.Value(0))*sign
	case *array.MonthInterval:
		o.kind, o.months = offMonths, int64(a.Value(0))*sign
	case *array.MonthDayNanoInterval:
		x := a.Value(0)
		o.kind, o.months, o.days, o.i = offCalendar, int64(x.Months)*sign, int64(x.Days)*sign, x.Nanoseconds/1000*sign
	default:
		return o, sparkerror.NotImplemented("a RANGE window frame offset of type " + v.DataType().String())
	}
	return o, nil
}

// rangeKey computes RANGE offset bounds over the single order key: the key and the
// current row's key plus the offset are compared in one domain (int64, float64 or
// decimal at a common scale).
type rangeKey struct {
	key    SortKey
	dom    rangeDomain
	f32    bool  // float32 keys: bounds computed in float32, as Spark does
	scale  int32 // decimal domain scale
	kscale int32 // the key's decimal scale
	loc    *time.Location
	kind   arrow.Type
	ansi   bool // BIGINT bounds that overflow fail (ARITHMETIC_OVERFLOW)
}

type rangeDomain uint8

const (
	domInt rangeDomain = iota
	domFloat
	domDecimal
)

func newRangeKey(k SortKey, f WindowFrame, fs *frameSpec) (*rangeKey, error) {
	dt := k.Expr.DataType()
	rk := &rangeKey{key: k, loc: f.TimeZone, kind: dt.ID(), ansi: f.ANSI}
	if rk.loc == nil {
		rk.loc = time.UTC
	}
	invalid := func(o rangeOffset) error {
		return frameError("RANGE_FRAME_INVALID_TYPE",
			"Cannot resolve \"<sqlExpr>\" due to data type mismatch: The data type <orderSpecType> used in the order specification does not support the data type <valueBoundaryType> which is used in the range frame.",
			map[string]string{"sqlExpr": f.String(), "orderSpecType": dt.String(), "valueBoundaryType": offKindName(o.kind)})
	}
	offs := []*rangeOffset{}
	for _, b := range []*boundSpec{&fs.lower, &fs.upper} {
		if b.kind == Preceding || b.kind == Following {
			offs = append(offs, &b.off)
		}
	}
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
		rk.dom = domInt
		for _, o := range offs {
			switch o.kind {
			case offFloat:
				rk.dom = domFloat
			case offDecimal:
				if rk.dom == domInt {
					rk.dom = domDecimal
				}
			case offInt:
			default:
				return nil, invalid(*o)
			}
		}
	case arrow.FLOAT32, arrow.FLOAT64:
		rk.dom, rk.f32 = domFloat, dt.ID() == arrow.FLOAT32
		for _, o := range offs {
			if o.kind != offInt && o.kind != offFloat && o.kind != offDecimal {
				return nil, invalid(*o)
			}
		}
	case arrow.DECIMAL128:
		rk.dom, rk.kscale = domDecimal, dt.(*arrow.Decimal128Type).Scale
		for _, o := range offs {
			if o.kind != offInt && o.kind != offDecimal {
				return nil, invalid(*o)
			}
		}
	case arrow.DATE32:
		for _, o := range offs {
			switch o.kind {
			case offInt, offMonths:
			case offMicros:
				if o.i%microsPerDay != 0 {
					return nil, invalid(*o)
				}
				o.kind, o.i = offInt, o.i/microsPerDay
			default:
				return nil, invalid(*o)
			}
		}
	case arrow.TIMESTAMP:
		if dt.(*arrow.TimestampType).TimeZone == "" {
			rk.loc = time.UTC // TIMESTAMP_NTZ: local date-times
		}
		for _, o := range offs {
			if o.kind != offMicros && o.kind != offMonths && o.kind != offCalendar {
				return nil, invalid(*o)
			}
		}
	case arrow.DURATION:
		for _, o := range offs {
			if o.kind != offMicros {
				return nil, invalid(*o)
			}
		}
	case arrow.INTERVAL_MONTHS:
		for _, o := range offs {
			if o.kind != offMonths {
				return nil, invalid(*o)
			}
			o.kind, o.i = offInt, o.months
		}
	default:
		return nil, invalid(*offs[0])
	}
	if rk.dom == domDecimal {
		rk.scale = rk.kscale
		for _, o := range offs {
			if o.kind == offDecimal {
				rk.scale = max(rk.scale, o.scale)
			}
		}
	}
	return rk, nil
}

const microsPerDay = 86400 * 1000000

func offKindName(k offKind) string {
	switch k {
	case offInt:
		return `"INT"`
	case offFloat:
		return `"DOUBLE"`
	case offDecimal:
		return `"DECIMAL"`
	case offMicros:
		return `"INTERVAL DAY TO SECOND"`
	case offMonths:
		return `"INTERVAL YEAR TO MONTH"`
	}
	return `"INTERVAL"`
}

// ---- bounds computation ----

// partitions iterates the unit's window partitions.
func (u *winUnit) forParts(fn func(ps, pe int)) {
	for p := 0; p+1 < len(u.parts); p++ {
		fn(int(u.parts[p]), int(u.parts[p+1]))
	}
}

// bounds returns frame fi's bounds (computed once per unit).
func (u *winUnit) bounds(fi int) (lo, hi []int32, err error) {
	if u.lo == nil {
		u.lo = make([][]int32, len(u.s.w.frames))
		u.hi = make([][]int32, len(u.s.w.frames))
	}
	if u.lo[fi] != nil {
		return u.lo[fi], u.hi[fi], nil
	}
	fs := u.s.w.frames[fi]
	lo, hi = make([]int32, u.n), make([]int32, u.n)
	var peerStart, peerEnd []int32
	if fs.peers {
		if peerStart, peerEnd, err = u.peers(); err != nil {
			return nil, nil, err
		}
	}
	var rl, rh []int32 // RANGE offset bounds
	if fs.rng != nil {
		if rl, rh, err = fs.rng.compute(u, fs); err != nil {
			return nil, nil, err
		}
	}
	u.forParts(func(ps, pe int) {
		fill := func(out []int32, b boundSpec, upper bool, peer, rng []int32) {
			switch b.kind {
			case UnboundedPreceding:
				for i := ps; i < pe; i++ {
					out[i] = int32(ps)
				}
			case UnboundedFollowing:
				for i := ps; i < pe; i++ {
					out[i] = int32(pe)
				}
			case CurrentRow, Preceding, Following:
				switch {
				case fs.typ == RangeFrame && b.kind == CurrentRow:
					copy(out[ps:pe], peer[ps:pe])
				case fs.typ == RangeFrame:
					copy(out[ps:pe], rng[ps:pe])
				default:
					span := int64(pe - ps + 1)
					d := min(max(b.rows, -span), span)
					if upper {
						d++
					}
					for i := ps; i < pe; i++ {
						out[i] = int32(min(max(int64(i)+d, int64(ps)), int64(pe)))
					}
				}
			}
		}
		fill(lo, fs.lower, false, peerStart, rl)
		fill(hi, fs.upper, true, peerEnd, rh)
		for i := ps; i < pe; i++ {
			if lo[i] > hi[i] {
				lo[i] = hi[i]
			}
		}
	})
	u.lo[fi], u.hi[fi] = lo, hi
	return lo, hi, nil
}

// peers returns, for every row, the first row of its peer group and the row after its
// last (rows of the partition with equal order keys; all of it without ORDER BY).
func (u *winUnit) peers() (start, end []int32, err error) {
	if u.peerStart != nil {
		return u.peerStart, u.peerEnd, nil
	}
	start, end = make([]int32, u.n), make([]int32, u.n)
	w := u.s.w
	var rows *aggregate.Rows
	if len(w.orderBy) > 0 {
		cols := make([]arrow.Array, len(w.orderBy))
		for i, k := range w.orderBy {
			c, err := u.eval(k.Expr)
			if err != nil {
				return nil, nil, err
			}
			cols[i] = c
		}
		rows = &u.s.orderRows
		u.s.orderEnc.Encode(cols, u.n, rows)
	}
	u.forParts(func(ps, pe int) {
		g := ps
		for i := ps; i < pe; i++ {
			if i > ps && rows != nil && !bytes.Equal(rows.Row(i), rows.Row(i-1)) {
				for j := g; j < i; j++ {
					end[j] = int32(i)
				}
				g = i
			}
			start[i] = int32(g)
		}
		for j := g; j < pe; j++ {
			end[j] = int32(pe)
		}
	})
	u.peerStart, u.peerEnd = start, end
	return start, end, nil
}

// compute returns the RANGE offset bounds of the frame's offset ends (nil for the others).
func (rk *rangeKey) compute(u *winUnit, fs *frameSpec) (lo, hi []int32, err error) {
	key, err := u.eval(rk.key.Expr)
	if err != nil {
		return nil, nil, err
	}
	valid := validityOf(key)
	desc, nullsFirst := rk.key.Descending, rk.key.NullsFirst
	if fs.lower.kind == Preceding || fs.lower.kind == Following {
		lo = make([]int32, u.n)
	}
	if fs.upper.kind == Preceding || fs.upper.kind == Following {
		hi = make([]int32, u.n)
	}
	switch rk.dom {
	case domInt:
		keys, err := rk.intKeys(key)
		if err != nil {
			return nil, nil, err
		}
		bnd := make([]int64, u.n)
		for _, x := range []struct {
			out   []int32
			b     boundSpec
			upper bool
		}{{lo, fs.lower, false}, {hi, fs.upper, true}} {
			if x.out == nil {
				continue
			}
			o := x.b.off
			if desc {
				o = o.negate()
			}
			if err := rk.intBounds(keys, valid, o, bnd); err != nil {
				return nil, nil, err
			}
			rangeSweep(u, keys, bnd, valid, cmp.Compare[int64], desc, nullsFirst, x.out, x.upper)
		}
	case domFloat:
		keys := floatKeys(key)
		bnd := make([]float64, u.n)
		for _, x := range []struct {
			out   []int32
			b     boundSpec
			upper bool
		}{{lo, fs.lower, false}, {hi, fs.upper, true}} {
			if x.out == nil {
				continue
			}
			o := x.b.off
			if desc {
				o = o.negate()
			}
			d := o.float()
			for i, k := range keys {
				if rk.f32 {
					bnd[i] = float64(float32(k) + float32(d))
				} else {
					bnd[i] = k + d
				}
			}
			rangeSweep(u, keys, bnd, valid, compareFloats, desc, nullsFirst, x.out, x.upper)
		}
	case domDecimal:
		keys, err := rk.decimalKeys(key)
		if err != nil {
			return nil, nil, err
		}
		bnd := make([]decimal128.Num, u.n)
		for _, x := range []struct {
			out   []int32
			b     boundSpec
			upper bool
		}{{lo, fs.lower, false}, {hi, fs.upper, true}} {
			if x.out == nil {
				continue
			}
			o := x.b.off
			if desc {
				o = o.negate()
			}
			d, err := o.decimal(rk.scale)
			if err != nil {
				return nil, nil, err
			}
			for i, k := range keys {
				bnd[i] = k.Add(d)
			}
			rangeSweep(u, keys, bnd, valid, decimal128.Num.Cmp, desc, nullsFirst, x.out, x.upper)
		}
	}
	return lo, hi, nil
}

func (o rangeOffset) negate() rangeOffset {
	o.i, o.f, o.months, o.days = -o.i, -o.f, -o.months, -o.days
	o.d = o.d.Negate()
	return o
}

func (o rangeOffset) float() float64 {
	switch o.kind {
	case offInt:
		return float64(o.i)
	case offDecimal:
		return o.d.ToFloat64(o.scale)
	}
	return o.f
}

func (o rangeOffset) decimal(scale int32) (decimal128.Num, error) {
	v, s := decimal128.FromI64(o.i), int32(0)
	if o.kind == offDecimal {
		v, s = o.d, o.scale
	}
	out, err := v.Rescale(s, scale)
	if err != nil || !out.FitsInPrecision(38) {
		return out, sparkerror.NotImplemented("a RANGE window frame offset that does not fit DECIMAL(38)")
	}
	return out, nil
}

// rangeSweep fills out with, for each row, the first row of its partition whose key is
// at or past (upper: past) the row's bound, in the sort order. Rows with a NULL key get
// their partition's NULL rows (NULL plus an offset is NULL, and NULLs are peers).
func rangeSweep[T any](u *winUnit, keys, bnd []T, valid validity, compare func(a, b T) int,
	desc, nullsFirst bool, out []int32, upper bool) {
	u.forParts(func(ps, pe int) {
		// the partition's non-null rows are [a, b)
		a, b := ps, pe
		if valid.any() {
			if nullsFirst {
				for a < pe && !valid.ok(a) {
					a++
				}
			} else {
				for b > ps && !valid.ok(b-1) {
					b--
				}
			}
		}
		nullLo, nullHi := ps, a
		if !nullsFirst {
			nullLo, nullHi = b, pe
		}
		for i := nullLo; i < nullHi; i++ {
			if upper {
				out[i] = int32(nullHi)
			} else {
				out[i] = int32(nullLo)
			}
		}
		j := a
		for i := a; i < b; i++ {
			bi := bnd[i]
			for j < b {
				c := compare(keys[j], bi)
				if desc {
					c = -c
				}
				if c > 0 || (c == 0 && !upper) {
					break
				}
				j++
			}
			out[i] = int32(j)
		}
	})
}

// compareFloats orders doubles as Spark does: NaN above everything, -0.0 equal to 0.0.
func compareFloats(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (rk *rangeKey) intKeys(key arrow.Array) ([]int64, error) {
	switch a := key.(type) {
	case *array.Date32:
		out := make([]int64, a.Len())
		for i, v := range a.Date32Values() {
			out[i] = int64(v)
		}
		return out, nil
	case *array.Timestamp:
		out := make([]int64, a.Len())
		for i, v := range a.TimestampValues() {
			out[i] = int64(v)
		}
		return out, nil
	case *array.Duration:
		out := make([]int64, a.Len())
		for i, v := range a.DurationValues() {
			out[i] = int64(v)
		}
		return out, nil
	case *array.MonthInterval:
		out := make([]int64, a.Len())
		for i, v := range a.MonthIntervalValues() {
			out[i] = int64(v)
		}
		return out, nil
	}
	if vals, ok := intValues(key); ok {
		return vals, nil
	}
	return nil, sparkerror.InternalError("window: RANGE key of type %s", key.DataType())
}

// intBounds computes key + o for the int64 domain, saturating instead of overflowing.
func (rk *rangeKey) intBounds(keys []int64, valid validity, o rangeOffset, out []int64) error {
	switch {
	case rk.kind == arrow.DATE32 && o.kind == offMonths:
		for i, k := range keys {
			if valid.ok(i) {
				out[i] = addMonthsToDays(k, o.months)
			}
		}
	case rk.kind == arrow.TIMESTAMP && (o.kind == offMonths || o.kind == offCalendar):
		for i, k := range keys {
			if valid.ok(i) {
				out[i] = addCalendarToMicros(k, o.months, o.days, o.i, rk.loc)
			}
		}
	default:
		d := o.i
		for i, k := range keys {
			s := k + d
			if (k^s)&(d^s) < 0 && rk.ansi && rk.kind == arrow.INT64 && valid.ok(i) {
				return sparkerror.New(sparkerror.Arithmetic, "ARITHMETIC_OVERFLOW", "22003",
					"<message>.<alternative> If necessary set <config> to \"false\" to bypass this error.",
					map[string]string{"message": "long overflow", "alternative": " Use 'try_add' to tolerate overflow and return NULL instead.",
						"config": `"spark.sql.ansi.enabled"`})
			}
			out[i] = satAdd(k, d)
		}
	}
	return nil
}

func satAdd(a, b int64) int64 {
	s := a + b
	if (a^s)&(b^s) < 0 {
		if b < 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return s
}

// addMonthsToDays adds months to a date (days since the epoch), clamping the day to the
// end of the month (LocalDate.plusMonths).
func addMonthsToDays(days, months int64) int64 {
	t := time.Unix(days*86400, 0).UTC()
	y, m, d := t.Date()
	y, m, d = addMonthsClamped(y, m, d, months)
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func addMonthsClamped(y int, m time.Month, d int, months int64) (int, time.Month, int) {
	total := int64(y)*12 + int64(m-1) + months
	ny, nm := int(floorDiv(total, 12)), time.Month(total-floorDiv(total, 12)*12+1)
	last := time.Date(ny, nm+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return ny, nm, min(d, last)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// addCalendarToMicros adds months and days in the zone's local time, then microseconds
// (ZonedDateTime.plusMonths.plusDays.plus).
func addCalendarToMicros(us, months, days, micros int64, loc *time.Location) int64 {
	if months != 0 || days != 0 {
		t := time.UnixMicro(us).In(loc)
		y, m, d := t.Date()
		y, m, d = addMonthsClamped(y, m, d, months)
		t = time.Date(y, m, d+int(days), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		us = t.UnixMicro()
	}
	return satAdd(us, micros)
}

func floatKeys(key arrow.Array) []float64 {
	switch a := key.(type) {
	case *array.Float64:
		return a.Float64Values()
	case *array.Float32:
		out := make([]float64, a.Len())
		for i, v := range a.Float32Values() {
			out[i] = float64(v)
		}
		return out
	}
	vals, _ := intValues(key)
	out := make([]float64, len(vals))
	for i, v := range vals {
		out[i] = float64(v)
	}
	return out
}

func (rk *rangeKey) decimalKeys(key arrow.Array) ([]decimal128.Num, error) {
	out := make([]decimal128.Num, key.Len())
	valid := validityOf(key)
	if a, ok := key.(*array.Decimal128); ok {
		inc := rk.scale - rk.kscale
		for i, v := range a.Values() {
			if !valid.ok(i) {
				continue
			}
			if inc > 0 {
				v = v.IncreaseScaleBy(inc)
				if !v.FitsInPrecision(38) {
					return nil, sparkerror.NotImplemented("a RANGE window frame over decimals that do not fit DECIMAL(38) at the offset's scale")
				}
			}
			out[i] = v
		}
		return out, nil
	}
	vals, _ := intValues(key)
	for i, v := range vals {
		out[i] = decimal128.FromI64(v).IncreaseScaleBy(rk.scale)
	}
	return out, nil
}

// intValues widens an integral array to int64.
func intValues(a arrow.Array) ([]int64, bool) {
	switch a := a.(type) {
	case *array.Int8:
		out := make([]int64, a.Len())
		for i, v := range a.Int8Values() {
			out[i] = int64(v)
		}
		return out, true
	case *array.Int16:
		out := make([]int64, a.Len())
		for i, v := range a.Int16Values() {
			out[i] = int64(v)
		}
		return out, true
	case *array.Int32:
		out := make([]int64, a.Len())
		for i, v := range a.Int32Values() {
			out[i] = int64(v)
		}
		return out, true
	case *array.Int64:
		return a.Int64Values(), true
	}
	return nil, false
}

// validity reads an array's null bitmap without interface calls.
type validity struct {
	bits    []byte
	off     int
	allNull bool
}

func validityOf(a arrow.Array) validity {
	if a.DataType().ID() == arrow.NULL {
		return validity{allNull: true}
	}
	if a.NullN() == 0 {
		return validity{}
	}
	return validity{bits: a.NullBitmapBytes(), off: a.Data().Offset()}
}

func (v validity) ok(i int) bool {
	if v.bits == nil {
		return !v.allNull
	}
	return bitutil.BitIsSet(v.bits, v.off+i)
}

// any reports whether there may be nulls.
func (v validity) any() bool { return v.bits != nil || v.allNull }

// ---- units ----

// winUnit is a run of consecutive complete window partitions being evaluated: the held
// batches in order, the partitions' start rows, and what the functions computed from
// them so far (evaluated expressions, peers, frame bounds).
type winUnit struct {
	s         *windowStream
	pieces    []arrow.RecordBatch
	n         int
	parts     []int32 // partition start rows, then n
	owned     []arrow.Array
	peerStart []int32
	peerEnd   []int32
	lo, hi    [][]int32
}

// eval evaluates e over the unit's rows as one array, owned by the unit.
func (u *winUnit) eval(e expr.Expr) (arrow.Array, error) {
	var out arrow.Array
	if len(u.pieces) == 1 {
		v, err := e.Eval(u.pieces[0])
		if err != nil {
			return nil, err
		}
		out = v
	} else {
		parts := make([]arrow.Array, 0, len(u.pieces))
		defer func() { releaseArrays(parts) }()
		for _, p := range u.pieces {
			v, err := e.Eval(p)
			if err != nil {
				return nil, err
			}
			parts = append(parts, v)
		}
		v, err := array.Concatenate(parts, arrowmem.DefaultAllocator)
		if err != nil {
			return nil, sparkerror.InternalError("window: concatenating %s: %v", e, err)
		}
		out = v
	}
	u.owned = append(u.owned, out)
	if out.Len() != u.n {
		return nil, sparkerror.InternalError("window: %s gave %d rows, want %d", e, out.Len(), u.n)
	}
	return out, nil
}

func (u *winUnit) release() {
	releaseArrays(u.owned)
	u.owned = nil
}
