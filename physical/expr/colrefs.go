package expr

// ColumnRefs marks in used the batch columns e reads. It reports false when e contains an
// expression from outside this package, whose columns are unknown (the caller then assumes
// e reads every column).
func ColumnRefs(e Expr, used map[int]bool) bool { return columnRefs(e, used) }
