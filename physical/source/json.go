package source

import (
	"github.com/sailgo/sail/sql/textdata"

	"context"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// jsonFormat reads JSON Lines files (or whole-file documents with multiLine) with Spark's
// JSON options (JSONOptions) and semantics (JsonInferSchema, JacksonParser).
type jsonFormat struct {
	multiLine          bool
	lineSep            []byte
	mode               parseMode
	corruptName        string
	primitivesAsString bool
	prefersDecimal     bool
	inferTimestamp     bool
	dropFieldIfAllNull bool
	leadingZeros       bool
	parsers            textParsers
	dateFallback       bool
}

func newJSONFormat(o options) (*jsonFormat, error) {
	if err := o.checkUTF8("JSON"); err != nil {
		return nil, err
	}
	j := &jsonFormat{mode: o.mode(), corruptName: o.str("columnNameOfCorruptRecord", "_corrupt_record")}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"multiLine", &j.multiLine}, {"primitivesAsString", &j.primitivesAsString},
		{"prefersDecimal", &j.prefersDecimal}, {"inferTimestamp", &j.inferTimestamp},
		{"dropFieldIfAllNull", &j.dropFieldIfAllNull}, {"allowNumericLeadingZeros", &j.leadingZeros}} {
		v, err := o.boolean(f.name, false)
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	if sep, ok := o.get("lineSep"); ok {
		if sep == "" {
			return nil, illegalOption("requirement failed: 'lineSep' cannot be an empty string.")
		}
		j.lineSep = []byte(sep)
	}
	p, err := newTextParsers(o, true)
	if err != nil {
		return nil, err
	}
	j.parsers = *p
	_, given := o.get("dateFormat")
	j.dateFallback = !given
	return j, nil
}

func (j *jsonFormat) name() string { return "json" }

func (j *jsonFormat) check(schema *types.StructType) error {
	for _, f := range schema.Fields {
		if f.Name == j.corruptName {
			if err := checkCorruptColumn(f); err != nil {
				return err
			}
			continue
		}
		if !jsonSupports(f.DataType) {
			return unsupportedType("JSON", f.Name, f.DataType)
		}
	}
	return nil
}

func jsonSupports(dt types.DataType) bool {
	switch t := dt.(type) {
	case types.ArrayType:
		return jsonSupports(t.ElementType)
	case types.MapType:
		_, ok := t.KeyType.(types.StringType)
		return ok && jsonSupports(t.ValueType)
	case *types.StructType:
		for _, f := range t.Fields {
			if !jsonSupports(f.DataType) {
				return false
			}
		}
		return true
	}
	_, err := kindOf(dt)
	return err == nil
}

func (j *jsonFormat) splits(f *fileInfo, order int, maxBytes int64, _ []Predicate, _ *types.StructType) ([]fileSplit, error) {
	if j.multiLine || isCompressed(f.path) {
		return []fileSplit{{file: f, order: order, length: -1, bytes: f.size}}, nil
	}
	return byteSplits(f, order, maxBytes), nil
}

// records calls fn with each record of a split: each line, or the whole file in multiLine
// mode.
type jsonRecords struct {
	lr    *lineReader
	whole []byte
	done  bool
}

func (j *jsonFormat) newRecords(sp fileSplit) (io.Closer, *jsonRecords, error) {
	if j.multiLine {
		fh, in, err := openFile(sp.file.path)
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(in)
		if err != nil {
			fh.Close()
			return nil, nil, err
		}
		return fh, &jsonRecords{whole: data}, nil
	}
	fh, lr, err := openLineSplit(sp, j.lineSep)
	if err != nil {
		return nil, nil, err
	}
	return fh, &jsonRecords{lr: lr}, nil
}

func (r *jsonRecords) next() ([]byte, error) {
	if r.lr == nil {
		if r.done {
			return nil, io.EOF
		}
		r.done = true
		return r.whole, nil
	}
	line, _, _, err := r.lr.next()
	return line, err
}

// ---- schema inference ----

func (j *jsonFormat) inferSchema(files []*fileInfo) (*types.StructType, error) {
	if len(files) == 0 {
		return nil, unableToInferSchema("JSON")
	}
	var root types.DataType = &types.StructType{}
	inf := j.inference()
	var p textdata.Parser
	p.Syntax = j.syntax()
	for _, f := range files {
		err := func() error {
			fh, recs, err := j.newRecords(fileSplit{file: f, length: -1})
			if err != nil {
				return err
			}
			defer fh.Close()
			for {
				rec, err := recs.next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				n, perr := p.Parse(rec)
				var t types.DataType
				switch {
				case perr != nil:
					switch j.mode {
					case dropMalformed:
						continue
					case failFast:
						return malformedRecord(string(rec), perr)
					}
					t = types.NewStruct(types.NewField(j.corruptName, types.String, true))
				case n < 0:
					t = types.Null
				default:
					t = inf.Infer(&p, n)
				}
				if root, err = j.mergeRoot(root, t); err != nil {
					return err
				}
			}
		}()
		if err != nil {
			return nil, failedReadFile(f.path, err)
		}
	}
	if t, ok := inf.Canonicalize(root); ok {
		if st, ok := t.(*types.StructType); ok {
			return st, nil
		}
	}
	return &types.StructType{}, nil
}

// inference is JsonInferSchema configured by the source's options.
func (j *jsonFormat) inference() *textdata.JSONInference {
	inf := &textdata.JSONInference{PrimitivesAsString: j.primitivesAsString, PrefersDecimal: j.prefersDecimal,
		DropFieldIfAllNull: j.dropFieldIfAllNull}
	if j.inferTimestamp {
		inf.Timestamp = func(s []byte) bool {
			_, ok := j.parsers.ts.parse(s)
			return ok
		}
	}
	return inf
}

// mergeRoot is JsonInferSchema.compatibleRootType.
func (j *jsonFormat) mergeRoot(a, b types.DataType) (types.DataType, error) {
	if at, ok := a.(types.ArrayType); ok {
		return j.mergeRoot(at.ElementType, b)
	}
	if bt, ok := b.(types.ArrayType); ok {
		return j.mergeRoot(a, bt.ElementType)
	}
	sa, aStruct := a.(*types.StructType)
	sb, bStruct := b.(*types.StructType)
	_, aNull := a.(types.NullType)
	_, bNull := b.(types.NullType)
	switch {
	case aStruct && bNull:
		return a, nil
	case aNull && bStruct:
		return b, nil
	case aStruct && !bStruct:
		return j.withCorrupt(sa, b)
	case bStruct && !aStruct:
		return j.withCorrupt(sb, a)
	}
	return textdata.CompatibleJSON(a, b), nil
}

// withCorrupt adds the corrupt record column to a struct merged with a non-struct record.
func (j *jsonFormat) withCorrupt(st *types.StructType, other types.DataType) (types.DataType, error) {
	switch j.mode {
	case dropMalformed:
		return st, nil
	case failFast:
		e := sparkerror.New(sparkerror.Internal, "INVALID_JSON_RECORD_TYPE", "22023",
			"Detected an invalid type of a JSON record while inferring a common schema in the mode <failFastMode>. Expected a STRUCT type, but found <invalidType>.",
			map[string]string{"failFastMode": "FAILFAST", "invalidType": `"` + other.SQL() + `"`})
		e.JavaClasses = sparkException
		return nil, e
	}
	if _, ok := st.FieldIndex(j.corruptName); ok {
		return st, nil
	}
	fields := append([]types.StructField{types.NewField(j.corruptName, types.String, true)}, st.Fields...)
	sort.SliceStable(fields, func(a, b int) bool { return fields[a].Name < fields[b].Name })
	return &types.StructType{Fields: fields}, nil
}

// ---- reading ----

type jsonReader struct {
	j       *jsonFormat
	closer  io.Closer
	recs    *jsonRecords
	req     *readRequest
	p       textdata.Parser
	cols    map[string]int // field name -> output column
	types   []types.DataType
	corrupt int // output column of the corrupt record, or -1
	b       *builders
	vals    []int32
	done    bool
}

func (j *jsonFormat) open(_ context.Context, sp fileSplit, req *readRequest) (batchReader, error) {
	fh, recs, err := j.newRecords(sp)
	if err != nil {
		return nil, err
	}
	r := &jsonReader{j: j, closer: fh, recs: recs, req: req, cols: map[string]int{}, corrupt: -1}
	r.p.Syntax = j.syntax()
	for k, col := range req.columns {
		f := req.dataSchema.Fields[col]
		r.types = append(r.types, f.DataType)
		if f.Name == j.corruptName {
			r.corrupt = k
			continue
		}
		r.cols[f.Name] = k
	}
	r.vals = make([]int32, len(req.columns))
	r.b = newBuilders(req.mem, req.schema)
	return r, nil
}

func (r *jsonReader) next() (arrow.RecordBatch, error) {
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
		if err := r.record(rec); err != nil {
			return nil, err
		}
	}
	if r.b.rows == 0 {
		return nil, io.EOF
	}
	return r.b.batch(), nil
}

// record converts one record into zero or more rows.
func (r *jsonReader) record(rec []byte) error {
	p := &r.p
	root, err := p.Parse(rec)
	if err == nil && root < 0 {
		return nil // a blank record gives no row
	}
	var objects []int32
	bad := err != nil
	if !bad {
		switch p.Node(root).Kind {
		case textdata.Object:
			objects = append(objects, root)
		case textdata.Array:
			for c := p.Node(root).First; c >= 0; c = p.Node(c).Next {
				if p.Node(c).Kind != textdata.Object {
					bad = true
					break
				}
				objects = append(objects, c)
			}
		default:
			bad = true
		}
	}
	if bad {
		objects = nil
		switch r.j.mode {
		case dropMalformed:
			return nil
		case failFast:
			return malformedRecord(string(rec), err)
		}
		r.appendRow(-1, rec)
		return nil
	}
	for _, obj := range objects {
		for k := range r.vals {
			r.vals[k] = -1
		}
		for c := p.Node(obj).First; c >= 0; c = p.Node(c).Next {
			if k, ok := r.cols[string(p.Key(p.Node(c)))]; ok {
				r.vals[k] = c
			}
		}
		rowBad := false
		for k, v := range r.vals {
			if v >= 0 && k != r.corrupt && !r.j.convert(p, v, r.types[k], nil) {
				rowBad = true
				r.vals[k] = -1
			}
		}
		if rowBad {
			switch r.j.mode {
			case dropMalformed:
				continue
			case failFast:
				return malformedRecord(string(rec), nil)
			}
			r.appendRow(obj, rec)
			continue
		}
		r.appendRow(obj, nil)
	}
	return nil
}

// appendRow appends the values in r.vals (obj < 0: all null) and the corrupt record text
// when bad is not nil.
func (r *jsonReader) appendRow(obj int32, bad []byte) {
	for k := range r.vals {
		b := r.b.cols[k]
		switch {
		case k == r.corrupt:
			if bad != nil {
				b.(*array.StringBuilder).BinaryBuilder.Append(bad)
			} else {
				b.AppendNull()
			}
		case obj < 0 || r.vals[k] < 0:
			b.AppendNull()
		default:
			r.j.convert(&r.p, r.vals[k], r.types[k], b)
		}
	}
	r.b.rows++
}

func (r *jsonReader) close() {
	if r.b != nil {
		r.b.release()
		r.b = nil
	}
	if r.closer != nil {
		r.closer.Close()
		r.closer = nil
	}
}

// convert checks (b == nil) or appends (b != nil) node i as Spark type dt, with
// JacksonParser's conversion rules; false when the value cannot be converted.
func (j *jsonFormat) convert(p *textdata.Parser, i int32, dt types.DataType, b array.Builder) bool {
	n := p.Node(i)
	if n.Kind == textdata.Null {
		if b != nil {
			b.AppendNull()
		}
		return true
	}
	switch t := dt.(type) {
	case types.UserDefinedType:
		return j.convert(p, i, t.SQLType, b)
	case *types.StructType:
		if n.Kind != textdata.Object {
			return false
		}
		// The last occurrence of a key wins.
		members := make([]int32, len(t.Fields))
		for k := range members {
			members[k] = -1
		}
		for c := n.First; c >= 0; c = p.Node(c).Next {
			key := string(p.Key(p.Node(c)))
			for k, f := range t.Fields {
				if f.Name == key {
					members[k] = c
				}
			}
		}
		if b == nil {
			for k, m := range members {
				if m >= 0 && !j.convert(p, m, t.Fields[k].DataType, nil) {
					return false
				}
			}
			return true
		}
		sb := b.(*array.StructBuilder)
		sb.Append(true)
		for k, m := range members {
			if m < 0 {
				sb.FieldBuilder(k).AppendNull()
				continue
			}
			j.convert(p, m, t.Fields[k].DataType, sb.FieldBuilder(k))
		}
		return true
	case types.ArrayType:
		if n.Kind != textdata.Array {
			return false
		}
		if b == nil {
			for c := n.First; c >= 0; c = p.Node(c).Next {
				if !j.convert(p, c, t.ElementType, nil) {
					return false
				}
			}
			return true
		}
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		for c := n.First; c >= 0; c = p.Node(c).Next {
			j.convert(p, c, t.ElementType, lb.ValueBuilder())
		}
		return true
	case types.MapType:
		if n.Kind != textdata.Object {
			return false
		}
		if b == nil {
			for c := n.First; c >= 0; c = p.Node(c).Next {
				if !j.convert(p, c, t.ValueType, nil) {
					return false
				}
			}
			return true
		}
		mb := b.(*array.MapBuilder)
		mb.Append(true)
		kb := mb.KeyBuilder().(*array.StringBuilder)
		for c := n.First; c >= 0; c = p.Node(c).Next {
			kb.BinaryBuilder.Append(p.Key(p.Node(c)))
			j.convert(p, c, t.ValueType, mb.ItemBuilder())
		}
		return true
	}
	k, err := kindOf(dt)
	if err != nil {
		return false
	}
	var c cell
	if !j.leaf(p, n, k, dt, &c) {
		return false
	}
	if b != nil {
		appendCell(b, k, &c)
	}
	return true
}

// nonNumeric maps Jackson's non-numeric number tokens and the strings JacksonParser accepts
// for floating-point columns.
func nonNumeric(s string, strToken bool) (float64, bool) {
	switch s {
	case "NaN":
		return math.NaN(), true
	case "Infinity", "+Infinity", "+INF":
		return math.Inf(1), true
	case "-Infinity", "-INF":
		return math.Inf(-1), true
	case "INF":
		if !strToken {
			return math.Inf(1), true
		}
	}
	return 0, false
}

// leaf converts an atomic JSON value.
func (j *jsonFormat) leaf(p *textdata.Parser, n *textdata.Node, k cellKind, dt types.DataType, c *cell) bool {
	text := p.Text(n)
	if n.Kind == textdata.String && len(text) == 0 && k != kString && k != kBinary && k != kNull {
		return false // EMPTY_JSON_FIELD_VALUE
	}
	switch k {
	case kNull:
		c.null = true
		return true
	case kBool:
		switch n.Kind {
		case textdata.True:
			c.i = 1
			return true
		case textdata.False:
			c.i = 0
			return true
		}
		return false
	case kInt8, kInt16, kInt32, kInt64:
		if n.Kind != textdata.Int {
			return false
		}
		bits := [...]int{kInt8: 8, kInt16: 16, kInt32: 32, kInt64: 64}[k]
		v, ok := textdata.ParseJavaInt(text, bits)
		c.i = v
		return ok
	case kFloat32, kFloat64:
		bits := 64
		if k == kFloat32 {
			bits = 32
		}
		switch n.Kind {
		case textdata.Int, textdata.Float:
			if v, ok := nonNumeric(string(text), false); ok {
				c.f = v
				return true
			}
			v, err := strconv.ParseFloat(string(text), bits)
			if err != nil {
				if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
					return false
				}
			}
			c.f = v
			return true
		case textdata.String:
			v, ok := nonNumeric(string(text), true)
			c.f = v
			return ok
		}
		return false
	case kDecimal:
		d := dt.(types.DecimalType)
		var bd bigDecimal
		var ok bool
		switch n.Kind {
		case textdata.Int, textdata.Float:
			bd, ok = parseBigDecimal(text)
		case textdata.String:
			bd, ok = parseBigDecimal(removeCommas(text))
		}
		if !ok {
			return false
		}
		var num decimal128.Num
		num, ok = bd.toDecimal128(d.Precision, d.Scale)
		c.d = num
		return ok
	case kDate:
		if n.Kind != textdata.String {
			return false
		}
		if v, ok := j.parsers.date.parse(text); ok {
			c.i = int64(v)
			return true
		}
		if j.dateFallback {
			if v, ok := textdata.ParseJavaInt(text, 32); ok {
				c.i = v
				return true
			}
		}
		return false
	case kTimestamp:
		switch n.Kind {
		case textdata.String:
			v, ok := j.parsers.ts.parse(text)
			c.i = v
			return ok
		case textdata.Int:
			v, ok := textdata.ParseJavaInt(text, 64)
			c.i = v * 1_000_000
			return ok
		}
		return false
	case kTimestampNTZ:
		if n.Kind != textdata.String {
			return false
		}
		v, ok := j.parsers.ntz.parse(text)
		c.i = v
		return ok
	case kString:
		if n.Kind == textdata.String {
			c.b = text
		} else {
			c.b = p.Raw(n)
		}
		return true
	case kBinary:
		if n.Kind != textdata.String {
			return false
		}
		v, ok := decodeBase64(text)
		c.b = v
		return ok
	}
	return false
}

// syntax is the JSON the reader accepts: Spark's defaults (single quotes, non-numeric
// numbers), with leading zeros when allowNumericLeadingZeros is set.
func (j *jsonFormat) syntax() textdata.JSONSyntax {
	s := textdata.SparkDefaults
	s.LeadingZeros = j.leadingZeros
	return s
}
