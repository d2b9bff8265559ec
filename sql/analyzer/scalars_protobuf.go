package analyzer

import (
	"errors"
	"io/fs"
	"os"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// from_protobuf and to_protobuf answer as Spark does without the spark-protobuf package:
// their arguments are checked, a descriptor file path is read (a missing file is
// PROTOBUF_DESCRIPTOR_FILE_NOT_FOUND), then the call fails with
// PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE.
func init() {
	register(ScalarFunction, protobufResolver("FROM_PROTOBUF", "from"), "from_protobuf")
	register(ScalarFunction, protobufResolver("TO_PROTOBUF", "to"), "to_protobuf")
}

func protobufResolver(fn, direction string) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2, 3, 4); err != nil {
			return nil, err
		}
		null := &plan.Literal{Type: types.Null, Text: "NULL"}
		path, options := plan.Expr(null), plan.Expr(null)
		switch {
		case len(args) == 4:
			path, options = args[2], args[3]
		case len(args) == 3:
			// The third argument is the descriptor path when it is a STRING or BINARY
			// literal, the options when it is a map.
			if lit, ok := args[2].(*plan.Literal); ok {
				switch lit.Type.(type) {
				case types.StringType, types.BinaryType:
					path = args[2]
				}
			}
			if _, ok := plan.TypeOf(args[2]).(types.MapType); ok {
				options = args[2]
			}
		}
		typeCheck := func(msg string) error {
			return analysisError("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.",
				map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "msg": msg, "hint": ""})
		}
		if direction == "to" {
			if _, ok := plan.TypeOf(args[0]).(*types.StructType); !ok {
				return nil, analysisError("DATATYPE_MISMATCH.NON_STRUCT_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a struct expression; however, got <inputType>.",
					map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "inputName": "data", "inputType": sqlType(plan.TypeOf(args[0]))})
			}
		}
		if _, ok := plan.TypeOf(args[1]).(types.StringType); !ok || !isFoldable(args[1]) {
			return nil, typeCheck("The second argument of the " + fn + " SQL function must be a constant string representing the Protobuf message name")
		}
		pathType := false
		switch plan.TypeOf(path).(type) {
		case types.StringType, types.BinaryType, types.NullType:
			pathType = true
		}
		if !pathType || !isFoldable(path) {
			return nil, typeCheck("The third argument of the " + fn + " SQL function must be a constant string or binary data representing the Protobuf descriptor file path")
		}
		if !constStringMap(options) {
			preposition := "from"
			if direction == "to" {
				preposition = "to"
			}
			return nil, typeCheck("The fourth argument of the " + fn + " SQL function must be a constant map of strings to strings containing the options to use for converting the value " + preposition + " Protobuf format")
		}
		// Spark reads the descriptor file before it looks for the Protobuf classes.
		if lit, ok := path.(*plan.Literal); ok {
			if p, isString := lit.Value.(string); isString && p != "" {
				if _, err := os.ReadFile(p); err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						return nil, analysisError("PROTOBUF_DESCRIPTOR_FILE_NOT_FOUND", "42K0G",
							"Error reading Protobuf descriptor file at path: <filePath>.", map[string]string{"filePath": p})
					}
					return nil, analysisError("CANNOT_PARSE_PROTOBUF_DESCRIPTOR", "22018",
						"Error parsing descriptor bytes into Protobuf FileDescriptorSet.", nil)
				}
			}
		}
		return nil, analysisError("PROTOBUF_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE", "22KD3",
			"Cannot call the <functionName> SQL function because the Protobuf data source is not loaded.\nPlease restart your job or session with the 'spark-protobuf' package loaded, such as by using the --packages argument on the command line, and then retry your query or command again.",
			map[string]string{"functionName": fn})
	}
}

// constStringMap reports whether e is a constant MAP<STRING, STRING> (or a map of NULLs, or
// NULL), as the avro and protobuf functions take their options.
func constStringMap(e plan.Expr) bool {
	switch t := plan.TypeOf(e).(type) {
	case types.NullType:
		return isFoldable(e)
	case types.MapType:
		_, ks := t.KeyType.(types.StringType)
		_, vs := t.ValueType.(types.StringType)
		_, kn := t.KeyType.(types.NullType)
		_, vn := t.ValueType.(types.NullType)
		return ((ks && vs) || (kn && vn)) && isFoldable(e)
	}
	return false
}
