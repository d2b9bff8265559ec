package connect

import (
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/sailgo/sail/sql/sparkerror"
)

// parseAttributeName splits a column name the way Spark's parseAttributeName does: parts
// separated by dots, a part may be backquoted (a doubled backquote inside stands for
// one), and a quoted part must be a whole part. Malformed names fail with
// INVALID_ATTRIBUTE_NAME_SYNTAX.
func parseAttributeName(name string) ([]string, error) {
	bad := func() error {
		return sparkerror.New(sparkerror.Analysis, "INVALID_ATTRIBUTE_NAME_SYNTAX", "42601",
			"Syntax error in the attribute name: <name>. Check that backticks appear in pairs, a quoted string is a complete name part and use a backtick only inside quoted name parts.",
			map[string]string{"name": name})
	}
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if quoted {
			switch {
			case c == '`' && i+1 < len(name) && name[i+1] == '`':
				cur.WriteByte('`')
				i++
			case c == '`':
				quoted = false
				if i+1 < len(name) && name[i+1] != '.' {
					return nil, bad()
				}
			default:
				cur.WriteByte(c)
			}
			continue
		}
		switch c {
		case '`':
			if cur.Len() > 0 {
				return nil, bad()
			}
			quoted = true
		case '.':
			if i == 0 || name[i-1] == '.' || i == len(name)-1 {
				return nil, bad()
			}
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if quoted {
		return nil, bad()
	}
	return append(parts, cur.String()), nil
}

// splitName splits a dotted, possibly backquoted, name leniently: malformed quoting is
// kept as written rather than rejected.
func splitName(s string) []string {
	if parts, err := parseAttributeName(s); err == nil {
		return parts
	}
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '`' && quoted && i+1 < len(s) && s[i+1] == '`':
			cur.WriteByte('`')
			i++
		case c == '`':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, cur.String())
}

// SplitName splits a dotted, possibly backquoted, multi-part name (a table name).
func SplitName(s string) []string { return splitName(s) }

// quoteIdentifier backquotes a name part when it is not a plain identifier, as Spark's
// toSQLId does.
func quoteIdentifier(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// nilOneof reports the field set in a oneof whose message is nil (a typed nil, which a
// hand-built message can hold), so lowering reports it instead of dereferencing it.
func nilOneof(m protoreflect.Message, oneof string) (string, bool) {
	od := m.Descriptor().Oneofs().ByName(protoreflect.Name(oneof))
	if od == nil {
		return "", false
	}
	fd := m.WhichOneof(od)
	if fd == nil || fd.Message() == nil {
		return "", false
	}
	if !m.Get(fd).Message().IsValid() {
		return string(fd.Name()), true
	}
	return "", false
}
