// Package tpch holds what the conformance runner and sail-bench share about the TPC-H
// material of shared/benchmarks/tpch: the table names, the queries, the expected answers,
// registering a table folder as a temporary view, rendering a result as text, and comparing
// answers with the tolerance the expected CSVs need.
package tpch

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// Tables are the tables the queries read, each a folder of Parquet files.
var Tables = []string{"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"}

// AllQueries are q1..q22.
func AllQueries() []string {
	names := make([]string, 22)
	for i := range names {
		names[i] = fmt.Sprintf("q%d", i+1)
	}
	return names
}

// ParseQueries reads a comma-separated list such as "q1,q5" or "1,5" (empty: all 22).
func ParseQueries(list string) ([]string, error) {
	var names []string
	for _, s := range strings.Split(list, ",") {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(s, "q"))
		if err != nil || n < 1 || n > 22 {
			return nil, fmt.Errorf("query %q: want q1..q22", s)
		}
		name := fmt.Sprintf("q%d", n)
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return AllQueries(), nil
	}
	return names, nil
}

// ReadQuery reads <dir>/queries/<name>.sql without its final semicolon.
func ReadQuery(dir, name string) (string, error) {
	q, err := os.ReadFile(filepath.Join(dir, "queries", name+".sql"))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(q)), ";")), nil
}

// ReadCSV reads an expected answer: a header row, then the rows.
func ReadCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return rows[1:], nil
}

// CreateParquetView is spark.read.parquet(path).createOrReplaceTempView(name).
func CreateParquetView(ctx context.Context, c *client.Client, name, path string) error {
	source := "parquet"
	res, err := c.Execute(ctx, &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{
		CommandType: &connectpb.Command_CreateDataframeView{CreateDataframeView: &connectpb.CreateDataFrameViewCommand{
			Input: &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{
				ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{
					Format: &source, Paths: []string{path},
				}},
			}}},
			Name:    name,
			Replace: true,
		}},
	}}})
	if err != nil {
		return err
	}
	res.Release()
	return nil
}

// Rows renders result batches as text, one string per value, as Spark's HiveResult writes
// them (the time zone does not matter: the TPC-H answers hold no timestamps).
func Rows(batches []arrow.RecordBatch) ([][]string, error) {
	var rows [][]string
	var buf []byte
	for _, b := range batches {
		fs := make([]*format.Formatter, b.NumCols())
		for k, col := range b.Columns() {
			f, err := format.NewFormatter(col, format.Options{Style: format.StyleHive})
			if err != nil {
				return nil, err
			}
			fs[k] = f
		}
		for i := 0; i < int(b.NumRows()); i++ {
			row := make([]string, len(fs))
			for k, f := range fs {
				buf = f.AppendValue(buf[:0], i)
				row[k] = string(buf)
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// Mismatch is how two answers differ.
type Mismatch int

const (
	Match Mismatch = iota
	// RowCount: the answers have different numbers of rows.
	RowCount
	// ColumnCount: the answers have different numbers of columns.
	ColumnCount
	// Values: some value differs beyond the tolerance (or rows come in another order where
	// it matters).
	Values
)

// Compare compares an answer with the expected one: numbers within ValueMatches' tolerance,
// other values exactly, the row order only when ordered (the query has a top-level ORDER
// BY). The detail names the first difference.
func Compare(ordered bool, want, got [][]string) (Mismatch, string) {
	if len(got) != len(want) {
		return RowCount, fmt.Sprintf("got %d rows, want %d", len(got), len(want))
	}
	if len(want) > 0 && len(got[0]) != len(want[0]) {
		return ColumnCount, fmt.Sprintf("got %d columns, want %d", len(got[0]), len(want[0]))
	}
	if !ordered {
		byText := func(a, b []string) int { return slices.Compare(a, b) }
		got, want = slices.Clone(got), slices.Clone(want)
		slices.SortFunc(got, byText)
		slices.SortFunc(want, byText)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			return ColumnCount, fmt.Sprintf("row %d: got %d columns, want %d", i+1, len(got[i]), len(want[i]))
		}
		for k := range want[i] {
			if !ValueMatches(want[i][k], got[i][k]) {
				return Values, fmt.Sprintf("row %d column %d: got %q, want %q", i+1, k+1, got[i][k], want[i][k])
			}
		}
	}
	return Match, ""
}

// ValueMatches compares numbers with the expected answers' tolerance (they are rounded to
// two places: 0.01 absolute, or 1e-9 relative for large sums), everything else exactly
// (NULL as Spark and DuckDB print it, "NULL" or "null", counts as the same).
func ValueMatches(want, got string) bool {
	if want == got || strings.EqualFold(want, "null") && strings.EqualFold(got, "null") {
		return true
	}
	w, err1 := strconv.ParseFloat(want, 64)
	g, err2 := strconv.ParseFloat(got, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	d := math.Abs(w - g)
	return d <= 0.01+1e-12 || d <= 1e-9*math.Abs(w)
}
