package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/datetime"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Casts to and from TIME(p). TIME values are nanoseconds since midnight (int64, Arrow
// time64[ns]).

const (
	nanosPerMicro  = int64(1000)
	nanosPerSecond = int64(1_000_000_000)
	nanosPerDay    = 86400 * nanosPerSecond
)

var time64T = arrow.FixedWidthTypes.Time64ns

// parseTime is stringToTime: [T]HH:mm[:ss[.fraction]] optionally followed by AM or PM (a
// 12-hour clock), without a date or a zone; the fraction is kept to microseconds.
func parseTime(s []byte) (int64, bool) {
	t := s
	for len(t) > 0 && isSpaceOrControl(t[len(t)-1]) {
		t = t[:len(t)-1]
	}
	am, pm := false, false
	if n := len(t); n > 2 && (t[n-1] == 'M' || t[n-1] == 'm') {
		switch t[n-2] {
		case 'A', 'a':
			am = true
		case 'P', 'p':
			pm = true
		}
		if am || pm {
			t = t[:n-2]
		}
	}
	p, ok := datetime.ParseTimestampParts(t)
	if !ok || !p.JustTime || p.HasZone {
		return 0, false
	}
	h := p.Hour
	switch {
	case am || pm:
		if h < 1 || h > 12 {
			return 0, false
		}
		if am && h == 12 {
			h = 0
		} else if pm && h != 12 {
			h += 12
		}
	case h > 23:
		return 0, false
	}
	if p.Min > 59 || p.Sec > 59 {
		return 0, false
	}
	return (int64(h)*3600+int64(p.Min)*60+int64(p.Sec))*nanosPerSecond + int64(p.Micros)*nanosPerMicro, true
}

// timeSQL is a TIME value as Spark prints it in error messages: TIME 'HH:mm:ss[.f]'.
func timeSQL(nanos int64) string { return "TIME '" + string(format.AppendTime(nil, nanos)) + "'" }

// truncateTime keeps p fractional digits of the second.
func truncateTime(nanos int64, p int) int64 {
	f := int64(1)
	for i := p; i < 9; i++ {
		f *= 10
	}
	return nanos / f * f
}

// timeCast compiles the casts involving TIME; ok is false for other pairs.
func (c *caster) timeCast(from, to types.DataType) (f castFunc, ok bool, err error) {
	if tt, isTime := to.(types.TimeType); isTime {
		switch from.(type) {
		case types.StringType:
			return c.stringToTime(to, tt.Precision), true, nil
		case types.TimeType:
			p := tt.Precision
			return func(a arrow.Array) (arrow.Array, error) {
				v := fixedValues[int64](a)
				out := make([]int64, len(v))
				for i, x := range v {
					out[i] = truncateTime(x, p)
				}
				return newFixed(time64T, out, validity(a)), nil
			}, true, nil
		}
		return nil, false, nil
	}
	if _, isTime := from.(types.TimeType); !isTime {
		return nil, false, nil
	}
	switch t := to.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[int64](a)
			valid := validity(a)
			offs := make([]int32, len(v)+1)
			data := make([]byte, 0, len(v)*8)
			for i, x := range v {
				if valid == nil || valid.get(i) {
					data = format.AppendTime(data, x)
				}
				offs[i+1] = int32(len(data))
			}
			return newVar(arrow.BinaryTypes.String, offs, data, valid), nil
		}, true, nil
	case types.ByteType:
		return c.timeToInts(from, to, 8), true, nil
	case types.ShortType:
		return c.timeToInts(from, to, 16), true, nil
	case types.IntegerType:
		return c.timeToInts(from, to, 32), true, nil
	case types.LongType:
		return c.timeToInts(from, to, 64), true, nil
	case types.DecimalType:
		return c.timeToDecimal(t), true, nil
	}
	return nil, false, nil
}

// stringToTime parses strings as times, kept to p fractional digits.
func (c *caster) stringToTime(to types.DataType, p int) castFunc {
	return func(a arrow.Array) (arrow.Array, error) {
		n := a.Len()
		v := viewVar(a)
		valid := validity(a)
		out := make([]int64, n)
		for i := 0; i < n; i++ {
			if valid != nil && !valid.get(i) {
				continue
			}
			raw := v.at(i)
			x, ok := parseTime(raw)
			if !ok {
				if err := c.reject(&valid, n, i, true, func() error {
					return castInvalidInput(sparkerror.DateTime, sqlString(raw), types.String, to)
				}); err != nil {
					return nil, err
				}
				continue
			}
			out[i] = truncateTime(x, p)
		}
		return newFixed(time64T, out, valid), nil
	}
}

// timeToInts is the whole seconds of the time; TINYINT and SMALLINT may overflow (an error
// under ANSI, else NULL).
func (c *caster) timeToInts(from, to types.DataType, bits int) castFunc {
	return func(a arrow.Array) (arrow.Array, error) {
		v := fixedValues[int64](a)
		valid := validity(a)
		n := len(v)
		out := make([]int64, n)
		for i, x := range v {
			if valid != nil && !valid.get(i) {
				continue
			}
			s := floorDivI(x, nanosPerSecond)
			if !fitsBits(s, bits) {
				if err := c.reject(&valid, n, i, true, func() error { return castOverflow(timeSQL(x), from, to) }); err != nil {
					return nil, err
				}
				continue
			}
			out[i] = s
		}
		return intResult(bits, out, valid), nil
	}
}

// timeToDecimal is the seconds as a decimal of scale 9, rounded half up to the target.
func (c *caster) timeToDecimal(to types.DecimalType) castFunc {
	p, s := to.Precision, to.Scale
	return func(a arrow.Array) (arrow.Array, error) {
		v := fixedValues[int64](a)
		valid := validity(a)
		n := len(v)
		out := make([]decimal128.Num, n)
		for i, x := range v {
			if valid != nil && !valid.get(i) {
				continue
			}
			d, ok := rescaleNum(decimal128.FromI64(x), 9, s, p, roundHalfUp)
			if !ok {
				if err := c.reject(&valid, n, i, true, func() error {
					return numericValueOutOfRange(decimalPlain(decimal128.FromI64(x), 9), p, s)
				}); err != nil {
					return nil, err
				}
				continue
			}
			out[i] = d
		}
		return decimalResult(to, out, valid), nil
	}
}
