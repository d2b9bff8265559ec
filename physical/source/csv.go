package source

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// csvFormat reads CSV files with Spark's CSV options (CSVOptions) and semantics
// (CSVInferSchema, UnivocityParser, FailureSafeParser).
type csvFormat struct {
	syn         csvSyntax
	header      bool
	infer       bool
	multiLine   bool
	preferDate  bool
	comment     []byte
	nullValue   string
	emptyValue  string
	mode        parseMode
	corruptName string
	lineSep     []byte
	parsers     textParsers
	// inference is CSVInferSchema with the options' null value, special doubles and the date
	// and timestamp parsers the reader uses.
	inference textdata.CSVInference
}

// toDelimiter is CSVExprUtils.toDelimiterStr: each character, or backslash escape (\t, \r,
// \b, \f, \", \', \\), is one delimiter character.
func toDelimiter(s string) (string, error) {
	var b strings.Builder
	r := []rune(s)
	if len(r) == 0 {
		return "", invalidDelimiter("EMPTY_STRING", "Delimiter cannot be empty string.", "")
	}
	for i := 0; i < len(r); {
		if r[i] != '\\' {
			b.WriteRune(r[i])
			i++
			continue
		}
		if i+1 >= len(r) {
			return "", invalidDelimiter("SINGLE_BACKSLASH", "Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.", "")
		}
		switch r[i+1] {
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '"':
			b.WriteByte('"')
		case '\'':
			b.WriteByte('\'')
		case '\\':
			b.WriteByte('\\')
		case 'u':
			if string(r[i:]) == `\u0000` {
				b.WriteByte(0)
				i += 6
				continue
			}
			fallthrough
		default:
			chunk := string(r[i : i+2])
			return "", invalidDelimiter("UNSUPPORTED_SPECIAL_CHARACTER", "Unsupported special character for delimiter: <str>.", chunk)
		}
		i += 2
	}
	return b.String(), nil
}

func runeBytes(r rune) []byte {
	if r == 0 {
		return nil
	}
	return []byte(string(r))
}

func newCSVFormat(o options) (*csvFormat, error) {
	if err := o.checkUTF8("CSV"); err != nil {
		return nil, err
	}
	c := &csvFormat{}
	sep, ok := o.get("sep")
	if !ok {
		sep = o.str("delimiter", ",")
	}
	delim, err := toDelimiter(sep)
	if err != nil {
		return nil, err
	}
	c.syn.delimiter = []byte(delim)
	quote, err := o.char("quote", '"')
	if err != nil {
		return nil, err
	}
	escape, err := o.char("escape", '\\')
	if err != nil {
		return nil, err
	}
	c.syn.quote, c.syn.escape = runeBytes(quote), runeBytes(escape)
	if v, ok := o.get("charToEscapeQuoteEscaping"); ok && v != "" {
		r := []rune(v)
		if len(r) > 1 {
			return nil, optionNotChar("charToEscapeQuoteEscaping")
		}
		c.syn.escapeEscape = runeBytes(r[0])
	} else if escape != quote {
		c.syn.escapeEscape = runeBytes(escape)
	}
	comment, err := o.char("comment", 0)
	if err != nil {
		return nil, err
	}
	c.comment = runeBytes(comment)
	for _, f := range []struct {
		name string
		dst  *bool
		def  bool
	}{{"header", &c.header, false}, {"inferSchema", &c.infer, false},
		{"ignoreLeadingWhiteSpace", &c.syn.ignoreLeading, false},
		{"ignoreTrailingWhiteSpace", &c.syn.ignoreTrailing, false},
		{"preferDate", &c.preferDate, true}, {"multiLine", &c.multiLine, false}} {
		v, err := o.boolean(f.name, f.def)
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	if c.syn.maxColumns, err = o.integer("maxColumns", 20480); err != nil {
		return nil, err
	}
	c.nullValue = o.str("nullValue", "")
	c.emptyValue = o.str("emptyValue", "")
	c.mode = o.mode()
	c.corruptName = o.str("columnNameOfCorruptRecord", "_corrupt_record")
	if sep, ok := o.get("lineSep"); ok {
		if sep == "" {
			return nil, illegalOption("requirement failed: 'lineSep' cannot be an empty string.")
		}
		if len([]rune(sep)) > 2 {
			return nil, illegalOption("requirement failed: 'lineSep' can contain only 1 character.")
		}
		c.lineSep = []byte(sep)
	}
	p, err := newTextParsers(o, c.preferDate)
	if err != nil {
		return nil, err
	}
	c.parsers = *p
	c.parsers.nan = o.str("nanValue", "NaN")
	c.parsers.posInf = o.str("positiveInf", "Inf")
	c.parsers.negInf = o.str("negativeInf", "-Inf")
	_, timestampGiven := o.get("timestampFormat")
	ts := c.parsers.ts
	c.inference = textdata.CSVInference{NullValue: c.nullValue, NaN: c.parsers.nan, PosInf: c.parsers.posInf,
		NegInf: c.parsers.negInf, PreferDate: c.preferDate, DateFormat: o.str("dateFormat", "yyyy-MM-dd"),
		TimestampGiven: timestampGiven, Date: c.parsers.date.parseStrict,
		Timestamp: func(s []byte) bool {
			_, ok := ts.parse(s)
			return ok
		}}
	return c, nil
}

// newTextParsers builds the date and timestamp parsers of the dateFormat, timestampFormat,
// timestampNTZFormat and timeZone options. Dates parse with the pattern (yyyy-MM-dd by
// default) and fall back to Spark's lenient stringToDate when no dateFormat was given;
// timestamps parse with stringToTimestamp unless a timestampFormat is given.
func newTextParsers(o options, datePattern bool) (*textParsers, error) {
	loc, err := o.location()
	if err != nil {
		return nil, err
	}
	p := &textParsers{nan: "NaN", posInf: "Inf", negInf: "-Inf"}
	df, given := o.get("dateFormat")
	if !given {
		df = "yyyy-MM-dd"
	}
	if given || datePattern {
		pat, err := compilePattern(df)
		if err != nil {
			return nil, illegalOption("%s", err.Error())
		}
		p.date = dateParser{pat: pat, fallback: !given, iso: df == "yyyy-MM-dd"}
	}
	p.ts.loc = loc
	if tf, ok := o.get("timestampFormat"); ok {
		pat, err := compilePattern(tf)
		if err != nil {
			return nil, illegalOption("%s", err.Error())
		}
		p.ts.pat = pat
	}
	if tf, ok := o.get("timestampNTZFormat"); ok {
		pat, err := compilePattern(tf)
		if err != nil {
			return nil, illegalOption("%s", err.Error())
		}
		p.ntz.pat = pat
	}
	return p, nil
}

func (c *csvFormat) name() string { return "csv" }

func (c *csvFormat) check(schema *types.StructType) error {
	for _, f := range schema.Fields {
		if f.Name == c.corruptName {
			if err := checkCorruptColumn(f); err != nil {
				return err
			}
			continue
		}
		if _, err := kindOf(f.DataType); err != nil {
			return unsupportedType("CSV", f.Name, f.DataType)
		}
	}
	return nil
}

func (c *csvFormat) splits(f *fileInfo, order int, maxBytes int64, _ []Predicate, _ *types.StructType) ([]fileSplit, error) {
	if c.multiLine || isCompressed(f.path) {
		return []fileSplit{{file: f, order: order, length: -1, bytes: f.size}}, nil
	}
	return byteSplits(f, order, maxBytes), nil
}

// csvRecords iterates the records of a split: blank lines and comment lines are skipped,
// and in multiLine mode a record continues over line breaks inside quotes.
type csvRecords struct {
	c   *csvFormat
	lr  *lineReader
	tok *csvTokenizer
	buf []byte
}

func (c *csvFormat) newRecords(lr *lineReader) *csvRecords {
	return &csvRecords{c: c, lr: lr, tok: newCSVTokenizer(&c.syn)}
}

// next returns the next record, tokenized into r.tok.
func (r *csvRecords) next() ([]byte, error) {
	for {
		line, _, sep, err := r.lr.next()
		if err != nil {
			return nil, err
		}
		if len(textdata.JavaTrim(line)) == 0 || (len(r.c.comment) > 0 && bytes.HasPrefix(line, r.c.comment)) {
			continue
		}
		open := r.tok.tokenize(line)
		if !open || !r.c.multiLine {
			return line, nil
		}
		r.buf = append(r.buf[:0], line...)
		for open {
			next, _, nsep, err := r.lr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			r.buf = append(r.buf, sep...)
			r.buf = append(r.buf, next...)
			sep = nsep
			open = r.tok.tokenize(r.buf)
		}
		return r.buf, nil
	}
}

// text returns field k as Spark's converters see it: the nullValue for an empty unquoted
// field, the emptyValue for an empty quoted one.
func (r *csvRecords) text(rec []byte, k int) []byte {
	v := r.tok.value(rec, k)
	if len(v) == 0 {
		if r.tok.fields[k].quoted {
			return []byte(r.c.emptyValue)
		}
		return []byte(r.c.nullValue)
	}
	return v
}

// ---- schema inference ----

func (c *csvFormat) inferSchema(files []*fileInfo) (*types.StructType, error) {
	if len(files) == 0 {
		return nil, unableToInferSchema("CSV")
	}
	var names []string
	var kinds []types.DataType
	for _, f := range files {
		err := func() error {
			fh, lr, err := openLineSplit(fileSplit{file: f, length: -1}, c.lineSep)
			if err != nil {
				return err
			}
			defer fh.Close()
			recs := c.newRecords(lr)
			fileFirst := true
			for {
				rec, err := recs.next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				n := len(recs.tok.fields)
				if fileFirst {
					fileFirst = false
					if names == nil {
						names = c.headerNames(recs, rec, n)
						kinds = make([]types.DataType, len(names))
						for i := range kinds {
							kinds[i] = types.Null
						}
						if !c.infer {
							return nil
						}
					}
					if c.header {
						continue
					}
				}
				for i := 0; i < min(n, len(kinds)); i++ {
					kinds[i] = c.inference.Field(kinds[i], recs.text(rec, i))
				}
			}
		}()
		if err != nil {
			return nil, failedReadFile(f.path, err)
		}
		if !c.infer && names != nil {
			break // the first record gave the columns
		}
	}
	fields := make([]types.StructField, len(names))
	for i, n := range names {
		dt := types.DataType(types.String)
		if c.infer && kinds[i] != nil {
			if _, isNull := kinds[i].(types.NullType); !isNull {
				dt = kinds[i]
			}
		}
		fields[i] = types.StructField{Name: n, DataType: dt, Nullable: true}
	}
	return &types.StructType{Fields: fields}, nil
}

// headerNames names the columns: the header's values (CSVUtils.makeSafeHeader: empty or
// null names become _c<i>, case-insensitive duplicates get their index appended), or _c0,
// _c1, ... without a header.
func (c *csvFormat) headerNames(recs *csvRecords, rec []byte, n int) []string {
	names := make([]string, n)
	if !c.header {
		for i := range names {
			names[i] = "_c" + strconv.Itoa(i)
		}
		return names
	}
	count := map[string]int{}
	for i := range n {
		v := recs.text(rec, i)
		names[i] = string(v)
		if names[i] != c.nullValue && names[i] != "" {
			count[strings.ToLower(names[i])]++
		}
	}
	for i, v := range names {
		switch {
		case v == "" || v == c.nullValue:
			names[i] = "_c" + strconv.Itoa(i)
		case count[strings.ToLower(v)] > 1:
			names[i] = v + strconv.Itoa(i)
		}
	}
	return names
}

// ---- reading ----

type csvReader struct {
	c        *csvFormat
	fh       io.Closer
	recs     *csvRecords
	req      *readRequest
	path     string
	skipHead bool
	// per output column: the token index (-1 for the corrupt record column) and parser
	tokIdx  []int
	parsers []cellParser
	checkN  int // token count a record must have; -1 when not checked
	b       *builders
	cells   []cell
	done    bool
}

func (c *csvFormat) open(_ context.Context, sp fileSplit, req *readRequest) (batchReader, error) {
	fh, lr, err := openLineSplit(sp, c.lineSep)
	if err != nil {
		return nil, err
	}
	recs := c.newRecords(lr)
	r := &csvReader{c: c, fh: fh, recs: recs, req: req, path: sp.file.path, skipHead: c.header && sp.start == 0}
	// Token positions: the data columns other than the corrupt record column, in order.
	tokOf := make([]int, len(req.dataSchema.Fields))
	nTok := 0
	for i, f := range req.dataSchema.Fields {
		if f.Name == c.corruptName {
			tokOf[i] = -1
			continue
		}
		tokOf[i] = nTok
		nTok++
	}
	corrupt := false
	distinct := map[int]bool{}
	for _, col := range req.columns {
		t := tokOf[col]
		r.tokIdx = append(r.tokIdx, t)
		var p cellParser
		if t < 0 {
			corrupt = true
		} else {
			distinct[t] = true
			if p, err = newCellParser(req.dataSchema.Fields[col].DataType, &c.parsers); err != nil {
				fh.Close()
				return nil, err
			}
		}
		r.parsers = append(r.parsers, p)
	}
	// Spark checks the token count only when it parses every column (no column pruning:
	// all data columns are read, or the corrupt record column is).
	r.checkN = -1
	if corrupt || len(distinct) == nTok {
		r.checkN = nTok
	}
	r.cells = make([]cell, len(req.columns))
	r.b = newBuilders(req.mem, req.schema)
	return r, nil
}

func (r *csvReader) next() (arrow.RecordBatch, error) {
	if r.done {
		return nil, io.EOF
	}
	for r.b.rows < r.req.rows {
		rec, err := r.recs.next()
		if err == io.EOF {
			r.done = true
			break
		}
		if err != nil {
			return nil, err
		}
		if r.skipHead {
			r.skipHead = false
			continue
		}
		fields := r.recs.tok.fields
		bad := r.recs.tok.tooMany || (r.checkN >= 0 && len(fields) != r.checkN)
		for k, t := range r.tokIdx {
			c := &r.cells[k]
			if t < 0 {
				continue
			}
			if t >= len(fields) {
				c.null = true
				continue
			}
			v := r.recs.text(rec, t)
			if string(v) == r.c.nullValue {
				c.null = true
				continue
			}
			if !r.parsers[k].parse(v, c) {
				c.null = true
				bad = true
			}
		}
		if bad {
			switch r.c.mode {
			case dropMalformed:
				continue
			case failFast:
				return nil, malformedRecord(string(rec), nil)
			}
		}
		for k, t := range r.tokIdx {
			if t < 0 {
				if bad {
					r.b.cols[k].(*array.StringBuilder).BinaryBuilder.Append(rec)
				} else {
					r.b.cols[k].AppendNull()
				}
				continue
			}
			appendCell(r.b.cols[k], r.parsers[k].kind, &r.cells[k])
		}
		r.b.rows++
	}
	if r.b.rows == 0 {
		return nil, io.EOF
	}
	return r.b.batch(), nil
}

func (r *csvReader) close() {
	if r.b != nil {
		r.b.release()
		r.b = nil
	}
	if r.fh != nil {
		r.fh.Close()
		r.fh = nil
	}
}
