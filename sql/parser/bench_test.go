package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// reportCPU adds the throughput per second of CPU time (MB/cpu-s) to a
// benchmark that processed n bytes per iteration since start.
func reportCPU(b *testing.B, start time.Duration, n int) {
	if d := processCPUTime() - start; start > 0 && d > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
}

// tpchDir holds the TPC-H queries as Spark's test resources write them;
// TPCH_QUERIES overrides it.
var tpchDir = func() string {
	if d := os.Getenv("TPCH_QUERIES"); d != "" {
		return d
	}
	return "../../../shared/benchmarks/tpch/queries"
}()

// loadTPCH reads q1.sql ... q22.sql, skipping the benchmark if they are absent.
func loadTPCH(b *testing.B) []string {
	files, _ := filepath.Glob(filepath.Join(tpchDir, "q*.sql"))
	if len(files) == 0 {
		b.Skipf("TPC-H queries not found in %s", tpchDir)
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// BenchmarkParseTPCH parses the 22 TPC-H queries.
func BenchmarkParseTPCH(b *testing.B) {
	queries := loadTPCH(b)
	n := 0
	for _, q := range queries {
		if _, err := ParseStatements(q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
		n += len(q)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPUTime()
	for i := 0; i < b.N; i++ {
		for _, q := range queries {
			if _, err := ParseStatements(q); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu, n)
}

var (
	largeOnce sync.Once
	largeSQL  string
)

// largeStatement builds a query of several megabytes: UNION ALL terms,
// each a SELECT of many expressions, among them long CASE expressions.
func largeStatement() string {
	largeOnce.Do(func() {
		var b strings.Builder
		for term := 0; term < 1500; term++ {
			if term > 0 {
				b.WriteString("\nUNION ALL\n")
			}
			b.WriteString("SELECT /*+ REPARTITION(4) */ ")
			for col := 0; col < 12; col++ {
				if col > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "t%d.c%d * 2 + coalesce(t%d.d%d, -1.5e3) AS e%d_%d", term, col, term, col, term, col)
			}
			b.WriteString(",\n  CASE")
			for w := 0; w < 24; w++ {
				fmt.Fprintf(&b, " WHEN `col %d` BETWEEN %d AND %d THEN 'branch ''%d'''", w, w*10, w*10+9, w)
			}
			b.WriteString(" ELSE NULL END AS label,\n")
			fmt.Fprintf(&b, "  substring(name, 1, 3) || upper(\"x\") AS s%d, CAST(ts AS TIMESTAMP) + INTERVAL '1' DAY AS d%d,\n", term, term)
			fmt.Fprintf(&b, "  sum(amount) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS w%d\n", term)
			fmt.Fprintf(&b, "FROM db.tab%d t%d JOIN other o ON t%d.id = o.id AND o.flag IN (1, 2, 3)\n", term, term, term)
			fmt.Fprintf(&b, "WHERE t%d.c0 > %d AND o.name LIKE 'abc%%' -- a comment\n", term, term)
			b.WriteString("GROUP BY ALL HAVING count(*) > 1")
		}
		largeSQL = b.String()
	})
	return largeSQL
}

// BenchmarkParseLarge parses one generated statement of several megabytes.
func BenchmarkParseLarge(b *testing.B) {
	sql := largeStatement()
	if _, err := ParseStatement(sql); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sql)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := ParseStatement(sql); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu, len(sql))
}

// BenchmarkScan scans the large statement into tokens.
func BenchmarkScan(b *testing.B) {
	sql := largeStatement()
	b.SetBytes(int64(len(sql)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPUTime()
	for i := 0; i < b.N; i++ {
		s := NewScanner(sql)
		for s.Next().Kind != EOF {
		}
	}
	reportCPU(b, cpu, len(sql))
}
