package tpchgen

import "github.com/apache/arrow-go/v18/arrow"

// Table names, in the order they are listed by Tables.
const (
	Part     = "part"
	Supplier = "supplier"
	PartSupp = "partsupp"
	Customer = "customer"
	Orders   = "orders"
	Lineitem = "lineitem"
	Nation   = "nation"
	Region   = "region"
)

// Tables lists the eight TPC-H tables.
var Tables = []string{Part, Supplier, PartSupp, Customer, Orders, Lineitem, Nation, Region}

var moneyType = &arrow.Decimal128Type{Precision: 15, Scale: 2}

func schemaOf(cols ...any) *arrow.Schema {
	fs := make([]arrow.Field, 0, len(cols)/2)
	for i := 0; i < len(cols); i += 2 {
		fs = append(fs, arrow.Field{Name: cols[i].(string), Type: cols[i+1].(arrow.DataType), Nullable: true})
	}
	return arrow.NewSchema(fs, nil)
}

var (
	i64  = arrow.PrimitiveTypes.Int64
	i32  = arrow.PrimitiveTypes.Int32
	str  = arrow.BinaryTypes.String
	date = arrow.FixedWidthTypes.Date32
)

var schemas = map[string]*arrow.Schema{
	Part: schemaOf("p_partkey", i64, "p_name", str, "p_mfgr", str, "p_brand", str, "p_type", str,
		"p_size", i32, "p_container", str, "p_retailprice", moneyType, "p_comment", str),
	Supplier: schemaOf("s_suppkey", i64, "s_name", str, "s_address", str, "s_nationkey", i64,
		"s_phone", str, "s_acctbal", moneyType, "s_comment", str),
	PartSupp: schemaOf("ps_partkey", i64, "ps_suppkey", i64, "ps_availqty", i32,
		"ps_supplycost", moneyType, "ps_comment", str),
	Customer: schemaOf("c_custkey", i64, "c_name", str, "c_address", str, "c_nationkey", i64,
		"c_phone", str, "c_acctbal", moneyType, "c_mktsegment", str, "c_comment", str),
	Orders: schemaOf("o_orderkey", i64, "o_custkey", i64, "o_orderstatus", str, "o_totalprice", moneyType,
		"o_orderdate", date, "o_orderpriority", str, "o_clerk", str, "o_shippriority", i32, "o_comment", str),
	Lineitem: schemaOf("l_orderkey", i64, "l_partkey", i64, "l_suppkey", i64, "l_linenumber", i32,
		"l_quantity", moneyType, "l_extendedprice", moneyType, "l_discount", moneyType, "l_tax", moneyType,
		"l_returnflag", str, "l_linestatus", str, "l_shipdate", date, "l_commitdate", date,
		"l_receiptdate", date, "l_shipinstruct", str, "l_shipmode", str, "l_comment", str),
	Nation: schemaOf("n_nationkey", i64, "n_name", str, "n_regionkey", i64, "n_comment", str),
	Region: schemaOf("r_regionkey", i64, "r_name", str, "r_comment", str),
}

// Schema returns the Arrow schema of a table, or nil for an unknown name.
func Schema(table string) *arrow.Schema { return schemas[table] }

// plainColumns are high-cardinality columns written without dictionary
// encoding.
var plainColumns = []string{
	"p_partkey", "p_name", "p_comment", "p_retailprice",
	"s_suppkey", "s_name", "s_address", "s_phone", "s_acctbal", "s_comment",
	"ps_partkey", "ps_comment", "ps_supplycost",
	"c_custkey", "c_name", "c_address", "c_phone", "c_acctbal", "c_comment",
	"o_orderkey", "o_custkey", "o_totalprice", "o_comment",
	"l_orderkey", "l_partkey", "l_extendedprice", "l_comment",
}
