package analyzer

import (
	"math/rand/v2"
	"strconv"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// hiddenSeed is the seed Spark's ResolveRandomSeed gives rand(), randn(), uniform(min, max)
// and randstr(length) when the call f has none: a random BIGINT fixed when the query is
// analyzed (every evaluation of the expression, e.g. the two reads of a CTE, draws the
// same numbers), kept out of the column name. The analysis remembers the seed of each
// call node, so a call resolved twice in one analysis keeps it; a view, whose text Spark
// analyzes again in every query, draws new seeds in every query.
func (a *analyzer) hiddenSeed(f *plan.UnresolvedFunction) plan.Expr {
	v, ok := a.seeds[f]
	if !ok || f == nil {
		v = rand.Int64()
		if f != nil {
			if a.seeds == nil {
				a.seeds = map[*plan.UnresolvedFunction]int64{}
			}
			a.seeds[f] = v
		}
	}
	return &plan.Literal{Type: types.Long, Value: v, Text: strconv.FormatInt(v, 10)}
}
