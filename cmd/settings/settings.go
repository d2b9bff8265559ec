// Package settings defines every setting of the sail binaries once, and reads it from, in
// rising priority: the built-in default, a YAML file (--config), SAIL_* environment
// variables, and command-line flags. A setting "server.port" is the YAML path
// server: {port: ...}, the variable SAIL_SERVER__PORT, and the flag named in its Flag field.
// It imports pflag and yaml.v3.
package settings

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

// Setting is one configurable value: Target points at the Go field it fills.
type Setting struct {
	Key    string // dotted YAML path, e.g. "server.port"
	Flag   string // flag name; empty: no flag
	Usage  string
	Target any // *string, *int, *bool or *time.Duration
}

// EnvName is the environment variable of a key: SAIL_ + upper case, "." -> "__".
func EnvName(key string) string {
	return "SAIL_" + strings.ToUpper(strings.ReplaceAll(key, ".", "__"))
}

// Load fills the targets of settings from defaults (the targets' current values), the YAML
// file named by --config (or SAIL_CONFIG), the environment, and args. It returns the
// remaining positional arguments.
func Load(name string, settings []Setting, args []string, environ func(string) (string, bool)) ([]string, error) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	configFile := fs.String("config", "", "YAML file of settings (keys as in the environment variables, e.g. server: {port: 50051})")
	for _, s := range settings {
		if s.Flag == "" {
			continue
		}
		usage := fmt.Sprintf("%s (env %s)", s.Usage, EnvName(s.Key))
		switch t := s.Target.(type) {
		case *string:
			fs.StringVar(t, s.Flag, *t, usage)
		case *int:
			fs.IntVar(t, s.Flag, *t, usage)
		case *bool:
			fs.BoolVar(t, s.Flag, *t, usage)
		case *time.Duration:
			fs.DurationVar(t, s.Flag, *t, usage)
		default:
			return nil, fmt.Errorf("setting %s: unsupported target %T", s.Key, s.Target)
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	// The flags wrote their targets already; remember what they said, so that file and
	// environment can be applied below them.
	given := map[string]string{}
	fs.Visit(func(f *pflag.Flag) { given[f.Name] = f.Value.String() })
	path := *configFile
	if path == "" {
		path, _ = environ("SAIL_CONFIG")
	}
	if path != "" {
		if err := loadYAML(path, settings); err != nil {
			return nil, err
		}
	}
	for _, s := range settings {
		if v, ok := environ(EnvName(s.Key)); ok {
			if err := set(s, v); err != nil {
				return nil, fmt.Errorf("%s: %w", EnvName(s.Key), err)
			}
		}
	}
	for _, s := range settings {
		if v, ok := given[s.Flag]; ok && s.Flag != "" {
			_ = set(s, v)
		}
	}
	return fs.Args(), nil
}

// Environ reads the process environment.
func Environ(k string) (string, bool) { return os.LookupEnv(k) }

func loadYAML(path string, settings []Setting) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	var tree map[string]any
	if err := yaml.Unmarshal(data, &tree); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	known := map[string]bool{}
	for _, s := range settings {
		known[s.Key] = true
		if v, ok := lookup(tree, strings.Split(s.Key, ".")); ok {
			if err := set(s, fmt.Sprint(v)); err != nil {
				return fmt.Errorf("config file %s: %s: %w", path, s.Key, err)
			}
		}
	}
	// Unknown keys are an error: a typo must not be silently ignored.
	var unknown []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := strings.TrimPrefix(prefix+"."+k, ".")
			if sub, ok := v.(map[string]any); ok {
				walk(key, sub)
			} else if !known[key] {
				unknown = append(unknown, key)
			}
		}
	}
	walk("", tree)
	if len(unknown) > 0 {
		return fmt.Errorf("config file %s: unknown settings %v", path, unknown)
	}
	return nil
}

func lookup(tree map[string]any, path []string) (any, bool) {
	v, ok := tree[path[0]]
	if !ok {
		return nil, false
	}
	if len(path) == 1 {
		if reflect.TypeOf(v) != nil && reflect.TypeOf(v).Kind() == reflect.Map {
			return nil, false
		}
		return v, true
	}
	sub, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	return lookup(sub, path[1:])
}

func set(s Setting, v string) error {
	switch t := s.Target.(type) {
	case *string:
		*t = v
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not an integer: %q", v)
		}
		*t = n
	case *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not a boolean: %q", v)
		}
		*t = b
	case *time.Duration:
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not a duration (like 15m or 90s): %q", v)
		}
		*t = d
	}
	return nil
}
