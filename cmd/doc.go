// Package cmd groups the binaries (cmd/sail, cmd/conformance, cmd/tpchgen) and what they share (cmd/settings: settings
// defined once for flags, SAIL_* environment variables and YAML). It imports nothing itself.
package cmd
