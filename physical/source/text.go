package source

import (
	"context"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// textFormat reads each line (or with wholetext each file) as one row of a single string
// column, "value" by default.
type textFormat struct {
	wholeText bool
	lineSep   []byte
}

func newTextFormat(o options) (*textFormat, error) {
	if err := o.checkUTF8("text"); err != nil {
		return nil, err
	}
	t := &textFormat{}
	var err error
	if t.wholeText, err = o.boolean("wholetext", false); err != nil {
		return nil, err
	}
	if sep, ok := o.get("lineSep"); ok {
		if sep == "" {
			return nil, illegalOption("requirement failed: 'lineSep' cannot be an empty string.")
		}
		t.lineSep = []byte(sep)
	}
	return t, nil
}

func (t *textFormat) name() string { return "text" }

func (t *textFormat) inferSchema([]*fileInfo) (*types.StructType, error) {
	return types.NewStruct(types.NewField("value", types.String, true)), nil
}

func (t *textFormat) check(schema *types.StructType) error {
	if len(schema.Fields) != 1 {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1135", "",
			"Text data source supports only a single column, and you have <numCols> columns.",
			map[string]string{"numCols": itoa(len(schema.Fields))})
	}
	if _, ok := types.ReplaceCharVarcharWithString(schema.Fields[0].DataType).(types.StringType); !ok {
		return unsupportedType("Text", schema.Fields[0].Name, schema.Fields[0].DataType)
	}
	return nil
}

func (t *textFormat) splits(f *fileInfo, order int, maxBytes int64, _ []Predicate, _ *types.StructType) ([]fileSplit, error) {
	if t.wholeText || isCompressed(f.path) {
		return []fileSplit{{file: f, order: order, length: -1, bytes: f.size}}, nil
	}
	return byteSplits(f, order, maxBytes), nil
}

type textReader struct {
	t      *textFormat
	closer io.Closer
	in     io.Reader
	lr     *lineReader
	req    *readRequest
	b      *builders
	done   bool
}

func (t *textFormat) open(_ context.Context, sp fileSplit, req *readRequest) (batchReader, error) {
	r := &textReader{t: t, req: req}
	if t.wholeText {
		fh, in, err := openFile(sp.file.path)
		if err != nil {
			return nil, err
		}
		r.closer, r.in = fh, in
	} else {
		fh, lr, err := openLineSplit(sp, t.lineSep)
		if err != nil {
			return nil, err
		}
		r.closer, r.lr = fh, lr
	}
	r.b = newBuilders(req.mem, req.schema)
	return r, nil
}

func (r *textReader) next() (arrow.RecordBatch, error) {
	if r.done {
		return nil, io.EOF
	}
	var col *array.StringBuilder
	if len(r.b.cols) == 1 {
		col = r.b.cols[0].(*array.StringBuilder)
	}
	if r.lr == nil {
		data, err := io.ReadAll(r.in)
		if err != nil {
			return nil, err
		}
		r.done = true
		if col != nil {
			col.BinaryBuilder.Append(data)
		}
		r.b.rows++
		return r.b.batch(), nil
	}
	for r.b.rows < r.req.rows {
		line, _, _, err := r.lr.next()
		if err == io.EOF {
			r.done = true
			break
		}
		if err != nil {
			return nil, err
		}
		if col != nil {
			col.BinaryBuilder.Append(line)
		}
		r.b.rows++
	}
	if r.b.rows == 0 {
		return nil, io.EOF
	}
	return r.b.batch(), nil
}

func (r *textReader) close() {
	if r.b != nil {
		r.b.release()
		r.b = nil
	}
	if r.closer != nil {
		r.closer.Close()
		r.closer = nil
	}
}
