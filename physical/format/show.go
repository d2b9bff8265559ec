package format

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// maxShowRows is the largest row count show() honours: Spark clamps the
// requested count to ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH - 1.
const maxShowRows = math.MaxInt32 - 15 - 1

// minColumnWidth is the narrowest column show() draws.
const minColumnWidth = 3

// ClampNumRows returns the row count show() actually uses for a requested
// numRows: negative counts become 0 and huge ones are capped as in Spark.
func ClampNumRows(numRows int) int {
	return max(0, min(numRows, maxShowRows))
}

// RowsToFetch is the number of rows a caller should render and pass to
// ShowString for a requested numRows: ClampNumRows(numRows) + 1, the extra
// row telling whether the "only showing top N rows" footer is due.
func RowsToFetch(numRows int) int {
	return ClampNumRows(numRows) + 1
}

// ShowString reproduces Spark's Dataset.showString(numRows, truncate,
// vertical), the text PySpark's DataFrame.show prints.
//
// columnNames are the output column names. rows holds the rendered cells
// (Formatter output, neither escaped nor truncated) of the first rows of
// the result, at most RowsToFetch(numRows) of them; each row has one cell
// per column. Passing more rows than numRows is how the footer "only
// showing top N row(s)" is triggered; rows beyond RowsToFetch(numRows) are
// ignored.
//
// Like Spark, ShowString escapes control characters (\n, \r, \t, \f, \b,
// \v, \a) in names and cells; truncates cells (not names) longer than
// truncate UTF-16 code units when truncate > 0; right-justifies cells when
// truncate > 0 and left-justifies them otherwise; and measures widths with
// HalfWidth. Ill-formed UTF-8 is replaced as a Java String would.
func ShowString(columnNames []string, rows [][]string, numRows, truncate int, vertical bool) string {
	numRows = ClampNumRows(numRows)
	hasMoreData := len(rows) > numRows
	if hasMoreData {
		rows = rows[:numRows]
	}

	numCols := len(columnNames)
	header := make([]string, numCols)
	for c, name := range columnNames {
		header[c] = escapeMetaCharacters(javaString(name))
	}
	data := make([][]string, len(rows))
	for r, row := range rows {
		cells := make([]string, numCols)
		for c := range cells {
			if c < len(row) {
				cells[c] = truncateCell(escapeMetaCharacters(javaString(row[c])), truncate)
			}
		}
		data[r] = cells
	}

	var sb strings.Builder
	if !vertical {
		writeTable(&sb, header, data, truncate > 0)
	} else {
		writeVertical(&sb, header, data)
	}

	switch {
	case vertical && len(data) == 0:
		sb.WriteString("(0 rows)")
	case hasMoreData:
		sb.WriteString("only showing top ")
		sb.WriteString(strconv.Itoa(numRows))
		if numRows == 1 {
			sb.WriteString(" row")
		} else {
			sb.WriteString(" rows")
		}
	}
	return sb.String()
}

func writeSpaces(sb *strings.Builder, n int) {
	for ; n > 0; n-- {
		sb.WriteByte(' ')
	}
}

func writeTable(sb *strings.Builder, header []string, data [][]string, alignRight bool) {
	widths := make([]int, len(header))
	for c, name := range header {
		widths[c] = max(minColumnWidth, HalfWidth(name))
	}
	for _, row := range data {
		for c, cell := range row {
			widths[c] = max(widths[c], HalfWidth(cell))
		}
	}

	// Scala's addString(sb, start, sep, end): start, the items joined by
	// sep, then end, so that no columns still give "++" and "||".
	var sep strings.Builder
	sep.WriteByte('+')
	for c, w := range widths {
		if c > 0 {
			sep.WriteByte('+')
		}
		sep.WriteString(strings.Repeat("-", w))
	}
	sep.WriteString("+\n")

	writeRow := func(cells []string) {
		sb.WriteByte('|')
		for c, cell := range cells {
			if c > 0 {
				sb.WriteByte('|')
			}
			pad := widths[c] - HalfWidth(cell)
			if alignRight {
				writeSpaces(sb, pad)
				sb.WriteString(cell)
			} else {
				sb.WriteString(cell)
				writeSpaces(sb, pad)
			}
		}
		sb.WriteString("|\n")
	}

	sb.WriteString(sep.String())
	writeRow(header)
	sb.WriteString(sep.String())
	for _, row := range data {
		writeRow(row)
	}
	sb.WriteString(sep.String())
}

func writeVertical(sb *strings.Builder, header []string, data [][]string) {
	nameWidth := minColumnWidth
	for _, name := range header {
		nameWidth = max(nameWidth, HalfWidth(name))
	}
	dataWidth := minColumnWidth
	for _, row := range data {
		for _, cell := range row {
			dataWidth = max(dataWidth, HalfWidth(cell))
		}
	}
	for r, row := range data {
		title := "-RECORD " + strconv.Itoa(r)
		sb.WriteString(title)
		sb.WriteString(strings.Repeat("-", max(0, nameWidth+dataWidth+5-len(title))))
		sb.WriteByte('\n')
		for c, cell := range row {
			if c > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteByte(' ')
			sb.WriteString(header[c])
			writeSpaces(sb, nameWidth-HalfWidth(header[c]))
			sb.WriteString(" | ")
			sb.WriteString(cell)
			writeSpaces(sb, dataWidth-HalfWidth(cell))
			sb.WriteByte(' ')
		}
		sb.WriteByte('\n')
	}
}

// FormatRows renders up to limit rows, taken in order from batches, into
// cells: one string per column, as Formatter renders them. All batches must
// have the same number of columns.
func FormatRows(batches []arrow.RecordBatch, limit int, opts Options) ([][]string, error) {
	var rows [][]string
	var buf []byte
	for _, batch := range batches {
		if len(rows) >= limit {
			break
		}
		if batch == nil || batch.NumRows() == 0 {
			continue
		}
		ncols := int(batch.NumCols())
		if len(rows) > 0 && len(rows[0]) != ncols {
			return nil, fmt.Errorf("format: record batches disagree on the number of columns (%d and %d)", len(rows[0]), ncols)
		}
		formatters := make([]*Formatter, ncols)
		for c := range formatters {
			f, err := NewFormatter(batch.Column(c), opts)
			if err != nil {
				return nil, fmt.Errorf("format: column %q: %w", batch.ColumnName(c), err)
			}
			formatters[c] = f
		}
		n := min(int(batch.NumRows()), limit-len(rows))
		for i := 0; i < n; i++ {
			row := make([]string, ncols)
			for c, f := range formatters {
				buf = f.AppendValue(buf[:0], i)
				row[c] = string(buf)
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// ShowRecordBatches renders the first rows of batches and lays them out
// with ShowString, like Spark's Dataset.showString over the result whose
// schema is schema. schema may be nil when batches is non-empty, in which
// case the first batch's schema names the columns.
func ShowRecordBatches(schema *arrow.Schema, batches []arrow.RecordBatch, numRows, truncate int, vertical bool, opts Options) (string, error) {
	if schema == nil {
		for _, b := range batches {
			if b != nil {
				schema = b.Schema()
				break
			}
		}
		if schema == nil {
			return "", errors.New("format: no schema and no record batch to take one from")
		}
	}
	names := make([]string, schema.NumFields())
	for c := range names {
		names[c] = schema.Field(c).Name
	}
	rows, err := FormatRows(batches, RowsToFetch(numRows), opts)
	if err != nil {
		return "", err
	}
	for _, row := range rows {
		if len(row) != len(names) {
			return "", fmt.Errorf("format: schema has %d columns but record batches have %d", len(names), len(row))
		}
	}
	return ShowString(names, rows, numRows, truncate, vertical), nil
}
