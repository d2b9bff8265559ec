package types

import (
	"math"
	"strconv"
	"strings"
)

// TreeString renders the schema as Spark's printSchema does (StructType.treeString):
//
//	root
//	 |-- a: integer (nullable = false)
//	 |-- b: array (nullable = true)
//	 |    |-- element: string (containsNull = true)
//
// maxDepth limits the nesting levels shown; 0 or less shows all of them.
func (t *StructType) TreeString(maxDepth int) string {
	var b strings.Builder
	b.WriteString("root\n")
	depth := maxDepth
	if depth <= 0 {
		depth = math.MaxInt
	}
	for _, f := range t.Fields {
		writeFieldTree(&b, f, " |", depth)
	}
	return b.String()
}

func writeFieldTree(b *strings.Builder, f StructField, prefix string, maxDepth int) {
	if maxDepth <= 0 {
		return
	}
	b.WriteString(prefix + "-- " + escapeMetaCharacters(f.Name) + ": " + f.DataType.TypeName() +
		" (nullable = " + strconv.FormatBool(f.Nullable) + ")\n")
	writeTypeTree(b, f.DataType, prefix+"    |", maxDepth)
}

// writeTypeTree is DataType.buildFormattedString: nested types go one level deeper.
func writeTypeTree(b *strings.Builder, dt DataType, prefix string, maxDepth int) {
	maxDepth--
	if maxDepth <= 0 {
		return
	}
	switch t := dt.(type) {
	case ArrayType:
		b.WriteString(prefix + "-- element: " + t.ElementType.TypeName() +
			" (containsNull = " + strconv.FormatBool(t.ContainsNull) + ")\n")
		writeTypeTree(b, t.ElementType, prefix+"    |", maxDepth)
	case MapType:
		b.WriteString(prefix + "-- key: " + t.KeyType.TypeName() + "\n")
		writeTypeTree(b, t.KeyType, prefix+"    |", maxDepth)
		b.WriteString(prefix + "-- value: " + t.ValueType.TypeName() +
			" (valueContainsNull = " + strconv.FormatBool(t.ValueContainsNull) + ")\n")
		writeTypeTree(b, t.ValueType, prefix+"    |", maxDepth)
	case *StructType:
		for _, f := range t.Fields {
			writeFieldTree(b, f, prefix, maxDepth)
		}
	}
}

// escapeMetaCharacters is SparkSchemaUtils.escapeMetaCharacters.
var metaEscaper = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`, "\f", `\f`, "\b", `\b`,
	"\u000B", `\v`, "\u0007", `\a`)

func escapeMetaCharacters(s string) string { return metaEscaper.Replace(s) }
