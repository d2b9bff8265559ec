package runner

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// RegenerateCommand is the one command that rewrites the committed scoreboard.
const RegenerateCommand = "go run ./cmd/conformance"

// Scoreboard is the summary committed as testdata/conformance/scoreboard.json.
type Scoreboard struct {
	Command string `json:"command"`
	// Statements counts every statement of every file, skipped ones included.
	Statements int             `json:"statements"`
	Totals     map[Outcome]int `json:"totals"`
	// CommonSetup are setup notes every file had (reported once, not per file).
	CommonSetup []string      `json:"common_setup,omitempty"`
	TopFailures []ReasonCount `json:"top_failures"`
	SkipReasons []ReasonCount `json:"skip_reasons,omitempty"`
	Files       []FileScore   `json:"files"`
	TPCH        *TPCHResult   `json:"tpch,omitempty"`
	// Analysis measures the analyzer alone (AnalyzePlan before execution).
	Analysis AnalysisFigures `json:"analysis"`
}

// AnalysisFigures are the analyzer's agreement with Spark: the schema of every statement
// Spark answered, and the error class of every statement Spark rejected during analysis.
type AnalysisFigures struct {
	SchemaAgrees int `json:"schema_agrees"`
	SchemaOf     int `json:"schema_of"`
	ErrorAgrees  int `json:"error_agrees"`
	ErrorOf      int `json:"error_of"`
}

func (a *AnalysisFigures) add(v Agreement) {
	switch v {
	case SchemaAgrees:
		a.SchemaAgrees++
		a.SchemaOf++
	case SchemaDiffers:
		a.SchemaOf++
	case ErrorAgrees:
		a.ErrorAgrees++
		a.ErrorOf++
	case ErrorDiffers:
		a.ErrorOf++
	}
}

// FileScore is one file's line on the scoreboard.
type FileScore struct {
	Name       string          `json:"name"`
	Statements int             `json:"statements"`
	Pass       int             `json:"pass"`
	Outcomes   map[Outcome]int `json:"outcomes,omitempty"`
	Skipped    string          `json:"skipped,omitempty"`
	Setup      []string        `json:"setup,omitempty"`
}

// ReasonCount is how often one failure reason occurred, with its first occurrence.
type ReasonCount struct {
	Reason  string `json:"reason"`
	Count   int    `json:"count"`
	Example string `json:"example"`
}

// topFailures is how many reasons the scoreboard lists.
const topFailures = 40

// NewScoreboard summarises file results (in name order) and the TPC-H run (nil if none).
func NewScoreboard(files []FileResult, tpch *TPCHResult) *Scoreboard {
	sb := &Scoreboard{Command: RegenerateCommand, Totals: map[Outcome]int{}, TPCH: tpch}
	failures := newReasonTally()
	skips := newReasonTally()
	for _, f := range files {
		fs := FileScore{Name: f.Name, Statements: len(f.Statements), Skipped: f.Skipped, Setup: f.Setup}
		for _, s := range f.Statements {
			sb.Totals[s.Outcome]++
			sb.Analysis.add(s.Analysis)
			if s.Outcome == Pass {
				fs.Pass++
				continue
			}
			if fs.Outcomes == nil {
				fs.Outcomes = map[Outcome]int{}
			}
			fs.Outcomes[s.Outcome]++
			where := fmt.Sprintf("%s:%d", f.Name, s.Line)
			if s.Outcome == Skipped {
				skips.add(s.Reason, where)
			} else {
				failures.add(s.Reason, where)
			}
		}
		sb.Statements += fs.Statements
		sb.Files = append(sb.Files, fs)
	}
	sb.CommonSetup = commonSetup(sb.Files)
	sb.TopFailures = failures.top(topFailures)
	sb.SkipReasons = skips.top(0)
	return sb
}

// commonSetup moves the setup notes all run files share to the scoreboard's own list.
func commonSetup(files []FileScore) []string {
	var common []string
	first := true
	for _, f := range files {
		if f.Skipped != "" {
			continue
		}
		if first {
			common, first = slices.Clone(f.Setup), false
			continue
		}
		common = slices.DeleteFunc(common, func(n string) bool { return !slices.Contains(f.Setup, n) })
	}
	for i := range files {
		files[i].Setup = slices.DeleteFunc(files[i].Setup, func(n string) bool { return slices.Contains(common, n) })
		if len(files[i].Setup) == 0 {
			files[i].Setup = nil
		}
	}
	return common
}

type reasonTally struct {
	counts  map[string]int
	example map[string]string
}

func newReasonTally() *reasonTally {
	return &reasonTally{counts: map[string]int{}, example: map[string]string{}}
}

func (t *reasonTally) add(reason, where string) {
	if t.counts[reason] == 0 {
		t.example[reason] = where
	}
	t.counts[reason]++
}

// top returns the n most frequent reasons (all when n is 0), ties by name.
func (t *reasonTally) top(n int) []ReasonCount {
	out := make([]ReasonCount, 0, len(t.counts))
	for r, c := range t.counts {
		out = append(out, ReasonCount{Reason: r, Count: c, Example: t.example[r]})
	}
	slices.SortFunc(out, func(a, b ReasonCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// WriteJSON writes the scoreboard as indented JSON.
func (sb *Scoreboard) WriteJSON(path string) error {
	b, err := json.MarshalIndent(sb, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadScoreboard reads a scoreboard written by WriteJSON.
func ReadScoreboard(path string) (*Scoreboard, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sb Scoreboard
	if err := json.Unmarshal(b, &sb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &sb, nil
}

// Regressions lists where now passes fewer statements than before: per file, and TPC-H.
// Files or queries that pass more are not regressions.
func Regressions(before, now *Scoreboard) []string {
	var out []string
	current := map[string]FileScore{}
	for _, f := range now.Files {
		current[f.Name] = f
	}
	for _, b := range before.Files {
		n, ok := current[b.Name]
		switch {
		case !ok:
			if b.Pass > 0 {
				out = append(out, fmt.Sprintf("%s: not run (had %d passing)", b.Name, b.Pass))
			}
		case n.Pass < b.Pass:
			out = append(out, fmt.Sprintf("%s: %d statements pass, the scoreboard has %d", b.Name, n.Pass, b.Pass))
		}
	}
	if before.TPCH != nil && now.TPCH != nil && now.TPCH.Pass < before.TPCH.Pass {
		out = append(out, fmt.Sprintf("TPC-H: %d queries pass, the scoreboard has %d", now.TPCH.Pass, before.TPCH.Pass))
	}
	return out
}

// Improvements lists the files (and TPC-H) that pass more than the scoreboard says, so a
// change can raise it.
func Improvements(before, now *Scoreboard) []string {
	var out []string
	previous := map[string]int{}
	for _, f := range before.Files {
		previous[f.Name] = f.Pass
	}
	for _, n := range now.Files {
		if p := previous[n.Name]; n.Pass > p {
			out = append(out, fmt.Sprintf("%s: %d -> %d", n.Name, p, n.Pass))
		}
	}
	if before.TPCH != nil && now.TPCH != nil && now.TPCH.Pass > before.TPCH.Pass {
		out = append(out, fmt.Sprintf("TPC-H: %d -> %d", before.TPCH.Pass, now.TPCH.Pass))
	}
	return out
}

// Markdown renders the scoreboard for people.
func (sb *Scoreboard) Markdown() string {
	var w strings.Builder
	pass := sb.Totals[Pass]
	fmt.Fprintf(&w, "# Conformance scoreboard\n\n")
	fmt.Fprintf(&w, "Spark's SQL golden files (`../shared/conformance/spark-sql-tests`) replayed against sail over\n"+
		"Spark Connect, and the TPC-H queries at SF0.1. Regenerate with `%s`; CI fails when a\n"+
		"file passes fewer statements than this scoreboard says.\n\n", sb.Command)
	fmt.Fprintf(&w, "**%d of %d statements pass (%s).**", pass, sb.Statements, percent(pass, sb.Statements))
	if sb.TPCH != nil {
		fmt.Fprintf(&w, " **TPC-H: %d of %d queries pass.**", sb.TPCH.Pass, len(sb.TPCH.Queries))
	}
	a := sb.Analysis
	fmt.Fprintf(&w, "\n\nAnalysis alone (AnalyzePlan before execution): the schema agrees with Spark's for "+
		"**%d of %d** statements Spark answered (%s); the error class agrees for **%d of %d** statements "+
		"Spark rejected during analysis (%s).", a.SchemaAgrees, a.SchemaOf, percent(a.SchemaAgrees, a.SchemaOf),
		a.ErrorAgrees, a.ErrorOf, percent(a.ErrorAgrees, a.ErrorOf))
	w.WriteString("\n\n| outcome | statements |\n| --- | ---: |\n")
	for _, o := range Outcomes {
		fmt.Fprintf(&w, "| %s | %d |\n", o, sb.Totals[o])
	}
	if len(sb.CommonSetup) > 0 {
		w.WriteString("\n## Setup shortfalls (every file)\n\n")
		for _, n := range sb.CommonSetup {
			fmt.Fprintf(&w, "- %s\n", mdEscape(n))
		}
	}
	w.WriteString("\n## Most frequent failure reasons\n\n| statements | reason | first seen |\n| ---: | --- | --- |\n")
	for _, r := range sb.TopFailures {
		fmt.Fprintf(&w, "| %d | %s | %s |\n", r.Count, mdEscape(r.Reason), r.Example)
	}
	if len(sb.SkipReasons) > 0 {
		w.WriteString("\n## Skipped statements\n\n| statements | reason | first seen |\n| ---: | --- | --- |\n")
		for _, r := range sb.SkipReasons {
			fmt.Fprintf(&w, "| %d | %s | %s |\n", r.Count, mdEscape(r.Reason), r.Example)
		}
	}
	if sb.TPCH != nil {
		sb.TPCH.markdown(&w)
	}
	w.WriteString("\n## Files\n\n| file | statements | pass | share | notes |\n| --- | ---: | ---: | ---: | --- |\n")
	for _, f := range sb.Files {
		notes := f.Setup
		if f.Skipped != "" {
			notes = append([]string{"skipped: " + f.Skipped}, notes...)
		}
		fmt.Fprintf(&w, "| %s | %d | %d | %s | %s |\n", f.Name, f.Statements, f.Pass,
			percent(f.Pass, f.Statements), mdEscape(strings.Join(notes, "; ")))
	}
	return w.String()
}

func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
