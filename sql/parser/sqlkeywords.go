package parser

import "sort"

// SQLKeywords is the keyword list Spark's SQL_KEYWORDS() shows: the keywords the lexer
// spells one way only (not RLIKE/REGEXP nor TEMPORARY/TEMP), by that spelling, sorted.
// Reserved tells whether the keyword is reserved when spark.sql.ansi.enforceReservedKeywords
// is in force (it then cannot name a table); with it off no keyword is reserved.
func SQLKeywords() []KeywordInfo {
	var out []KeywordInfo
	for k := Keyword(1); k < numKeywords; k++ {
		info := keywordTable[k]
		if len(info.spellings) != 1 {
			continue
		}
		out = append(out, KeywordInfo{
			Word:              info.spellings[0],
			Reserved:          !k.strictIdentifier(true),
			StrictNonReserved: info.flags&kfStrictNonReserved != 0,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Word < out[j].Word })
	return out
}
