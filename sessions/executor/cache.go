package executor

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The cache of df.cache() / df.persist(), spark.catalog.cacheTable and CACHE TABLE, as
// Spark's CacheManager: entries are keyed by the analyzed plan (cacheKey), and before a
// query is planned every subtree whose key matches an entry is replaced by the entry's
// rows (useCachedData). An entry is built the first time a query reads it (CACHE TABLE
// builds it at once unless LAZY); its rows are Arrow batches reserved in the cache's own
// memory pool (the executor's CacheMemoryLimit), written to a spill file when the pool is
// full and the storage level allows disk; a query reads spilled rows back into its own
// memory when its pool has room, and otherwise computes them itself (as it does for a
// memory-only entry that did not fit). A query reads cached rows as a union of local
// relations, one per core. A write to a table or path the entry reads drops its rows
// (they are built again, from a fresh analysis of the query, at the next read); dropping
// the table removes the entry.

// storageLevel is Spark's StorageLevel.
type storageLevel struct {
	Disk, Memory, OffHeap, Deserialized bool
	Replication                         int32
}

// storageLevels are the levels of Spark's StorageLevel.fromString.
var storageLevels = map[string]storageLevel{
	"NONE":                  {Replication: 1},
	"DISK_ONLY":             {Disk: true, Replication: 1},
	"DISK_ONLY_2":           {Disk: true, Replication: 2},
	"DISK_ONLY_3":           {Disk: true, Replication: 3},
	"MEMORY_ONLY":           {Memory: true, Deserialized: true, Replication: 1},
	"MEMORY_ONLY_2":         {Memory: true, Deserialized: true, Replication: 2},
	"MEMORY_ONLY_SER":       {Memory: true, Replication: 1},
	"MEMORY_ONLY_SER_2":     {Memory: true, Replication: 2},
	"MEMORY_AND_DISK":       {Disk: true, Memory: true, Deserialized: true, Replication: 1},
	"MEMORY_AND_DISK_2":     {Disk: true, Memory: true, Deserialized: true, Replication: 2},
	"MEMORY_AND_DISK_SER":   {Disk: true, Memory: true, Replication: 1},
	"MEMORY_AND_DISK_SER_2": {Disk: true, Memory: true, Replication: 2},
	"OFF_HEAP":              {Disk: true, Memory: true, OffHeap: true, Replication: 1},
}

// parseStorageLevel reads a level by name, as StorageLevel.fromString.
func parseStorageLevel(name string) (storageLevel, error) {
	l, ok := storageLevels[strings.ToUpper(strings.TrimSpace(name))]
	if !ok {
		e := sparkerror.New(sparkerror.Runtime, "", "", "Invalid StorageLevel: "+strings.ToUpper(name), nil)
		e.JavaClasses = []string{"java.lang.IllegalArgumentException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}
		return storageLevel{}, e
	}
	return l, nil
}

// defaultStorageLevel is spark.sql.defaultCacheStorageLevel (MEMORY_AND_DISK).
func defaultStorageLevel(s *sessions.Session) (storageLevel, error) {
	if v, ok, err := s.Conf.GetOption("spark.sql.defaultCacheStorageLevel"); err == nil && ok && v != "" {
		return parseStorageLevel(v)
	}
	return storageLevels["MEMORY_AND_DISK"], nil
}

// cacheManager holds the cached entries; one per executor, shared by its sessions.
type cacheManager struct {
	mu      sync.Mutex
	entries []*cacheEntry
	pool    *memory.Pool
	spill   *memory.SpillDir
}

// cacheEntry is one cached query.
type cacheEntry struct {
	name  string // the relation name given to CACHE TABLE / cacheTable ("" for persist)
	level storageLevel
	// refresh analyzes the cached query again (after a write to what it reads).
	refresh func() (plan.Node, error)

	mu    sync.Mutex // held while building and reading the rows; guards the fields below
	key   string
	plan  plan.Node // the analyzed plan
	built bool
	// The rows: batches in memory (reserved in res) or in file.
	schema  *arrow.Schema
	batches []arrow.RecordBatch
	file    *memory.SpillFile
	res     *memory.Reservation
	// noRoom is the size of a memory-only entry's rows that did not fit in the pool.
	noRoom int64
}

// cacheMemoryFraction is the share of the query memory limit the cache may hold, as
// Spark's spark.memory.storageFraction.
const cacheMemoryFraction = 2

func (x *Executor) cache() *cacheManager {
	x.cacheOnce.Do(func() {
		limit := x.CacheMemoryLimit
		if limit == 0 {
			limit = x.MemoryLimit / cacheMemoryFraction
		}
		x.cacheMgr = &cacheManager{pool: memory.NewPool(limit), spill: memory.NewSpillDir(x.SpillDir)}
	})
	return x.cacheMgr
}

// CloseCache drops every cached entry and removes the cache's spill files.
func (x *Executor) CloseCache() {
	m := x.cache()
	m.clear()
	m.spill.Close()
}

func (m *cacheManager) snapshot() []*cacheEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.entries)
}

// lookup finds the entry of an analyzed plan.
func (m *cacheManager) lookup(n plan.Node) *cacheEntry {
	entries := m.snapshot()
	if len(entries) == 0 {
		return nil
	}
	k := newKeyer().key(n)
	for _, e := range entries {
		if e.keyOf() == k {
			return e
		}
	}
	return nil
}

func (e *cacheEntry) keyOf() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.key
}

func (e *cacheEntry) planOf() plan.Node {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.plan
}

// add caches an analyzed plan; it reports false (and changes nothing) when the plan is
// cached already, as Spark only warns then.
func (m *cacheManager) add(n plan.Node, name string, level storageLevel, refresh func() (plan.Node, error)) (*cacheEntry, bool) {
	if e := m.lookup(n); e != nil {
		return e, false
	}
	e := &cacheEntry{name: name, level: level, refresh: refresh, key: newKeyer().key(n), plan: n,
		res: m.pool.NewReservation("cached " + cmpOr(name, "query"))}
	m.mu.Lock()
	m.entries = append(m.entries, e)
	m.mu.Unlock()
	return e, true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// remove drops the entries for which drop reports true.
func (m *cacheManager) remove(drop func(*cacheEntry) bool) {
	m.mu.Lock()
	var gone []*cacheEntry
	kept := m.entries[:0]
	for _, e := range m.entries {
		if drop(e) {
			gone = append(gone, e)
		} else {
			kept = append(kept, e)
		}
	}
	clear(m.entries[len(kept):])
	m.entries = kept
	m.mu.Unlock()
	for _, e := range gone {
		e.mu.Lock()
		e.dropRows()
		e.mu.Unlock()
		e.res.Close()
	}
}

// fits reports whether the cache's pool has room for n more bytes now.
func (m *cacheManager) fits(n int64) bool {
	return m.pool.Limit() == 0 || m.pool.Used()+n <= m.pool.Limit()
}

func (m *cacheManager) clear() { m.remove(func(*cacheEntry) bool { return true }) }

// uncache removes the entry of n; with cascade also the entries whose plans contain n,
// otherwise those keep their place and are built again at their next read.
func (m *cacheManager) uncache(n plan.Node, cascade bool) {
	k := newKeyer().key(n)
	var dependents []*cacheEntry
	m.remove(func(e *cacheEntry) bool {
		if e.keyOf() == k {
			return true
		}
		if containsKey(e.planOf(), k) {
			if cascade {
				return true
			}
			dependents = append(dependents, e)
		}
		return false
	})
	for _, e := range dependents {
		e.invalidate()
	}
}

// containsKey reports whether a subtree of n has key k.
func containsKey(n plan.Node, k string) bool {
	ky := newKeyer()
	found := false
	walkPlans(n, func(c plan.Node) bool {
		if !found && ky.key(c) == k {
			found = true
		}
		return !found
	})
	return found
}

// walkPlans visits n and its descendants, subquery plans included, while visit reports
// true.
func walkPlans(n plan.Node, visit func(plan.Node) bool) {
	if !visit(n) {
		return
	}
	for _, e := range plan.Expressions(n) {
		walkSubqueries(e, func(sub plan.Node) { walkPlans(sub, visit) })
	}
	for _, c := range n.Children() {
		walkPlans(c, visit)
	}
}

func walkSubqueries(e plan.Expr, f func(plan.Node)) {
	if e == nil {
		return
	}
	if sq := plan.SubqueryOf(e); sq != nil && sq.Plan != nil {
		f(sq.Plan)
	}
	for _, c := range e.Children() {
		walkSubqueries(c, f)
	}
}

// invalidate drops an entry's rows; the next read builds them again. The query is
// analyzed again now, so that its key follows a changed schema (ALTER TABLE).
func (e *cacheEntry) invalidate() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dropRows()
	if e.refresh != nil {
		if fresh, err := e.refresh(); err == nil {
			e.plan, e.key = fresh, newKeyer().key(fresh)
		}
	}
}

// dropRows releases the rows (the caller holds e.mu).
func (e *cacheEntry) dropRows() {
	releaseBatches(e.batches)
	e.batches = nil
	if e.file != nil {
		_ = e.file.Remove()
		e.file = nil
	}
	e.res.Free()
	e.built, e.noRoom = false, 0
}

// invalidateWhere drops the rows of the entries whose plans read what reads reports true
// for (a write changed it).
func (m *cacheManager) invalidateWhere(reads func(plan.Node) bool) {
	for _, e := range m.snapshot() {
		if planReads(e.planOf(), reads) {
			e.invalidate()
		}
	}
}

// removeWhere removes the entries whose plans read what reads reports true for (it was
// dropped).
func (m *cacheManager) removeWhere(reads func(plan.Node) bool) {
	m.remove(func(e *cacheEntry) bool { return planReads(e.planOf(), reads) })
}

func planReads(n plan.Node, reads func(plan.Node) bool) bool {
	found := false
	walkPlans(n, func(c plan.Node) bool {
		if reads(c) {
			found = true
		}
		return !found
	})
	return found
}

// readsRelation matches the nodes that read the relation of the qualified name (a table
// [spark_catalog, db, t], a temporary view [v] or [global_temp, v]).
func readsRelation(name []string) func(plan.Node) bool {
	return func(n plan.Node) bool {
		switch x := n.(type) {
		case *plan.SubqueryAlias:
			return sameName(x.Alias, name)
		case *plan.TableScan:
			return sameName(x.Name, name)
		}
		return false
	}
}

func sameName(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// readsPath matches the file reads under (or above) a path that was written.
func readsPath(path string) func(plan.Node) bool {
	written := cleanPath(path)
	return func(n plan.Node) bool {
		r, ok := n.(*plan.DataSourceRead)
		if !ok {
			return false
		}
		for _, p := range r.Paths {
			p = cleanPath(p)
			if p == written || strings.HasPrefix(p, written+"/") || strings.HasPrefix(written, p+"/") {
				return true
			}
		}
		return false
	}
}

func cleanPath(p string) string {
	p = strings.TrimPrefix(p, "file:")
	for strings.HasPrefix(p, "//") {
		p = p[1:]
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return strings.TrimRight(p, "/")
}

// qualifiedRelationName is the name a relation's nodes carry: [spark_catalog, db, t] for
// tables, the name as written for temporary views.
func qualifiedRelationName(s *sessions.Session, name []string) []string {
	if v := s.Catalog.TempView(name); v != nil {
		if len(name) == 2 {
			return []string{catalog.GlobalTempDatabase, v.Name}
		}
		return []string{v.Name}
	}
	tn, err := s.Catalog.Resolve(name)
	if err != nil {
		return name
	}
	return []string{catalog.CatalogName, tn.Database, tn.Name}
}

// tableChanged drops the cached rows that read a table or view whose data changed.
func (x *Executor) tableChanged(s *sessions.Session, name []string) {
	x.cache().invalidateWhere(readsRelation(qualifiedRelationName(s, name)))
}

// tableDropped removes the cache entries that read a table or view about to be dropped.
func (x *Executor) tableDropped(s *sessions.Session, name []string) {
	x.cache().removeWhere(readsRelation(qualifiedRelationName(s, name)))
}

// pathWritten drops the cached rows of file reads of a path that was written.
func (x *Executor) pathWritten(path string) {
	x.cache().invalidateWhere(readsPath(path))
}

// ---- using the cache ----

type buildingKey struct{}

// building is the set of entries being built on the context (their own query must not
// read them).
func building(ctx context.Context) map[*cacheEntry]bool {
	m, _ := ctx.Value(buildingKey{}).(map[*cacheEntry]bool)
	return m
}

// useCachedData replaces the subtrees of an analyzed plan that are cached by their rows,
// building entries read for the first time.
func (x *Executor) useCachedData(ctx context.Context, s *sessions.Session, n plan.Node) (plan.Node, error) {
	m := x.cache()
	entries := m.snapshot()
	if len(entries) == 0 {
		return n, nil
	}
	byKey := make(map[string]*cacheEntry, len(entries))
	for _, e := range entries {
		if !building(ctx)[e] {
			byKey[e.keyOf()] = e
		}
	}
	if len(byKey) == 0 {
		return n, nil
	}
	u := &cacheUse{x: x, s: s, ctx: ctx, byKey: byKey, keyer: newKeyer()}
	return u.rewrite(n)
}

type cacheUse struct {
	x     *Executor
	s     *sessions.Session
	ctx   context.Context
	byKey map[string]*cacheEntry
	keyer *keyer
}

func (u *cacheUse) rewrite(n plan.Node) (plan.Node, error) {
	if _, isCmd := n.(plan.Command); isCmd {
		return n, nil
	}
	if e := u.byKey[u.keyer.key(n)]; e != nil {
		ld, ok, err := u.x.cachedRows(u.ctx, u.s, e, n.Output())
		if err != nil {
			return nil, err
		}
		if ok {
			return ld, nil
		}
	}
	children := n.Children()
	changed := false
	out := make([]plan.Node, len(children))
	for i, c := range children {
		r, err := u.rewrite(c)
		if err != nil {
			return nil, err
		}
		out[i] = r
		changed = changed || r != c
	}
	if changed {
		n = n.WithChildren(out)
	}
	return u.rewriteSubqueries(n)
}

// rewriteSubqueries uses the cache in the plans of a node's subquery expressions.
func (u *cacheUse) rewriteSubqueries(n plan.Node) (plan.Node, error) {
	switch x := n.(type) {
	case *plan.Project:
		exprs, changed, err := u.subqueryExprs(x.Exprs)
		if err != nil || !changed {
			return n, err
		}
		c := *x
		c.Exprs = exprs
		return &c, nil
	case *plan.Filter:
		exprs, changed, err := u.subqueryExprs([]plan.Expr{x.Cond})
		if err != nil || !changed {
			return n, err
		}
		c := *x
		c.Cond = exprs[0]
		return &c, nil
	}
	return n, nil
}

func (u *cacheUse) subqueryExprs(es []plan.Expr) ([]plan.Expr, bool, error) {
	changed := false
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		r, err := u.subqueryExpr(e)
		if err != nil {
			return nil, false, err
		}
		out[i] = r
		changed = changed || r != e
	}
	return out, changed, nil
}

func (u *cacheUse) subqueryExpr(e plan.Expr) (plan.Expr, error) {
	if e == nil {
		return nil, nil
	}
	if sq := plan.SubqueryOf(e); sq != nil && sq.Plan != nil && len(sq.Outer) == 0 {
		p, err := u.rewrite(sq.Plan)
		if err != nil {
			return nil, err
		}
		if p != sq.Plan {
			return plan.WithSubqueryPlan(e, p), nil
		}
		return e, nil
	}
	children := e.Children()
	if len(children) == 0 {
		return e, nil
	}
	changed := false
	out := make([]plan.Expr, len(children))
	for i, c := range children {
		r, err := u.subqueryExpr(c)
		if err != nil {
			return nil, err
		}
		out[i] = r
		changed = changed || r != c
	}
	if !changed {
		return e, nil
	}
	return e.WithChildren(out), nil
}

// cachedRows returns the rows of an entry as a relation with the given output, building
// them when needed: the batches spread over up to one partition per core (a union of
// local relations), so that reading the cache runs in parallel. ok is false when the
// entry keeps no rows (a memory-only level whose rows did not fit): the query then
// computes them itself, as Spark recomputes blocks it could not store.
func (x *Executor) cachedRows(ctx context.Context, s *sessions.Session, e *cacheEntry, out []*plan.AttributeRef) (plan.Node, bool, error) {
	ld, ok, err := x.cachedBatches(ctx, s, e, out)
	if err != nil || !ok {
		return nil, ok, err
	}
	return splitLocal(ld, runtime.GOMAXPROCS(0)), true, nil
}

// splitLocal spreads a local relation's batches over up to n parts of consecutive
// batches with about as many rows each, as a UNION ALL of them.
func splitLocal(ld *plan.LocalData, n int) plan.Node {
	n = min(n, len(ld.Batches))
	if n <= 1 {
		return ld
	}
	var total int64
	for _, b := range ld.Batches {
		total += b.NumRows()
	}
	var parts []plan.Node
	start, rows := 0, int64(0)
	for i, b := range ld.Batches {
		rows += b.NumRows()
		if rows*int64(n) >= total*int64(len(parts)+1) || i == len(ld.Batches)-1 {
			parts = append(parts, &plan.LocalData{ArrowSchema: ld.ArrowSchema, Batches: ld.Batches[start : i+1], Out: ld.Out})
			start = i + 1
		}
	}
	var u plan.Node = parts[0]
	for _, p := range parts[1:] {
		u = &plan.SetOp{Left: u, Right: p, Kind: plan.UnionOp, All: true}
	}
	return u
}

func (x *Executor) cachedBatches(ctx context.Context, s *sessions.Session, e *cacheEntry, out []*plan.AttributeRef) (*plan.LocalData, bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.built && e.noRoom > 0 && !e.level.Disk && !x.cache().fits(e.noRoom) {
		// A memory-only entry that did not fit still does not: the query computes the rows.
		return nil, false, nil
	}
	if !e.built {
		if err := x.build(ctx, s, e); err != nil {
			return nil, false, err
		}
	}
	var bs []arrow.RecordBatch
	switch {
	case e.file != nil:
		// The rows come back into the query's memory: when its pool has no room for them,
		// the query computes them itself instead.
		res := memory.FromContext(ctx).NewReservation("cached rows read back")
		if err := res.TryGrow(e.file.Bytes()); err != nil {
			if memory.IsOutOfMemory(err) {
				return nil, false, nil
			}
			return nil, false, err
		}
		var err error
		if bs, err = readSpill(e.file); err != nil {
			return nil, false, err
		}
	case e.batches != nil || e.built:
		bs = e.batches
	default:
		return nil, false, nil
	}
	if !e.built {
		e.batches = nil // rows computed for this read only: the relation owns them
	}
	if len(out) != e.schema.NumFields() {
		return nil, false, sparkerror.InternalError("cache: the cached rows have %d columns, the plan %d", e.schema.NumFields(), len(out))
	}
	return &plan.LocalData{ArrowSchema: e.schema, Batches: bs, Out: out}, true, nil
}

// build computes an entry's rows and stores them per its storage level (the caller holds
// e.mu). A memory-only entry whose rows do not fit keeps them in e.batches for the
// current read only (built stays false).
func (x *Executor) build(ctx context.Context, s *sessions.Session, e *cacheEntry) error {
	n := e.plan
	if e.refresh != nil {
		fresh, err := e.refresh()
		if err != nil {
			return err
		}
		n = fresh
		e.plan, e.key = fresh, newKeyer().key(fresh)
	}
	st := plan.Schema(n)
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return err
	}
	inner := maps.Clone(building(ctx))
	if inner == nil {
		inner = map[*cacheEntry]bool{}
	}
	inner[e] = true
	bs, err := x.collectBatches(context.WithValue(ctx, buildingKey{}, inner), s, n, st)
	if err != nil {
		return err
	}
	e.schema = schema
	size := batchesSize(bs)
	if e.level.Memory {
		if err := e.res.TryGrow(size); err == nil {
			e.batches, e.built = bs, true
			return nil
		} else if !memory.IsOutOfMemory(err) {
			releaseBatches(bs)
			return err
		}
	}
	if e.level.Disk {
		f, err := x.spillRows(schema, bs)
		releaseBatches(bs)
		if err != nil {
			return err
		}
		e.file, e.built = f, true
		return nil
	}
	e.batches = bs // for this read only
	e.noRoom = size
	return nil
}

func batchesSize(bs []arrow.RecordBatch) int64 {
	var n int64
	for _, b := range bs {
		for _, c := range b.Columns() {
			n += arrayBytes(c.Data())
		}
	}
	return n
}

func arrayBytes(d arrow.ArrayData) int64 {
	var n int64
	for _, buf := range d.Buffers() {
		if buf != nil {
			n += int64(buf.Len())
		}
	}
	for _, c := range d.Children() {
		n += arrayBytes(c)
	}
	if d.DataType().ID() == arrow.DICTIONARY {
		n += arrayBytes(d.Dictionary())
	}
	return n
}

func (x *Executor) spillRows(schema *arrow.Schema, bs []arrow.RecordBatch) (*memory.SpillFile, error) {
	w, err := memory.NewSpillWriter(x.cache().spill, "cache", schema)
	if err != nil {
		return nil, sparkerror.InternalError("cache: %v", err)
	}
	for _, b := range bs {
		if err := w.Write(b); err != nil {
			w.Abort()
			return nil, sparkerror.InternalError("cache: %v", err)
		}
	}
	f, err := w.Finish()
	if err != nil {
		return nil, sparkerror.InternalError("cache: %v", err)
	}
	return f, nil
}

func readSpill(f *memory.SpillFile) ([]arrow.RecordBatch, error) {
	r, err := f.Open()
	if err != nil {
		return nil, sparkerror.InternalError("cache: %v", err)
	}
	defer r.Close()
	var out []arrow.RecordBatch
	for {
		b, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			releaseBatches(out)
			return nil, sparkerror.InternalError("cache: %v", err)
		}
		out = append(out, b)
	}
}

// ---- keys ----

// keyer computes cache keys: a canonical form of an analyzed plan in which two analyses
// of the same query agree (expression IDs renumbered in order of appearance) and which
// names the data each leaf reads (a local relation's rows by a hash of their bytes, a
// table by its handle, files by format, paths, schema and options). Subquery aliases are
// left out: they rename, and do not change the rows.
type keyer struct {
	memo map[plan.Node]string // leaf identities
	seed maphash.Seed
}

var keySeed = maphash.MakeSeed()

func newKeyer() *keyer { return &keyer{memo: map[plan.Node]string{}, seed: keySeed} }

func (k *keyer) key(n plan.Node) string {
	var b strings.Builder
	k.write(&b, n, 0)
	return plan.RenumberIDs(b.String())
}

func (k *keyer) write(b *strings.Builder, n plan.Node, depth int) {
	for {
		a, ok := n.(*plan.SubqueryAlias)
		if !ok {
			break
		}
		n = a.Child
	}
	fmt.Fprintf(b, "%*s%T %s [", depth, "", n, n.Describe())
	for _, e := range plan.Expressions(n) {
		k.writeExpr(b, e, depth)
	}
	switch x := n.(type) {
	case *plan.Window:
		for _, e := range x.PartitionBy {
			k.writeExpr(b, e, depth)
		}
		for _, o := range x.OrderBy {
			k.writeExpr(b, o, depth)
		}
	case *plan.Repartition:
		for _, e := range x.Keys {
			k.writeExpr(b, e, depth)
		}
	}
	b.WriteString("] ")
	b.WriteString(k.leaf(n))
	for _, a := range n.Output() {
		b.WriteString(a.Type.SQL())
		b.WriteByte(',')
	}
	b.WriteByte('\n')
	for _, c := range n.Children() {
		k.write(b, c, depth+1)
	}
}

func (k *keyer) writeExpr(b *strings.Builder, e plan.Expr, depth int) {
	if e == nil {
		return
	}
	b.WriteString(plan.SemanticKey(e))
	walkSubqueries(e, func(sub plan.Node) {
		b.WriteString("{\n")
		k.write(b, sub, depth+1)
		b.WriteString("}")
	})
	b.WriteByte(';')
}

// leaf names the data a leaf reads.
func (k *keyer) leaf(n plan.Node) string {
	switch x := n.(type) {
	case *plan.LocalData, *plan.TableScan, *plan.DataSourceRead:
	default:
		_ = x
		return ""
	}
	if s, ok := k.memo[n]; ok {
		return s
	}
	var s string
	switch x := n.(type) {
	case *plan.LocalData:
		var h maphash.Hash
		h.SetSeed(k.seed)
		rows := int64(0)
		for _, bt := range x.Batches {
			rows += bt.NumRows()
			for _, c := range bt.Columns() {
				hashArray(&h, c.Data())
			}
		}
		s = fmt.Sprintf("rows=%d hash=%x", rows, h.Sum64())
	case *plan.TableScan:
		s = fmt.Sprintf("table=%p cols=%v", tableIdentity(x.Table), x.Columns)
	case *plan.DataSourceRead:
		opts := make([]string, 0, len(x.Options))
		for o, v := range x.Options {
			opts = append(opts, strings.ToLower(o)+"="+v)
		}
		sort.Strings(opts)
		schema := ""
		if x.Schema != nil {
			schema = x.Schema.SQL()
		}
		s = fmt.Sprintf("format=%s paths=%q schema=%s options=%q cols=%v", x.Format, x.Paths, schema, opts, x.Columns)
	}
	k.memo[n] = s
	return s
}

// tableIdentity is the data a table handle reads: metadata copies of one table (ALTER
// TABLE makes them) share it.
func tableIdentity(t any) any {
	if ct, ok := t.(*catalog.Table); ok {
		return ct.DataIdentity()
	}
	return t
}

func hashArray(h *maphash.Hash, d arrow.ArrayData) {
	var buf [8]byte
	put := func(v int) {
		for i := range buf {
			buf[i] = byte(v >> (8 * i))
		}
		h.Write(buf[:])
	}
	put(d.Len())
	put(d.Offset())
	for _, b := range d.Buffers() {
		if b == nil {
			put(-1)
			continue
		}
		put(b.Len())
		h.Write(b.Bytes())
	}
	for _, c := range d.Children() {
		hashArray(h, c)
	}
	if d.DataType().ID() == arrow.DICTIONARY {
		hashArray(h, d.Dictionary())
	}
}
