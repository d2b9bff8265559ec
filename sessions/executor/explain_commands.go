package executor

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// This file renders EXPLAIN of commands as Spark prints them: the parsed (unresolved)
// command, the command the analyzer resolves it to, and the physical plan that executes
// that command. A command's node names and arguments are Spark's (DescribeTableCommand
// with the resolved table, the EXTENDED flag and its output columns), since those are
// what a Spark client reading EXPLAIN expects.

// commandPlan is the plans EXPLAIN shows for a command.
type commandPlan struct {
	parsed   string // the tree of the unresolved command
	resolved string // the tree of the resolved command (analyzed and optimized alike)
	name     string // the resolved command's node name, which Execute names
	output   []*plan.AttributeRef
}

// text is the EXPLAIN output in mode (EXTENDED shows every stage, other modes only the
// physical plan).
func (p *commandPlan) text(mode string) string {
	physical := "== Physical Plan ==\nExecute " + p.name + "\n" + innerChild(p.resolved, "   ")
	if mode != "EXTENDED" {
		return physical
	}
	cols := make([]string, len(p.output))
	for i, a := range p.output {
		cols[i] = a.Name + ": " + a.Type.SimpleString()
	}
	return strings.Join([]string{
		"== Parsed Logical Plan ==\n" + p.parsed,
		"== Analyzed Logical Plan ==\n" + strings.Join(cols, ", ") + "\n" + p.resolved,
		"== Optimized Logical Plan ==\n" + p.resolved,
		physical,
	}, "\n")
}

// innerChild indents a tree as Spark prints a node's inner child: its root after "+- ",
// every line below it further in.
func innerChild(tree, indent string) string {
	lines := strings.Split(strings.TrimSuffix(tree, "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(indent + "+- " + l + "\n")
			continue
		}
		b.WriteString(indent + "   " + l + "\n")
	}
	return b.String()
}

// sparkAttr is how Spark prints a resolved column: name#id, with L after a BIGINT's.
func sparkAttr(a *plan.AttributeRef) string {
	s := a.Name + "#" + strconv.FormatInt(int64(a.ID), 10)
	if a.Type == types.Long {
		s += "L"
	}
	return s
}

func sparkAttrs(as []*plan.AttributeRef) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = sparkAttr(a)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// outputOf makes the output columns of a command's result.
func outputOf(names ...string) []*plan.AttributeRef {
	out := make([]*plan.AttributeRef, len(names))
	for i, n := range names {
		out[i] = plan.NewAttribute(n, types.String, n == "comment")
	}
	return out
}

// specArg is a PARTITION clause as Spark prints the map of a command's argument:
// [c=v, ...] in the order written; "" without one.
func specArg(spec []plan.PartitionValue) string {
	if len(spec) == 0 {
		return ""
	}
	parts := make([]string, len(spec))
	for i, p := range spec {
		v := p.Value
		if p.Null {
			v = "null"
		}
		parts[i] = p.Column + "=" + redactValue(p.Column, v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// args joins a node's arguments, leaving out the empty ones as Spark does.
func args(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}

// bracketed prints a list of names as Spark prints a Seq[String] argument.
func bracketed(parts []string) string { return "[" + strings.Join(parts, ", ") + "]" }

// describePlan is the EXPLAIN rendering of DESCRIBE: ok is false for commands it does not
// cover. The relation is resolved, so a missing one fails as it does when run.
func describePlan(s *sessions.Session, cmd plan.Command) (*commandPlan, bool, error) {
	switch c := cmd.(type) {
	case *plan.DescribeQuery:
		if _, err := analyzer.Resolve(c.Query, analyzerOptions(s)); err != nil {
			return nil, true, err
		}
		node := strings.TrimSpace("DescribeQueryCommand " + c.Text)
		return &commandPlan{parsed: node + "\n", resolved: node + "\n", name: "DescribeQueryCommand",
			output: outputOf("col_name", "data_type", "comment")}, true, nil
	case *plan.DescribeTable:
		p, err := describeTablePlan(s, c)
		return p, true, err
	}
	return nil, false, nil
}

func describeTablePlan(s *sessions.Session, c *plan.DescribeTable) (*commandPlan, error) {
	rel, err := s.Catalog.LookupRelation(c.Name)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		return nil, tableOrViewNotFound(c.Name)
	}
	temp := rel.Table == nil && rel.View != nil && isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil
	ident := quoteParts(rel.QualifiedName)
	unresolved := "'UnresolvedTableOrView " + bracketed(c.Name) + ", DESCRIBE TABLE, true"
	ext := strconv.FormatBool(c.Extended)
	switch {
	case len(c.Column) > 0:
		out := outputOf("info_name", "info_value")
		st, err := relationSchema(s, rel)
		if err != nil {
			return nil, err
		}
		// A column the analyzer resolves is named by its qualifier and name; one it does
		// not stays as written (DESCRIBE fails on it when run).
		colParts := c.Column
		if f, ok := fieldByName(st, c.Column[len(c.Column)-1]); ok && columnOf(rel.QualifiedName, c.Column) {
			colParts = append(append([]string(nil), rel.QualifiedName...), f.Name)
		}
		return &commandPlan{
			parsed:   "'DescribeColumn '" + strings.Join(c.Column, ".") + ", " + ext + ", " + sparkAttrs(out) + "\n+- " + unresolved + "\n",
			resolved: "DescribeColumnCommand " + args(ident, bracketed(colParts), ext, sparkAttrs(out)) + "\n",
			name:     "DescribeColumnCommand", output: out}, nil
	case c.AsJSON:
		out := outputOf("json_metadata")
		child, err := resolvedRelationNode(s, rel, temp)
		if err != nil {
			return nil, err
		}
		node := "DescribeRelationJsonCommand " + args(specArg(c.Partition), ext, sparkAttrs(out))
		return &commandPlan{
			parsed:   "'" + node + "\n+- " + unresolved + "\n",
			resolved: node + "\n+- " + child + "\n",
			name:     "DescribeRelationJsonCommand", output: out}, nil
	}
	out := outputOf("col_name", "data_type", "comment")
	return &commandPlan{
		parsed:   "'DescribeRelation " + args(specArg(c.Partition), ext, sparkAttrs(out)) + "\n+- " + unresolved + "\n",
		resolved: "DescribeTableCommand " + args(ident, specArg(c.Partition), ext, sparkAttrs(out)) + "\n",
		name:     "DescribeTableCommand", output: out}, nil
}

// columnOf tells whether a column name as written names a top-level column of the
// relation: one part, or qualified by a suffix of the relation's qualifier.
func columnOf(qualifier, col []string) bool {
	n := len(col) - 1
	return n <= len(qualifier) && slices.EqualFunc(col[:n], qualifier[len(qualifier)-n:], strings.EqualFold)
}

// resolvedRelationNode is the resolved relation a DESCRIBE ... AS JSON reads, as Spark
// prints it: ResolvedTable with the table's columns, ResolvedPersistentView or
// ResolvedTempView.
func resolvedRelationNode(s *sessions.Session, rel *analyzer.Relation, temp bool) (string, error) {
	q := rel.QualifiedName
	if temp {
		return "ResolvedTempView " + args(dottedName(q), quoteParts(q)), nil
	}
	session := "V2SessionCatalog(" + catalog.CatalogName + ")"
	inCatalog := dottedName(q[1:])
	if rel.View != nil {
		return "ResolvedPersistentView " + args(session, inCatalog, quoteParts(q)), nil
	}
	st, err := relationSchema(s, rel)
	if err != nil {
		return "", err
	}
	return "ResolvedTable " + args(session, inCatalog, "V1Table("+inCatalog+")", sparkAttrs(plan.AttributesOf(st))), nil
}

// dottedName is a multi-part name with the parts that need it back-quoted.
func dottedName(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = quoteIfNeeded(p)
	}
	return strings.Join(q, ".")
}
