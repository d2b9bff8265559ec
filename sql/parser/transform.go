package parser

import "github.com/sailgo/sail/sql/ast"

// Script transformation (SELECT TRANSFORM ... USING) errors Spark raises while building
// its tree, in its order: DISTINCT/ALL first (before the clauses of the SELECT block are
// visited), then, after them, user-defined record readers and writers, then the input and
// the output ROW FORMAT (SERDE needs Hive support; LINES TERMINATED BY must be '\n').
// Spark points each at the whole query specification.

func init() {
	errorTemplates["UNSUPPORTED_FEATURE.TRANSFORM_NON_HIVE"] = errorTemplate{"0A000",
		"The feature is not supported: TRANSFORM with SERDE is only supported in hive mode."}
	errorTemplates["_LEGACY_ERROR_TEMP_0048"] = errorTemplate{"",
		"Unsupported operation: Used defined record reader/writer classes."}
}

// finishTransform records the errors of the script transformation of sel, now that the
// whole block has been parsed; mark is the number of deferred errors before it started.
func (p *parser) finishTransform(sel *ast.Select, mark int) {
	tr := sel.Transform
	if tr == nil {
		return
	}
	start, end := sel.Select, sel.EndPos
	// parseRowFormat has deferred the LINES TERMINATED BY errors of the two formats; they
	// move after the record reader and writer errors and cover the whole block.
	var in, out *Error
	kept := p.deferred[:mark]
	for _, e := range p.deferred[mark:] {
		switch {
		case e.Class == "_LEGACY_ERROR_TEMP_0064" && tr.InRowFormat != nil && e.Pos == tr.InRowFormat.Row:
			in = e
		case e.Class == "_LEGACY_ERROR_TEMP_0064" && tr.OutRowFormat != nil && e.Pos == tr.OutRowFormat.Row:
			out = e
		default:
			kept = append(kept, e)
		}
	}
	p.deferred = kept
	if tr.Quantifier != ast.QuantNone {
		p.insertDeferred(mark, newError("UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", start, end))
	}
	if tr.RecordWriter != nil || tr.RecordReader != nil {
		p.deferError(newError("_LEGACY_ERROR_TEMP_0048", start, end))
	}
	for _, f := range []struct {
		rf    *ast.RowFormat
		lines *Error
	}{{tr.InRowFormat, in}, {tr.OutRowFormat, out}} {
		switch {
		case f.rf == nil:
		case f.rf.Serde != nil:
			p.deferError(newError("UNSUPPORTED_FEATURE.TRANSFORM_NON_HIVE", start, end))
		case f.lines != nil:
			f.lines.Pos, f.lines.End = start, end
			p.deferError(f.lines)
		}
	}
}
