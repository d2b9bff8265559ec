package parser

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// corpusDir holds Spark's SQLQueryTestSuite golden files (see its README);
// SPARK_SQL_TESTS overrides it.
var corpusDir = func() string {
	if d := os.Getenv("SPARK_SQL_TESTS"); d != "" {
		return d
	}
	return "../../../shared/conformance/spark-sql-tests"
}()

// corpusStatement is one statement of a golden results file.
type corpusStatement struct {
	file  string
	sql   string
	opts  Options
	class string // the error class if Spark raised a ParseException, else ""
	err   string // the exception class, if Spark raised any error
	other string // the error class of another exception, if any
}

var (
	setDirective = regexp.MustCompile(`(?m)^--SET\s+(.*)$`)
	inlineSet    = regexp.MustCompile(`(?is)^\s*SET\s+([A-Za-z0-9_.]+)\s*=\s*(\S+?)\s*;?\s*$`)
	errorClassRe = regexp.MustCompile(`"errorClass" : "([^"]+)"`)
)

// applySetting updates parser options from a Spark setting.
func applySetting(o *Options, ansi *bool, key, value string) {
	v := strings.EqualFold(strings.TrimSpace(value), "true")
	switch strings.TrimSpace(key) {
	case "spark.sql.ansi.enabled":
		*ansi = v
	case "spark.sql.ansi.enforceReservedKeywords":
		o.EnforceReservedKeywords = v
	case "spark.sql.ansi.doubleQuotedIdentifiers":
		o.DoubleQuotedIdentifiers = v
	case "spark.sql.legacy.setopsPrecedence.enabled":
		o.LegacySetOpsPrecedence = v
	case "spark.sql.legacy.exponentLiteralAsDecimal.enabled":
		o.LegacyExponentLiteralAsDecimal = v
	case "spark.sql.legacy.viewSchemaBindingMode":
		o.DisableViewSchemaBinding = !v
	case "spark.sql.parser.escapedStringLiterals":
		o.EscapedStringLiterals = v
	case "spark.sql.legacy.consecutiveStringLiterals.enabled":
		o.LegacyConsecutiveStringLiterals = v
	case "spark.sql.scripting.enabled":
		o.DisableSQLScripting = !v
	case "spark.sql.scripting.continueHandlerEnabled":
		o.ContinueHandlerEnabled = v
	}
}

func effective(o Options, ansi bool) Options {
	if !ansi {
		o.EnforceReservedKeywords = false
		o.DoubleQuotedIdentifiers = false
	}
	return o
}

// loadCorpus reads every statement of the golden results files, with the
// settings its input file applies.
func loadCorpus(t *testing.T) []corpusStatement {
	results := filepath.Join(corpusDir, "results")
	if _, err := os.Stat(results); err != nil {
		t.Skipf("Spark golden files not found at %s; skipping the corpus test", corpusDir)
	}
	var out []corpusStatement
	err := filepath.Walk(results, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".sql.out") {
			return err
		}
		rel, _ := filepath.Rel(results, path)
		var opts Options
		ansi := true
		if in, err := os.ReadFile(filepath.Join(corpusDir, "inputs", strings.TrimSuffix(rel, ".out"))); err == nil {
			for _, m := range setDirective.FindAllStringSubmatch(string(in), -1) {
				for _, kv := range strings.Split(m[1], ",") {
					if k, v, ok := strings.Cut(kv, "="); ok {
						applySetting(&opts, &ansi, k, v)
					}
				}
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		blocks := strings.Split(string(data), "-- !query\n")
		for _, b := range blocks[1:] {
			sql, rest, _ := strings.Cut(b, "\n-- !query schema\n")
			_, output, _ := strings.Cut(rest, "\n-- !query output\n")
			st := corpusStatement{file: rel, sql: sql, opts: effective(opts, ansi)}
			first, _, _ := strings.Cut(output, "\n")
			first = strings.TrimSpace(first)
			if strings.HasSuffix(first, "Exception") || strings.HasSuffix(first, "Error") {
				st.err = first
				if m := errorClassRe.FindStringSubmatch(output); m != nil {
					if strings.HasSuffix(first, ".ParseException") {
						st.class = m[1]
					} else {
						st.other = m[1]
					}
				}
			}
			out = append(out, st)
			if m := inlineSet.FindStringSubmatch(sql); m != nil {
				applySetting(&opts, &ansi, m[1], m[2])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isQueryStatement reports whether a statement is a query: it starts with
// SELECT, WITH, VALUES, TABLE, FROM or '(' (the report counts these apart).
func isQueryStatement(sql string) bool {
	s := NewScanner(sql)
	t := s.Next()
	switch t.Kind {
	case LeftParen:
		return true
	case KeywordTok:
		switch t.Keyword {
		case kwSELECT, kwVALUES, kwTABLE, kwFROM:
			return true
		case kwWITH:
			// Exclude WITH ... INSERT and other DML.
			for u := s.Next(); u.Kind != EOF; u = s.Next() {
				if u.Kind == KeywordTok && (u.Keyword == kwINSERT || u.Keyword == kwMERGE ||
					u.Keyword == kwUPDATE || u.Keyword == kwDELETE) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// Figures the parser must keep up on the whole corpus (see TestCorpus).
const (
	// minParsed is how many of the statements Spark parses we parse.
	minParsed = 13255
	// minSameClass is how many of the statements Spark rejects with a
	// ParseException we reject with the same error class.
	minSameClass = 286
)

// TestCorpus parses every statement of Spark's golden files and reports
// (a) of the statements Spark parses, how many we parse, and (b) of the
// statements Spark rejects with a ParseException, how many we reject with
// the same error class. It fails when either figure drops below minParsed
// or minSameClass. Run with -v to see the report, and with CORPUS_VERBOSE
// set to list the disagreements.
func TestCorpus(t *testing.T) {
	stmts := loadCorpus(t)
	var total, sparkOK, ok, sparkOKWeFail, sameLater, sparkErr, sameClass, otherClass, weAccept int
	var queries, queriesOK int
	firstFail := map[string]int{}
	var failures, wrongAccepts []string
	for _, st := range stmts {
		total++
		_, err := st.opts.ParseStatement(st.sql)
		if st.class == "" {
			sparkOK++
			if isQueryStatement(st.sql) {
				queries++
				if err == nil {
					queriesOK++
				}
			}
		}
		switch {
		case st.class == "" && err == nil:
			ok++
		case st.class == "" && st.other != "" && err.(*Error).Class == st.other:
			// Spark raised the same error class, only later than parsing.
			sameLater++
		case st.class == "":
			sparkOKWeFail++
			e := err.(*Error)
			key := e.Class
			if e.Class == "PARSE_SYNTAX_ERROR" {
				key = e.Params["error"]
			}
			firstFail[key]++
			failures = append(failures, fmt.Sprintf("%s: %s\n    -> %s %v", st.file, oneLine(st.sql), e.Class, e.Params))
		default:
			sparkErr++
			if err == nil {
				weAccept++
				wrongAccepts = append(wrongAccepts, fmt.Sprintf("%s: %s\n    Spark: %s", st.file, oneLine(st.sql), st.class))
			} else if err.(*Error).Class == st.class {
				sameClass++
			} else {
				otherClass++
				wrongAccepts = append(wrongAccepts, fmt.Sprintf("%s: %s\n    Spark: %s, we: %s %v", st.file, oneLine(st.sql), st.class, err.(*Error).Class, err.(*Error).Params))
			}
		}
	}
	t.Logf("statements in the golden files: %d", total)
	t.Logf("(a) statements Spark parses: %d; we parse: %d (queries: %d of %d)", sparkOK, ok, queriesOK, queries)
	t.Logf("    we reject: %d (plus %d where Spark fails later with the class we report)", sparkOKWeFail, sameLater)
	t.Logf("(b) statements Spark rejects at parse time: %d; same error class: %d; other class: %d; we accept: %d",
		sparkErr, sameClass, otherClass, weAccept)
	type kv struct {
		k string
		v int
	}
	var freq []kv
	for k, v := range firstFail {
		freq = append(freq, kv{k, v})
	}
	sort.Slice(freq, func(i, j int) bool { return freq[i].v > freq[j].v || freq[i].v == freq[j].v && freq[i].k < freq[j].k })
	var lines []string
	for i, f := range freq {
		if i == 30 {
			break
		}
		lines = append(lines, fmt.Sprintf("%5d  %s", f.v, f.k))
	}
	t.Logf("most frequent first-failure tokens (or error classes) on statements Spark parses:\n%s", strings.Join(lines, "\n"))
	if os.Getenv("CORPUS_VERBOSE") != "" {
		w := bufio.NewWriter(os.Stdout)
		for _, f := range failures {
			fmt.Fprintln(w, "FAIL", f)
		}
		for _, f := range wrongAccepts {
			fmt.Fprintln(w, "DIFF", f)
		}
		w.Flush()
	}
	if ok < minParsed {
		t.Errorf("statements Spark parses that we parse dropped to %d (was %d)", ok, minParsed)
	}
	if sameClass < minSameClass {
		t.Errorf("statements Spark rejects that we reject with the same class dropped to %d (was %d)", sameClass, minSameClass)
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
