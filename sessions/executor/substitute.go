package executor

import (
	"os"
	"regexp"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
)

// variableRef is a ${[prefix:]name} reference in SQL text, as Spark's ConfigReader finds
// them.
var variableRef = regexp.MustCompile(`\$\{(?:(\w+?):)?(\S+?)\}`)

// substituteSQL applies spark.sql.variable.substitute to the text of a SQL relation, as
// Spark's VariableSubstitution does before parsing: ${key}, ${spark:key},
// ${sparkconf:key}, ${hivevar:key} and ${hiveconf:key} become the value of the
// configuration key, ${env:NAME} the environment variable; references to nothing stay
// as written. Other relations come back unchanged.
func substituteSQL(s *sessions.Session, rel *connectpb.Relation) *connectpb.Relation {
	q := rel.GetSql()
	if q == nil || !variableRef.MatchString(q.GetQuery()) || !s.Conf.Bool("spark.sql.variable.substitute") {
		return rel
	}
	text := substituteVariables(s, q.GetQuery(), 0)
	if text == q.GetQuery() {
		return rel
	}
	out := proto.Clone(rel).(*connectpb.Relation)
	out.GetSql().Query = text
	return out
}

func substituteVariables(s *sessions.Session, text string, depth int) string {
	if depth > 10 {
		return text
	}
	return variableRef.ReplaceAllStringFunc(text, func(ref string) string {
		m := variableRef.FindStringSubmatch(ref)
		prefix, name := m[1], m[2]
		var value string
		var ok bool
		switch prefix {
		case "", "spark", "sparkconf", "hivevar", "hiveconf":
			v, found, err := s.Conf.GetOption(name)
			value, ok = v, found && err == nil
		case "env":
			value, ok = os.LookupEnv(name)
		}
		if !ok {
			return ref
		}
		return substituteVariables(s, value, depth+1)
	})
}
