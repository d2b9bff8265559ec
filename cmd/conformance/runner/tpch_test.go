package runner

import "testing"

func TestCompareTPCH(t *testing.T) {
	want := [][]string{{"A", "F", "3774200.00", "25.54", "1995-03-15"}, {"N", "O", "1.00", "0.05", "1996-01-01"}}
	ordered := "SELECT * FROM lineitem ORDER BY 1"
	cases := []struct {
		name  string
		query string
		rows  []string
		out   Outcome
	}{
		{"decimals and doubles within 0.01", ordered,
			[]string{"A\tF\t3774200.00\t25.537587116570778\t1995-03-15", "N\tO\t1.004\t0.04998\t1996-01-01"}, Pass},
		{"Java double notation", ordered,
			[]string{"A\tF\t3774200.0\t25.54\t1995-03-15", "N\tO\t1.0\t0.05\t1996-01-01"}, Pass},
		{"large sums within 1e-9 relative", ordered,
			[]string{"A\tF\t3774200.003\t25.54\t1995-03-15", "N\tO\t1.00\t0.05\t1996-01-01"}, Pass},
		{"off by more than 0.01", ordered,
			[]string{"A\tF\t3774200.00\t25.56\t1995-03-15", "N\tO\t1.00\t0.05\t1996-01-01"}, WrongRows},
		{"text differs", ordered,
			[]string{"A\tF\t3774200.00\t25.54\t1995-03-16", "N\tO\t1.00\t0.05\t1996-01-01"}, WrongRows},
		{"order matters with ORDER BY", ordered,
			[]string{"N\tO\t1.00\t0.05\t1996-01-01", "A\tF\t3774200.00\t25.54\t1995-03-15"}, WrongRows},
		{"order free without", "SELECT * FROM lineitem",
			[]string{"N\tO\t1.00\t0.05\t1996-01-01", "A\tF\t3774200.00\t25.54\t1995-03-15"}, Pass},
		{"row count", ordered, []string{"A\tF\t3774200.00\t25.54\t1995-03-15"}, WrongRows},
		{"column count", ordered, []string{"A\tF\t3774200.00\t25.54", "N\tO\t1.00\t0.05"}, WrongSchema},
	}
	for _, c := range cases {
		if out, detail := compareTPCH(c.query, want, c.rows); out != c.out {
			t.Errorf("%s: %s (%s), want %s", c.name, out, detail, c.out)
		}
	}
}
