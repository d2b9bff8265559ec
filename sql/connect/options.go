package connect

import (
	"strings"

	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/sqlconf"
)

// ParserOptions are the parser settings of a session's configuration, as Spark's
// SparkSqlParser reads them from SQLConf: reserved keywords and double-quoted identifiers
// apply only with ANSI mode on.
func ParserOptions(c *sqlconf.Conf) parser.Options {
	flag := func(key string) bool {
		v, ok, err := c.GetOption(key)
		return err == nil && ok && strings.EqualFold(strings.TrimSpace(v), "true")
	}
	ansi := c.ANSIEnabled()
	o := parser.Options{
		EnforceReservedKeywords:         ansi && flag("spark.sql.ansi.enforceReservedKeywords"),
		DoubleQuotedIdentifiers:         ansi && flag("spark.sql.ansi.doubleQuotedIdentifiers"),
		LegacySetOpsPrecedence:          flag("spark.sql.legacy.setopsPrecedence.enabled"),
		LegacyExponentLiteralAsDecimal:  flag("spark.sql.legacy.exponentLiteralAsDecimal.enabled"),
		EscapedStringLiterals:           flag("spark.sql.parser.escapedStringLiterals"),
		LegacyConsecutiveStringLiterals: flag("spark.sql.legacy.consecutiveStringLiterals.enabled"),
	}
	if v, ok, err := c.GetOption("spark.sql.legacy.viewSchemaBindingMode"); err == nil && ok {
		o.DisableViewSchemaBinding = strings.EqualFold(strings.TrimSpace(v), "false")
	}
	return o
}
