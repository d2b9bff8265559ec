// Package tpchgen generates TPC-H benchmark data (all eight tables) at any
// scale factor, written as Arrow record batches or as Parquet files laid out
// the way the project's benchmark material expects (one directory per table,
// part-N.parquet files, snappy compression, row groups of 122,880 rows).
//
// The generator follows the TPC-H specification (Clause 4.2): row counts per
// scale factor, key relationships (including the sparse order keys and the
// part/supplier pairing formula), value domains and distributions, the
// pseudo-text grammar and word lists used for comments, phone numbers,
// dependent dates, and the derived columns (o_orderstatus, o_totalprice,
// l_returnflag, l_linestatus, l_extendedprice, p_retailprice). Output is not
// byte-for-byte identical to dbgen's, but has the same distributions.
//
// Generation is deterministic for a given seed: every row draws its values
// from its own pseudo-random stream derived from (seed, table stream, row),
// so any slice of a table can be produced independently and in parallel
// with identical results.
//
// The package depends only on the standard library and arrow-go.
package tpchgen
