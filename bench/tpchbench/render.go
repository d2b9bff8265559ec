package tpchbench

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Meta is what the table's header says about where it was measured.
type Meta struct {
	Machine string // CPU model, cores, memory
	Commit  string
	Command string // the command line
}

// DescribeMachine reads the CPU model and memory from /proc (empty parts where it cannot).
func DescribeMachine() string {
	model := ""
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if f, err := os.Open("/proc/meminfo"); err == nil {
		if n, err := parseStatus(bufio.NewScanner(f), "MemTotal:"); err == nil {
			mem = fmt.Sprintf(", %.0f GB memory", float64(n)/(1<<30))
		}
		f.Close()
	}
	if model == "" {
		model = runtime.GOARCH
	}
	return fmt.Sprintf("%s, %d CPUs%s, %s", model, runtime.NumCPU(), mem, runtime.GOOS)
}

// GitCommit is the commit of the work tree at dir (with "+dirty" when it has changes), or
// empty when git cannot tell.
func GitCommit(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "--no-optional-locks", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		c += "+dirty"
	}
	return c
}

// Markdown renders the report: a header naming the machine, date, commit and settings,
// then one row per query and a total.
func (r *Report) Markdown(meta Meta) string {
	var b strings.Builder
	o := r.Options
	duck := o.DuckDB != ""
	fmt.Fprintf(&b, "# TPC-H %s\n\n", dataLabel(o))
	fmt.Fprintf(&b, "- date: %s\n", r.Started.UTC().Format("2006-01-02 15:04 MST"))
	if meta.Machine != "" {
		fmt.Fprintf(&b, "- machine: %s\n", meta.Machine)
	}
	if meta.Commit != "" {
		fmt.Fprintf(&b, "- commit: %s (the work tree at the start of the run)\n", meta.Commit)
	}
	ml := o.MemoryLimit
	if ml == "" {
		ml = "server default"
	}
	fmt.Fprintf(&b, "- settings: %d threads (GOMAXPROCS of the server", o.Threads)
	if duck {
		b.WriteString(", SET threads in DuckDB")
	}
	fmt.Fprintf(&b, "), memory limit %s, 1 warm-up then %d timed run(s) per query", ml, o.Runs)
	if duck {
		b.WriteString(" alternating sail and DuckDB")
	}
	b.WriteString("; times are wall clock from sending the SQL to the last row collected\n")
	if r.DuckVersion != "" {
		fmt.Fprintf(&b, "- DuckDB %s through github.com/duckdb/duckdb-go/v2, views over read_parquet of the same files\n", r.DuckVersion)
	}
	fmt.Fprintf(&b, "- answers checked against %s\n", r.CheckedAgainst)
	if r.LoadAverage[0] != "" {
		fmt.Fprintf(&b, "- one-minute load average at the start and the end: %s and %s (on %d CPUs)\n", r.LoadAverage[0], r.LoadAverage[1], runtime.NumCPU())
	}
	if meta.Command != "" {
		fmt.Fprintf(&b, "- command: `%s`\n", meta.Command)
	}
	b.WriteString("\n")
	if duck {
		b.WriteString("| query | sail min | sail median | duckdb min | duckdb median | ratio | sail peak RSS | answer |\n")
		b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	} else {
		b.WriteString("| query | sail min | sail median | sail peak RSS | answer |\n")
		b.WriteString("| --- | ---: | ---: | ---: | --- |\n")
	}
	var sMin, sMed, dMin, dMed time.Duration
	complete := true
	pass := 0
	for _, q := range r.Queries {
		smin, smed, sok := stats(q.Sail)
		dmin, dmed, dok := stats(q.DuckDB)
		if sok {
			sMin += smin
			sMed += smed
		}
		if dok {
			dMin += dmin
			dMed += dmed
		}
		if !sok || duck && !dok {
			complete = false
		}
		if q.CheckOK {
			pass++
		}
		check := q.Check
		if q.SailErr != "" {
			check = "sail: " + q.SailErr
		}
		if q.DuckErr != "" {
			check += "; duckdb: " + q.DuckErr
		}
		check = mdCell(check)
		if duck {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", q.Name, sec(smin, sok), sec(smed, sok),
				sec(dmin, dok), sec(dmed, dok), ratio(smed, dmed, sok && dok), mb(q.SailPeak), check)
		} else {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", q.Name, sec(smin, sok), sec(smed, sok), mb(q.SailPeak), check)
		}
	}
	total := "**total**"
	if !complete {
		total = "**total** (queries that ran)"
	}
	if duck {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %d of %d |\n", total, sec(sMin, true), sec(sMed, true),
			sec(dMin, true), sec(dMed, true), ratio(sMed, dMed, complete), mb(r.SailPeak), pass, len(r.Queries))
	} else {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d of %d |\n", total, sec(sMin, true), sec(sMed, true), mb(r.SailPeak), pass, len(r.Queries))
	}
	b.WriteString("\nTimes in seconds")
	if duck {
		b.WriteString("; ratio is sail's median over DuckDB's")
	}
	b.WriteString(". Peak RSS is the server's VmHWM")
	b.WriteString(" during the query's runs (the total row: over the whole run)")
	if duck && r.DuckPeak > 0 {
		fmt.Fprintf(&b, "; DuckDB's process peaked at %s", mb(r.DuckPeak))
	}
	b.WriteString(".\n")
	return b.String()
}

func dataLabel(o Options) string {
	if o.Expected != "" || o.Material != "" && samePath(o.Data, o.Material+"/data/sf0.1") {
		return "SF0.1 (dbgen data shipped in shared/benchmarks/tpch)"
	}
	return fmt.Sprintf("SF%s (sail's tpchgen data)", trimFloat(o.Scale))
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}

func sec(d time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.3f", d.Seconds())
}

func ratio(a, b time.Duration, ok bool) string {
	if !ok || b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

func mb(n int64) string {
	if n <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}

func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}
