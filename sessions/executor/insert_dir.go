package executor

import (
	"context"
	"strings"

	"github.com/sailgo/sail/physical/sink"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// multiInsert runs FROM src INSERT ... INSERT ...: each insert in order.
func (x *Executor) multiInsert(ctx context.Context, s *sessions.Session, c *plan.MultiInsert) error {
	for _, ins := range c.Inserts {
		if _, err := x.runCommand(ctx, s, ins); err != nil {
			return err
		}
	}
	return nil
}

// insertDirectory runs INSERT OVERWRITE [LOCAL] DIRECTORY path USING format [OPTIONS]
// query: the rows replace the directory's files, written as df.write.mode("overwrite")
// writes them. The Hive forms (ROW FORMAT, STORED AS) need Hive support, which this
// engine does not have, as Spark without it.
func (x *Executor) insertDirectory(ctx context.Context, s *sessions.Session, c *plan.InsertDirectory) error {
	if c.Hive || strings.EqualFold(c.Provider, "hive") {
		return sparkerror.New(sparkerror.Analysis, "NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT", "0A000",
			"<cmd> is not supported, if you want to enable it, please set \"spark.sql.catalogImplementation\" to \"hive\".",
			map[string]string{"cmd": "INSERT OVERWRITE DIRECTORY with the Hive format"})
	}
	path := c.Path
	opts := map[string]string{}
	for k, v := range c.Options {
		if strings.EqualFold(k, "path") {
			if path == "" {
				path = v
			}
			continue
		}
		opts[k] = v
	}
	resolved, err := analyzer.Resolve(c.Query, analyzerOptions(s))
	if err != nil {
		return err
	}
	target, err := sink.LocalPath(path)
	if err != nil {
		return err
	}
	// Overwriting a directory the query reads would destroy its input.
	for _, p := range readPaths(resolved) {
		if cleanPath(p) == cleanPath(target) {
			return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_OVERWRITE.PATH", "42902",
				"Can't overwrite the target that is also being read from. The target path is <path>.",
				map[string]string{"path": "file:" + target})
		}
	}
	_, err = x.writeResolved(ctx, s, resolved, sink.Job{Path: target, Format: sink.FormatName(c.Provider), Options: opts, Mode: sink.Overwrite})
	return err
}

// readPaths lists the paths the file reads of a plan read.
func readPaths(n plan.Node) []string {
	var out []string
	walkPlans(n, func(c plan.Node) bool {
		if r, ok := c.(*plan.DataSourceRead); ok {
			out = append(out, r.Paths...)
		}
		return true
	})
	return out
}
