// Package analyzer resolves an unresolved logical plan (sql/plan) the way Spark's analyzer
// does, in one bottom-up pass: names bound to the input columns (case-insensitively by
// default, qualifiers and struct fields included, outer scopes for subqueries), stars and
// * EXCEPT expanded, CTEs and views resolved again at each use, select items named as
// Spark names them, GROUP BY ordinals/aliases/ALL, HAVING and ORDER BY reaching below the
// select list, window functions pulled into Window nodes, set operations and VALUES
// widened, functions typed through a registry with Spark's implicit casts (sql/coercion),
// and Spark's error classes. It imports sql/plan, sql/coercion, sql/types and
// sql/sparkerror; the catalog reaches it through the Catalog interface.
package analyzer
