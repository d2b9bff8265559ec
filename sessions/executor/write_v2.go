package executor

import (
	"context"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// writeOperationV2 runs df.writeTo(table) (DataFrameWriterV2) on the session catalog:
// create, replace and createOrReplace are CREATE [OR REPLACE] TABLE ... AS SELECT (replace
// needs the table to exist); append and overwritePartitions write by column name into an
// existing table, the latter replacing the partitions it writes; overwrite(condition)
// replaces the whole table when the condition is the literal true.
func (x *Executor) writeOperationV2(ctx context.Context, s *sessions.Session, w *connectpb.WriteOperationV2) error {
	l := x.lowering(ctx, s)
	q, err := l.Relation(w.GetInput())
	if err != nil {
		return err
	}
	name := connect.SplitName(w.GetTableName())
	if len(name) == 0 {
		return sparkerror.InvalidPlanInput("writeTo: the table name is empty")
	}
	tn, err := s.Catalog.Resolve(name)
	if err != nil {
		return err
	}
	exists := s.Catalog.Table(tn) != nil
	mustExist := func() error {
		if exists {
			return nil
		}
		return tableOrViewNotFound(tn.QualifiedName())
	}
	switch mode := w.GetMode(); mode {
	case connectpb.WriteOperationV2_MODE_CREATE, connectpb.WriteOperationV2_MODE_REPLACE, connectpb.WriteOperationV2_MODE_CREATE_OR_REPLACE:
		if mode == connectpb.WriteOperationV2_MODE_REPLACE {
			if err := mustExist(); err != nil {
				return err
			}
		}
		if len(w.GetClusteringColumns()) > 0 {
			return sparkerror.NotImplemented("writeTo(...).clusterBy")
		}
		var partition []string
		for _, e := range w.GetPartitioningColumns() {
			attr := e.GetUnresolvedAttribute()
			if attr == nil {
				return sparkerror.NotImplemented("writeTo(...).partitionedBy with partition transforms other than columns")
			}
			parts := connect.SplitName(attr.GetUnparsedIdentifier())
			if len(parts) != 1 {
				return sparkerror.NotImplemented("writeTo(...).partitionedBy on a nested field")
			}
			partition = append(partition, parts[0])
		}
		provider := w.GetProvider()
		if provider == "" {
			provider = s.Conf.String("spark.sql.sources.default")
		}
		return x.createTable(ctx, s, &plan.CreateTable{Name: name, Query: q, Provider: provider, Options: w.GetOptions(),
			Props: w.GetTableProperties(), Partition: partition, Replace: mode != connectpb.WriteOperationV2_MODE_CREATE})
	case connectpb.WriteOperationV2_MODE_APPEND:
		if err := mustExist(); err != nil {
			return err
		}
		return x.insertInto(ctx, s, &plan.InsertInto{Table: name, Query: q, ByName: true})
	case connectpb.WriteOperationV2_MODE_OVERWRITE_PARTITIONS:
		if err := mustExist(); err != nil {
			return err
		}
		return x.insertInto(ctx, s, &plan.InsertInto{Table: name, Query: q, ByName: true, Overwrite: true, DynamicPartitions: true})
	case connectpb.WriteOperationV2_MODE_OVERWRITE:
		if err := mustExist(); err != nil {
			return err
		}
		cond := w.GetOverwriteCondition().GetLiteral()
		if cond == nil || !cond.GetBoolean() {
			return sparkerror.NotImplemented("writeTo(...).overwrite with a condition other than lit(True)")
		}
		return x.insertInto(ctx, s, &plan.InsertInto{Table: name, Query: q, ByName: true, Overwrite: true})
	}
	return sparkerror.InvalidPlanInput("writeTo: unknown mode %s", w.GetMode())
}
