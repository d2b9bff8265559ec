// Package interval holds Spark's interval text: parsing interval strings into values
// (IntervalUtils.stringToInterval for CalendarInterval, castStringToYMInterval and
// castStringToDTInterval for the ANSI types), the ANSI interval a multi-unit literal
// denotes, and the ANSI literal form Spark prints ("INTERVAL '1-2' YEAR TO MONTH").
//
// The parser, the AST lowering, casts and value formatting share it. It imports only
// sql/types and sql/sparkerror.
package interval
