package sqlconf

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// KV is a config key and its value.
type KV struct {
	Key, Value string
}

// Conf is one session's SQL configuration: the values set explicitly in the session (and
// the registry's initial settings) over the registry's defaults. It is safe for concurrent
// use.
//
// Like Spark's SQLConf, it stores each value under exactly the key it was set with and as
// the string it was given: Get returns that string unchanged, while reading an unset
// entry's default (or an alternative key, or a fallback entry's parent) returns the value
// parsed and re-rendered by the entry's kind.
type Conf struct {
	reg      *Registry
	mu       sync.RWMutex
	settings map[string]string
}

// New returns a session configuration over reg holding reg's initial settings. A nil reg
// means a registry with no options.
func New(reg *Registry) *Conf {
	if reg == nil {
		reg = MustNewRegistry()
	}
	return &Conf{reg: reg, settings: maps.Clone(reg.initial)}
}

// Registry returns the registry the configuration reads its entries from.
func (c *Conf) Registry() *Registry { return c.reg }

// Clone returns an independent copy holding the same values (SQLConf.clone, used when a
// session is cloned).
func (c *Conf) Clone() *Conf {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return &Conf{reg: c.reg, settings: maps.Clone(c.settings)}
}

// Set sets key to value, as spark.conf.set does (RuntimeConfig.set):
//
//   - a static SQL config fails with CANNOT_MODIFY_CONFIG;
//   - a Spark core config fails with CANNOT_MODIFY_CONFIG while
//     spark.sql.legacy.setCommandRejectsSparkCoreConfs is true (spark.default.parallelism
//     is exempt);
//   - a registered SQL key is validated by its kind and checks; the error is Spark's
//     (an IllegalArgumentException, NumberFormatException or INVALID_CONF_VALUE.*);
//   - a removed SQL config fails (_LEGACY_ERROR_TEMP_1226) unless value is its old default;
//   - any other key, including an alternative name, is stored as it is.
func (c *Conf) Set(key, value string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.requireNonStaticLocked(key); err != nil {
		return err
	}
	if e := c.reg.sqlEntry(key); e != nil {
		if _, err := c.reg.converter(e).parse(value); err != nil {
			return err
		}
	}
	if rm, ok := c.reg.removed[key]; ok && value != rm.Default {
		return errRemoved(rm)
	}
	c.settings[key] = value
	return nil
}

// Unset removes the session's value of key (RuntimeConfig.unset). Static and (while they
// are rejected) core keys fail as in Set; unsetting a key that is not set does nothing.
func (c *Conf) Unset(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.requireNonStaticLocked(key); err != nil {
		return err
	}
	delete(c.settings, key)
	return nil
}

// requireNonStaticLocked is RuntimeConfigImpl.requireNonStaticConf.
func (c *Conf) requireNonStaticLocked(key string) error {
	if key == KeyDefaultParallelism {
		return nil
	}
	if c.reg.IsStatic(key) {
		return errCannotModify(key)
	}
	if e := c.reg.entries[key]; e != nil && e.Scope == Core {
		rejects, err := c.rejectsCoreLocked()
		if err != nil {
			return err
		}
		if rejects {
			return errCannotModify(key)
		}
	}
	return nil
}

func (c *Conf) rejectsCoreLocked() (bool, error) {
	e := c.reg.sqlEntry(KeySetCommandRejectsSparkCore)
	if e == nil {
		return true, nil
	}
	v, _, err := c.readLocked(e)
	if err != nil {
		return false, err
	}
	return v.Bool, nil
}

// Get returns the value of key as spark.conf.get(key) does (SQLConf.getConfString): the
// value set in the session as it was given; else, for a registered SQL entry, the value read
// through the entry (alternatives, fallback parent, default), rendered by its kind; else
// SQL_CONF_NOT_FOUND. For a registered entry without a default and no value, Spark returns
// null: Get returns "" and GetNullable reports it.
func (c *Conf) Get(key string) (string, error) {
	v, _, err := c.GetNullable(key)
	return v, err
}

// GetNullable is Get that also reports whether there is a value: ok is false (with a nil
// error) where Spark's get returns null, i.e. for a registered entry without default that
// has no value. Spark Connect then answers the key without a value.
func (c *Conf) GetNullable(key string) (value string, ok bool, err error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok, e := c.getLocked(key)
	if e != nil {
		return "", false, e
	}
	return v, ok, nil
}

func (c *Conf) getLocked(key string) (string, bool, *Error) {
	if v, ok := c.settings[key]; ok {
		return v, true, nil
	}
	e := c.reg.sqlEntry(key)
	if e == nil {
		return "", false, errConfNotFound(key)
	}
	v, ok, err := c.readLocked(e)
	if err != nil || !ok {
		return "", false, err
	}
	s, err := c.reg.converter(e).format(v)
	if err != nil {
		return "", false, err
	}
	return s, true, nil
}

// readLocked reads an entry as ConfigEntry.readFrom does: the entry's own key, then its
// alternatives, parsed; else its fallback parent's value; else its default. ok is false for
// an entry without default and without value.
func (c *Conf) readLocked(e *Entry) (Value, bool, *Error) {
	conv := c.reg.converter(e)
	for _, k := range append([]string{e.Key}, e.Alternatives...) {
		if raw, ok := c.settings[k]; ok {
			v, err := conv.parse(raw)
			return v, err == nil, err
		}
	}
	if e.Fallback != "" {
		return c.readLocked(c.reg.entries[e.Fallback])
	}
	if !e.HasDefault {
		return Value{Kind: e.Kind}, false, nil
	}
	v, err := e.parse(e.Default)
	return v, err == nil, err
}

// GetWithDefault returns the value of key as spark.conf.get(key, default) does
// (SQLConf.getConfString(key, default)): the session's value; else, for a fallback entry,
// the same lookup on its parent key; else def. For a registered entry def is validated
// first (unless it is "<undefined>"), so an invalid default is an error as in Spark. The
// entry's own default is never used.
func (c *Conf) GetWithDefault(key, def string) (string, error) {
	v, _, err := c.getWithDefault(key, &def)
	return v, err
}

// getWithDefault takes a nil def for a request pair without a value (Spark's null default)
// and returns ok false when the answer is null.
func (c *Conf) getWithDefault(key string, def *string) (string, bool, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for {
		if v, ok := c.settings[key]; ok {
			return v, true, nil
		}
		e := c.reg.sqlEntry(key)
		if e != nil && e.Fallback != "" {
			key = e.Fallback
			continue
		}
		if def == nil {
			return "", false, nil
		}
		if e != nil && *def != Undefined {
			if _, err := e.parse(*def); err != nil {
				return "", false, err
			}
		}
		return *def, true, nil
	}
}

// GetOption returns the value of key as spark.conf.getOption does: ok is false where Get
// fails with SQL_CONF_NOT_FOUND or returns null. Other failures of Get (a stored
// alternative or parent value the entry rejects) are returned.
func (c *Conf) GetOption(key string) (string, bool, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok, err := c.getLocked(key)
	if err != nil {
		if err.Class == "SQL_CONF_NOT_FOUND" {
			return "", false, nil
		}
		return "", false, err
	}
	return v, ok, nil
}

// GetAll returns the values set in the session (never defaults), as spark.conf.getAll
// does, restricted to keys starting with prefix and with the prefix cut off, as Spark
// Connect's GetAll with a prefix does; "" lists everything. The result is sorted by key.
func (c *Conf) GetAll(prefix string) []KV {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]KV, 0, len(c.settings))
	for k, v := range c.settings {
		if strings.HasPrefix(k, prefix) {
			out = append(out, KV{Key: k[len(prefix):], Value: v})
		}
	}
	slices.SortFunc(out, func(a, b KV) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// IsModifiable reports whether key is a registered SQL config that is not static
// (SQLConf.isModifiable). Unknown keys, alternative names and core keys are not.
func (c *Conf) IsModifiable(key string) bool {
	e := c.reg.sqlEntry(key)
	return e != nil && e.Scope == Runtime
}

// Contains reports whether key has a value set in the session (SQLConf.contains).
func (c *Conf) Contains(key string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.settings[key]
	return ok
}

// Value returns the parsed value of key as Spark's typed getConf(entry) reads it: the
// session value (or an alternative's, or the fallback parent's) parsed by the entry, else
// the default. ok is false when there is no value. For a key that is not a registered SQL
// entry, the stored string is returned as a KindString value.
func (c *Conf) Value(key string) (Value, bool, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e := c.reg.sqlEntry(key)
	if e == nil {
		raw, ok := c.settings[key]
		return Value{Kind: KindString, Str: raw}, ok, nil
	}
	v, ok, err := c.readLocked(e)
	if err != nil {
		return Value{}, false, err
	}
	return v, ok, nil
}

// typed reads key for a typed accessor: the entry's value, or its default when the stored
// value does not parse; for unregistered keys the stored string parsed as kind.
func (c *Conf) typed(key string, kind Kind) (Value, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e := c.reg.sqlEntry(key)
	if e == nil {
		raw, ok := c.settings[key]
		if !ok {
			return Value{}, false
		}
		v, err := (&Entry{Key: key, Kind: kind}).parse(raw)
		return v, err == nil
	}
	v, ok, err := c.readLocked(e)
	if err != nil {
		root := c.reg.converter(e)
		if !root.HasDefault {
			return Value{}, false
		}
		v, err = root.parse(root.Default)
		return v, err == nil
	}
	return v, ok
}

// Bool returns key as a boolean; false when it has no value or is not a boolean.
func (c *Conf) Bool(key string) bool {
	v, ok := c.typed(key, KindBool)
	return ok && v.Kind == KindBool && v.Bool
}

// Int returns key as an integer: int and long values as they are, time values in the
// entry's unit, sizes in the entry's unit (bytes for every built-in size entry); 0 when it
// has no value or is not an integer.
func (c *Conf) Int(key string) int64 {
	v, ok := c.typed(key, KindLong)
	if !ok {
		return 0
	}
	switch v.Kind {
	case KindInt, KindLong, KindTime, KindBytes:
		return v.Int
	}
	return 0
}

// Float returns key as a float64; integers convert; 0 when it has no value.
func (c *Conf) Float(key string) float64 {
	v, ok := c.typed(key, KindDouble)
	if !ok {
		return 0
	}
	switch v.Kind {
	case KindDouble:
		return v.Float
	case KindInt, KindLong, KindTime, KindBytes:
		return float64(v.Int)
	}
	return 0
}

// String returns key's value rendered by its entry (case transforms applied, sizes as
// "<n>b"), or the stored string for an unregistered key; "" when it has no value.
func (c *Conf) String(key string) string {
	v, ok := c.typed(key, KindString)
	if !ok {
		return ""
	}
	if e := c.reg.sqlEntry(key); e != nil {
		s, err := c.reg.converter(e).format(v)
		if err != nil {
			return ""
		}
		return s
	}
	return v.Str
}

// ANSIEnabled is spark.sql.ansi.enabled.
func (c *Conf) ANSIEnabled() bool { return c.Bool(KeyANSIEnabled) }

// CaseSensitive is spark.sql.caseSensitive.
func (c *Conf) CaseSensitive() bool { return c.Bool(KeyCaseSensitive) }

// SessionTimeZone is spark.sql.session.timeZone.
func (c *Conf) SessionTimeZone() string { return c.String(KeySessionTimeZone) }

// ShufflePartitions is spark.sql.shuffle.partitions.
func (c *Conf) ShufflePartitions() int { return int(c.Int(KeyShufflePartitions)) }

// TimestampNTZPreferred reports whether spark.sql.timestampType is TIMESTAMP_NTZ.
func (c *Conf) TimestampNTZPreferred() bool { return c.String(KeyTimestampType) == "TIMESTAMP_NTZ" }

// formatOption renders a Scala Option[String] as string interpolation does.
func formatOption(v *string) string {
	if v == nil {
		return "None"
	}
	return "Some(" + *v + ")"
}
