// Package expr evaluates resolved expressions over Arrow record batches, column at a time,
// with typed loops per Arrow type (no per-value interface calls). It imports arrow-go and
// sql/sparkerror.
package expr
