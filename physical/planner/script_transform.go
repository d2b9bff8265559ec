package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// scriptTransform plans a script transformation as Spark's SparkScriptTransformationExec
// runs it without a SerDe: a projection renders the child's columns as strings (CAST AS
// STRING in the session time zone; to_json for arrays, maps and structs), the operator
// runs the command over them and parses the columns it can (strings, binaries, booleans,
// numbers, decimals), and a projection above converts the others from the strings the
// operator reads for them (dates, timestamps and intervals as TRY_CAST reads strings:
// Spark's writers for them give NULL for any failure; nested types with from_json).
func (p *planner) scriptTransform(n *plan.ScriptTransform) (physical.ExecutionPlan, error) {
	for _, a := range n.Out {
		if !scriptOutputSupported(a.Type) {
			return nil, sparkerror.New(sparkerror.Internal, "_LEGACY_ERROR_TEMP_2265", "",
				"<nodeName> without serde does not support <dt> as output data type.",
				map[string]string{"nodeName": "SparkScriptTransformation", "dt": scriptTypeClassName(a.Type)})
		}
		// Nested columns are read with from_json, whose maps have string keys (Spark's
		// JSON reader builds string keys whatever the type, and fails later).
		if types.ExistsRecursively(a.Type, func(t types.DataType) bool {
			m, ok := t.(types.MapType)
			if !ok {
				return false
			}
			_, str := m.KeyType.(types.StringType)
			return !str
		}) {
			return nil, sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> can only contain STRING as a key type for a MAP.",
				map[string]string{"sqlExpr": `"` + a.Name + `"`, "schema": `"` + a.Type.SQL() + `"`})
		}
	}
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	fopts := expr.FuncOptions{ANSI: p.opts.ANSI, TimeZone: p.opts.TimeZone}
	in := n.Child.Output()
	inExprs := make([]expr.Expr, len(in))
	inFields := make([]arrow.Field, len(in))
	for i, a := range in {
		col, err := expr.NewColumn(i, a.Type)
		if err != nil {
			return nil, err
		}
		switch a.Type.(type) {
		case types.StringType:
			inExprs[i] = col
		case types.ArrayType, types.MapType, *types.StructType:
			toJSON, ok := expr.Lookup("to_json")
			if !ok {
				return nil, sparkerror.InternalError("physical planner: no to_json kernel")
			}
			if inExprs[i], err = toJSON([]expr.Expr{col}, []types.DataType{a.Type}, types.String, fopts); err != nil {
				return nil, err
			}
		default:
			if inExprs[i], err = expr.NewCast(col, a.Type, types.String, expr.CastOptions{ANSI: p.opts.ANSI, TimeZone: p.opts.TimeZone}); err != nil {
				return nil, err
			}
		}
		inFields[i] = arrow.Field{Name: a.Name, Type: inExprs[i].DataType(), Nullable: true}
	}
	input := physical.NewProject(child, inExprs, arrow.NewSchema(inFields, nil))

	final, err := arrowSchema(n.Out)
	if err != nil {
		return nil, err
	}
	// The operator's own columns: the final type where it parses it, else a string.
	raw := make([]arrow.Field, len(n.Out))
	converted := false
	for i, f := range final.Fields() {
		raw[i] = f
		if !scriptParsedDirectly(n.Out[i].Type) {
			raw[i].Type = arrow.BinaryTypes.String
			converted = true
		}
	}
	spec := physical.ScriptSpec{
		Script:     n.Script,
		InField:    n.InFormat.Field,
		InLine:     n.InFormat.Line,
		InNull:     n.InFormat.Null,
		OutField:   n.OutFormat.Field,
		OutNull:    n.OutFormat.Null,
		SchemaLess: n.SchemaLess,
		ANSI:       p.opts.ANSI,
	}
	op, err := physical.NewScriptTransform(input, spec, arrow.NewSchema(raw, nil))
	if err != nil {
		return nil, err
	}
	if !converted {
		return op, nil
	}
	outExprs := make([]expr.Expr, len(n.Out))
	for i, a := range n.Out {
		if scriptParsedDirectly(a.Type) {
			if outExprs[i], err = expr.NewColumn(i, a.Type); err != nil {
				return nil, err
			}
			continue
		}
		col, err := expr.NewColumn(i, types.String)
		if err != nil {
			return nil, err
		}
		switch a.Type.(type) {
		case types.ArrayType, types.MapType, *types.StructType:
			fromJSON, ok := expr.Lookup("from_json")
			if !ok {
				return nil, sparkerror.InternalError("physical planner: no from_json kernel")
			}
			outExprs[i], err = fromJSON([]expr.Expr{col}, []types.DataType{types.String}, a.Type, fopts)
		default:
			outExprs[i], err = expr.NewCast(col, types.String, a.Type, expr.CastOptions{Try: true, TimeZone: p.opts.TimeZone})
		}
		if err != nil {
			return nil, err
		}
	}
	return physical.NewProject(op, outExprs, final), nil
}

// scriptParsedDirectly reports whether the operator parses columns of type t itself.
func scriptParsedDirectly(t types.DataType) bool {
	switch t.(type) {
	case types.StringType, types.BinaryType, types.BooleanType, types.ByteType, types.ShortType,
		types.IntegerType, types.LongType, types.FloatType, types.DoubleType, types.DecimalType:
		return true
	}
	return false
}

// scriptOutputSupported is the list of output types Spark's script transformation reads
// without a SerDe.
func scriptOutputSupported(t types.DataType) bool {
	if scriptParsedDirectly(t) {
		return true
	}
	switch t.(type) {
	case types.DateType, types.TimestampType, types.TimestampNTZType, types.CalendarIntervalType,
		types.YearMonthIntervalType, types.DayTimeIntervalType,
		types.ArrayType, types.MapType, *types.StructType:
		return true
	}
	return false
}

// scriptTypeClassName is the JVM class name Spark puts in the error for an unsupported
// output type (a case object's name ends with $).
func scriptTypeClassName(t types.DataType) string {
	switch t.(type) {
	case types.NullType:
		return "NullType$"
	case types.VariantType:
		return "VariantType$"
	}
	name := t.TypeName()
	if name == "" {
		return "DataType"
	}
	return upperFirst(name) + "Type"
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
