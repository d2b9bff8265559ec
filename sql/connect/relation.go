package connect

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// Lowering carries the session settings lowering depends on: how SQL text parses and
// lowers.
type Lowering struct {
	Parser parser.Options
	AST    astlower.Options
}

// LowerRelation lowers a Connect relation tree with Spark's default settings.
func LowerRelation(r *connectpb.Relation) (plan.Node, error) { return Lowering{}.Relation(r) }

// Relation lowers a Connect relation tree into the unresolved logical plan.
func (l Lowering) Relation(r *connectpb.Relation) (plan.Node, error) {
	if r == nil {
		return nil, sparkerror.InvalidPlanInput("a relation is required")
	}
	switch t := r.GetRelType().(type) {
	case *connectpb.Relation_Sql:
		if len(t.Sql.GetArgs()) > 0 || len(t.Sql.GetPosArgs()) > 0 || len(t.Sql.GetNamedArguments()) > 0 || len(t.Sql.GetPosArguments()) > 0 {
			return nil, sparkerror.NotImplemented("SQL parameters")
		}
		return l.SQL(t.Sql.GetQuery())
	case *connectpb.Relation_Range:
		rg := t.Range
		n := &plan.Range{Start: rg.GetStart(), End: rg.GetEnd(), Step: rg.GetStep()}
		if rg.NumPartitions != nil {
			if rg.GetNumPartitions() <= 0 {
				return nil, sparkerror.InvalidPlanInput("range: num_partitions must be positive, got %d", rg.GetNumPartitions())
			}
			n.NumPartitions = int(rg.GetNumPartitions())
		}
		return n, nil
	case *connectpb.Relation_LocalRelation:
		return lowerLocal(t.LocalRelation)
	case *connectpb.Relation_ToDf:
		child, err := l.Relation(t.ToDf.GetInput())
		if err != nil {
			return nil, err
		}
		return &plan.RenameColumns{Child: child, Names: t.ToDf.GetColumnNames()}, nil
	case *connectpb.Relation_ShowString:
		child, err := l.Relation(t.ShowString.GetInput())
		if err != nil {
			return nil, err
		}
		return &plan.ShowString{Child: child, NumRows: int(t.ShowString.GetNumRows()),
			Truncate: int(t.ShowString.GetTruncate()), Vertical: t.ShowString.GetVertical()}, nil
	case *connectpb.Relation_Limit:
		child, err := l.Relation(t.Limit.GetInput())
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Child: child, N: &plan.Literal{Type: types.Integer, Value: t.Limit.GetLimit(), Text: fmt.Sprint(t.Limit.GetLimit())}}, nil
	case *connectpb.Relation_Project:
		var child plan.Node = plan.OneRow{}
		if t.Project.GetInput() != nil {
			var err error
			if child, err = l.Relation(t.Project.GetInput()); err != nil {
				return nil, err
			}
		}
		exprs := make([]plan.Expr, len(t.Project.GetExpressions()))
		for i, e := range t.Project.GetExpressions() {
			x, err := l.Expr(e)
			if err != nil {
				return nil, err
			}
			exprs[i] = x
		}
		return &plan.Project{Child: child, Exprs: exprs}, nil
	case nil:
		return nil, sparkerror.InvalidPlanInput("the relation has no type (rel_type is not set: an unknown relation type, or a newer client)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the relation %s", relationName(r)))
}

func relationName(r *connectpb.Relation) string {
	m := r.ProtoReflect()
	oneof := m.Descriptor().Oneofs().ByName("rel_type")
	if f := m.WhichOneof(oneof); f != nil {
		return string(f.Name())
	}
	return "(unknown)"
}

// lowerLocal decodes a LocalRelation: Arrow IPC data and an optional schema (DDL, type
// string or JSON, as PySpark sends it).
func lowerLocal(l *connectpb.LocalRelation) (plan.Node, error) {
	var st *types.StructType
	if l.Schema != nil {
		s, err := types.ParseDDLOrJSON(l.GetSchema())
		if err != nil {
			return nil, err
		}
		st = s
	}
	if l.Data == nil {
		if st == nil {
			return nil, sparkerror.InvalidPlanInput("a local relation needs data or a schema")
		}
		schema, err := types.ToArrowSchema(st)
		if err != nil {
			return nil, err
		}
		return &plan.LocalData{ArrowSchema: schema, Schema: st}, nil
	}
	schema, batches, err := arrowbatch.Decode(l.GetData())
	if err != nil {
		return nil, sparkerror.InvalidPlanInput("local relation: the data is not a valid Arrow IPC stream: %v", err)
	}
	if st == nil {
		if st, err = types.FromArrowSchema(schema); err != nil {
			releaseAll(batches)
			return nil, err
		}
	}
	if len(st.Fields) != len(schema.Fields()) {
		releaseAll(batches)
		return nil, sparkerror.InvalidPlanInput("local relation: the schema has %d columns but the data has %d", len(st.Fields), len(schema.Fields()))
	}
	return &plan.LocalData{ArrowSchema: schema, Batches: batches, Schema: st}, nil
}

func releaseAll(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}
