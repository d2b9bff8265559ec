package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// checkWindowFrame validates the offsets of a window frame as Spark's
// SpecifiedWindowFrame.checkInputDataTypes does: each must be a constant of the type the
// frame takes (INT for ROWS; a number or an interval for RANGE, after the cast to the
// ORDER BY key's type Spark adds), and the lower bound may not come after the upper one.
func (a *analyzer) checkWindowFrame(spec *plan.WindowSpec, sc *scope) error {
	fr := spec.Frame
	if fr == nil {
		return nil
	}
	var key types.DataType
	if fr.Type == plan.RangeFrame && len(spec.OrderBy) == 1 {
		key = plan.TypeOf(spec.OrderBy[0].Child)
	}
	frameErr := func(sub string, params map[string]string) error {
		params["sqlExpr"] = `"` + fr.String() + `"`
		return analysisError("DATATYPE_MISMATCH."+sub, "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the window frame is invalid.", params)
	}
	// offset resolves a bound's offset and gives its type as the frame sees it.
	offset := func(b plan.FrameBound, location string) (plan.Expr, types.DataType, error) {
		if b.Kind != plan.Preceding && b.Kind != plan.Following || b.Offset == nil {
			return nil, nil, nil
		}
		r, err := a.expr(b.Offset, sc)
		if err != nil {
			return nil, nil, err
		}
		if !isFoldable(r) {
			return nil, nil, frameErr("SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE",
				map[string]string{"location": location, "expression": sqlExpr(r)})
		}
		t := plan.TypeOf(r)
		if key != nil && !types.Equal(t, key) && a.coerce.CanCast(t, key) {
			switch key.(type) {
			case types.DateType, types.TimestampType:
			default:
				t = key // Spark casts the offset to the key's type
			}
		}
		if fr.Type == plan.RowsFrame {
			if _, ok := t.(types.IntegerType); !ok {
				return nil, nil, frameErr("SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
					map[string]string{"location": location, "exprType": sqlType(t), "expectedType": `"INT"`})
			}
		} else if !rangeOffsetType(t) {
			return nil, nil, frameErr("SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
				map[string]string{"location": location, "exprType": sqlType(t),
					"expectedType": `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`})
		}
		return r, t, nil
	}
	lo, lt, err := offset(fr.Lower, "lower")
	if err != nil {
		return err
	}
	hi, ht, err := offset(fr.Upper, "upper")
	if err != nil {
		return err
	}
	if fr.Lower.Kind == plan.UnboundedFollowing || fr.Upper.Kind == plan.UnboundedPreceding {
		return frameErr("SPECIFIED_WINDOW_FRAME_INVALID_BOUND",
			map[string]string{"upper": `"` + fr.Upper.String() + `"`, "lower": `"` + fr.Lower.String() + `"`})
	}
	if lo == nil || hi == nil {
		return nil
	}
	if !types.Equal(lt, ht) {
		return frameErr("SPECIFIED_WINDOW_FRAME_DIFF_TYPES",
			map[string]string{"lower": `"` + fr.Lower.String() + `"`, "upper": `"` + fr.Upper.String() + `"`,
				"lowerType": sqlType(lt), "upperType": sqlType(ht)})
	}
	l, lok, _ := foldInt(lo)
	h, hok, _ := foldInt(hi)
	if lok && hok {
		if fr.Lower.Kind == plan.Preceding {
			l = -l
		}
		if fr.Upper.Kind == plan.Preceding {
			h = -h
		}
		if l > h {
			return frameErr("SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
				map[string]string{"comparison": "less than or equal"})
		}
	}
	return nil
}

// rangeOffsetType reports whether a RANGE frame takes offsets of type t.
func rangeOffsetType(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DecimalType, types.NullType:
		return true
	}
	s := strings.ToLower(t.SQL())
	return strings.HasPrefix(s, "interval")
}
