// Package types holds the Spark SQL data types as Spark 4.0 defines them, and their
// textual and Arrow forms:
//
//   - the DataType interface and its concrete types (atomic types, DECIMAL, CHAR/VARCHAR,
//     collated strings, intervals, ARRAY, MAP, STRUCT, VARIANT, GEOGRAPHY and GEOMETRY,
//     user-defined types), with Spark's typeName, simpleString, catalogString, sql and
//     defaultSize, and comparisons (Equal and the Equal* variants that ignore nullability);
//   - StructType.TreeString (printSchema) and StructType.ToDDL;
//   - Spark's JSON schema format (ParseJSON, ToJSON), as PySpark sends schemas;
//   - the DDL and type-string parsers (ParseDataType, ParseTableSchema, ParseTypeString,
//     ParseSchema, FromDDL, ParseDDLOrJSON), reproducing Spark's grammar, its fallback
//     rules and its errors (*Error: error class, SQLSTATE, parameters, position);
//   - the mapping to and from Arrow types and schemas (ToArrow, FromArrow, ToArrowSchema,
//     FromArrowSchema) used for result batches and createDataFrame data.
//
// It imports only the standard library and arrow-go.
package types
