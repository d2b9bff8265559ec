// Package sparkerror holds the error value every layer of the engine returns for user-facing
// failures: a Spark error class, its SQLSTATE, message parameters, an optional position in
// the SQL text, and the kind of exception Spark would raise (which decides the Python
// exception type the PySpark client shows). It imports only the standard library.
package sparkerror
