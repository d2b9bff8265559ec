package expr

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// date_format and to_timestamp with a constant pattern under the CORRECTED (java.time)
// and LEGACY (SimpleDateFormat) policies.
func BenchmarkDatetimePatterns(b *testing.B) {
	ts := make([]int64, benchRows)
	var data []byte
	offs := make([]int32, benchRows+1)
	for i := range ts {
		ts[i] = int64(i) * 2_654_435_761_000 % (4_000_000_000 * 1_000_000)
		data = time.UnixMicro(ts[i]).UTC().AppendFormat(data, "2006-01-02 15:04:05")
		offs[i+1] = int32(len(data))
	}
	rb := benchBatches(b, newFixed(&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, ts, nil),
		newVar(arrow.BinaryTypes.String, offs, data, nil))
	defer releaseBatches(rb)
	pattern := litOfB(b, types.String, "yyyy-MM-dd HH:mm:ss")
	for _, suffix := range []string{"", "_time_legacy"} {
		name := "corrected"
		if suffix != "" {
			name = "legacy"
		}
		b.Run("date_format/"+name, func(b *testing.B) {
			run(b, callB(b, "date_format"+suffix, types.String, col(0, types.Timestamp), pattern), rb)
		})
		b.Run("to_timestamp/"+name, func(b *testing.B) {
			run(b, callB(b, "get_timestamp"+suffix, types.Timestamp, col(1, types.String), pattern), rb)
		})
	}
}

func litOfB(b *testing.B, t types.DataType, v any) Expr {
	b.Helper()
	l, err := NewLiteral(t, v)
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func callB(b *testing.B, name string, result types.DataType, args ...Expr) Expr {
	b.Helper()
	f, ok := Lookup(name)
	if !ok {
		b.Fatalf("no function %s", name)
	}
	e, err := f(args, nil, result, FuncOptions{ANSI: true, TimeZone: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	return e
}
