package sqlconf

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Scope tells where a key belongs in Spark and so whether a session may change it.
type Scope int

const (
	// Runtime is a SQL config a session may set and unset (SQLConf.buildConf).
	Runtime Scope = iota
	// Static is a static SQL config (StaticSQLConf, buildStaticConf): readable, never
	// settable from a session.
	Static
	// Core is a Spark core config (a ConfigEntry outside SQLConf, e.g. spark.executor.memory).
	// It is not a SQL config: Get knows no default for it, IsModifiable is false, and Set
	// rejects it while spark.sql.legacy.setCommandRejectsSparkCoreConfs is true.
	Core
)

func (s Scope) String() string {
	switch s {
	case Runtime:
		return "runtime"
	case Static:
		return "static"
	case Core:
		return "core"
	}
	return fmt.Sprintf("Scope(%d)", int(s))
}

// Undefined is the default string Spark shows for an entry without a default, and the
// default value GetWithDefault does not validate.
const Undefined = "<undefined>"

// Entry describes one config key.
type Entry struct {
	Key string
	// Doc is a one-line description.
	Doc   string
	Scope Scope
	Kind  Kind
	// HasDefault is false for entries Spark creates with createOptional; reading such an
	// entry while it is unset yields no value (a null), not an error.
	HasDefault bool
	// Default is the entry's default as Spark declares it (its defaultValueString), e.g.
	// "10MB". Reading the unset entry returns it parsed and re-rendered ("10485760b").
	Default string
	// Fallback, when set, is the key whose value this entry takes while unset
	// (ConfigBuilder.fallbackConf). A fallback entry parses, validates and renders values
	// with its parent's rules, as in Spark: NewRegistry copies the parent's Kind, Case,
	// units and Allowed into it, and its own Default and checks are not used.
	Fallback string
	// Alternatives are the keys Spark also reads for this entry while the entry itself is
	// unset (ConfigBuilder.withAlternative), first match wins. They are not registered keys
	// of their own.
	Alternatives []string
	// Allowed are the values a KindEnum entry accepts (after Case), in the order Spark lists
	// them in its error message.
	Allowed []string
	// Case is applied to string and enum values before they are checked and stored in
	// parsed form.
	Case     Case
	TimeUnit TimeUnit // for KindTime
	ByteUnit ByteUnit // for KindBytes
	// Check, when set, validates a parsed value (TypedConfigBuilder.checkValue). A rejected
	// value raises SparkIllegalArgumentException with class INVALID_CONF_VALUE.<CheckClass>
	// when CheckClass is set, otherwise IllegalArgumentException with CheckMessage.
	Check        func(Value) bool
	CheckMessage string
	CheckClass   string
}

// Deprecation is an entry of Spark's SQLConf.deprecatedSQLConfigs.
type Deprecation struct {
	Key, Version, Comment string
}

// Message is the deprecation warning Spark logs and Spark Connect returns.
func (d Deprecation) Message() string {
	return "The SQL config '" + d.Key + "' has been deprecated in Spark v" + d.Version +
		" and may be removed in the future. " + d.Comment
}

// Removal is an entry of Spark's SQLConf.removedSQLConfigs: setting the key to anything but
// Default fails.
type Removal struct {
	Key, Version, Default, Comment string
}

// Registry is the set of known config keys. It is immutable once built and safe for
// concurrent use.
type Registry struct {
	entries     map[string]*Entry
	keys        []string
	deprecated  map[string]Deprecation
	removed     map[string]Removal
	unsupported map[string]bool
	initial     map[string]string
	timeZone    string
}

// Option configures NewRegistry.
type Option func(*options)

type options struct {
	timeZone string
	settings map[string]string
	entries  []Entry
}

// WithSessionTimeZone pins the default of spark.sql.session.timeZone (Spark uses the JVM's
// default zone id; without this option the registry uses the process's local zone id).
func WithSessionTimeZone(zoneID string) Option {
	return func(o *options) { o.timeZone = zoneID }
}

// WithSettings gives values every new session starts with, as Spark merges its SparkConf
// into each session's SQLConf (spark.app.name, spark.sql.warehouse.dir, ...). They are
// listed by GetAll and may include static and core keys. Later calls add to earlier ones.
func WithSettings(settings map[string]string) Option {
	return func(o *options) {
		if o.settings == nil {
			o.settings = map[string]string{}
		}
		maps.Copy(o.settings, settings)
	}
}

// WithEntries adds entries to the built-in table, replacing built-in entries of the same key.
func WithEntries(entries ...Entry) Option {
	return func(o *options) { o.entries = append(o.entries, entries...) }
}

// NewRegistry builds the registry of the built-in entries (see entries.go) and the options.
//
// Like Spark, some defaults come from the process: spark.sql.session.timeZone from the local
// zone (LocalTimeZoneID; see WithSessionTimeZone), spark.sql.ansi.enabled is false only when
// SPARK_ANSI_SQL_MODE=false, spark.sql.legacy.createHiveTableByDefault is true only when
// SPARK_SQL_LEGACY_CREATE_HIVE_TABLE=true, the two PySpark traceback defaults flip when
// SPARK_TESTING is set, and spark.sql.warehouse.dir is "spark-warehouse" under the working
// directory as a file URI.
func NewRegistry(opts ...Option) (*Registry, error) {
	return newRegistry(defaultEnvironment(), opts...)
}

func newRegistry(env environment, opts ...Option) (*Registry, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.timeZone != "" {
		if !IsValidTimeZone(o.timeZone) {
			return nil, fmt.Errorf("sqlconf: invalid session time zone %q", o.timeZone)
		}
		env.timeZone = o.timeZone
	}
	r := &Registry{
		entries:     map[string]*Entry{},
		deprecated:  map[string]Deprecation{},
		removed:     map[string]Removal{},
		unsupported: map[string]bool{},
		initial:     map[string]string{},
		timeZone:    env.timeZone,
	}
	seen := map[string]bool{}
	for _, e := range builtinEntries(env) {
		if seen[e.Key] {
			return nil, fmt.Errorf("sqlconf: duplicate built-in entry %q", e.Key)
		}
		seen[e.Key] = true
		r.entries[e.Key] = &e
	}
	for _, e := range o.entries {
		if e.Key == "" {
			return nil, errors.New("sqlconf: entry with an empty key")
		}
		r.entries[e.Key] = &e
	}
	for _, d := range deprecatedConfigs {
		r.deprecated[d.Key] = d
	}
	for _, rm := range removedConfigs {
		r.removed[rm.Key] = rm
	}
	for _, k := range unsupportedInConnect {
		r.unsupported[k] = true
	}
	r.keys = slices.Sorted(maps.Keys(r.entries))
	for _, k := range r.keys {
		if err := r.check(r.entries[k]); err != nil {
			return nil, err
		}
	}
	// A fallback entry takes its parent's rules; copy them so Entry shows them.
	for _, k := range r.keys {
		if e := r.entries[k]; e.Fallback != "" {
			root := r.converter(e)
			e.Kind, e.Case, e.TimeUnit, e.ByteUnit = root.Kind, root.Case, root.TimeUnit, root.ByteUnit
			e.Allowed = slices.Clone(root.Allowed)
		}
	}
	for k, v := range o.settings {
		if e := r.sqlEntry(k); e != nil {
			if _, err := r.converter(e).parse(v); err != nil {
				return nil, fmt.Errorf("sqlconf: setting %s: %w", k, err)
			}
		}
		if rm, ok := r.removed[k]; ok && v != rm.Default {
			return nil, fmt.Errorf("sqlconf: setting %s: %w", k, errRemoved(rm))
		}
		r.initial[k] = v
	}
	return r, nil
}

// MustNewRegistry is NewRegistry that panics on error.
func MustNewRegistry(opts ...Option) *Registry {
	r, err := NewRegistry(opts...)
	if err != nil {
		panic(err)
	}
	return r
}

// check verifies an entry is coherent: its fallback chain ends at a registered SQL entry,
// enums list their values, and the default parses.
func (r *Registry) check(e *Entry) error {
	if e.Fallback != "" {
		seen := map[string]bool{e.Key: true}
		for p := e; p.Fallback != ""; {
			next := r.entries[p.Fallback]
			if next == nil || next.Scope == Core {
				return fmt.Errorf("sqlconf: %s falls back to unknown SQL entry %q", e.Key, p.Fallback)
			}
			if seen[next.Key] {
				return fmt.Errorf("sqlconf: fallback cycle at %s", e.Key)
			}
			seen[next.Key] = true
			p = next
		}
		return nil
	}
	if e.Kind == KindEnum && len(e.Allowed) == 0 {
		return fmt.Errorf("sqlconf: enum entry %s lists no allowed values", e.Key)
	}
	if e.HasDefault && e.Scope != Core {
		if _, err := e.normalize(e.Default); err != nil {
			return fmt.Errorf("sqlconf: default of %s: %w", e.Key, err)
		}
	}
	return nil
}

// sqlEntry returns the SQL entry (runtime or static) registered under exactly key, as
// SQLConf.getConfigEntry does; aliases and core keys give nil.
func (r *Registry) sqlEntry(key string) *Entry {
	if e := r.entries[key]; e != nil && e.Scope != Core {
		return e
	}
	return nil
}

// converter returns the entry whose rules parse and render e's values: e itself, or the
// end of its fallback chain.
func (r *Registry) converter(e *Entry) *Entry {
	for e.Fallback != "" {
		e = r.entries[e.Fallback]
	}
	return e
}

// Entry returns a copy of the entry registered under key (SQL or core).
func (r *Registry) Entry(key string) (Entry, bool) {
	if e := r.entries[key]; e != nil {
		c := *e
		c.Alternatives = slices.Clone(e.Alternatives)
		c.Allowed = slices.Clone(e.Allowed)
		return c, true
	}
	return Entry{}, false
}

// Keys returns the registered keys, sorted.
func (r *Registry) Keys() []string { return slices.Clone(r.keys) }

// Len is the number of registered keys.
func (r *Registry) Len() int { return len(r.keys) }

// IsStatic reports whether key is a static SQL config (SQLConf.isStaticConfigKey).
func (r *Registry) IsStatic(key string) bool {
	e := r.entries[key]
	return e != nil && e.Scope == Static
}

// Settings returns a copy of the values every new session starts with.
func (r *Registry) Settings() map[string]string { return maps.Clone(r.initial) }

// SessionTimeZoneDefault is the default of spark.sql.session.timeZone.
func (r *Registry) SessionTimeZoneDefault() string { return r.timeZone }

// Warning is the warning Spark Connect's config handler attaches to every operation on key:
// "NOT supported in Spark Connect" for the two arrow keys it lists, otherwise the
// deprecation message of a deprecated key.
func (r *Registry) Warning(key string) (string, bool) {
	if r.unsupported[key] {
		return "The SQL config '" + key + "' is NOT supported in Spark Connect", true
	}
	if d, ok := r.deprecated[key]; ok {
		return d.Message(), true
	}
	return "", false
}

// Deprecation returns the deprecation record of key, if any.
func (r *Registry) Deprecation(key string) (Deprecation, bool) {
	d, ok := r.deprecated[key]
	return d, ok
}

// Removal returns the removal record of key, if any.
func (r *Registry) Removal(key string) (Removal, bool) {
	rm, ok := r.removed[key]
	return rm, ok
}
