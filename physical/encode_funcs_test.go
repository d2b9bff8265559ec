package physical_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The columns the function walk passes as arguments, and some literals.
var walkColumns = []struct {
	name string
	t    types.DataType
}{
	{"c_long", types.Long},
	{"c_int", types.Integer},
	{"c_double", types.Double},
	{"c_string", types.String},
	{"c_bool", types.Boolean},
	{"c_date", types.Date},
	{"c_ts", types.Timestamp},
	{"c_dec", types.DecimalType{Precision: 10, Scale: 2}},
	{"c_arr", types.NewArray(types.Long, true)},
	{"c_map", types.NewMap(types.String, types.Long, true)},
	{"c_bin", types.Binary},
	{"c_sarr", types.NewArray(types.String, true)},
	{"c_ntz", types.TimestampNTZ},
	{"c_ym", types.YearMonthIntervalType{StartField: types.Year, EndField: types.Month}},
	{"c_dt", types.DayTimeIntervalType{StartField: types.Day, EndField: types.Second}},
	{"c_struct", types.NewStruct(types.NewField("a", types.Long, true), types.NewField("b", types.String, true))},
	{"c_time", types.TimeType{Precision: 6}},
}

const walkRows = `[
{"c_long": 3, "c_int": 2, "c_double": 1.5, "c_string": "2", "c_bool": true, "c_date": "2024-02-29", "c_ts": "2024-03-01T10:20:30Z",
 "c_dec": "12.25", "c_arr": [3, 1, null], "c_map": [{"key": "a", "value": 1}], "c_bin": "AQID", "c_sarr": ["x", "y"],
 "c_ntz": "2024-03-01T10:20:30", "c_ym": {"months": 14}, "c_dt": 90061000001, "c_struct": {"a": 1, "b": "s"}, "c_time": "01:02:03"},
{"c_long": null, "c_int": 0, "c_double": -0.5, "c_string": "abc", "c_bool": false, "c_date": "1970-01-01", "c_ts": "1999-12-31T23:59:59Z",
 "c_dec": "-1.00", "c_arr": [], "c_map": [], "c_bin": "", "c_sarr": null,
 "c_ntz": "1999-12-31T23:59:59", "c_ym": {"months": -1}, "c_dt": 0, "c_struct": {"a": null, "b": null}, "c_time": "00:00:00"},
{"c_long": -7, "c_int": null, "c_double": null, "c_string": null, "c_bool": null, "c_date": null, "c_ts": null,
 "c_dec": null, "c_arr": null, "c_map": null, "c_bin": null, "c_sarr": ["", null],
 "c_ntz": null, "c_ym": null, "c_dt": null, "c_struct": null, "c_time": null}
]`

// nondeterministic functions give different rows on every run; only their plans are compared.
var nondeterministic = map[string]bool{"rand": true, "randn": true, "random": true, "uuid": true, "shuffle": true,
	"randstr": true, "uniform": true}

func walkInput(t *testing.T) *plan.LocalData {
	t.Helper()
	st := types.NewStruct()
	for _, c := range walkColumns {
		st = st.Add(types.NewField(c.name, c.t, true))
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(walkRows))
	if err != nil {
		t.Fatalf("test rows: %v", err)
	}
	return &plan.LocalData{ArrowSchema: schema, Batches: []arrow.RecordBatch{b}, Schema: st, Out: plan.AttributesOf(st)}
}

// walkArgs lists argument tuples of n arguments: every column (and literal) for one
// argument, fewer combinations for more.
func walkArgs(n int) [][]plan.Expr {
	colRef := func(name string) plan.Expr { return &plan.UnresolvedColumn{Parts: []string{name}} }
	all := []plan.Expr{}
	for _, c := range walkColumns {
		all = append(all, colRef(c.name))
	}
	all = append(all, &plan.Literal{Type: types.Integer, Value: int32(2), Text: "2"},
		&plan.Literal{Type: types.String, Value: "1", Text: "1"})
	few := []plan.Expr{colRef("c_long"), colRef("c_int"), colRef("c_string"), colRef("c_double"), colRef("c_arr"), colRef("c_bool"),
		&plan.Literal{Type: types.Integer, Value: int32(2), Text: "2"}, &plan.Literal{Type: types.String, Value: "1", Text: "1"}}
	switch n {
	case 0:
		return [][]plan.Expr{nil}
	case 1:
		out := make([][]plan.Expr, len(all))
		for i, a := range all {
			out[i] = []plan.Expr{a}
		}
		return out
	case 2:
		var out [][]plan.Expr
		for _, a := range all {
			for _, b := range all {
				out = append(out, []plan.Expr{a, b})
			}
		}
		return out
	}
	var out [][]plan.Expr
	var rec func(prefix []plan.Expr)
	rec = func(prefix []plan.Expr) {
		if len(prefix) == n {
			out = append(out, append([]plan.Expr(nil), prefix...))
			return
		}
		for _, a := range few {
			rec(append(prefix, a))
		}
	}
	rec(nil)
	return out
}

// TestEncodeFunctionWalk round-trips a call of every registered scalar function whose
// arguments the analyzer accepts from the walk's columns: the call is resolved and
// planned as a projection, encoded, marshaled, decoded, and must explain and run as the
// original (the same rows, or the same error).
func TestEncodeFunctionWalk(t *testing.T) {
	in := walkInput(t)
	aopts := analyzer.Options{ANSI: true}
	popts := planner.Options{ANSI: true, TimeZone: time.FixedZone("+02:00", 7200), DefaultSplits: 1, ShufflePartitions: 2,
		Context: context.Background()}
	names := expr.FunctionNames()
	seen := map[string]bool{} // registered functions shipped as calls in round-tripped plans
	var failed []string
	callable := map[string]bool{} // registered names called by name and round-tripped
	try := func(what string, e plan.Expr, deterministic bool) bool {
		q := &plan.Project{Child: in, Exprs: []plan.Expr{&plan.UnresolvedAlias{Child: e}}}
		r, err := analyzer.Resolve(q, aopts)
		if err != nil {
			return false
		}
		p, err := planner.Plan(r, popts)
		if err != nil {
			return false
		}
		if msg := compareRoundTrip(p, deterministic, seen); msg != "" {
			failed = append(failed, what+": "+msg)
		} else {
			callable[what] = true
		}
		return true
	}
	// Every registered name, with the first argument tuple the analyzer accepts; then again
	// under the legacy settings the analyzer binds into kernel variants (the time parser
	// policies), so that those variants are shipped too.
	byName := func() {
		for _, name := range names {
		search:
			for n := 0; n <= 3; n++ {
				for _, args := range walkArgs(n) {
					if try(name, &plan.UnresolvedFunction{Name: []string{name}, Args: args}, !nondeterministic[name]) {
						break search
					}
				}
			}
		}
	}
	byName()
	for _, policy := range []string{"LEGACY", "EXCEPTION"} {
		aopts.Settings = walkSettings{"spark.sql.legacy.timeParserPolicy": policy}
		byName()
	}
	aopts.Settings = nil
	// Operators, which the analyzer maps onto arithmetic, comparisons, logic and the
	// internal functions of dates and intervals, over every pair of columns.
	for _, op := range []string{"+", "-", "*", "/", "div", "%", "=", "<=>", "<", "and", "or"} {
		for _, args := range walkArgs(2) {
			try(op, &plan.UnresolvedFunction{Name: []string{op}, Args: args}, true)
		}
	}
	for _, op := range []string{"negative", "not", "isnull", "isnotnull", "~"} {
		for _, args := range walkArgs(1) {
			try(op, &plan.UnresolvedFunction{Name: []string{op}, Args: args}, true)
		}
	}
	colRef := func(name string) plan.Expr { return &plan.UnresolvedColumn{Parts: []string{name}} }
	str := func(s string) plan.Expr { return &plan.Literal{Type: types.String, Value: s, Text: s} }
	for _, x := range []*plan.UnresolvedExtract{
		{Child: colRef("c_arr"), Key: &plan.Literal{Type: types.Integer, Value: int32(1), Text: "1"}},
		{Child: colRef("c_map"), Key: str("a")},
		{Child: colRef("c_struct"), Key: str("b"), Field: true},
	} {
		try("extract", x, true)
	}
	// Calls whose arguments the walk does not produce (literal formats and schemas, more
	// arguments, nested collections).
	num := func(v int32) plan.Expr { return &plan.Literal{Type: types.Integer, Value: v, Text: fmt.Sprint(v)} }
	fnCall := func(name string, args ...plan.Expr) plan.Expr {
		return &plan.UnresolvedFunction{Name: []string{name}, Args: args}
	}
	for _, c := range []struct {
		name string
		e    plan.Expr
	}{
		{"from_json", fnCall("from_json", colRef("c_string"), str("a INT"))},
		{"from_csv", fnCall("from_csv", colRef("c_string"), str("a INT"))},
		{"to_number", fnCall("to_number", colRef("c_string"), str("999"))},
		{"try_to_number", fnCall("try_to_number", colRef("c_string"), str("999"))},
		{"width_bucket", fnCall("width_bucket", colRef("c_double"), num(0), num(10), num(5))},
		{"nvl2", fnCall("nvl2", colRef("c_long"), colRef("c_int"), colRef("c_int"))},
		{"flatten", fnCall("flatten", fnCall("array", colRef("c_arr"), colRef("c_arr")))},
		{"map_from_entries", fnCall("map_from_entries", fnCall("array", fnCall("struct", colRef("c_string"), colRef("c_long"))))},
		{"make_timestamp_ltz", fnCall("make_timestamp_ltz", num(2024), num(1), num(2), num(3), num(4), colRef("c_int"))},
		{"try_make_timestamp_ltz", fnCall("try_make_timestamp_ltz", num(2024), num(1), num(2), num(3), num(4), colRef("c_int"))},
		{"get_array_struct_fields", &plan.UnresolvedExtract{Child: fnCall("array", colRef("c_struct")), Key: str("a"), Field: true}},
		{"date_add_ym_interval", fnCall("+", colRef("c_date"), colRef("c_ym"))},
		{"timestamp_add_interval", fnCall("+", colRef("c_ts"), colRef("c_dt"))},
	} {
		if !try(c.name, c.e, true) {
			t.Logf("%s: not resolved", c.name)
		}
	}
	var covered, unreached []string
	for _, name := range names {
		if seen[name] || callable[name] {
			covered = append(covered, name)
		} else {
			unreached = append(unreached, name)
		}
	}
	sort.Strings(failed)
	shipped := 0
	for _, name := range names {
		if seen[name] {
			shipped++
		}
	}
	t.Logf("function walk: %d registered functions, %d called and round-tripped (%d of them shipped as calls, the others "+
		"planned as other expressions or names), %d not reached with the walk's arguments", len(names), len(covered), shipped, len(unreached))
	t.Logf("not reached: %s", strings.Join(unreached, ", "))
	for _, f := range failed {
		t.Errorf("%s", f)
	}
	if len(covered) < len(names)*3/4 {
		t.Errorf("only %d of %d functions round-tripped", len(covered), len(names))
	}
}

// callNames adds the names of the function calls in a plan message to seen.
func callNames(m proto.Message, seen map[string]bool) {
	var walk func(protoreflect.Message)
	walk = func(r protoreflect.Message) {
		if c, ok := r.Interface().(*physicalpb.CallExpr); ok {
			seen[c.Name] = true
		}
		r.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case fd.IsList() && fd.Message() != nil:
				for i := range v.List().Len() {
					walk(v.List().Get(i).Message())
				}
			case fd.Message() != nil && !fd.IsMap():
				walk(v.Message())
			}
			return true
		})
	}
	walk(m.ProtoReflect())
}

// compareRoundTrip returns what differs between p and its round trip ("" when nothing).
func compareRoundTrip(p physical.ExecutionPlan, compareRows bool, seen map[string]bool) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v", r)
		}
	}()
	m, err := physical.EncodePlan(p)
	if err != nil {
		return "encode: " + err.Error()
	}
	b, err := proto.Marshal(m)
	if err != nil {
		return "marshal: " + err.Error()
	}
	var back physicalpb.Plan
	if err := proto.Unmarshal(b, &back); err != nil {
		return "unmarshal: " + err.Error()
	}
	q, err := physical.DecodePlan(&back, physical.DecodeContext{})
	if err != nil {
		return "decode: " + err.Error()
	}
	if a, b := physical.Explain(p), physical.Explain(q); a != b {
		return fmt.Sprintf("explain %q, decoded %q", a, b)
	}
	defer callNames(m, seen)
	if !compareRows {
		return ""
	}
	want, werr := collect(p)
	got, gerr := collect(q)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) {
		return fmt.Sprintf("error %v, decoded %v", werr, gerr)
	}
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		return fmt.Sprintf("rows %q, decoded %q", want, got)
	}
	return ""
}

func collect(p physical.ExecutionPlan) ([]string, error) {
	var out []string
	err := physical.Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		defer b.Release()
		for i := range int(b.NumRows()) {
			vals := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				if col.IsNull(i) {
					vals[c] = "null"
				} else {
					vals[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(vals, "|"))
		}
		return nil
	})
	return out, err
}

// walkSettings are session settings for the walk's analysis.
type walkSettings map[string]string

func (s walkSettings) String(key string) string { return s[key] }
