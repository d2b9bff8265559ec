package ast

// DataType is a data type as written, for example in CAST(x AS type) or
// x::type. It is syntactic: the name is not checked beyond what Spark's
// parser itself rejects.
type DataType struct {
	NamePos Pos
	// Name is the type name in upper case: INT, DECIMAL, ARRAY, MAP,
	// STRUCT, INTERVAL, ... (an unknown name keeps its spelling, upper case).
	Name string
	// Params are the parenthesized integer parameters as written:
	// DECIMAL(10, 2) has ["10", "2"], TIME(3) has ["3"]. The spatial
	// reference of GEOMETRY(4326) or GEOGRAPHY(ANY) is ["4326"] or ["ANY"].
	Params []string
	// Elem is the element type of ARRAY<elem>.
	Elem *DataType
	// Key and Value are the types of MAP<key, value>.
	Key, Value *DataType
	// Fields are the fields of STRUCT<...>; Complex tells that the angle
	// brackets were written (STRUCT<> has Complex set and no fields).
	Fields  []*StructField
	Complex bool
	// IntervalFrom and IntervalTo are the units of INTERVAL YEAR TO MONTH,
	// INTERVAL DAY, ... in upper case; empty for a bare INTERVAL.
	IntervalFrom, IntervalTo string
	// Collation is the name of STRING COLLATE name.
	Collation []*Ident
	// WithoutTimeZone tells that WITHOUT TIME ZONE followed TIMESTAMP
	// (making it TIMESTAMP_NTZ) or TIME.
	WithoutTimeZone bool
	EndPos          Pos
}

// StructField is one field of STRUCT<...>: name [:] type [NOT NULL] [COMMENT '...'].
type StructField struct {
	Name    *Ident
	Type    *DataType
	NotNull bool
	Comment *Literal
	EndPos  Pos
}

func (x *DataType) Pos() Pos    { return x.NamePos }
func (x *DataType) End() Pos    { return x.EndPos }
func (x *StructField) Pos() Pos { return x.Name.Pos() }
func (x *StructField) End() Pos { return x.EndPos }
