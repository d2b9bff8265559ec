package golden

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Block is Spark's answer to one statement.
type Block struct {
	// Query is the statement as the results file records it (trimmed).
	Query string
	// Schema is the catalog string of the result ("struct<a:int>"; "struct<>" for commands
	// and errors).
	Schema string
	// Output is the output lines joined by "\n", trailing white space removed, as the
	// harness compares them. For an unsorted plan Spark has already sorted the lines.
	Output string
	// Error is set when the statement failed in Spark.
	Error *ExpectedError
	// Line is the 1-based line of the block's "-- !query" header in the results file.
	Line int
}

// ExpectedError is an error block: the exception class on the first line, then either a
// JSON object (errorClass, sqlState, messageParameters) or a plain message.
type ExpectedError struct {
	ExceptionClass string
	ErrorClass     string
	SQLState       string
	Params         map[string]string
	// Message is the text after the first line when it is not JSON.
	Message string
}

// ErrNoResults reports an input file without a results file.
var ErrNoResults = errors.New("no results file")

// ReadResults reads root/results/name.out.
func ReadResults(root, name string) ([]Block, error) {
	b, err := os.ReadFile(filepath.Join(root, "results", filepath.FromSlash(name)+".out"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", name, ErrNoResults)
	}
	if err != nil {
		return nil, err
	}
	return ParseResults(string(b))
}

// ParseResults splits a results file into blocks. Like the harness it splits at every line
// that starts with "-- !query"; each statement takes three segments (query, schema, output).
func ParseResults(text string) ([]Block, error) {
	type segment struct {
		text string
		line int // line of the header that opens the segment
	}
	var segs []segment
	lines := strings.SplitAfter(text, "\n")
	var cur strings.Builder
	curLine := 0
	for i, l := range lines {
		// The harness's pattern "-- !query.*\n" needs the newline: a last line without one
		// is content.
		if strings.HasPrefix(l, "-- !query") && strings.HasSuffix(l, "\n") {
			segs = append(segs, segment{cur.String(), curLine})
			cur.Reset()
			curLine = i + 1
			continue
		}
		cur.WriteString(l)
	}
	segs = append(segs, segment{cur.String(), curLine})
	if (len(segs)-1)%3 != 0 {
		return nil, fmt.Errorf("results file has %d segments after the header, not a multiple of 3", len(segs)-1)
	}
	blocks := make([]Block, 0, (len(segs)-1)/3)
	for i := 1; i+2 < len(segs); i += 3 {
		b := Block{
			Query:  strings.TrimSpace(segs[i].text),
			Schema: strings.TrimSpace(segs[i+1].text),
			Output: NormalizeOutput(segs[i+2].text),
			Line:   segs[i].line,
		}
		if b.Schema == "struct<>" {
			b.Error = parseError(b.Output)
		}
		blocks = append(blocks, b)
	}
	return blocks, nil
}

// NormalizeOutput removes trailing white space from the whole output, the harness's only
// normalisation of an output segment.
func NormalizeOutput(s string) string {
	return strings.TrimRightFunc(s, isJavaSpace)
}

// isJavaSpace is the regex class \s of Java: [ \t\n\x0B\f\r].
func isJavaSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\x0B' || r == '\f' || r == '\r'
}

var exceptionClassLine = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$`)

// parseError recognises an error output: a Java class name on the first line.
func parseError(output string) *ExpectedError {
	first, rest, _ := strings.Cut(output, "\n")
	if !exceptionClassLine.MatchString(first) {
		return nil
	}
	e := &ExpectedError{ExceptionClass: first}
	if strings.HasPrefix(rest, "{") {
		var j struct {
			ErrorClass        string            `json:"errorClass"`
			SQLState          string            `json:"sqlState"`
			MessageParameters map[string]string `json:"messageParameters"`
		}
		if json.Unmarshal([]byte(rest), &j) == nil {
			e.ErrorClass, e.SQLState, e.Params = j.ErrorClass, j.SQLState, j.MessageParameters
			return e
		}
	}
	e.Message = rest
	return e
}
