package catalog

import (
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
)

// cacheSet records which relations were cached (spark.catalog.cacheTable, CACHE TABLE).
// Table rows live in memory already unless the table is cold; caching a cold table warms
// it (Table.Warm).
type cacheSet struct {
	mu    sync.Mutex
	names map[string]bool
}

func (c *Catalog) cache() *cacheSet { return c.cachedTables }

// cacheKey names a relation for the cache: temporary views by the session, tables by
// their qualified name.
func (s *Session) cacheKey(name []string) string {
	if s.TempView(name) != nil {
		return "temp:" + strings.ToLower(strings.Join(name, "."))
	}
	tn, err := s.Resolve(name)
	if err != nil {
		return ""
	}
	return strings.ToLower(tn.Database + "." + tn.Name)
}

func (s *Session) cacheSetFor(name []string) (*cacheSet, string) {
	k := s.cacheKey(name)
	if strings.HasPrefix(k, "temp:") {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.cached == nil {
			s.cached = &cacheSet{names: map[string]bool{}}
		}
		return s.cached, k
	}
	return s.global.cache(), k
}

// Cache marks a relation cached.
func (s *Session) Cache(name []string) {
	cs, k := s.cacheSetFor(name)
	if k == "" {
		return
	}
	cs.mu.Lock()
	cs.names[k] = true
	cs.mu.Unlock()
}

// IsCached reports whether a relation was cached.
func (s *Session) IsCached(name []string) bool {
	cs, k := s.cacheSetFor(name)
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.names[k]
}

// Uncache forgets a cached relation.
func (s *Session) Uncache(name []string) {
	cs, k := s.cacheSetFor(name)
	cs.mu.Lock()
	delete(cs.names, k)
	cs.mu.Unlock()
}

// ClearCache forgets every cached relation.
func (s *Session) ClearCache() {
	for _, cs := range []*cacheSet{s.global.cache(), s.sessionCache()} {
		cs.mu.Lock()
		clear(cs.names)
		cs.mu.Unlock()
	}
}

func (s *Session) sessionCache() *cacheSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached == nil {
		s.cached = &cacheSet{names: map[string]bool{}}
	}
	return s.cached
}

// Warm loads a cold table's rows into memory (it takes ownership of the batches); later
// queries read them there and writes keep both copies.
func (t *Table) Warm(bs []arrow.RecordBatch) {
	d := t.store()
	d.mu.Lock()
	if d.store == nil || !d.store.cold {
		d.mu.Unlock()
		releaseAll(bs)
		return
	}
	old := d.batches
	d.batches = bs
	st := *d.store
	st.cold = false
	d.store = &st
	d.mu.Unlock()
	releaseAll(old)
}
