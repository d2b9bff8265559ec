// Package format renders Arrow values the way Apache Spark 4.0 prints them in
// DataFrame.show(), and lays the rendered cells out exactly like Spark's
// Dataset.showString.
//
// Two steps make up a show:
//
//   - Value rendering (Formatter, FormatValue): each value becomes the string
//     Spark's ToPrettyString expression would produce. NULL is printed as
//     "NULL" both at the top level and inside arrays, maps and structs;
//     binary values are printed as bracketed upper-case hex bytes ("[1A C0]");
//     decimals use plain notation at their scale; floating point numbers
//     follow Java's Double.toString / Float.toString; dates and timestamps
//     use the "yyyy-MM-dd HH:mm:ss[.ffffff]" shape with trailing zeros of the
//     fraction dropped; intervals use Spark's ANSI and CalendarInterval
//     spellings.
//
//   - Layout (ShowString, ShowRecordBatches): the table with "+---+" borders,
//     right-justified cells when truncate > 0 and left-justified otherwise,
//     truncation with "..." and the "only showing top N rows" footer, or the
//     vertical "-RECORD 0---" layout. Widths are measured like Spark does:
//     one column per UTF-16 code unit plus one extra column for each
//     full-width East Asian character.
//
// A second value style, StyleHive (Options.Style), renders values the way
// Spark's HiveResult.toHiveString does, as in the spark-sql golden files:
// NULL at the top level but null inside containers, nested strings in
// double quotes, "[1,2]", maps as {k:v} with the rendered entries sorted
// in Java String order, structs as {"name":value}, intervals in Hive style
// ("1-2", "0 00:00:04.000000000") and binary as UTF-8 text unless a binary
// style is set. Other values are rendered as by show().
//
// VARIANT values (struct<value, metadata> tagged variant=true) print as JSON, as Spark's
// Variant.toJson writes them (AppendVariantJSON).
//
// It imports arrow-go, sql/interval and sql/types for interval text, and sql/variant.
package format
