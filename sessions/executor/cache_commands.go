package executor

import (
	"context"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
)

// The commands and calls that use the cache (cache.go): df.persist / unpersist /
// storageLevel (AnalyzePlan), spark.catalog.cacheTable / isCached / uncacheTable /
// clearCache / refreshTable, and CACHE TABLE / UNCACHE TABLE / CLEAR CACHE.

func levelFromProto(l *connectpb.StorageLevel) storageLevel {
	return storageLevel{Disk: l.GetUseDisk(), Memory: l.GetUseMemory(), OffHeap: l.GetUseOffHeap(),
		Deserialized: l.GetDeserialized(), Replication: max(l.GetReplication(), 1)}
}

func (l storageLevel) proto() *connectpb.StorageLevel {
	return &connectpb.StorageLevel{UseDisk: l.Disk, UseMemory: l.Memory, UseOffHeap: l.OffHeap,
		Deserialized: l.Deserialized, Replication: l.Replication}
}

// persist is df.persist(level) (df.cache()): the relation is cached, to be built when a
// query first reads it.
func (x *Executor) persist(s *sessions.Session, rel *connectpb.Relation, level *connectpb.StorageLevel) error {
	n, err := x.resolve(context.Background(), s, rel)
	if err != nil {
		return err
	}
	l, err := defaultStorageLevel(s)
	if err != nil {
		return err
	}
	if level != nil {
		l = levelFromProto(level)
	}
	x.cache().add(n, "", l, func() (plan.Node, error) { return x.resolve(context.Background(), s, rel) })
	return nil
}

// unpersist is df.unpersist(): the relation's entry goes; entries that contain it stay.
func (x *Executor) unpersist(s *sessions.Session, rel *connectpb.Relation) error {
	n, err := x.resolve(context.Background(), s, rel)
	if err != nil {
		return err
	}
	x.cache().uncache(n, false)
	return nil
}

// storageLevelOf is df.storageLevel: the level the relation is cached with, NONE when it
// is not.
func (x *Executor) storageLevelOf(s *sessions.Session, rel *connectpb.Relation) (*connectpb.StorageLevel, error) {
	n, err := x.resolve(context.Background(), s, rel)
	if err != nil {
		return nil, err
	}
	if e := x.cache().lookup(n); e != nil {
		return e.level.proto(), nil
	}
	return storageLevels["NONE"].proto(), nil
}

// resolveName analyzes a table or view by name, as spark.table(name).
func resolveName(s *sessions.Session, name []string) (plan.Node, error) {
	return analyzer.Resolve(&plan.UnresolvedRelation{Name: name}, analyzerOptions(s))
}

// cacheRelation caches the relation of a name (a table or view) with a level; unless
// lazy its rows are built now, and a failure to build them uncaches it again.
func (x *Executor) cacheRelation(ctx context.Context, s *sessions.Session, name []string, level storageLevel, lazy bool) error {
	n, err := resolveName(s, name)
	if err != nil {
		return err
	}
	e, added := x.cache().add(n, quoteParts(name), level, func() (plan.Node, error) { return resolveName(s, name) })
	if lazy {
		return nil
	}
	if _, _, err := x.cachedRows(ctx, s, e, n.Output()); err != nil {
		if added {
			x.cache().uncache(n, false)
		}
		return err
	}
	return nil
}

// isCachedName is spark.catalog.isCached(name).
func (x *Executor) isCachedName(s *sessions.Session, name []string) (bool, error) {
	n, err := resolveName(s, name)
	if err != nil {
		return false, err
	}
	return x.cache().lookup(n) != nil, nil
}

// uncacheName uncaches the relation of a name; entries over it go too with cascade.
func (x *Executor) uncacheName(s *sessions.Session, name []string, cascade bool) error {
	n, err := resolveName(s, name)
	if err != nil {
		return err
	}
	x.cache().uncache(n, cascade)
	return nil
}

// cacheTableCommand runs CACHE [LAZY] TABLE name [OPTIONS ('storageLevel' ...)] [AS query].
func (x *Executor) cacheTableCommand(ctx context.Context, s *sessions.Session, c *plan.CacheTable) error {
	level, err := defaultStorageLevel(s)
	if err != nil {
		return err
	}
	for k, v := range c.Options {
		if strings.EqualFold(k, "storageLevel") {
			if level, err = parseStorageLevel(v); err != nil {
				return err
			}
		}
		// Spark only logs other options as invalid.
	}
	if c.Query == nil {
		return x.cacheRelation(ctx, s, c.Name, level, c.Lazy)
	}
	// CACHE TABLE name AS query: the query becomes the temporary view name, which is cached;
	// if caching fails the view goes again.
	if err := x.createView(s, &plan.CreateView{Name: c.Name, Query: c.Query, SQL: c.Text, Text: c.Text, Temporary: true}); err != nil {
		return err
	}
	if err := x.cacheRelation(ctx, s, c.Name, level, c.Lazy); err != nil {
		s.Catalog.DropTempView(c.Name)
		return err
	}
	return nil
}

// uncacheTableCommand runs UNCACHE TABLE [IF EXISTS] name: a missing relation is an error
// without IF EXISTS; a temporary view's dependents stay cached, a table's go too.
func (x *Executor) uncacheTableCommand(s *sessions.Session, c *plan.UncacheTable) error {
	rel, err := s.Catalog.LookupRelation(c.Name)
	if err == nil && rel == nil {
		err = tableOrViewNotFound(c.Name)
	}
	if err != nil {
		if c.IfExists {
			return nil
		}
		return err
	}
	return x.uncacheName(s, c.Name, s.Catalog.TempView(c.Name) == nil)
}

// refreshTable is spark.catalog.refreshTable / REFRESH TABLE: cached rows that read the
// relation are built again at their next read.
func (x *Executor) refreshTable(s *sessions.Session, name []string) error {
	if _, err := resolveName(s, name); err != nil {
		return err
	}
	x.tableChanged(s, name)
	return nil
}

// clearCache is spark.catalog.clearCache / CLEAR CACHE.
func (x *Executor) clearCache() { x.cache().clear() }

// renameCached moves the cache entry of a renamed table to its new name, as Spark's
// ALTER TABLE RENAME does: the old entry goes, and the new name is cached lazily with the
// same level.
func (x *Executor) renameCached(s *sessions.Session, from catalog.TableName, to []string) {
	old := []string{catalog.CatalogName, from.Database, from.Name}
	var level *storageLevel
	for _, e := range x.cache().snapshot() {
		if e.name != "" && planReads(e.planOf(), readsRelation(old)) {
			l := e.level
			level = &l
			break
		}
	}
	x.cache().removeWhere(readsRelation(old))
	if level != nil {
		_ = x.cacheRelation(context.Background(), s, to, *level, true)
	}
}
