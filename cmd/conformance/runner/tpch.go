package runner

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
	"time"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// TPCHTimeout bounds one TPC-H query at SF0.1.
const TPCHTimeout = 2 * time.Minute

// tpchTables are the tables the queries read, each a directory of Parquet files.
var tpchTables = []string{"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"}

// TPCHResult is the TPC-H line of the scoreboard.
type TPCHResult struct {
	Scale   string      `json:"scale"`
	Pass    int         `json:"pass"`
	Setup   []string    `json:"setup,omitempty"`
	Queries []TPCHQuery `json:"queries"`
	// Races are data races a race-enabled server reported.
	Races []string `json:"races,omitempty"`
}

// TPCHQuery is the verdict on one query.
type TPCHQuery struct {
	Name    string  `json:"name"`
	Outcome Outcome `json:"outcome"`
	Reason  string  `json:"reason,omitempty"`
	Detail  string  `json:"detail,omitempty"`
}

// RunTPCH runs q1..q22 of dir (../shared/benchmarks/tpch) over the SF0.1 data, each table
// registered as a temporary view of its Parquet directory, and compares with the expected
// CSVs: numbers within 0.01 (or 1e-9 relative), other values exactly, row order only where
// the query has a top-level ORDER BY.
func RunTPCH(ctx context.Context, cfg Config, dir string) (*TPCHResult, error) {
	const scale = "sf0.1"
	data, err := filepath.Abs(filepath.Join(dir, "data", scale))
	if err != nil {
		return nil, err
	}
	out := &TPCHResult{Scale: scale}
	r := &serverSession{cfg: &cfg, races: &out.Races, prepare: func(ctx context.Context, c *client.Client) []string {
		var notes []string
		for _, t := range tpchTables {
			if err := createParquetView(ctx, c, t, filepath.Join(data, t)); err != nil {
				notes = append(notes, fmt.Sprintf("view %s not created: %s", t, errorLabel(err)))
			}
		}
		return notes
	}}
	defer r.stop()
	if err := r.start(ctx); err != nil {
		return nil, err
	}
	out.Setup = r.setup
	names := cfg.TPCHQueries
	if len(names) == 0 {
		for i := 1; i <= 22; i++ {
			names = append(names, fmt.Sprintf("q%d", i))
		}
	}
	for _, name := range names {
		q, err := os.ReadFile(filepath.Join(dir, "queries", name+".sql"))
		if err != nil {
			return nil, err
		}
		want, err := readCSV(filepath.Join(dir, "expected", scale, name+".csv"))
		if err != nil {
			return nil, err
		}
		query := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(q)), ";"))
		res := TPCHQuery{Name: name}
		started := time.Now()
		ans, failed := r.execute(ctx, query, TPCHTimeout)
		switch {
		case failed != nil:
			res.Outcome, res.Reason, res.Detail = failed.Outcome, failed.Reason, failed.Detail
		case ans.Err != nil:
			res.Outcome, res.Reason, res.Detail = UnexpectedError, ans.Err.label(), ans.Err.Message
		default:
			res.Outcome, res.Detail = compareTPCH(query, want, ans.Rows)
			if res.Outcome != Pass {
				res.Reason = string(res.Outcome)
			}
		}
		if res.Outcome == Pass {
			out.Pass++
		}
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "tpch %-4s %-18s %s %s\n", name, res.Outcome, time.Since(started).Round(time.Millisecond), res.Reason)
		}
		out.Queries = append(out.Queries, res)
		if r.broken != nil {
			return out, r.broken
		}
	}
	return out, nil
}

// createParquetView is spark.read.parquet(path).createOrReplaceTempView(name).
func createParquetView(ctx context.Context, c *client.Client, name, path string) error {
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

// readCSV reads an expected answer: a header row, then the rows.
func readCSV(path string) ([][]string, error) {
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

// compareTPCH compares rendered rows (tab-separated) with the expected CSV rows.
func compareTPCH(query string, want [][]string, rows []string) (Outcome, string) {
	got := make([][]string, len(rows))
	for i, r := range rows {
		got[i] = strings.Split(r, "\t")
	}
	if len(got) != len(want) {
		return WrongRows, fmt.Sprintf("got %d rows, want %d", len(got), len(want))
	}
	if len(want) > 0 && len(got[0]) != len(want[0]) {
		return WrongSchema, fmt.Sprintf("got %d columns, want %d", len(got[0]), len(want[0]))
	}
	if !HasTopLevelOrderBy(query) {
		byText := func(a, b []string) int { return slices.Compare(a, b) }
		got, want = slices.Clone(got), slices.Clone(want)
		slices.SortFunc(got, byText)
		slices.SortFunc(want, byText)
	}
	for i := range want {
		for k := range want[i] {
			if !tpchValueMatches(want[i][k], got[i][k]) {
				return WrongRows, fmt.Sprintf("row %d column %d: got %q, want %q", i+1, k+1, got[i][k], want[i][k])
			}
		}
	}
	return Pass, ""
}

// tpchValueMatches compares numbers with the expected answers' tolerance (they are rounded
// to two places) and everything else exactly.
func tpchValueMatches(want, got string) bool {
	if want == got {
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

func (t *TPCHResult) markdown(w *strings.Builder) {
	fmt.Fprintf(w, "\n## TPC-H (%s): %d of %d pass\n\n", t.Scale, t.Pass, len(t.Queries))
	for _, n := range t.Setup {
		fmt.Fprintf(w, "- setup: %s\n", mdEscape(n))
	}
	if len(t.Setup) > 0 {
		w.WriteString("\n")
	}
	w.WriteString("| query | outcome | reason |\n| --- | --- | --- |\n")
	for _, q := range t.Queries {
		fmt.Fprintf(w, "| %s | %s | %s |\n", q.Name, q.Outcome, mdEscape(q.Reason))
	}
}
