package executor

import (
	"context"
	"errors"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// TestCatalogFunctions checks spark.catalog.getFunction and listFunctions: built-in
// functions with their class, no catalog or namespace, temporary; an unknown name is
// UNRESOLVED_ROUTINE on the current namespace, as in Spark.
func TestCatalogFunctions(t *testing.T) {
	r := newSQLRunner(t)
	call := func(c *connectpb.Catalog) ([][]any, error) {
		n, err := r.x.catalogAPI(context.Background(), r.s, c)
		if err != nil {
			return nil, err
		}
		ld := n.(*plan.LocalData)
		var rows [][]any
		for _, b := range ld.Batches {
			for i := 0; i < int(b.NumRows()); i++ {
				row := make([]any, b.NumCols())
				for k := range row {
					if row[k], err = valueAt(b.Column(k), i); err != nil {
						return nil, err
					}
				}
				rows = append(rows, row)
			}
		}
		return rows, nil
	}
	get := func(name string, db *string) *connectpb.Catalog {
		return &connectpb.Catalog{CatType: &connectpb.Catalog_GetFunction{GetFunction: &connectpb.GetFunction{FunctionName: name, DbName: db}}}
	}
	rows, err := call(get("ABS", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsText(rows); got != "abs <nil> <nil> <nil> org.apache.spark.sql.catalyst.expressions.Abs true" {
		t.Errorf("getFunction(ABS) = %s", got)
	}
	pattern := "array_app*"
	rows, err = call(&connectpb.Catalog{CatType: &connectpb.Catalog_ListFunctions{ListFunctions: &connectpb.ListFunctions{Pattern: &pattern}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsText(rows); got != "array_append <nil> <nil> <nil> org.apache.spark.sql.catalyst.expressions.ArrayAppend true" {
		t.Errorf("listFunctions(array_app*) = %s", got)
	}
	db := "default"
	for _, c := range []*connectpb.Catalog{get("nope", nil), get("default.abs", nil), get("abs", &db)} {
		_, err := call(c)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != "UNRESOLVED_ROUTINE" || se.Params["searchPath"] != "[`spark_catalog`.`default`]" {
			t.Errorf("%v: got %v, want UNRESOLVED_ROUTINE", c, err)
		}
	}
	nodb := "nodb"
	if _, err := call(&connectpb.Catalog{CatType: &connectpb.Catalog_ListFunctions{ListFunctions: &connectpb.ListFunctions{DbName: &nodb}}}); err == nil {
		t.Error("listFunctions(nodb) did not fail")
	}
}
