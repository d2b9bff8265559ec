package runner

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// describeSchema is the schema of DESCRIBE TABLE and DESCRIBE QUERY, whose rows Spark's
// HiveResult pads instead of rendering.
const describeSchema = "struct<col_name:string,data_type:string,comment:string>"

var (
	describeStatement = regexp.MustCompile(`(?is)^\s*DESC(RIBE)?\b`)
	// SHOW TABLES and SHOW VIEWS print only the name column in HiveResult (SHOW TABLE
	// EXTENDED is another command).
	showNamesStatement = regexp.MustCompile(`(?is)^\s*SHOW\s+(TABLES|VIEWS)\b`)
)

// render turns a collected result into the schema string and rows Spark's harness writes.
func render(ctx context.Context, c *client.Client, query string, res *client.Result) (ans Answer, err error) {
	schema, err := schemaString(res)
	if err != nil {
		return Answer{}, err
	}
	ans = Answer{Schema: schema}
	if res.Rows() == 0 {
		return ans, nil
	}
	switch {
	case schema == describeSchema && describeStatement.MatchString(query):
		ans.Rows = describeRows(res.Batches)
		return ans, nil
	case showNamesStatement.MatchString(query) && len(res.Batches[0].Columns()) > 1:
		ans.Rows, err = columnRows(res.Batches, 1, format.Options{Style: format.StyleHive})
		return ans, err
	}
	opts, err := renderOptions(ctx, c, res.Batches[0].Schema())
	if err != nil {
		return Answer{}, err
	}
	ans.Rows, err = columnRows(res.Batches, -1, opts)
	return ans, err
}

// schemaString is the catalog string of the result schema the server sent.
func schemaString(res *client.Result) (string, error) {
	var dt types.DataType
	var err error
	switch {
	case res.Schema != nil:
		dt, err = connect.FromProto(res.Schema)
	case res.ArrowSchema != nil:
		dt, err = types.FromArrowSchema(res.ArrowSchema)
	default:
		return "struct<>", nil
	}
	if err != nil {
		return "", err
	}
	return dt.CatalogString(), nil
}

// columnRows renders every row with columns joined by tabs, or only column only when it
// is not negative.
func columnRows(batches []arrow.RecordBatch, only int, opts format.Options) ([]string, error) {
	var rows []string
	var line []byte
	for _, b := range batches {
		cols := b.Columns()
		if only >= 0 {
			cols = cols[only : only+1]
		}
		fs := make([]*format.Formatter, len(cols))
		for k, col := range cols {
			f, err := format.NewFormatter(col, opts)
			if err != nil {
				return nil, err
			}
			fs[k] = f
		}
		for i := 0; i < int(b.NumRows()); i++ {
			line = line[:0]
			for k, f := range fs {
				if k > 0 {
					line = append(line, '\t')
				}
				line = f.AppendValue(line, i)
			}
			rows = append(rows, string(line))
		}
	}
	return rows, nil
}

// describeRows pads each of the three columns to 20 characters as Java's %-20s does, with
// an empty comment for NULL.
func describeRows(batches []arrow.RecordBatch) []string {
	var rows []string
	for _, b := range batches {
		cols := make([]*array.String, 3)
		for k := range cols {
			s, ok := b.Column(k).(*array.String)
			if !ok {
				return nil
			}
			cols[k] = s
		}
		for i := 0; i < int(b.NumRows()); i++ {
			var sb strings.Builder
			for k, col := range cols {
				if k > 0 {
					sb.WriteByte('\t')
				}
				v := ""
				if col.IsValid(i) {
					v = col.Value(i)
				}
				sb.WriteString(v)
				for n := format.JavaLength(v); n < 20; n++ {
					sb.WriteByte(' ')
				}
			}
			rows = append(rows, sb.String())
		}
	}
	return rows
}

// renderOptions reads the session settings HiveResult formatting depends on, when the
// result has a column they affect: the time zone of TIMESTAMP values and the binary output
// style. A statement may have changed either (SET TIME ZONE), so they are read from the
// session, not from the file's directives.
func renderOptions(ctx context.Context, c *client.Client, schema *arrow.Schema) (format.Options, error) {
	opts := format.Options{Style: format.StyleHive}
	if !needsSessionSettings(schema.Fields()) {
		return opts, nil
	}
	tzKey, binKey := "spark.sql.session.timeZone", "spark.sql.binaryOutputStyle"
	tz, bin := DefaultTimeZone, ""
	resp, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_GetOption{
		GetOption: &connectpb.ConfigRequest_GetOption{Keys: []string{tzKey, binKey}},
	}})
	if err != nil {
		return opts, err
	}
	for _, kv := range resp.GetPairs() {
		switch {
		case kv.GetKey() == tzKey && kv.Value != nil:
			tz = kv.GetValue()
		case kv.GetKey() == binKey && kv.Value != nil:
			bin = kv.GetValue()
		}
	}
	loc, ok := sqlconf.TimeZoneLocation(tz)
	if !ok {
		return opts, fmt.Errorf("session time zone %q is not a zone id", tz)
	}
	opts.TimeZone, opts.BinaryStyle = loc, format.BinaryStyle(strings.ToUpper(bin))
	return opts, nil
}

func needsSessionSettings(fields []arrow.Field) bool {
	for _, f := range fields {
		if needsSessionSettingsType(f.Type) {
			return true
		}
	}
	return false
}

func needsSessionSettingsType(t arrow.DataType) bool {
	switch t := t.(type) {
	case *arrow.TimestampType:
		return t.TimeZone != ""
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.BinaryViewType, *arrow.FixedSizeBinaryType:
		return true
	case arrow.NestedType:
		return needsSessionSettings(t.Fields())
	}
	return false
}

var volatileRules = []struct {
	re   *regexp.Regexp
	with string
}{
	// Expression and plan ids vary from run to run; Spark's harness masks them too.
	{regexp.MustCompile(`#\d+`), "#x"},
	{regexp.MustCompile(`plan_id=\d+`), "plan_id=x"},
	{regexp.MustCompile(`Created By.*`), "Created By [not included in comparison]"},
	{regexp.MustCompile(`Created Time.*`), "Created Time [not included in comparison]"},
	{regexp.MustCompile(`Last Access.*`), "Last Access [not included in comparison]"},
	{regexp.MustCompile("Owner[\t ]+(.*)"), "Owner\t[not included in comparison]"},
	{regexp.MustCompile("Partition Statistics\t\\d+"), "Partition Statistics\t[not included in comparison]"},
	{regexp.MustCompile(`CTERelationDef \d+,`), "CTERelationDef xxxx,"},
	{regexp.MustCompile(`CTERelationRef \d+,`), "CTERelationRef xxxx,"},
	{regexp.MustCompile(`UnionLoop \d+`), "UnionLoop xxxx"},
	{regexp.MustCompile(`UnionLoopRef \d+,`), "UnionLoopRef xxxx,"},
	{regexp.MustCompile(`Loop id: \d+`), "Loop id: xxxx"},
	{regexp.MustCompile(`@\w*,`), "@xxxxxxxx,"},
	{regexp.MustCompile(`\*\(\d+\) `), "*"},
	{regexp.MustCompile(`"created_by":".*?"`), `"created_by [not included in comparison]":"None"`},
	{regexp.MustCompile(`"created_time":".*?"`), `"created_time [not included in comparison]":"None"`},
	{regexp.MustCompile(`transient_lastDdlTime=\d+`), "transient_lastDdlTime=[not included in comparison]"},
	{regexp.MustCompile(`"transient_lastDdlTime":"\d+"`), `"transient_lastDdlTime [not included in comparison]":"None"`},
	{regexp.MustCompile(`"last_access":".*?"`), `"last_access [not included in comparison]":"None"`},
	{regexp.MustCompile(`"owner":".*?"`), `"owner [not included in comparison]":"None"`},
	{regexp.MustCompile(`"partition_statistics":"\d+"`), `"partition_statistics [not included in comparison]":"None"`},
	{regexp.MustCompile(`cterelationdef \d+,`), "cterelationdef xxxx,"},
	{regexp.MustCompile(`cterelationref \d+,`), "cterelationref xxxx,"},
}

func maskVolatile(ctx context.Context, c *client.Client, rows []string) []string {
	wh := ""
	needsDir := false
	for _, r := range rows {
		if strings.Contains(r, "Location") || strings.Contains(r, "file:") {
			needsDir = true
			break
		}
	}
	if !needsDir {
		// nothing names the warehouse
	} else if resp, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_GetOption{
		GetOption: &connectpb.ConfigRequest_GetOption{Keys: []string{"spark.sql.warehouse.dir"}}}}); err == nil {
		for _, kv := range resp.GetPairs() {
			wh = strings.TrimSuffix(strings.TrimPrefix(kv.GetValue(), "file:"), "/")
		}
	}
	var loc1, loc2 *regexp.Regexp
	if wh != "" {
		loc1 = regexp.MustCompile("Location.*" + regexp.QuoteMeta(wh) + "/")
		loc2 = regexp.MustCompile("file:[^\\s,]*" + regexp.QuoteMeta(wh))
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		lines := strings.Split(r, "\n")
		for j, l := range lines {
			if loc1 != nil {
				l = loc1.ReplaceAllLiteralString(l, "Location [not included in comparison]/{warehouse_dir}/")
				l = loc2.ReplaceAllLiteralString(l, "file:[not included in comparison]/{warehouse_dir}")
			}
			for _, rule := range volatileRules {
				l = rule.re.ReplaceAllLiteralString(l, rule.with)
			}
			lines[j] = l
		}
		out[i] = strings.Join(lines, "\n")
	}
	return out
}
