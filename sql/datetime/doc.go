// Package datetime holds Spark's parsing of date and timestamp strings and its zone ids,
// shared by the casts and functions (physical/expr) and the text data sources
// (physical/source): SparkDateTimeUtils.stringToDate, parseTimestampString,
// stringToTimestamp and stringToTimestampWithoutTimeZone, getZoneId (ZoneId.of with
// SHORT_IDS), and java.time's mapping of local times to instants (ZonedDateTime.of: a time
// in a gap moves forward, an ambiguous one takes the earlier offset), over the proleptic
// Gregorian calendar. Dates are days since 1970-01-01, timestamps microseconds. It imports
// the standard library only.
package datetime
