// Package sqlconf holds Spark SQL configuration as a Spark Connect server session needs it.
//
// A Registry lists the known config keys (see entries.go) with the default Spark 4.0 gives
// each, its value kind, whether it is static, and the keys it falls back to. A Conf is one
// session's goroutine-safe store of explicitly set values; its methods follow Spark's
// RuntimeConfig and SQLConf semantics (set, get, get with default, get option, get all, unset,
// is modifiable), and the Handle* methods follow the Spark Connect Config RPC handler,
// including the warnings it returns. Failures are *Error values carrying Spark's error class,
// SQLSTATE, message parameters, rendered message and Java exception class.
//
// The package imports only the standard library.
package sqlconf
