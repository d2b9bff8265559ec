package source

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/sparkerror"
)

// options is a case-insensitive view of the reader options, as Spark's CaseInsensitiveMap.
type options map[string]string

func newOptions(m map[string]string) options {
	o := options{}
	for k, v := range m {
		o[strings.ToLower(k)] = v
	}
	return o
}

func (o options) get(name string) (string, bool) {
	v, ok := o[strings.ToLower(name)]
	return v, ok
}

func (o options) str(name, def string) string {
	if v, ok := o.get(name); ok {
		return v
	}
	return def
}

// boolean reads a flag the way CSVOptions.getBool does: "true"/"false" in any case.
func (o options) boolean(name string, def bool) (bool, error) {
	v, ok := o.get(name)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, optionNotBoolean(name)
}

func (o options) integer(name string, def int) (int, error) {
	v, ok := o.get(name)
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, optionNotInteger(name, v)
	}
	return n, nil
}

// char reads a one-character option as CSVOptions.getChar: "" is the NUL character (which
// disables the feature), longer values fail.
func (o options) char(name string, def rune) (rune, error) {
	v, ok := o.get(name)
	if !ok {
		return def, nil
	}
	r := []rune(v)
	switch len(r) {
	case 0:
		return 0, nil
	case 1:
		return r[0], nil
	}
	return 0, optionNotChar(name)
}

// parseMode is PERMISSIVE, DROPMALFORMED or FAILFAST.
type parseMode int

const (
	permissive parseMode = iota
	dropMalformed
	failFast
)

// mode reads the "mode" option; Spark falls back to PERMISSIVE for unknown names.
func (o options) mode() parseMode {
	switch strings.ToUpper(o.str("mode", "")) {
	case "DROPMALFORMED":
		return dropMalformed
	case "FAILFAST":
		return failFast
	}
	return permissive
}

// checkUTF8 accepts the names of UTF-8 (and its ASCII subset) in the encoding/charset
// options; other charsets are not implemented.
func (o options) checkUTF8(format string) error {
	enc, ok := o.get("encoding")
	if !ok {
		enc, ok = o.get("charset")
	}
	if !ok {
		return nil
	}
	switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return nil
	}
	return sparkerror.NotImplemented("reading " + format + " files in encoding \"" + enc + "\" (only UTF-8 is supported)")
}

// location is the zone of the "timeZone" option, UTC when absent. The session layer passes
// spark.sql.session.timeZone there.
func (o options) location() (*time.Location, error) {
	tz, ok := o.get("timeZone")
	if !ok || tz == "" {
		return time.UTC, nil
	}
	loc, ok := zoneByID(tz)
	if !ok {
		return nil, sparkerror.New(sparkerror.DateTime, "INVALID_TIMEZONE", "22009",
			"The timezone: <timeZone> is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08', '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.",
			map[string]string{"timeZone": tz})
	}
	return loc, nil
}
