package aggregate

import (
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// EncodeCall converts an aggregate call descriptor to its message (proto/sail/physical.proto).
func EncodeCall(c Call) (*physicalpb.AggregateCall, error) {
	args, err := expr.EncodeAll(c.Args)
	if err != nil {
		return nil, err
	}
	m := &physicalpb.AggregateCall{Fn: c.Fn, Args: args, Distinct: c.Distinct, IgnoreNulls: c.IgnoreNulls, Ansi: c.ANSI,
		LegacyStatisticalAggregate: c.LegacyStatisticalAggregate, Name: c.Name,
		HasInputTypes: c.InputTypes != nil, ResultType: expr.EncodeSparkType(c.ResultType)}
	if c.Filter != nil {
		if m.Filter, err = expr.Encode(c.Filter); err != nil {
			return nil, err
		}
	}
	for _, t := range c.InputTypes {
		m.InputTypes = append(m.InputTypes, expr.EncodeSparkType(t))
	}
	return m, nil
}

// DecodeCall rebuilds an aggregate call descriptor, its expressions decoded with opts;
// the function itself is resolved by New, as for a planned call.
func DecodeCall(m *physicalpb.AggregateCall, opts expr.DecodeOptions) (Call, error) {
	if m == nil {
		return Call{}, sparkerror.InternalError("decode: missing aggregate call")
	}
	args, err := expr.DecodeAllWith(m.Args, opts)
	if err != nil {
		return Call{}, err
	}
	c := Call{Fn: m.Fn, Args: args, Distinct: m.Distinct, IgnoreNulls: m.IgnoreNulls, ANSI: m.Ansi,
		LegacyStatisticalAggregate: m.LegacyStatisticalAggregate, Name: m.Name}
	if m.Filter != nil {
		if c.Filter, err = expr.DecodeWith(m.Filter, opts); err != nil {
			return Call{}, err
		}
	}
	if m.HasInputTypes {
		c.InputTypes = make([]types.DataType, len(m.InputTypes))
		for i, t := range m.InputTypes {
			if c.InputTypes[i], err = expr.DecodeSparkType(t); err != nil {
				return Call{}, err
			}
		}
	}
	if m.ResultType != nil {
		if c.ResultType, err = expr.DecodeSparkType(m.ResultType); err != nil {
			return Call{}, err
		}
	}
	return c, nil
}
