// Command tpchgen writes TPC-H data as Parquet: one directory per table
// under --out, each holding part-N.parquet files (snappy, row groups of
// 122,880 rows), as the benchmark material in shared/benchmarks/tpch is laid
// out.
//
//	go run ./cmd/tpchgen --scale 1 --out /tmp/tpch-sf1
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailgo/sail/bench/tpchgen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "tpchgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	flags := pflag.NewFlagSet("tpchgen", pflag.ContinueOnError)
	scale := flags.Float64("scale", 1, "TPC-H scale factor")
	out := flags.String("out", "", "output directory (one sub-directory per table)")
	tables := flags.String("tables", "", "comma-separated tables to write (default: all eight)")
	files := flags.Int("files-per-table", 0, "files per table except nation and region (0: about one per million rows)")
	seed := flags.Uint64("seed", 0, "seed of the pseudo-random streams")
	parallel := flags.Int("parallel", 0, "goroutines generating and writing files (0: GOMAXPROCS)")
	quiet := flags.Bool("quiet", false, "no summary")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("--out is required")
	}
	if *files < 0 {
		return fmt.Errorf("--files-per-table must not be negative")
	}
	var list []string
	for _, t := range strings.Split(*tables, ",") {
		if t = strings.TrimSpace(t); t != "" {
			list = append(list, t)
		}
	}
	g, err := tpchgen.New(tpchgen.Config{Scale: *scale, Seed: *seed, Parallelism: *parallel})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	stats, err := g.Write(ctx, *out, tpchgen.WriteOptions{Tables: list, FilesPerTable: *files})
	if err != nil {
		return err
	}
	if !*quiet {
		var rows, bytes int64
		for _, s := range stats {
			fmt.Printf("%-9s %12d rows %4d files %8.1f MB\n", s.Table, s.Rows, s.Files, float64(s.Bytes)/1e6)
			rows += s.Rows
			bytes += s.Bytes
		}
		el := time.Since(start)
		fmt.Printf("total     %12d rows %8.1f MB in %v (%.0f rows/s)\n", rows, float64(bytes)/1e6, el.Round(time.Millisecond), float64(rows)/el.Seconds())
	}
	return nil
}
