package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Column names and types of the scalar functions, as Spark's golden files show them.
func TestScalarFunctionSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT int('1'), string(a), bigint(a) FROM t", "struct<1:int,a:string,a:bigint>"},
		{"SELECT smallint('456') = 1", "struct<(456 = 1):boolean>"},
		{"SELECT substr('Spark SQL', 5)", "struct<substr(Spark SQL, 5, 2147483647):string>"},
		{"SELECT trim(BOTH 'xyz' FROM 'yxTomxx'), btrim('xyxtrimyyx', 'xy')", "struct<TRIM(BOTH xyz FROM yxTomxx):string,btrim(xyxtrimyyx, xy):string>"},
		{"SELECT contains('Spark SQL', 'SQL'), endsWith(x'537061726b2053514c', x'537061726b')", "struct<contains(Spark SQL, SQL):boolean,endswith(X'537061726B2053514C', X'537061726B'):boolean>"},
		{"SELECT contains(12, '1')", "struct<contains(12, 1):boolean>"},
		{"SELECT position(null, 'foobarbar'), locate('bar', 'foobarbar')", "struct<position(NULL, foobarbar, 1):int,locate(bar, foobarbar, 1):int>"},
		{"SELECT lpad('hi', 5), hex(lpad(unhex('aabb'), 5))", "struct<lpad(hi, 5,  ):string,hex(lpad(unhex(aabb), 5, X'00')):string>"},
		{"SELECT replace('abc', 'b'), split('aa1cc2ee3', '[1-9]+')", "struct<replace(abc, b, ):string,split(aa1cc2ee3, [1-9]+, -1):array<string>>"},
		{"SELECT regexp_extract('1a', '(\\\\d+)'), regexp_instr('abc', 'b')", `struct<regexp_extract(1a, (\d+), 1):string,regexp_instr(abc, b, 0):int>`},
		{"SELECT decode(1, 1, 'Southlake'), decode(encode('abc', 'utf-8'), 'utf-8')", "struct<decode(1, 1, Southlake):string,decode(encode(abc, utf-8), utf-8):string>"},
		{"SELECT to_binary('abc', 'utf-8'), luhn_check(6011111111111117)", "struct<to_binary(abc, utf-8):binary,luhn_check(6011111111111117):boolean>"},
		{"SELECT mask('AbCD123-@$#', 'Q')", "struct<mask(AbCD123-@$#, Q, x, n, NULL):string>"},
		{"SELECT format_string('Hello %s', 'World'), printf('%d', 1)", "struct<format_string(Hello %s, World):string,printf(%d, 1):string>"},
		{"SELECT to_number('12,454.8-', '00,000.9MI')", "struct<to_number(12,454.8-, 00,000.9MI):decimal(6,1)>"},
		{"SELECT to_timestamp('2016-12-31', 'yyyy-MM-dd'), to_timestamp('2016-12-31 00:12:00')", "struct<to_timestamp(2016-12-31, yyyy-MM-dd):timestamp,to_timestamp(2016-12-31 00:12:00):timestamp>"},
		{"SELECT to_date('2016-12-31', 'yyyy-MM-dd'), to_date(null)", "struct<to_date(2016-12-31, yyyy-MM-dd):date,to_date(NULL):date>"},
		{"SELECT unix_timestamp('2016-04-08', 'yyyy-MM-dd'), from_unixtime(0)", "struct<unix_timestamp(2016-04-08, yyyy-MM-dd):bigint,from_unixtime(0, yyyy-MM-dd HH:mm:ss):string>"},
		{"SELECT make_date(2019, 1, 1), make_timestamp(2021, 7, 11, 6, 30, 45.678)", "struct<make_date(2019, 1, 1):date,make_timestamp(2021, 7, 11, 6, 30, 45.678):timestamp>"},
		{"SELECT try_make_timestamp(2021, 7, 11, 6, 30, 45.678, 'CET')", "struct<try_make_timestamp(2021, 7, 11, 6, 30, 45.678):timestamp>"},
		{"SELECT date_add('2011-11-11', 1), next_day('2015-07-23', 'Mon')", "struct<date_add(2011-11-11, 1):date,next_day(2015-07-23, Mon):date>"},
		{"SELECT current_date = current_date, current_timestamp() = now()", "struct<(current_date() = current_date()):boolean,(current_timestamp() = now()):boolean>"},
		{"SELECT timestamp_seconds(1230219000), year('2015-07-23')", "struct<timestamp_seconds(1230219000):timestamp,year(2015-07-23):int>"},
		{"SELECT try_add(2147483647, 1), try_divide(1, 0)", "struct<try_add(2147483647, 1):int,try_divide(1, 0):double>"},
		{"SELECT rand(0), randn(0L), rand()", "struct<rand(0):double,randn(0):double,rand():double>"},
		{"SELECT uniform(10, 20, 0), uniform(10, 2.5D, 0), uniform(0, 10L, 0)", "struct<uniform(10, 20, 0):int,uniform(10, 2.5, 0):double,uniform(0, 10, 0):bigint>"},
		{"SELECT assert_true(true)", "struct<assert_true(true, 'true' is not true!):void>"},
		{"SELECT bit_count(3), getbit(11, 0), width_bucket(5.3, 0.2, 10.6, 5)", "struct<bit_count(3):int,getbit(11, 0):tinyint,width_bucket(5.3, 0.2, 10.6, 5):bigint>"},
		{"SELECT 20181117 >> 2, shiftleft(1, 2)", "struct<(20181117 >> 2):int,shiftleft(1, 2):int>"},
		{"SELECT make_dt_interval(1), make_ym_interval(1, 2)", "struct<make_dt_interval(1, 0, 0, 0.000000):interval day to second,make_ym_interval(1, 2):interval year to month>"},
		{"SELECT nanvl(cast('NaN' as double), 1), conv('100', 2, 10)", "struct<nanvl(CAST(NaN AS DOUBLE), 1):double,conv(100, 2, 10):string>"},
		{"SELECT parse_url('http://spark.apache.org/path?query=1', 'HOST'), url_encode('a b')", "struct<parse_url(http://spark.apache.org/path?query=1, HOST):string,url_encode(a b):string>"},
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

// Analysis errors of the scalar functions, with Spark's error classes.
func TestScalarFunctionErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{"SELECT format_string()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT format_string('%0$s', 'Hello')", "INVALID_PARAMETER_VALUE.ZERO_INDEX"},
		{"SELECT decode()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT to_binary('abc', 'invalidFormat')", "DATATYPE_MISMATCH.INVALID_ARG_VALUE"},
		{"SELECT to_binary('abc', b) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT date_add('2011-11-11', 1L)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT date_add('2011-11-11', 1.0)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT mask('abcd-EFGH-8765-4321', 'A', 'w', '')", "DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE"},
		{"SELECT mask(b, a) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT mask(a, b) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT rand(1.0)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT uniform(10, 20, a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT to_number('454', '')", "INVALID_FORMAT.EMPTY"},
		{"SELECT to_number('454', '00,,000')", "INVALID_FORMAT.CONT_THOUSANDS_SEPS"},
		{"SELECT to_number('454', '$0$0')", "INVALID_FORMAT.WRONG_NUM_TOKEN"},
		{"SELECT curdate(1)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT raise_error()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}
