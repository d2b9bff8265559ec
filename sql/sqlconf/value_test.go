package sqlconf

import (
	"math"
	"testing"
)

func TestParseByteString(t *testing.T) {
	tests := []struct {
		in   string
		unit ByteUnit
		want int64
		err  string
	}{
		{"10MB", Byte, 10 << 20, ""},
		{"10mb", Byte, 10 << 20, ""},
		{"1g", Byte, 1 << 30, ""},
		{"2t", Byte, 2 << 40, ""},
		{"1p", Byte, 1 << 50, ""},
		{"512", Byte, 512, ""},
		{"512b", Byte, 512, ""},
		{" 5k ", Byte, 5 << 10, ""},
		{"-1", Byte, -1, ""},
		{"-5k", Byte, -5 << 10, ""},
		{"1536k", MiB, 1, ""}, // truncated toward zero in a larger unit
		{"1g", KiB, 1 << 20, ""},
		{"5 kb", Byte, 0, byteError + "\nFailed to parse byte string: 5 kb"},
		{" -5", Byte, 0, byteError + "\nFailed to parse byte string:  -5"},
		{"", Byte, 0, byteError + "\nFailed to parse byte string: "},
		{"1.5g", Byte, 0, byteError + "\nFractional values are not supported. Input was: 1.5"},
		{"5x", Byte, 0, byteError + "\nInvalid suffix: \"x\""},
		{"99999999999999999999", Byte, 0, byteError + "\nFor input string: \"99999999999999999999\""},
		{"9223372036854775807k", Byte, 0,
			"Conversion of 9223372036854775807 exceeds Long.MAX_VALUE in KiB. Try a larger unit (e.g. MiB instead of KiB)"},
	}
	for _, tc := range tests {
		got, err := parseByteString(tc.in, tc.unit)
		if tc.err != "" {
			if err == nil || err.Message != tc.err {
				t.Errorf("parseByteString(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseByteString(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	_, err := parseByteString("9223372036854775807k", Byte)
	if err == nil || err.Exception != ExcIllegalArgument {
		t.Errorf("overflow exception = %+v, want IllegalArgumentException", err)
	}
	_, err = parseByteString("5x", Byte)
	if err == nil || err.Exception != ExcNumberFormat {
		t.Errorf("bad suffix exception = %+v, want NumberFormatException", err)
	}
}

func TestParseTimeString(t *testing.T) {
	tests := []struct {
		in   string
		unit TimeUnit
		want int64
		err  string
	}{
		{"300", Seconds, 300, ""},
		{"5min", Seconds, 300, ""},
		{"5m", Seconds, 300, ""},
		{"2s", Milliseconds, 2000, ""},
		{"2S", Milliseconds, 2000, ""},
		{"100us", Milliseconds, 0, ""},
		{"1500ms", Seconds, 1, ""},
		{"1d", Seconds, 86400, ""},
		{"1h", Minutes, 60, ""},
		{"-5s", Milliseconds, -5000, ""},
		{" 7 ", Milliseconds, 7, ""},
		{"9223372036854775807d", Milliseconds, math.MaxInt64, ""}, // saturates like TimeUnit.convert
		{"5 s", Seconds, 0, timeError + "\nFailed to parse time string: 5 s"},
		{"5x", Seconds, 0, timeError + "\nInvalid suffix: \"x\""},
		{"1.5s", Seconds, 0, timeError + "\nFailed to parse time string: 1.5s"},
	}
	for _, tc := range tests {
		got, err := parseTimeString(tc.in, tc.unit)
		if tc.err != "" {
			if err == nil || err.Message != tc.err || err.Exception != ExcNumberFormat {
				t.Errorf("parseTimeString(%q) error = %+v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseTimeString(%q, %v) = %d, %v; want %d", tc.in, tc.unit, got, err, tc.want)
		}
	}
}

func TestFormatTimeAndBytes(t *testing.T) {
	sec := &Entry{Key: "k", Kind: KindTime, TimeUnit: Seconds}
	if s, _ := sec.format(Value{Kind: KindTime, Int: 300}); s != "300000ms" {
		t.Errorf("format 300s = %q", s)
	}
	us := &Entry{Key: "k", Kind: KindTime, TimeUnit: Microseconds}
	if s, _ := us.format(Value{Kind: KindTime, Int: 1999}); s != "1ms" {
		t.Errorf("format 1999us = %q", s)
	}
	kib := &Entry{Key: "k", Kind: KindBytes, ByteUnit: KiB}
	if s, _ := kib.format(Value{Kind: KindBytes, Int: 3}); s != "3072b" {
		t.Errorf("format 3KiB = %q", s)
	}
	if _, err := kib.format(Value{Kind: KindBytes, Int: math.MaxInt64}); err == nil {
		t.Error("format of an overflowing size did not fail")
	}
}

func TestJavaDoubleString(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{5, "5.0"},
		{0.5, "0.5"},
		{100, "100.0"},
		{-2.5, "-2.5"},
		{0.001, "0.001"},
		{0.0001, "1.0E-4"},
		{1.5e-5, "1.5E-5"},
		{1234567, "1234567.0"},
		{9999999, "9999999.0"},
		{1e7, "1.0E7"},
		{123456789, "1.23456789E8"},
		{0.30000000000000004, "0.30000000000000004"},
		{1e21, "1.0E21"},
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, tc := range tests {
		if got := javaDoubleString(tc.in); got != tc.want {
			t.Errorf("javaDoubleString(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseJavaDouble(t *testing.T) {
	ok := map[string]float64{
		"1": 1, "1.": 1, ".5": 0.5, "1e3": 1000, "1E-3": 0.001, "+2": 2, "-2": -2,
		"1d": 1, "1.5F": 1.5, "0x1p3": 8, "-0x1.8P1": -3, "1e400": math.Inf(1),
	}
	for in, want := range ok {
		got, good := parseJavaDouble(in)
		if !good || got != want {
			t.Errorf("parseJavaDouble(%q) = %v, %v; want %v", in, got, good, want)
		}
	}
	if v, good := parseJavaDouble("NaN"); !good || !math.IsNaN(v) {
		t.Error("NaN rejected")
	}
	if v, good := parseJavaDouble("-Infinity"); !good || !math.IsInf(v, -1) {
		t.Error("-Infinity rejected")
	}
	for _, in := range []string{"", ".", "e3", "1e", "inf", "Inf", "nan", "infinity", "1_000", "NaNd", "0x1", "1.2.3", "1 2"} {
		if _, good := parseJavaDouble(in); good {
			t.Errorf("parseJavaDouble(%q) accepted; Java rejects it", in)
		}
	}
}

func TestBooleanParsing(t *testing.T) {
	e := &Entry{Key: "k", Kind: KindBool}
	for in, want := range map[string]bool{"true": true, "TRUE": true, " True\t": true, "false": false, "FaLsE": false} {
		v, err := e.parse(in)
		if err != nil || v.Bool != want {
			t.Errorf("parse(%q) = %v, %v", in, v.Bool, err)
		}
	}
	for _, in := range []string{"", "1", "yes", "t", "true!"} {
		if _, err := e.parse(in); err == nil || err.Message != "k should be boolean, but was "+in {
			t.Errorf("parse(%q) error = %v", in, err)
		}
	}
}

func TestIntegerParsing(t *testing.T) {
	i := &Entry{Key: "k", Kind: KindInt}
	for in, want := range map[string]int64{"0": 0, "+5": 5, "-5": -5, " 12 ": 12, "2147483647": math.MaxInt32} {
		v, err := i.parse(in)
		if err != nil || v.Int != want {
			t.Errorf("int parse(%q) = %d, %v", in, v.Int, err)
		}
	}
	for _, in := range []string{"", "2147483648", "1.0", "0x10", "1_000", "1e3"} {
		if _, err := i.parse(in); err == nil || err.Message != "k should be int, but was "+in {
			t.Errorf("int parse(%q) error = %v", in, err)
		}
	}
	l := &Entry{Key: "k", Kind: KindLong}
	if v, err := l.parse("2147483648"); err != nil || v.Int != 2147483648 {
		t.Errorf("long parse = %d, %v", v.Int, err)
	}
	if _, err := l.parse("9223372036854775808"); err == nil || err.Message != "k should be long, but was 9223372036854775808" {
		t.Errorf("long overflow error = %v", err)
	}
}
