package sink

import (
	"bufio"
	"compress/gzip"
	"compress/zlib"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// sparkSchemaKey is the Parquet footer key under which Spark stores the schema it wrote.
const sparkSchemaKey = "org.apache.spark.sql.parquet.row.metadata"

// rowGroupRows is how many rows go in one Parquet row group at most.
const rowGroupRows = 1 << 20

// options is a case-insensitive view of the writer options.
type options map[string]string

func newOptions(m map[string]string) options {
	o := options{}
	for k, v := range m {
		o[strings.ToLower(k)] = v
	}
	return o
}

func (o options) get(name string) (string, bool) {
	v, ok := o[strings.ToLower(name)]
	return v, ok
}

// format makes the files of one output format.
type format interface {
	// extension is the file name's tail, codec included (".snappy.parquet", ".csv.gz").
	extension() string
	open(w io.Writer) (fileWriter, error)
}

// fileWriter writes one file.
type fileWriter interface {
	write(rec arrow.RecordBatch) error
	close() error
}

// FormatName normalizes a data source name ("org.apache.spark.sql.parquet" is parquet).
func FormatName(f string) string {
	n := strings.ToLower(f)
	n = strings.TrimPrefix(n, "org.apache.spark.sql.execution.datasources.")
	n = strings.TrimPrefix(n, "org.apache.spark.sql.")
	if i := strings.IndexByte(n, '.'); i >= 0 && strings.HasSuffix(n, "fileformat") {
		n = n[:i]
	}
	return n
}

func newFormat(name string, o options, data *types.StructType, zone *time.Location) (format, error) {
	if zone == nil {
		zone = time.UTC
	}
	switch FormatName(name) {
	case "parquet":
		if err := checkTypes("Parquet", data, parquetType); err != nil {
			return nil, err
		}
		return newParquet(o, data)
	case "csv":
		if err := checkTypes("CSV", data, csvType); err != nil {
			return nil, err
		}
		return newTextFormat("csv", o, data, zone)
	case "json":
		if err := checkTypes("JSON", data, jsonType); err != nil {
			return nil, err
		}
		return newTextFormat("json", o, data, zone)
	case "text":
		if len(data.Fields) != 1 {
			return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1290", "",
				"Text data source supports only a single column, and you have <schemaSize> columns.",
				map[string]string{"schemaSize": strconv.Itoa(len(data.Fields))})
		}
		if !isString(data.Fields[0].DataType) {
			return nil, unsupportedType("Text", data.Fields[0].Name, data.Fields[0].DataType)
		}
		return newTextFormat("text", o, data, zone)
	case "orc", "avro":
		return nil, sparkerror.NotImplemented("writing " + name + " files")
	}
	return nil, sparkerror.New(sparkerror.Analysis, "DATA_SOURCE_NOT_FOUND", "42K02",
		"Failed to find the data source: <provider>. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.",
		map[string]string{"provider": name})
}

func isString(t types.DataType) bool {
	switch t.(type) {
	case types.StringType, types.CharType, types.VarcharType:
		return true
	}
	return false
}

// checkTypes walks the data columns with a format's supportDataType.
func checkTypes(format string, data *types.StructType, ok func(types.DataType) bool) error {
	for _, f := range data.Fields {
		if !ok(f.DataType) {
			return unsupportedType(format, f.Name, f.DataType)
		}
	}
	return nil
}

func parquetType(t types.DataType) bool {
	switch t := t.(type) {
	case types.DayTimeIntervalType, types.YearMonthIntervalType, types.CalendarIntervalType, types.NullType:
		return false
	case types.ArrayType:
		return parquetType(t.ElementType)
	case types.MapType:
		return parquetType(t.KeyType) && parquetType(t.ValueType)
	case *types.StructType:
		for _, f := range t.Fields {
			if !parquetType(f.DataType) {
				return false
			}
		}
	case types.UserDefinedType:
		return parquetType(t.SQLType)
	}
	return true
}

func csvType(t types.DataType) bool {
	switch t := t.(type) {
	case types.ArrayType, types.MapType, *types.StructType, types.CalendarIntervalType, types.VariantType:
		return false
	case types.UserDefinedType:
		return csvType(t.SQLType)
	}
	return true
}

func jsonType(t types.DataType) bool {
	switch t := t.(type) {
	case types.CalendarIntervalType:
		return false
	case types.ArrayType:
		return jsonType(t.ElementType)
	case types.MapType:
		return jsonType(t.KeyType) && jsonType(t.ValueType)
	case *types.StructType:
		for _, f := range t.Fields {
			if !jsonType(f.DataType) {
				return false
			}
		}
	case types.UserDefinedType:
		return jsonType(t.SQLType)
	}
	return true
}

func unsupportedType(format, column string, dt types.DataType) error {
	return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "0A000",
		"The <format> datasource doesn't support the column <columnName> of the type <columnType>.",
		map[string]string{"format": format, "columnName": "`" + column + "`", "columnType": `"` + dt.SQL() + `"`})
}

func codecNotAvailable(name string, available []string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION", "56038",
		"The codec <codecName> is not available. Available codecs are <availableCodecs>.",
		map[string]string{"codecName": name, "availableCodecs": strings.Join(available, ", ")})
}

// parquetFormat writes Parquet files with pqarrow, the Spark schema in the footer.
type parquetFormat struct {
	codec  compress.Compression
	ext    string
	schema *arrow.Schema
	spark  string
}

var parquetCodecs = map[string]struct {
	codec compress.Compression
	ext   string
}{
	"none": {compress.Codecs.Uncompressed, ""}, "uncompressed": {compress.Codecs.Uncompressed, ""},
	"snappy": {compress.Codecs.Snappy, ".snappy"}, "gzip": {compress.Codecs.Gzip, ".gz"},
	"zstd": {compress.Codecs.Zstd, ".zstd"}, "lz4": {compress.Codecs.Lz4, ".lz4hadoop"},
	"lz4_raw": {compress.Codecs.Lz4Raw, ".lz4raw"}, "lz4raw": {compress.Codecs.Lz4Raw, ".lz4raw"},
	"brotli": {compress.Codecs.Brotli, ".br"},
}

func newParquet(o options, data *types.StructType) (format, error) {
	name, ok := o.get("compression")
	if !ok {
		name, ok = o.get("parquet.compression")
	}
	if !ok {
		name = "snappy"
	}
	c, ok := parquetCodecs[strings.ToLower(name)]
	if !ok {
		names := make([]string, 0, len(parquetCodecs))
		for k := range parquetCodecs {
			names = append(names, k)
		}
		slices.Sort(names)
		return nil, codecNotAvailable(name, names)
	}
	schema, err := types.ToArrowSchema(data)
	if err != nil {
		return nil, err
	}
	return &parquetFormat{codec: c.codec, ext: c.ext, schema: schema, spark: data.JSON()}, nil
}

func (p *parquetFormat) extension() string { return p.ext + ".parquet" }

func (p *parquetFormat) open(w io.Writer) (fileWriter, error) {
	props := parquet.NewWriterProperties(parquet.WithCompression(p.codec), parquet.WithDictionaryDefault(true))
	fw, err := pqarrow.NewFileWriter(p.schema, w, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return nil, sparkerror.InternalError("parquet writer: %v", err)
	}
	if err := fw.AppendKeyValueMetadata(sparkSchemaKey, p.spark); err != nil {
		return nil, sparkerror.InternalError("parquet writer: %v", err)
	}
	fw.NewBufferedRowGroup()
	return &parquetWriter{fw: fw}, nil
}

type parquetWriter struct {
	fw   *pqarrow.FileWriter
	rows int
}

func (p *parquetWriter) write(rec arrow.RecordBatch) error {
	if p.rows >= rowGroupRows {
		p.fw.NewBufferedRowGroup()
		p.rows = 0
	}
	if err := p.fw.WriteBuffered(rec); err != nil {
		return sparkerror.InternalError("parquet writer: %v", err)
	}
	p.rows += int(rec.NumRows())
	return nil
}

func (p *parquetWriter) close() error {
	if err := p.fw.Close(); err != nil {
		return sparkerror.InternalError("parquet writer: %v", err)
	}
	return nil
}

// textFormat writes CSV, JSON lines or text: one rendered line per row.
type textFormat struct {
	kind    string
	ext     string
	codec   string
	lineSep string
	header  bool
	names   []string
	render  expr.Expr // to_csv / to_json of the row struct; nil for text
	rowType *arrow.StructType
	delim   string
	quote   byte
}

var textCodecs = map[string]string{"none": "", "uncompressed": "", "gzip": ".gz", "deflate": ".deflate"}

func newTextFormat(kind string, o options, data *types.StructType, zone *time.Location) (format, error) {
	t := &textFormat{kind: kind, lineSep: "\n"}
	if v, ok := o.get("lineSep"); ok {
		if v == "" {
			return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3240", "",
				"requirement failed: 'lineSep' cannot be an empty string.", nil)
		}
		t.lineSep = v
	}
	codec, ok := o.get("compression")
	if !ok {
		codec, ok = o.get("codec")
	}
	if ok {
		ext, known := textCodecs[strings.ToLower(codec)]
		if !known {
			return nil, codecNotAvailable(codec, []string{"none", "uncompressed", "gzip", "deflate"})
		}
		t.codec = strings.ToLower(codec)
		t.ext = ext
	}
	t.ext = map[string]string{"csv": ".csv", "json": ".json", "text": ".txt"}[kind] + t.ext
	if kind == "text" {
		return t, nil
	}
	if kind == "csv" {
		if v, ok := o.get("header"); ok {
			t.header = strings.EqualFold(v, "true")
		}
		for _, f := range data.Fields {
			t.names = append(t.names, f.Name)
		}
	}
	at, err := types.ToArrow(data)
	if err != nil {
		return nil, err
	}
	t.rowType = at.(*arrow.StructType)
	col, err := expr.NewColumn(0, data)
	if err != nil {
		return nil, err
	}
	args := []expr.Expr{col}
	for k, v := range o {
		switch k {
		case "compression", "codec", "header", "linesep", "maxrecordsperfile", "path":
			continue
		}
		kl, err := expr.NewLiteral(types.String, k)
		if err != nil {
			return nil, err
		}
		vl, err := expr.NewLiteral(types.String, v)
		if err != nil {
			return nil, err
		}
		args = append(args, kl, vl)
	}
	fname := "to_" + kind
	fn, ok := expr.Lookup(fname)
	if !ok {
		return nil, sparkerror.InternalError("no %s kernel", fname)
	}
	argTypes := make([]types.DataType, len(args))
	argTypes[0] = data
	for i := 1; i < len(args); i++ {
		argTypes[i] = types.String
	}
	if t.render, err = fn(args, argTypes, types.String, expr.FuncOptions{ANSI: true, TimeZone: zone}); err != nil {
		return nil, err
	}
	if kind == "csv" {
		t.delim = ","
		if v, ok := o.get("sep"); ok {
			t.delim = v
		} else if v, ok := o.get("delimiter"); ok {
			t.delim = v
		}
		if t.delim == `\t` {
			t.delim = "\t"
		}
		t.quote = '"'
		if v, ok := o.get("quote"); ok {
			t.quote = 0
			if len(v) == 1 {
				t.quote = v[0]
			}
		}
	}
	return t, nil
}

func (t *textFormat) extension() string { return t.ext }

func (t *textFormat) open(w io.Writer) (fileWriter, error) {
	tw := &textWriter{format: t}
	var out io.Writer = w
	switch t.codec {
	case "gzip":
		tw.comp = gzip.NewWriter(w)
		out = tw.comp
	case "deflate":
		tw.comp = zlib.NewWriter(w)
		out = tw.comp
	}
	tw.buf = bufio.NewWriterSize(out, 1<<16)
	if t.header {
		for i, n := range t.names {
			if i > 0 {
				tw.buf.WriteString(t.delim)
			}
			tw.buf.WriteString(t.quoteHeader(n))
		}
		tw.buf.WriteString(t.lineSep)
	}
	return tw, nil
}

// quoteHeader quotes a column name in the header as the CSV writer quotes values.
func (t *textFormat) quoteHeader(n string) string {
	if t.quote == 0 || !strings.Contains(n, t.delim) && !strings.ContainsAny(n, "\r\n"+string(t.quote)) {
		return n
	}
	q := string(t.quote)
	return q + strings.ReplaceAll(n, q, `\`+q) + q
}

type textWriter struct {
	format *textFormat
	comp   io.WriteCloser
	buf    *bufio.Writer
}

func (w *textWriter) write(rec arrow.RecordBatch) error {
	var lines *array.String
	if w.format.render == nil {
		s, ok := rec.Column(0).(*array.String)
		if !ok {
			return sparkerror.InternalError("text writer over %s", rec.Column(0).DataType())
		}
		lines = s
	} else {
		row, err := array.NewStructArrayWithFields(rec.Columns(), w.format.rowType.Fields())
		if err != nil {
			return sparkerror.InternalError("row struct: %v", err)
		}
		defer row.Release()
		one := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "row", Type: w.format.rowType}}, nil), []arrow.Array{row}, rec.NumRows())
		defer one.Release()
		out, err := w.format.render.Eval(one)
		if err != nil {
			return err
		}
		defer out.Release()
		s, ok := out.(*array.String)
		if !ok {
			return sparkerror.InternalError("row renderer gave %s", out.DataType())
		}
		lines = s
	}
	for i := 0; i < lines.Len(); i++ {
		if lines.IsValid(i) {
			if _, err := w.buf.WriteString(lines.Value(i)); err != nil {
				return ioError("write", "", err)
			}
		} else if w.format.kind == "json" {
			continue
		}
		if _, err := w.buf.WriteString(w.format.lineSep); err != nil {
			return ioError("write", "", err)
		}
	}
	return nil
}

func (w *textWriter) close() error {
	err := w.buf.Flush()
	if w.comp != nil {
		if cerr := w.comp.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return ioError("write", "", err)
	}
	return nil
}
