package tpchgen

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// WriteOptions selects what Write produces.
type WriteOptions struct {
	// Tables to write; empty means all eight.
	Tables []string
	// FilesPerTable splits every table except nation and region into that
	// many files; 0 chooses about one file per million rows.
	FilesPerTable int
}

// TableStats reports what Write produced for one table.
type TableStats struct {
	Table string
	Files int
	Rows  int64
	Bytes int64
}

const autoRowsPerFile = 8 * DefaultRowGroupRows

// FileCount returns the number of files Write uses for a table.
func (g *Generator) FileCount(table string, filesPerTable int) int {
	units := g.units(table)
	if table == Nation || table == Region {
		return 1
	}
	n := int64(filesPerTable)
	if n <= 0 {
		rows := units
		switch table {
		case PartSupp, Lineitem:
			rows *= 4
		}
		n = (rows + autoRowsPerFile - 1) / autoRowsPerFile
	}
	return int(max(1, min(n, units)))
}

func writerProps() *parquet.WriterProperties {
	opts := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithMaxRowGroupLength(DefaultRowGroupRows),
		parquet.WithStoreDecimalAsInteger(true),
		parquet.WithDictionaryDefault(true),
		parquet.WithCreatedBy("sailgo tpchgen"),
	}
	for _, c := range plainColumns {
		opts = append(opts, parquet.WithDictionaryFor(c, false))
	}
	return parquet.NewWriterProperties(opts...)
}

// Write generates the requested tables into dir/<table>/part-N.parquet
// (snappy, one row group per batch), using up to Parallelism goroutines,
// each writing whole files.
func (g *Generator) Write(ctx context.Context, dir string, opts WriteOptions) ([]TableStats, error) {
	tables := opts.Tables
	if len(tables) == 0 {
		tables = Tables
	}
	type unit struct {
		table       string
		part, parts int
		weight      int64
	}
	var units []unit
	stats := make([]TableStats, len(tables))
	index := map[string]int{}
	for ti, t := range tables {
		if schemas[t] == nil {
			return nil, fmt.Errorf("tpchgen: unknown table %q", t)
		}
		if _, dup := index[t]; dup {
			return nil, fmt.Errorf("tpchgen: table %q listed twice", t)
		}
		index[t] = ti
		n := g.FileCount(t, opts.FilesPerTable)
		stats[ti] = TableStats{Table: t, Files: n}
		if err := os.MkdirAll(filepath.Join(dir, t), 0o755); err != nil {
			return nil, err
		}
		w := g.units(t) * int64(schemas[t].NumFields())
		if t == Lineitem || t == PartSupp {
			w *= 4
		}
		for p := range n {
			units = append(units, unit{t, p, n, w / int64(n)})
		}
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].weight > units[j].weight })
	g.textPool()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		next     atomic.Int64
		wg       sync.WaitGroup
	)
	props := writerProps()
	for range min(g.cfg.Parallelism, len(units)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(units) || ctx.Err() != nil {
					return
				}
				u := units[k]
				path := filepath.Join(dir, u.table, fmt.Sprintf("part-%d.parquet", u.part))
				rows, size, err := g.writeFile(ctx, path, u.table, u.part, u.parts, props)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				st := &stats[index[u.table]]
				st.Rows += rows
				st.Bytes += size
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return stats, ctx.Err()
}

func (g *Generator) writeFile(ctx context.Context, path, table string, part, parts int, props *parquet.WriterProperties) (rows, size int64, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			var fi os.FileInfo
			if fi, err = os.Stat(path); err == nil {
				size = fi.Size()
			}
		}
	}()
	// The parquet writer closes its sink; hide Close so the file is closed
	// (and its error reported) once, here.
	w, err := pqarrow.NewFileWriter(schemas[table], struct{ io.Writer }{f}, props, pqarrow.NewArrowWriterProperties())
	if err != nil {
		return 0, 0, err
	}
	err = g.Generate(table, part, parts, func(rec arrow.RecordBatch) error {
		defer rec.Release()
		if err := ctx.Err(); err != nil {
			return err
		}
		rows += rec.NumRows()
		return w.Write(rec)
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return rows, 0, err
}
