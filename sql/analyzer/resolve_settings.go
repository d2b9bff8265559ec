package analyzer

// The session configs that change how names, ordinals and aliases resolve (read with flag).
const (
	confOrderByOrdinal       = "spark.sql.orderByOrdinal"
	confGroupByOrdinal       = "spark.sql.groupByOrdinal"
	confGroupByAliases       = "spark.sql.groupByAliases"
	confPrioritizeOrdinal    = "spark.sql.prioritizeOrdinalResolutionInSort.enabled"
	confQuotedRegexColumns   = "spark.sql.parser.quotedRegexColumnNames"
	confHavingWithoutGroupBy = "spark.sql.legacy.parser.havingWithoutGroupByAsWhere"
)
