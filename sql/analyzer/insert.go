package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// ProjectForInsert shapes a resolved query to a table's columns for INSERT: by position
// (or by name, or through a column list), each value cast to the column's type under the
// ANSI store assignment rules. table is the quoted table name for messages.
func ProjectForInsert(q plan.Node, schema *types.StructType, columns []string, byName bool, table string, opts Options) (plan.Node, error) {
	a := &analyzer{opts: opts, coerce: coercionMode(opts)}
	out := q.Output()
	targets := schema.Fields
	var sources []*plan.AttributeRef
	switch {
	case byName:
		for _, f := range targets {
			hits, _ := a.resolveIn(out, []string{f.Name})
			if len(hits) == 0 {
				return nil, analysisError("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA", "KD000",
					"Cannot write incompatible data for the table <tableName>: Cannot find data for the output column <colName>.",
					map[string]string{"tableName": table, "colName": quoteID(f.Name)})
			}
			sources = append(sources, hits[0])
		}
	case len(columns) > 0:
		if len(columns) != len(out) {
			return nil, arityMismatch(table, columns, out)
		}
		// Columns not listed get NULL.
		for _, f := range targets {
			idx := -1
			for i, c := range columns {
				if a.equalNames(c, f.Name) {
					idx = i
				}
			}
			if idx < 0 {
				sources = append(sources, nil)
				continue
			}
			sources = append(sources, out[idx])
		}
		for _, c := range columns {
			found := false
			for _, f := range targets {
				if a.equalNames(c, f.Name) {
					found = true
				}
			}
			if !found {
				return nil, unresolvedColumn([]string{c}, candidatesOf(targets))
			}
		}
	default:
		if len(out) != len(targets) {
			names := make([]string, len(targets))
			for i, f := range targets {
				names[i] = f.Name
			}
			return nil, arityMismatch(table, names, out)
		}
		sources = out
	}
	exprs := make([]plan.Expr, len(targets))
	for i, f := range targets {
		if sources[i] == nil {
			exprs[i] = &plan.Alias{Child: &plan.Literal{Type: f.DataType, Text: "NULL"}, Name: f.Name, ID: plan.NewExprID()}
			continue
		}
		src := sources[i]
		if types.Equal(src.Type, f.DataType) {
			exprs[i] = &plan.Alias{Child: src, Name: f.Name, ID: plan.NewExprID()}
			continue
		}
		if !coercion.CanANSIStoreAssign(src.Type, f.DataType) {
			return nil, analysisError("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST", "KD000",
				"Cannot write incompatible data for the table <tableName>: Cannot safely cast <colName> <srcType> to <targetType>.",
				map[string]string{"tableName": table, "colName": quoteID(f.Name), "srcType": sqlType(src.Type), "targetType": sqlType(f.DataType)})
		}
		exprs[i] = &plan.Alias{Child: &plan.Cast{Child: src, To: f.DataType, ANSI: true, Null: src.Null, Implicit: true}, Name: f.Name, ID: plan.NewExprID()}
	}
	return &plan.Project{Child: q, Exprs: exprs}, nil
}

func candidatesOf(fields []types.StructField) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = quoteID(f.Name)
	}
	return out
}

func arityMismatch(table string, tableCols []string, data []*plan.AttributeRef) error {
	class, reason := "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "not enough data columns"
	if len(data) > len(tableCols) {
		class, reason = "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "too many data columns"
	}
	tc := make([]string, len(tableCols))
	for i, c := range tableCols {
		tc[i] = quoteID(c)
	}
	dc := make([]string, len(data))
	for i, d := range data {
		dc[i] = quoteID(d.Name)
	}
	return analysisError(class, "21S01",
		"Cannot write to <tableName>, the reason is "+reason+":\nTable columns: <tableColumns>.\nData columns: <dataColumns>.",
		map[string]string{"tableName": table, "reason": reason, "tableColumns": strings.Join(tc, ", "), "dataColumns": strings.Join(dc, ", ")})
}
