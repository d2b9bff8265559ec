package analyzer_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Column names and types as Spark 4 gives them (golden files math.sql,
// conditional-functions.sql, string-functions.sql; Spark's function documentation).
func TestExtraScalarSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT hash('Spark', array(123), 2), xxhash64(a, b) FROM t", "struct<hash(Spark, array(123), 2):int,xxhash64(a, b):bigint>"},
		{"SELECT nvl2(NULL, 1, 2.5), nvl2(a, 'x', b) FROM t", "struct<nvl2(NULL, 1, 2.5):decimal(11,1),nvl2(a, x, b):string>"},
		{"SELECT equal_null(a, NULL) FROM t", "struct<equal_null(a, NULL):boolean>"},
		{"SELECT POSITIVE(0Y), positive(a) FROM t", "struct<(+ 0):tinyint,(+ a):int>"},
		{"SELECT nullifzero(0), nullifzero(cast(0 as tinyint)), nullifzero(0.0), nullifzero(null)",
			"struct<nullifzero(0):int,nullifzero(CAST(0 AS TINYINT)):tinyint,nullifzero(0.0):decimal(1,1),nullifzero(NULL):void>"},
		{"SELECT zeroifnull(null), zeroifnull(cast(1 as tinyint)), zeroifnull(cast(1 as bigint))",
			"struct<zeroifnull(NULL):int,zeroifnull(CAST(1 AS TINYINT)):int,zeroifnull(CAST(1 AS BIGINT)):bigint>"},
		{"SELECT months_between('1997-02-28 10:30:00', '1996-10-30'), months_between(current_date, current_date, false)",
			"struct<months_between(1997-02-28 10:30:00, 1996-10-30, true):double,months_between(current_date(), current_date(), false):double>"},
		{"SELECT date_diff('2009-07-31', '2009-07-30'), dayname(DATE'2008-02-20'), monthname('2008-02-20')",
			"struct<date_diff(2009-07-31, 2009-07-30):int,dayname(DATE '2008-02-20'):string,monthname(2008-02-20):string>"},
		{"SELECT factorial(5), format_number(12332.123456, 4)", "struct<factorial(5):bigint,format_number(12332.123456, 4):string>"},
		{"SELECT overlay('Spark SQL' PLACING '_' FROM 6), overlay('Spark SQL' PLACING 'ANSI ' FROM 7 FOR 0), overlay(b, 'x', 1) FROM t",
			"struct<overlay(Spark SQL, _, 6, -1):string,overlay(Spark SQL, ANSI , 7, 0):string,overlay(b, x, 1, -1):string>"},
		{"SELECT aes_encrypt('Spark', 'abcdefghijklmnop'), try_aes_decrypt(X'00', 'abcdefghijklmnop', 'ECB')",
			"struct<aes_encrypt(Spark, abcdefghijklmnop, GCM, DEFAULT, , ):binary,try_aes_decrypt(X'00', abcdefghijklmnop, ECB, DEFAULT, ):binary>"},
		{"SELECT sentences('Hi there! How are you?'), sentences(b, 'en') FROM t",
			"struct<sentences(Hi there! How are you?, , ):array<array<string>>,sentences(b, en, ):array<array<string>>>"},
		{`SELECT try_reflect("java.lang.Integer", "valueOf", "10", 16), java_method('java.lang.Math', 'max', a, 3) FROM t`,
			"struct<try_reflect(java.lang.Integer, valueOf, 10, 16):string,java_method(java.lang.Math, max, a, 3):string>"},
		{"SELECT position('bar' in 'foobarbar'), position(null, 'foobarbar')", "struct<locate(bar, foobarbar, 1):int,position(NULL, foobarbar, 1):int>"},
		{"SELECT current_database(), current_catalog(), current_schema()", "struct<current_database():string,current_catalog():string,current_schema():string>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestExtraScalarErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{"SELECT hash()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT hash(map(1, 2))", "DATATYPE_MISMATCH.HASH_MAP_TYPE"},
		{"SELECT xxhash64(array(map(1, 2)))", "DATATYPE_MISMATCH.HASH_MAP_TYPE"},
		{"SELECT overlay(X'0102' PLACING 'a' FROM 1)", "DATATYPE_MISMATCH.DATA_DIFF_TYPES"},
		{"SELECT nvl2(1, 2)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT try_reflect("java.wrongclass.Math", "max", 2, 3)`, "DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE"},
		{`SELECT try_reflect("java.lang.Math", "wrongmethod", 2, 3)`, "DATATYPE_MISMATCH.UNEXPECTED_STATIC_METHOD"},
		{`SELECT try_reflect("java.lang.Math")`, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT try_reflect("java.lang.Math", "round", 2.5)`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{`SELECT try_reflect("java.lang.Object", "toString")`, "DATATYPE_MISMATCH.UNEXPECTED_STATIC_METHOD"},
		{`SELECT reflect(b, "max") FROM t`, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT nullifzero('abc')", ""}, // resolves; the cast of 'abc' fails at run time under ANSI
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		if c.class == "" {
			if err != nil {
				t.Errorf("%s: %v", c.sql, err)
			}
			continue
		}
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}

// to_from_avro.sql: without spark-avro, Spark checks the arguments and then reports that
// Avro is not loaded.
func TestAvroNotLoaded(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{"SELECT from_avro(st, 42, map()) FROM s", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT from_avro(st, 'x', 42) FROM s", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT to_avro(st, 42) FROM s", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT to_avro(st, '{}') FROM s", "AVRO_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
		{"SELECT from_avro(NULL, '{}', map()).u", "AVRO_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
		{"SELECT schema_of_avro('{}', map())", "AVRO_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}

// from_protobuf / to_protobuf without spark-protobuf: the argument checks of
// toFromProtobufSqlFunctions.scala, the descriptor file read, then "not loaded".
func TestProtobufNotLoaded(t *testing.T) {
	cat := testCatalog(t)
	desc := filepath.Join(t.TempDir(), "p.desc")
	if err := os.WriteFile(desc, []byte{0x0a, 0x00}, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ sql, class string }{
		{"SELECT from_protobuf(X'00')", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT from_protobuf(X'00', 42)", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT from_protobuf(X'00', 'M', 42, map())", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT from_protobuf(X'00', 'M', '', map('a', 1))", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT"},
		{"SELECT from_protobuf(X'00', 'M')", "PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
		{"SELECT from_protobuf(X'00', 'M', map('k', 'v'))", "PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
		{"SELECT from_protobuf(X'00', 'M', '/no/such/file.desc')", "PROTOBUF_DESCRIPTOR_FILE_NOT_FOUND"},
		{"SELECT from_protobuf(X'00', 'M', '" + desc + "', map())", "PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
		{"SELECT to_protobuf(42, 'M')", "DATATYPE_MISMATCH.NON_STRUCT_TYPE"},
		{"SELECT to_protobuf(st, 'M') FROM s", "PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}
