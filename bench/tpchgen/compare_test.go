package tpchgen

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

func shipped(t *testing.T, table string) *cols {
	t.Helper()
	_, r, tbl := readParquet(t, filepath.Join(shippedSF01, table, "part-0.parquet"))
	defer r.Close()
	defer tbl.Release()
	tr := array.NewTableReader(tbl, -1)
	defer tr.Release()
	var recs []arrow.RecordBatch
	for tr.Next() {
		rec := tr.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
	}
	return collect(t, recs)
}

type stat struct {
	name string
	f    func(c *cols) float64
	tol  float64 // relative tolerance
}

func mean64(v []int64) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x)
	}
	return s / float64(len(v))
}

func frac[T any](v []T, pred func(T) bool) float64 {
	n := 0
	for _, x := range v {
		if pred(x) {
			n++
		}
	}
	return float64(n) / float64(len(v))
}

func meanLen(v []string) float64 {
	s := 0
	for _, x := range v {
		s += len(x)
	}
	return float64(s) / float64(len(v))
}

// TestCompareWithDbgenSF01 compares aggregate statistics of generated SF0.1
// data with the dbgen data shipped at SF0.1.
func TestCompareWithDbgenSF01(t *testing.T) {
	if testing.Short() {
		t.Skip("generates SF0.1")
	}
	needShipped(t)
	g, err := New(Config{Scale: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	q1Cut := epochDay(1998, 9, 2)
	checks := map[string][]stat{
		Lineitem: {
			{"rows", func(c *cols) float64 { return float64(c.n) }, 0.01},
			{"sum quantity", func(c *cols) float64 { return mean64(c.i64["l_quantity"]) * float64(c.n) }, 0.02},
			{"avg extendedprice", func(c *cols) float64 { return mean64(c.i64["l_extendedprice"]) }, 0.02},
			{"avg discount", func(c *cols) float64 { return mean64(c.i64["l_discount"]) }, 0.02},
			{"avg tax", func(c *cols) float64 { return mean64(c.i64["l_tax"]) }, 0.02},
			{"returnflag R", func(c *cols) float64 { return frac(c.strs["l_returnflag"], func(s string) bool { return s == "R" }) }, 0.03},
			{"returnflag A", func(c *cols) float64 { return frac(c.strs["l_returnflag"], func(s string) bool { return s == "A" }) }, 0.03},
			{"returnflag N", func(c *cols) float64 { return frac(c.strs["l_returnflag"], func(s string) bool { return s == "N" }) }, 0.03},
			{"linestatus O", func(c *cols) float64 { return frac(c.strs["l_linestatus"], func(s string) bool { return s == "O" }) }, 0.03},
			{"q1 shipdate cut", func(c *cols) float64 { return frac(c.i32["l_shipdate"], func(d int32) bool { return d <= q1Cut }) }, 0.01},
			{"receipt after commit", func(c *cols) float64 {
				n := 0
				for i := range c.n {
					if c.i32["l_receiptdate"][i] > c.i32["l_commitdate"][i] {
						n++
					}
				}
				return float64(n) / float64(c.n)
			}, 0.03},
			{"comment length", func(c *cols) float64 { return meanLen(c.strs["l_comment"]) }, 0.05},
		},
		Orders: {
			{"avg totalprice", func(c *cols) float64 { return mean64(c.i64["o_totalprice"]) }, 0.02},
			{"status F", func(c *cols) float64 { return frac(c.strs["o_orderstatus"], func(s string) bool { return s == "F" }) }, 0.03},
			{"status P", func(c *cols) float64 { return frac(c.strs["o_orderstatus"], func(s string) bool { return s == "P" }) }, 0.1},
			{"max orderkey", func(c *cols) float64 { return float64(c.i64["o_orderkey"][c.n-1]) }, 0.001},
			{"distinct customers", func(c *cols) float64 {
				m := map[int64]bool{}
				for _, k := range c.i64["o_custkey"] {
					m[k] = true
				}
				return float64(len(m))
			}, 0.02},
			{"special requests (q13)", func(c *cols) float64 {
				return frac(c.strs["o_comment"], func(s string) bool {
					i := strings.Index(s, "special")
					return i >= 0 && strings.Contains(s[i:], "requests")
				})
			}, 0.15},
			{"comment length", func(c *cols) float64 { return meanLen(c.strs["o_comment"]) }, 0.05},
		},
		PartSupp: {
			{"avg supplycost", func(c *cols) float64 { return mean64(c.i64["ps_supplycost"]) }, 0.02},
			{"avg availqty", func(c *cols) float64 {
				s := 0.0
				for _, v := range c.i32["ps_availqty"] {
					s += float64(v)
				}
				return s / float64(c.n)
			}, 0.02},
			{"comment length", func(c *cols) float64 { return meanLen(c.strs["ps_comment"]) }, 0.05},
		},
		Part: {
			{"avg retailprice", func(c *cols) float64 { return mean64(c.i64["p_retailprice"]) }, 0.001},
			{"green (q9)", func(c *cols) float64 {
				return frac(c.strs["p_name"], func(s string) bool { return strings.Contains(s, "green") })
			}, 0.1},
			{"size 15 brass (q2)", func(c *cols) float64 {
				n := 0
				for i := range c.n {
					if c.i32["p_size"][i] == 15 && strings.HasSuffix(c.strs["p_type"][i], "BRASS") {
						n++
					}
				}
				return float64(n) / float64(c.n)
			}, 0.25},
			{"promo (q14)", func(c *cols) float64 {
				return frac(c.strs["p_type"], func(s string) bool { return strings.HasPrefix(s, "PROMO") })
			}, 0.05},
		},
		Customer: {
			{"avg acctbal", func(c *cols) float64 { return mean64(c.i64["c_acctbal"]) }, 0.05},
			{"q22 country codes", func(c *cols) float64 {
				return frac(c.strs["c_phone"], func(s string) bool { return strings.Contains(" 13 31 23 29 30 18 17 ", " "+s[:2]+" ") })
			}, 0.1},
			{"comment length", func(c *cols) float64 { return meanLen(c.strs["c_comment"]) }, 0.05},
		},
		Supplier: {
			{"avg acctbal", func(c *cols) float64 { return mean64(c.i64["s_acctbal"]) }, 0.1},
			{"comment length", func(c *cols) float64 { return meanLen(c.strs["s_comment"]) }, 0.05},
		},
	}
	for table, stats := range checks {
		got := collect(t, generate(t, g, table, 2))
		want := shipped(t, table)
		for _, s := range stats {
			a, b := s.f(got), s.f(want)
			if math.Abs(a-b) > s.tol*math.Abs(b) {
				t.Errorf("%s %s: generated %.4f, dbgen %.4f (tolerance %.0f%%)", table, s.name, a, b, s.tol*100)
			} else {
				t.Logf("%s %s: generated %.4f, dbgen %.4f", table, s.name, a, b)
			}
		}
	}
}
