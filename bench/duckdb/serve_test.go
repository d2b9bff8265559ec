package duckdb

import (
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

func TestRender(t *testing.T) {
	cases := []struct {
		v    any
		typ  string
		want string
	}{
		{nil, "INTEGER", "null"},
		{duckdb.Decimal{Width: 15, Scale: 2, Value: big.NewInt(377420000)}, "DECIMAL", "3774200.00"},
		{duckdb.Decimal{Width: 15, Scale: 2, Value: big.NewInt(-5)}, "DECIMAL", "-0.05"},
		{duckdb.Decimal{Width: 15, Scale: 0, Value: big.NewInt(42)}, "DECIMAL", "42"},
		{25.5, "DOUBLE", "25.5"},
		{1e7, "DOUBLE", "10000000"},
		{time.Date(1995, 3, 15, 0, 0, 0, 0, time.UTC), "DATE", "1995-03-15"},
		{int64(7), "BIGINT", "7"},
		{"x", "VARCHAR", "x"},
	}
	for _, c := range cases {
		if got := Render(c.v, c.typ); got != c.want {
			t.Errorf("Render(%v, %s) = %q, want %q", c.v, c.typ, got, c.want)
		}
	}
}

func TestServe(t *testing.T) {
	var in bytes.Buffer
	for _, r := range []Request{
		{Op: "query", SQL: "select 1"},
		{Op: "open", Threads: 1},
		{Op: "query", SQL: "select 1::decimal(15,2) as a, 'x' as b, date '1995-03-15' as c union all select null, 'y', null order by b", Rows: true},
		{Op: "query", SQL: "select nope"},
		{Op: "bogus"},
	} {
		b, _ := json.Marshal(r)
		in.Write(append(b, '\n'))
	}
	var out bytes.Buffer
	if err := Serve(context.Background(), &in, &out); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	var resps []Response
	for dec.More() {
		var r Response
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		resps = append(resps, r)
	}
	if len(resps) != 5 {
		t.Fatalf("%d responses", len(resps))
	}
	if resps[0].Error == "" || !strings.HasPrefix(resps[1].Version, "v") || resps[1].Error != "" {
		t.Errorf("open: %+v %+v", resps[0], resps[1])
	}
	if want := [][]string{{"1.00", "x", "1995-03-15"}, {"null", "y", "null"}}; !reflect.DeepEqual(resps[2].Rows, want) || resps[2].Count != 2 {
		t.Errorf("rows %+v, want %v", resps[2], want)
	}
	if resps[3].Error == "" || resps[4].Error == "" {
		t.Errorf("errors: %+v %+v", resps[3], resps[4])
	}
}
