package coercion

import "github.com/sailgo/sail/sql/types"

func isTime(t types.DataType) bool { _, ok := t.(types.TimeType); return ok }

// timeCast decides the casts involving TIME (besides NULL, identity and to strings, which
// the matrices allow first): strings and TIME cast to TIME, TIME casts to integral and
// decimal types. The legacy and ANSI matrices agree.
func timeCast(from, to types.DataType) (ok, decided bool) {
	switch {
	case isTime(to):
		return isString(from) || isTime(from), true
	case isTime(from):
		return isIntegral(to) || isDecimal(to), true
	}
	return false, false
}

func isByte(t types.DataType) bool  { _, ok := t.(types.ByteType); return ok }
func isShort(t types.DataType) bool { _, ok := t.(types.ShortType); return ok }
