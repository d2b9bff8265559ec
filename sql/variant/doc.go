// Package variant implements Spark's binary encoding of VARIANT values (the Parquet
// variant encoding, version 1, as Spark 4 writes it: common/variant's VariantBuilder,
// Variant and VariantUtil):
//
//   - a value is one header byte (2 bits of basic type: primitive, short string, object,
//     array; 6 bits of type information) followed by its content; integers are the
//     smallest of INT1/2/4/8 that holds them, decimals DECIMAL4/8/16 by precision, strings
//     up to 63 bytes short strings, objects a sorted field id list and an offset list with
//     1 to 4 byte integers, arrays an offset list;
//   - the metadata is a header byte (version 1, offset size), the dictionary size, the
//     offsets and the UTF-8 keys, in the order they were first met.
//
// Variant reads a value (bounds checked: malformed bytes give MALFORMED_VARIANT or
// UNKNOWN_PRIMITIVE_TYPE_IN_VARIANT, never a panic). Builder writes one, from scalar
// appends, objects and arrays, or other variants (re-keyed into its dictionary), with
// Spark's size limit (VARIANT_SIZE_LIMIT) and duplicate key rule (VARIANT_DUPLICATE_KEY, or
// the last value wins). ParseJSON reads JSON text as Spark's parse_json does through
// Jackson's default parser: the same accepted syntax, number kinds (integers that fit a
// long, decimals of at most 38 digits without exponent, doubles otherwise) and limits.
// ParsePath reads variant_get's paths. SchemaOf, MergeSchema and PrintSchema are
// schema_of_variant and schema_of_variant_agg.
//
// Keys compare as Java strings (UTF-16 code units), as Spark sorts them.
//
// It imports the standard library and sql/sparkerror.
package variant
