package plan

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// ScriptTransform is a Hive-style script transformation (SELECT TRANSFORM (...) USING
// 'command', MAP ..., REDUCE ...): every row of the child is written as one line of text
// to the command's standard input, and the lines the command prints are the node's rows.
// The child is the SELECT block of the transformation's expressions; all of its columns
// are written, in order. Out (set by the analyzer, fresh for every resolution, as Spark's
// parser makes new attributes for each copy of the clause) are the columns the command's
// lines are split into.
type ScriptTransform struct {
	Child  Node
	Script string
	// Columns are the declared output columns: AS (a, b) gives strings, AS (a INT, b
	// STRING) the types (CHAR/VARCHAR read as STRING); without AS, SchemaLess is set and
	// the columns are key and value.
	Columns    []ScriptColumn
	SchemaLess bool
	// InFormat is how rows are written to the command, OutFormat how its lines are read.
	InFormat, OutFormat ScriptRowFormat
	Out                 []*AttributeRef
}

// ScriptColumn is one declared output column of a script transformation.
type ScriptColumn struct {
	Name     string
	Type     types.DataType
	Nullable bool
}

// ScriptRowFormat is ROW FORMAT DELIMITED of a script transformation, with Spark's
// defaults (ScriptTransformationIOSchema) for what is not given: fields separated by
// \u0001, lines by \n, NULL written as \N.
type ScriptRowFormat struct {
	Field string
	Line  string
	Null  string
	// Entries are the settings as written, in Spark's order and with the token names of
	// its ScriptInputOutputSchema (TOK_TABLEROWFORMATFIELD, ...COLLITEMS, ...MAPKEYS,
	// ...NULL, ...LINES), for Describe. COLLECTION ITEMS and MAP KEYS are kept there only:
	// the text format without a SerDe does not use them.
	Entries [][2]string
}

// Script row format defaults, as Spark's ScriptTransformationIOSchema.defaultFormat.
const (
	DefaultScriptField = "\u0001"
	DefaultScriptLine  = "\n"
	DefaultScriptNull  = `\N`
)

// DefaultScriptRowFormat is the format used when no ROW FORMAT is given.
func DefaultScriptRowFormat() ScriptRowFormat {
	return ScriptRowFormat{Field: DefaultScriptField, Line: DefaultScriptLine, Null: DefaultScriptNull}
}

func (n *ScriptTransform) Children() []Node           { return []Node{n.Child} }
func (n *ScriptTransform) WithChildren(c []Node) Node { m := *n; m.Child = c[0]; return &m }
func (n *ScriptTransform) Output() []*AttributeRef    { return n.Out }

// Describe follows Spark's ScriptTransformation: the script, the output and the I/O
// schema.
func (n *ScriptTransform) Describe() string {
	var b strings.Builder
	b.WriteString("ScriptTransformation ")
	b.WriteString(n.Script)
	b.WriteString(", ")
	if n.Out != nil {
		b.WriteString(attrList(n.Out))
	} else {
		names := make([]string, len(n.Columns))
		for i, c := range n.Columns {
			names[i] = "'" + c.Name
		}
		b.WriteString("[" + strings.Join(names, ", ") + "]")
	}
	b.WriteString(", ScriptInputOutputSchema(")
	b.WriteString(n.InFormat.describe())
	b.WriteString(",")
	b.WriteString(n.OutFormat.describe())
	b.WriteString(",None,None,List(),List(),None,None,")
	b.WriteString(strconv.FormatBool(n.SchemaLess))
	b.WriteString(")")
	return b.String()
}

// describe lists the entries as written, as Spark prints its Seq of pairs.
func (f ScriptRowFormat) describe() string {
	parts := make([]string, len(f.Entries))
	for i, e := range f.Entries {
		parts[i] = "(" + e[0] + "," + e[1] + ")"
	}
	return "List(" + strings.Join(parts, ", ") + ")"
}
