package astlower

import (
	"math/rand/v2"
	"strconv"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
)

// sample applies TABLESAMPLE to a relation as Spark's AstBuilder does: n ROWS is a LIMIT;
// x PERCENT and BUCKET x OUT OF y sample that fraction of the rows without replacement,
// seeded by REPEATABLE (seed) or, without it, by a random seed below 1000. The parser has
// already rejected the forms Spark rejects (an empty clause, byte lengths, ON, a fraction
// outside [0, 1]).
func (o Options) sample(n plan.Node, s *ast.TableSample) (plan.Node, error) {
	if s.Kind == ast.SampleRows {
		e, err := o.Expr(s.Rows)
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Child: n, N: e}, nil
	}
	seed := rand.Int64N(1000)
	if s.Seed != nil {
		v, err := strconv.ParseInt(s.Seed.Value, 10, 64)
		if err != nil {
			return nil, notImplemented("the REPEATABLE seed " + s.Seed.Raw)
		}
		seed = v
	}
	var fraction float64
	switch s.Kind {
	case ast.SamplePercent:
		v, err := strconv.ParseFloat(s.Percent.Value, 64)
		if err != nil {
			return nil, notImplemented("the sampling percentage " + s.Percent.Raw)
		}
		fraction = v / 100
		if s.Negative {
			fraction = -fraction
		}
	case ast.SampleBucket:
		num, err1 := strconv.ParseFloat(s.Numerator.Value, 64)
		den, err2 := strconv.ParseFloat(s.Denominator.Value, 64)
		if err1 != nil || err2 != nil {
			return nil, notImplemented("the sampling bucket " + s.Numerator.Raw + " OUT OF " + s.Denominator.Raw)
		}
		fraction = num / den
	default:
		return nil, notImplemented("this TABLESAMPLE method")
	}
	return &plan.Sample{Child: n, Lower: 0, Upper: fraction, Seed: seed}, nil
}
