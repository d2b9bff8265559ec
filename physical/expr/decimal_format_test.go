package expr

import (
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// java.text.DecimalFormat with Locale.US symbols: the answers of the JDK (its documented
// examples, the format_number examples of Spark's documentation and golden files).
func TestDecimalFormatDoubles(t *testing.T) {
	cases := []struct {
		pattern string
		v       float64
		want    string
	}{
		// collations-basic.sql: format_number(ascii, '###.###').
		{"###.###", 97.52143, "97.521"},
		{"###.###", 66.421, "66.421"},
		// Spark's documentation.
		{"##################.###", 12332.123456, "12332.123"},
		{"#,###,###,###,###,###,##0.0000", 12332.123456, "12,332.1235"},
		{"#.##", 1234567.89, "1234567.89"},
		{"0.000", 1234567.89, "1234567.890"},
		{"#.#", 1234567.89, "1234567.9"},
		{"#", 1234567.89, "1234568"},
		{"#,###.#", 1234567.89, "1,234,567.9"},
		{"#,###", 1234567.89, "1,234,568"},
		// The last grouping separator sets the group size.
		{"##,####,####", 1234567.89, "123,4568"},
		{"#,#00.0#", 1234.56, "1,234.56"},
		{"#,#00.0#", 1.5, "01.5"},
		// Literal text, quoted special characters and quotes.
		{"The # number", 1234567.89, "The 1234568 number"},
		{"The '#' # number", 1234567.89, "The # 1234568 number"},
		{"# o''clock", 5, "5 o'clock"},
		// Scientific and engineering notation.
		{"00.#######E0", 1234567.89, "12.3456789E5"},
		{"000.000000E0", 1234567.89, "123.456789E4"},
		{"##0.######E0", 1234567.89, "1.23456789E6"},
		{"###.000000E0", 1234567.89, "1.23456789E6"},
		{"0.###E0", 1234, "1.234E3"},
		{"00.###E0", 0.00123, "12.3E-4"},
		{"##0.#####E0", 12345, "12.345E3"},
		{"##0.#####E0", 123456, "123.456E3"},
		{"0.0E00", 0, "0.0E00"},
		// HALF_EVEN from the exact binary value: 0.15 is below the tie, 0.25 on it.
		{"0.0", 0.15, "0.1"},
		{"0.0", 0.25, "0.2"},
		{"0.0", 0.35, "0.3"},
		{"0.#", 0.05, "0.1"},
		{"#", 0.5, "0"},
		{"#", 1.5, "2"},
		{"#", 2.5, "2"},
		{"0.00", 0.0009, "0.00"},
		{"0.000", 0.0009, "0.001"},
		{"0.00", 0.999, "1.00"},
		// No noise digits beyond the shortest representation.
		{"0.00000000000000000000", 0.1, "0.10000000000000000000"},
		{"#.####################", 0.1, "0.1"},
		{"#,##0", 1e20, "100,000,000,000,000,000,000"},
		// The sign of zero stays.
		{"0.00", -0.001, "-0.00"},
		{"0.00", math.Copysign(0, -1), "-0.00"},
		// A negative subpattern gives the negative affixes only.
		{"#,##0.00;(#,##0.00)", -1234.5, "(1,234.50)"},
		{"#,##0.00;(#)", -1234.5, "(1,234.50)"},
		{"#,##0.00;(#)", 1234.5, "1,234.50"},
		{"0.00;-0.00", -1.5, "-1.50"},
		// Percent, per mille and currency.
		{"#0.00%", 0.1234, "12.34%"},
		{"#%", 0.25, "25%"},
		{"#‰", 0.1234, "123‰"},
		{"¤#,##0.00", 1234.5, "$1,234.50"},
		{"¤¤ #,##0.00", 1234.5, "USD 1,234.50"},
		{"'%'#", 12, "%12"},
		{"-#", 3, "-3"},
		{"-#", -3, "--3"},
		// Patterns without '0' read as if it stood before the decimal separator.
		{".##", 0.5, ".5"},
		{".##", 1, "1.0"},
		{"#.", 3.7, "4."},
		{"#", 0, "0"},
		{"0", 1e-5, "0"},
		// Special values.
		{"#,##0.00", math.NaN(), "NaN"},
		{"#,##0.00", math.Inf(1), "∞"},
		{"#,##0.00;(#)", math.Inf(-1), "(∞)"},
		{"#,##0.00%", math.Inf(-1), "-∞%"},
	}
	var st formatState
	for _, c := range cases {
		f, err := parseDecimalFormat(c.pattern)
		if err != nil {
			t.Errorf("%q: %v", c.pattern, err)
			continue
		}
		if got := string(f.appendFloat(nil, &st, c.v)); got != c.want {
			t.Errorf("%q.format(%v) = %q, want %q", c.pattern, c.v, got, c.want)
		}
	}
}

func TestDecimalFormatIntegersAndDecimals(t *testing.T) {
	var st formatState
	ints := []struct {
		pattern string
		v       int64
		want    string
	}{
		{"0.00", 5, "5.00"},
		{"#,##0.###", 1234567, "1,234,567"},
		{"###.###", 97, "97"},
		{"#,##0", math.MinInt64, "-9,223,372,036,854,775,808"},
		{"#%", math.MaxInt64, "922337203685477580700%"},
		{"0.##E0", 12345, "1.23E4"},
		{"0.##E0", 12355, "1.24E4"},
		{"0.##E0", 12350, "1.24E4"},
		{"0.##E0", 12250, "1.22E4"},
		{"000", -7, "-007"},
	}
	for _, c := range ints {
		f, err := parseDecimalFormat(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(f.appendInt(nil, &st, c.v)); got != c.want {
			t.Errorf("%q.format(%dL) = %q, want %q", c.pattern, c.v, got, c.want)
		}
	}
	decs := []struct {
		pattern  string
		unscaled string
		scale    int
		want     string
	}{
		{"###.###", "975214", 4, "97.521"},
		{"###.###", "975215", 4, "97.522"},
		{"0.00", "125", 3, "0.12"},
		{"0.00", "135", 3, "0.14"},
		{"0.00", "-1", 3, "-0.00"},
		{"#,##0.00", "123456789012345678901234567890", 2, "1,234,567,890,123,456,789,012,345,678.90"},
		{"0.0", "0", 5, "0.0"},
		{"#.#%", "1234", 4, "12.3%"},
		{"0.###E0", "123456", 2, "1.235E3"},
		{"0.###E0", "-5", 0, "-5E0"},
	}
	for _, c := range decs {
		f, err := parseDecimalFormat(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := new(big.Int).SetString(c.unscaled, 10)
		if got := string(f.appendDecimal(nil, &st, u, c.scale)); got != c.want {
			t.Errorf("%q.format(%se-%d) = %q, want %q", c.pattern, c.unscaled, c.scale, got, c.want)
		}
	}
}

// Patterns DecimalFormat.applyPattern rejects, with its IllegalArgumentException message.
func TestDecimalFormatBadPatterns(t *testing.T) {
	cases := map[string]string{
		"#.#.#":  `Multiple decimal separators in pattern "#.#.#"`,
		"#0#":    `Malformed pattern "#0#"`,
		"0#.0":   `Unexpected '0' in pattern "0#.0"`,
		"#,##,":  `Malformed pattern "#,##,"`,
		"'#":     `Malformed pattern "'#"`,
		";#":     `Unquoted special character ';' in pattern ";#"`,
		"#;#;#":  `Unquoted special character ';' in pattern "#;#;#"`,
		"#%%":    `Too many percent/per mille characters in pattern "#%%"`,
		"#E":     `Malformed exponential pattern "#E"`,
		"0E0#E0": `Multiple exponential symbols in pattern "0E0#E0"`,
	}
	for p, want := range cases {
		_, err := parseDecimalFormat(p)
		se, ok := sparkerror.As(err)
		if !ok {
			t.Errorf("%q: %v, want %s", p, err, want)
			continue
		}
		if se.Message != want || se.Class != "" || se.Classes()[0] != "java.lang.IllegalArgumentException" {
			t.Errorf("%q: %q %v, want %q", p, se.Message, se.Classes(), want)
		}
	}
}

// The pattern parser never panics, whatever the pattern.
func FuzzDecimalFormat(f *testing.F) {
	for _, s := range []string{"#,##0.00;(#)", "00.###E0", "'x'''#%", "¤¤#", ".##", "#.#.#"} {
		f.Add(s, 1234.5678)
	}
	f.Fuzz(func(t *testing.T, pattern string, v float64) {
		df, err := parseDecimalFormat(pattern)
		if err != nil {
			if !strings.Contains(err.Error(), "pattern") {
				t.Fatalf("%q: %v", pattern, err)
			}
			return
		}
		var st formatState
		df.appendFloat(nil, &st, v)
		df.appendInt(nil, &st, int64(v))
		df.appendDecimal(nil, &st, big.NewInt(int64(v)), 3)
	})
}
