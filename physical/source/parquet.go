package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// sparkSchemaKey is the footer key under which Spark stores the schema it wrote.
const sparkSchemaKey = "org.apache.spark.sql.parquet.row.metadata"

// parquetFormat reads Parquet files with arrow-go's pure-Go reader, mapping the footer
// schema to Spark types as Spark's ParquetToSparkSchemaConverter does.
type parquetFormat struct {
	mergeSchema  bool
	binaryString bool
	footers      sync.Map // path -> *metadata.FileMetaData
}

func newParquetFormat(o options) (*parquetFormat, error) {
	p := &parquetFormat{}
	var err error
	if p.mergeSchema, err = o.boolean("mergeSchema", false); err != nil {
		return nil, err
	}
	if p.binaryString, err = o.boolean("binaryAsString", false); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *parquetFormat) name() string { return "parquet" }

func (p *parquetFormat) check(*types.StructType) error { return nil }

// footer reads (once) a file's metadata; an unreadable footer is
// FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER.
func (p *parquetFormat) footer(path string) (md *metadata.FileMetaData, err error) {
	if v, ok := p.footers.Load(path); ok {
		return v.(*metadata.FileMetaData), nil
	}
	defer func() {
		if r := recover(); r != nil {
			md, err = nil, cannotReadFooter(path, fmt.Errorf("%v", r))
		}
	}()
	fh, err := os.Open(path)
	if err != nil {
		return nil, failedReadFile(path, err)
	}
	defer fh.Close()
	rdr, err := file.NewParquetReader(fh)
	if err != nil {
		return nil, cannotReadFooter(path, err)
	}
	md = rdr.MetaData()
	p.footers.Store(path, md)
	return md, nil
}

// inferSchema reads the schema of the first file (of every file with mergeSchema).
func (p *parquetFormat) inferSchema(files []*fileInfo) (*types.StructType, error) {
	if len(files) == 0 {
		return nil, unableToInferSchema("Parquet")
	}
	var out *types.StructType
	for _, f := range files {
		md, err := p.footer(f.path)
		if err != nil {
			return nil, err
		}
		st, err := p.fileSchema(md)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = st
		} else {
			out = mergeStructs(out, st)
		}
		if !p.mergeSchema {
			break
		}
	}
	return types.AsNullable(out).(*types.StructType), nil
}

// mergeStructs is StructType.merge for schema merging: fields of b missing from a are
// appended, nested structs merge recursively, other conflicts keep a's type.
func mergeStructs(a, b *types.StructType) *types.StructType {
	fields := append([]types.StructField(nil), a.Fields...)
	for _, f := range b.Fields {
		found := false
		for i, g := range fields {
			if strings.EqualFold(g.Name, f.Name) {
				found = true
				sa, ok1 := g.DataType.(*types.StructType)
				sb, ok2 := f.DataType.(*types.StructType)
				if ok1 && ok2 {
					fields[i].DataType = mergeStructs(sa, sb)
				} else if t := textdata.TightestCommonType(g.DataType, f.DataType); t != nil {
					fields[i].DataType = t
				}
				break
			}
		}
		if !found {
			fields = append(fields, f)
		}
	}
	return &types.StructType{Fields: fields}
}

// fileSchema is the Spark schema of a footer: the schema Spark stored there, if any, else
// the conversion of the Parquet schema.
func (p *parquetFormat) fileSchema(md *metadata.FileMetaData) (*types.StructType, error) {
	if kv := md.KeyValueMetadata(); kv != nil {
		if v := kv.FindValue(sparkSchemaKey); v != nil {
			if dt, err := types.ParseJSON(*v); err == nil {
				if st, ok := dt.(*types.StructType); ok {
					return st, nil
				}
			}
		}
	}
	root := md.Schema.Root()
	fields := make([]types.StructField, root.NumFields())
	for i := range fields {
		n := root.Field(i)
		dt, err := p.convertNode(n)
		if err != nil {
			return nil, err
		}
		fields[i] = types.StructField{Name: n.Name(), DataType: dt, Nullable: true}
	}
	return &types.StructType{Fields: fields}, nil
}

// parquetTypeString renders a primitive node's type for errors: "INT64 (TIMESTAMP(...))".
func parquetTypeString(n *schema.PrimitiveNode) string {
	s := strings.ToUpper(n.PhysicalType().String())
	if lt := n.LogicalType(); lt != nil && lt.IsValid() && !lt.IsNone() {
		s += " (" + lt.String() + ")"
	}
	return s
}

// convertNode maps a Parquet field to its Spark type (ParquetToSparkSchemaConverter).
func (p *parquetFormat) convertNode(n schema.Node) (types.DataType, error) {
	var dt types.DataType
	var err error
	switch t := n.(type) {
	case *schema.PrimitiveNode:
		dt, err = p.convertPrimitive(t)
	case *schema.GroupNode:
		dt, err = p.convertGroup(t)
	default:
		return nil, parquetTypeIllegal(n.Name())
	}
	if err != nil {
		return nil, err
	}
	// A repeated field outside LIST/MAP is a list of non-null elements.
	if n.RepetitionType() == parquet.Repetitions.Repeated {
		return types.ArrayType{ElementType: dt, ContainsNull: false}, nil
	}
	return dt, nil
}

func (p *parquetFormat) convertPrimitive(n *schema.PrimitiveNode) (types.DataType, error) {
	lt := n.LogicalType()
	if lt != nil && (lt.IsNone() || !lt.IsValid()) {
		lt = nil
	}
	illegal := func() (types.DataType, error) { return nil, parquetTypeIllegal(parquetTypeString(n)) }
	if _, ok := lt.(schema.NullLogicalType); ok {
		return types.Null, nil
	}
	decimal := func(maxPrecision int) (types.DataType, error) {
		d := lt.(schema.DecimalLogicalType)
		prec, scale := int(d.Precision()), int(d.Scale())
		if (maxPrecision > 0 && (prec < 1 || prec > maxPrecision)) || prec > types.MaxDecimalPrecision || scale > prec || scale < 0 {
			return nil, parquetTypeIllegal(parquetTypeString(n))
		}
		return types.DecimalType{Precision: prec, Scale: scale}, nil
	}
	switch n.PhysicalType() {
	case parquet.Types.Boolean:
		return types.Boolean, nil
	case parquet.Types.Float:
		return types.Float, nil
	case parquet.Types.Double:
		return types.Double, nil
	case parquet.Types.Int32:
		switch t := lt.(type) {
		case nil:
			return types.Integer, nil
		case schema.IntLogicalType:
			switch {
			case t.IsSigned() && t.BitWidth() == 8:
				return types.Byte, nil
			case t.IsSigned() && t.BitWidth() == 16:
				return types.Short, nil
			case t.IsSigned() && t.BitWidth() == 32:
				return types.Integer, nil
			case !t.IsSigned() && t.BitWidth() == 8:
				return types.Short, nil
			case !t.IsSigned() && t.BitWidth() == 16:
				return types.Integer, nil
			case !t.IsSigned() && t.BitWidth() == 32:
				return types.Long, nil
			}
			return illegal()
		case schema.DateLogicalType:
			return types.Date, nil
		case schema.DecimalLogicalType:
			return decimal(9)
		case schema.TimestampLogicalType:
			return nil, parquetTypeNotSupported(parquetTypeString(n))
		}
		return illegal()
	case parquet.Types.Int64:
		switch t := lt.(type) {
		case nil:
			return types.Long, nil
		case schema.IntLogicalType:
			switch {
			case t.IsSigned() && t.BitWidth() == 64:
				return types.Long, nil
			case !t.IsSigned() && t.BitWidth() == 64:
				return types.DecimalType{Precision: 20, Scale: 0}, nil
			}
			return illegal()
		case schema.DecimalLogicalType:
			return decimal(18)
		case schema.TimestampLogicalType:
			switch t.TimeUnit() {
			case schema.TimeUnitMillis, schema.TimeUnitMicros:
				if t.IsAdjustedToUTC() {
					return types.Timestamp, nil
				}
				return types.TimestampNTZ, nil
			}
			return illegal()
		}
		return illegal()
	case parquet.Types.Int96:
		return types.Timestamp, nil
	case parquet.Types.ByteArray:
		switch lt.(type) {
		case nil:
			if p.binaryString {
				return types.String, nil
			}
			return types.Binary, nil
		case schema.StringLogicalType, schema.EnumLogicalType, schema.JSONLogicalType:
			return types.String, nil
		case schema.BSONLogicalType:
			return types.Binary, nil
		case schema.DecimalLogicalType:
			return decimal(0)
		}
		return illegal()
	case parquet.Types.FixedLenByteArray:
		switch lt.(type) {
		case nil:
			return types.Binary, nil
		case schema.DecimalLogicalType:
			return decimal(maxPrecisionForBytes(n.TypeLength()))
		case schema.IntervalLogicalType:
			return nil, parquetTypeNotSupported(parquetTypeString(n))
		}
		return illegal()
	}
	return illegal()
}

// maxPrecisionForBytes is Decimal.maxPrecisionForBytes: the digits n two's complement
// bytes hold, floor(log10(2^(8n-1) - 1)).
func maxPrecisionForBytes(n int) int {
	if n <= 0 {
		return 0
	}
	return int(math.Floor(float64(8*n-1) * math.Log10(2)))
}

func isListNode(g *schema.GroupNode) bool {
	switch g.LogicalType().(type) {
	case schema.ListLogicalType:
		return true
	}
	return g.ConvertedType() == schema.ConvertedTypes.List
}

func isMapNode(g *schema.GroupNode) bool {
	switch g.LogicalType().(type) {
	case schema.MapLogicalType:
		return true
	}
	return g.ConvertedType() == schema.ConvertedTypes.Map || g.ConvertedType() == schema.ConvertedTypes.MapKeyValue
}

func (p *parquetFormat) convertGroup(g *schema.GroupNode) (types.DataType, error) {
	invalid := func(what string) (types.DataType, error) {
		return nil, parquetTypeIllegal(what + " " + g.Name())
	}
	switch {
	case isListNode(g):
		if g.NumFields() != 1 {
			return invalid("Invalid list type")
		}
		rep := g.Field(0)
		if rep.RepetitionType() != parquet.Repetitions.Repeated {
			return invalid("Invalid list type")
		}
		if isElementType(rep, g.Name()) {
			var elem types.DataType
			var err error
			if pn, ok := rep.(*schema.PrimitiveNode); ok {
				elem, err = p.convertPrimitive(pn)
			} else {
				elem, err = p.convertGroup(rep.(*schema.GroupNode))
			}
			if err != nil {
				return nil, err
			}
			return types.ArrayType{ElementType: elem, ContainsNull: false}, nil
		}
		elemNode := rep.(*schema.GroupNode).Field(0)
		elem, err := p.convertNode(elemNode)
		if err != nil {
			return nil, err
		}
		return types.ArrayType{ElementType: elem, ContainsNull: elemNode.RepetitionType() == parquet.Repetitions.Optional}, nil
	case isMapNode(g):
		if g.NumFields() != 1 {
			return invalid("Invalid map type:")
		}
		kv, ok := g.Field(0).(*schema.GroupNode)
		if !ok || kv.RepetitionType() != parquet.Repetitions.Repeated || kv.NumFields() != 2 {
			return invalid("Invalid map type:")
		}
		k, err := p.convertNode(kv.Field(0))
		if err != nil {
			return nil, err
		}
		v, err := p.convertNode(kv.Field(1))
		if err != nil {
			return nil, err
		}
		return types.MapType{KeyType: k, ValueType: v,
			ValueContainsNull: kv.Field(1).RepetitionType() == parquet.Repetitions.Optional}, nil
	}
	fields := make([]types.StructField, g.NumFields())
	for i := range fields {
		c := g.Field(i)
		dt, err := p.convertNode(c)
		if err != nil {
			return nil, err
		}
		fields[i] = types.StructField{Name: c.Name(), DataType: dt, Nullable: c.RepetitionType() != parquet.Repetitions.Required}
	}
	return &types.StructType{Fields: fields}, nil
}

// isElementType is the LIST backward-compatibility rule: is the repeated field itself the
// element (2-level lists) rather than a wrapper of it?
func isElementType(rep schema.Node, parent string) bool {
	g, ok := rep.(*schema.GroupNode)
	if !ok {
		return true
	}
	return g.NumFields() > 1 || g.Name() == "array" || g.Name() == parent+"_tuple"
}

// ---- splits and row group pruning ----

// splits gives one split per run of row groups of about maxBytes, skipping row groups the
// filters rule out.
func (p *parquetFormat) splits(f *fileInfo, order int, maxBytes int64, filters []Predicate, data *types.StructType) ([]fileSplit, error) {
	md, err := p.footer(f.path)
	if err != nil {
		return nil, err
	}
	var out []fileSplit
	var cur *fileSplit
	for rg := 0; rg < md.NumRowGroups(); rg++ {
		meta := md.RowGroup(rg)
		if meta.NumRows() == 0 || !rowGroupMayMatch(md, rg, filters, data) {
			continue
		}
		size := meta.TotalCompressedSize()
		if size <= 0 {
			size = meta.TotalByteSize()
		}
		if cur != nil && cur.bytes+size > maxBytes {
			out = append(out, *cur)
			cur = nil
		}
		if cur == nil {
			cur = &fileSplit{file: f, order: order, length: -1}
		}
		cur.rowGroups = append(cur.rowGroups, rg)
		cur.bytes += size
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out, nil
}

// ---- reading ----

type parquetReader struct {
	path    string
	rdr     *file.Reader
	rr      pqarrow.RecordReader
	req     *readRequest
	fileCol []int // per output column: index into the record reader's columns, -1 missing
	names   []string
	// rows left to produce when no column is read (count only)
	countOnly int64
	done      bool
}

// fieldIndex finds a top-level Parquet field for a Spark column name: the exact name, else
// the only case-insensitive match.
func fieldIndex(root *schema.GroupNode, name string) int {
	if i := root.FieldIndexByName(name); i >= 0 {
		return i
	}
	found := -1
	for i := 0; i < root.NumFields(); i++ {
		if strings.EqualFold(root.Field(i).Name(), name) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

func leafColumns(f *pqarrow.SchemaField, out []int) []int {
	if f.IsLeaf() {
		return append(out, f.ColIndex)
	}
	for i := range f.Children {
		out = leafColumns(&f.Children[i], out)
	}
	return out
}

func (p *parquetFormat) open(ctx context.Context, sp fileSplit, req *readRequest) (br batchReader, err error) {
	defer func() {
		if r := recover(); r != nil {
			br, err = nil, fmt.Errorf("parquet reader: %v", r)
		}
	}()
	md, err := p.footer(sp.file.path)
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(sp.file.path)
	if err != nil {
		return nil, err
	}
	props := parquet.NewReaderProperties(req.mem)
	rdr, err := file.NewParquetReader(fh, file.WithMetadata(md), file.WithReadProps(props))
	if err != nil {
		fh.Close()
		return nil, cannotReadFooter(sp.file.path, err)
	}
	if directParquet {
		if dr := newDirectReader(sp.file.path, rdr, md, req, sp.rowGroups); dr != nil {
			return directBatchReader{dr}, nil
		}
	}
	r := &parquetReader{path: sp.file.path, rdr: rdr, req: req}
	root := md.Schema.Root()
	aprops := pqarrow.ArrowReadProperties{BatchSize: int64(req.rows), PreAllocBinaryData: true}
	for k, col := range req.columns {
		switch req.schema.Field(k).Type.ID() {
		case arrow.STRING, arrow.BINARY:
		default:
			continue
		}
		fi := fieldIndex(root, req.dataSchema.Fields[col].Name)
		if fi < 0 {
			continue
		}
		node := root.Field(fi)
		if leaf := md.Schema.ColumnIndexByNode(node); leaf >= 0 && readAsDictionary(md, node, leaf, sp.rowGroups) {
			aprops.SetReadDict(leaf, true)
		}
	}
	fr, err := pqarrow.NewFileReader(rdr, aprops, req.mem)
	if err != nil {
		r.close()
		return nil, err
	}
	var leaves []int
	seen := map[int]int{} // parquet field -> position among read fields
	r.fileCol = make([]int, len(req.columns))
	r.names = make([]string, len(req.columns))
	for k, col := range req.columns {
		name := req.dataSchema.Fields[col].Name
		r.names[k] = name
		fi := fieldIndex(root, name)
		if fi < 0 {
			r.fileCol[k] = -1
			continue
		}
		if pos, ok := seen[fi]; ok {
			r.fileCol[k] = pos
			continue
		}
		seen[fi] = len(seen)
		r.fileCol[k] = seen[fi]
		leaves = leafColumns(&fr.Manifest.Fields[fi], leaves)
	}
	if len(leaves) == 0 {
		for _, rg := range sp.rowGroups {
			r.countOnly += md.RowGroup(rg).NumRows()
		}
		return r, nil
	}
	rr, err := fr.GetRecordReader(ctx, leaves, sp.rowGroups)
	if err != nil {
		r.close()
		return nil, err
	}
	r.rr = rr
	return r, nil
}

func (r *parquetReader) next() (rec arrow.RecordBatch, err error) {
	if r.done {
		return nil, io.EOF
	}
	defer func() {
		if x := recover(); x != nil {
			rec, err = nil, fmt.Errorf("parquet reader: %v", x)
		}
	}()
	if r.rr == nil {
		if r.countOnly == 0 {
			r.done = true
			return nil, io.EOF
		}
		n := min(r.countOnly, int64(r.req.rows))
		r.countOnly -= n
		cols := make([]arrow.Array, len(r.req.columns))
		for k := range cols {
			cols[k] = array.MakeArrayOfNull(r.req.mem, r.req.schema.Field(k).Type, int(n))
		}
		return newBatch(r.req.schema, cols, n), nil
	}
	in, err := r.rr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			r.done = true
			return nil, io.EOF
		}
		return nil, err
	}
	if in == nil {
		r.done = true
		return nil, io.EOF
	}
	n := in.NumRows()
	cols := make([]arrow.Array, len(r.req.columns))
	for k, fc := range r.fileCol {
		target := r.req.schema.Field(k).Type
		if fc < 0 {
			cols[k] = array.MakeArrayOfNull(r.req.mem, target, int(n))
			continue
		}
		src := in.Column(fc)
		if out, ok := expandDictionary(r.req.mem, src, target); ok {
			cols[k] = out
			continue
		}
		out, err := conform(r.req.mem, src, target)
		if err != nil {
			releaseAll(cols)
			return nil, parquetTypeMismatch(r.path, "["+r.names[k]+"]",
				`"`+r.req.dataSchema.Fields[r.req.columns[k]].DataType.SQL()+`"`, src.DataType().String())
		}
		cols[k] = out
	}
	return newBatch(r.req.schema, cols, n), nil
}

// newBatch builds a batch and releases the caller's references to the columns.
func newBatch(schema *arrow.Schema, cols []arrow.Array, n int64) arrow.RecordBatch {
	rec := array.NewRecordBatch(schema, cols, n)
	releaseAll(cols)
	return rec
}

func releaseAll(cols []arrow.Array) {
	for _, c := range cols {
		if c != nil {
			c.Release()
		}
	}
}

func (r *parquetReader) close() {
	if r.rr != nil {
		r.rr.Release()
		r.rr = nil
	}
	if r.rdr != nil {
		r.rdr.Close()
		r.rdr = nil
	}
}
