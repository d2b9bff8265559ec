package golden

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Setting is one session configuration entry.
type Setting struct {
	Key, Value string
}

// Input is what an input file asks of the harness.
type Input struct {
	// Name is the file's path under inputs/, with forward slashes ("postgreSQL/int8.sql").
	Name string
	// Settings are the harness's own settings for the file's directory followed by the
	// file's --SET directives, in the order the harness applies them.
	Settings []Setting
	// Imports are the --IMPORT directives: other input files whose statements run first.
	Imports []string
	// MissingImports are imports whose input file is not in the corpus; their statements
	// are missing from Queries (the results file still records them).
	MissingImports []string
	// Queries are the statements in the order the harness runs them (imports first).
	Queries []string
	// NeedsTPCDSTables is set for the files Spark's suite runs with the (empty) TPC-DS
	// tables created first.
	NeedsTPCDSTables bool
	// TestUDFs are the Scala test functions the harness registers for this file's directory
	// (booleq, boolne and vol for postgreSQL/), which a Spark Connect server cannot have.
	TestUDFs []string
}

// List returns the input files under root/inputs, as names relative to it, sorted like
// Spark's suite sorts test cases.
func List(root string) ([]string, error) {
	base := filepath.Join(root, "inputs")
	var names []string
	err := filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return nil
		}
		rel, err := filepath.Rel(base, path)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(names)
	return names, err
}

// ReadInput reads root/inputs/name and resolves its imports from the same directory.
func ReadInput(root, name string) (*Input, error) {
	read := func(n string) (string, error) {
		b, err := os.ReadFile(filepath.Join(root, "inputs", filepath.FromSlash(n)))
		return string(b), err
	}
	text, err := read(name)
	if err != nil {
		return nil, err
	}
	return ParseInput(name, text, read)
}

// ParseInput splits an input file the way Spark's SQLQueryTestSuite does. readImport returns
// the text of another input file by name (an error wrapping fs.ErrNotExist when the corpus
// lacks it); only its statements are used, not its directives.
func ParseInput(name, text string, readImport func(name string) (string, error)) (*Input, error) {
	comments, code := splitCommentsAndCode(text)
	in := &Input{Name: name, Settings: directorySettings(name), TestUDFs: directoryTestUDFs(name),
		NeedsTPCDSTables: name == "pipe-operators.sql"}
	var all []string
	for _, c := range comments {
		if imp, ok := strings.CutPrefix(c, "--IMPORT "); ok {
			in.Imports = append(in.Imports, imp)
			other, err := readImport(imp)
			if errors.Is(err, fs.ErrNotExist) {
				in.MissingImports = append(in.MissingImports, imp)
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: --IMPORT %s: %w", name, imp, err)
			}
			_, importedCode := splitCommentsAndCode(other)
			all = append(all, importedCode...)
		}
	}
	all = append(all, code...)
	for _, c := range comments {
		if set, ok := strings.CutPrefix(c, "--SET "); ok {
			for _, kv := range strings.Split(set, ",") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					return nil, fmt.Errorf("%s: malformed --SET entry %q", name, kv)
				}
				in.Settings = append(in.Settings, Setting{strings.TrimSpace(k), strings.TrimSpace(v)})
			}
		}
	}
	in.Queries = splitQueries(all)
	return in, nil
}

// splitCommentsAndCode partitions lines: a comment is a line whose trimmed text starts with
// "--" and is not a query-delimiter marker. Lines keep their original text.
func splitCommentsAndCode(text string) (comments, code []string) {
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "--") && !strings.HasPrefix(t, "--QUERY-DELIMITER") {
			comments = append(comments, line)
		} else {
			code = append(code, line)
		}
	}
	return comments, code
}

// splitQueries joins code lines and splits statements at semicolons not preceded by a
// backslash; blocks between --QUERY-DELIMITER-START and -END are one statement each.
func splitQueries(code []string) []string {
	var raw []string
	delimited := false
	for _, c := range code {
		if strings.HasPrefix(strings.TrimSpace(c), "--QUERY-DELIMITER") {
			delimited = true
			break
		}
	}
	if !delimited {
		raw = splitWithSemicolon(code)
	} else {
		var other []string
		var block strings.Builder
		inBlock := false
		for _, c := range code {
			t := strings.TrimSpace(c)
			switch {
			case strings.HasPrefix(t, "--QUERY-DELIMITER-START"):
				inBlock = true
				raw = append(raw, splitWithSemicolon(other)...)
				other = other[:0]
			case strings.HasPrefix(t, "--QUERY-DELIMITER-END"):
				inBlock = false
				raw = append(raw, "\n"+strings.TrimSuffix(block.String(), ";"))
				block.Reset()
			case inBlock:
				block.WriteString("\n" + c)
			default:
				other = append(other, c)
			}
		}
		if len(other) > 0 {
			raw = append(raw, splitWithSemicolon(other)...)
		}
	}
	var out []string
	for _, q := range raw {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		// A comment at the end of a statement lands at the start of the next piece.
		var kept []string
		for _, l := range strings.Split(q, "\n") {
			if !strings.HasPrefix(l, "--") {
				kept = append(kept, l)
			}
		}
		if q = strings.TrimSpace(strings.Join(kept, "\n")); q != "" {
			out = append(out, q)
		}
	}
	return out
}

// splitWithSemicolon is Java's split on "(?<=[^\\]);": a semicolon ends a piece unless a
// backslash precedes it (or it is the very first character). Trailing empty pieces are
// dropped, as Java's String.split does.
func splitWithSemicolon(lines []string) []string {
	s := strings.Join(lines, "\n")
	var pieces []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' && i > 0 && s[i-1] != '\\' {
			pieces = append(pieces, s[start:i])
			start = i + 1
		}
	}
	pieces = append(pieces, s[start:])
	for len(pieces) > 0 && pieces[len(pieces)-1] == "" {
		pieces = pieces[:len(pieces)-1]
	}
	return pieces
}

// directorySettings are the settings Spark's suite applies before a file's own --SET lines,
// chosen by the file's directory.
func directorySettings(name string) []Setting {
	switch {
	case strings.HasPrefix(name, "postgreSQL/"):
		return []Setting{{"spark.sql.ansi.enabled", "true"}, {"spark.sql.legacy.interval.enabled", "true"}}
	case strings.HasPrefix(name, "nonansi/"):
		return []Setting{{"spark.sql.ansi.enabled", "false"}}
	case strings.HasPrefix(name, "timestampNTZ/"):
		return []Setting{{"spark.sql.timestampType", "TIMESTAMP_NTZ"}}
	default:
		return []Setting{{"spark.sql.ansi.enabled", "true"}}
	}
}

func directoryTestUDFs(name string) []string {
	if strings.HasPrefix(name, "postgreSQL/") {
		return []string{"booleq", "boolne", "vol"}
	}
	return nil
}

// UsesTestUDF reports which of the named test functions a statement calls, if any: the
// name, as a whole word in any case, followed by an opening parenthesis.
func UsesTestUDF(query string, udfs []string) (string, bool) {
	lower := strings.ToLower(query)
	for _, u := range udfs {
		u = strings.ToLower(u)
		for from := 0; ; {
			k := strings.Index(lower[from:], u)
			if k < 0 {
				break
			}
			k += from
			end := k + len(u)
			from = end
			if k > 0 && isWordByte(lower[k-1]) {
				continue
			}
			rest := strings.TrimLeft(lower[end:], " \t\n")
			if strings.HasPrefix(rest, "(") {
				return u, true
			}
		}
	}
	return "", false
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
