package runner

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// TPCHTimeout bounds one TPC-H query at SF0.1.
const TPCHTimeout = 2 * time.Minute

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
		for _, t := range tpch.Tables {
			if err := tpch.CreateParquetView(ctx, c, t, filepath.Join(data, t)); err != nil {
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
		query, err := tpch.ReadQuery(dir, name)
		if err != nil {
			return nil, err
		}
		want, err := tpch.ReadCSV(filepath.Join(dir, "expected", scale, name+".csv"))
		if err != nil {
			return nil, err
		}
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

// compareTPCH compares rendered rows (tab-separated) with the expected CSV rows.
func compareTPCH(query string, want [][]string, rows []string) (Outcome, string) {
	got := make([][]string, len(rows))
	for i, r := range rows {
		got[i] = strings.Split(r, "\t")
	}
	switch m, detail := tpch.Compare(HasTopLevelOrderBy(query), want, got); m {
	case tpch.Match:
		return Pass, ""
	case tpch.ColumnCount:
		return WrongSchema, detail
	default:
		return WrongRows, detail
	}
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
