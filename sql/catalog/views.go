package catalog

import (
	"strings"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
)

// Views resolve as Spark resolves them: a persistent view's table names in the database
// that was current when it was created (and never among temporary views), and every view
// with the SQL configs of its creating session that change analysis.

// viewScope is how a view's query is analyzed: with its captured configs, and for a
// persistent view in its captured namespace.
func (s *Session) viewScope(v *View, persistent bool) func(analyzer.Options) analyzer.Options {
	db := ""
	if persistent && len(v.CatalogNamespace) == 2 && strings.EqualFold(v.CatalogNamespace[0], CatalogName) {
		db = v.CatalogNamespace[1]
	}
	if db == "" && len(v.SQLConfigs) == 0 {
		return nil
	}
	return func(o analyzer.Options) analyzer.Options {
		if db != "" {
			o.Catalog = &Session{global: s.global, currentDB: db, tempViews: map[string]*View{}}
		}
		if b, ok := confBool(v.SQLConfigs, "spark.sql.ansi.enabled"); ok {
			o.ANSI = b
		}
		if b, ok := confBool(v.SQLConfigs, "spark.sql.caseSensitive"); ok {
			o.CaseSensitive = b
		}
		if t, ok := v.SQLConfigs["spark.sql.timestampType"]; ok {
			o.TimestampNTZ = strings.EqualFold(strings.TrimSpace(t), "TIMESTAMP_NTZ")
		}
		return o
	}
}

func confBool(conf map[string]string, k string) (bool, bool) {
	v, ok := conf[k]
	if !ok {
		return false, false
	}
	return strings.EqualFold(strings.TrimSpace(v), "true"), true
}

// parseView turns a stored view's query text back into its plan, with the parser settings
// among its captured configs.
func parseView(text string, conf map[string]string) (plan.Node, error) {
	flag := func(k string) bool { b, _ := confBool(conf, k); return b }
	ansi := true
	if b, ok := confBool(conf, "spark.sql.ansi.enabled"); ok {
		ansi = b
	}
	po := parser.Options{
		EnforceReservedKeywords:        ansi && flag("spark.sql.ansi.enforceReservedKeywords"),
		DoubleQuotedIdentifiers:        ansi && flag("spark.sql.ansi.doubleQuotedIdentifiers"),
		LegacySetOpsPrecedence:         flag("spark.sql.legacy.setopsPrecedence.enabled"),
		LegacyExponentLiteralAsDecimal: flag("spark.sql.legacy.exponentLiteralAsDecimal.enabled"),
		EscapedStringLiterals:          flag("spark.sql.parser.escapedStringLiterals"),
	}
	q, err := po.ParseQuery(text)
	if err != nil {
		return nil, err
	}
	lo := astlower.Options{TimestampNTZ: strings.EqualFold(strings.TrimSpace(conf["spark.sql.timestampType"]), "TIMESTAMP_NTZ")}
	return lo.Query(q)
}
