package memory

import "testing"

func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"", 0}, {"0", 0}, {"1024", 1024}, {"512m", 512 << 20}, {"4g", 4 << 30}, {"4G", 4 << 30},
		{"4gb", 4 << 30}, {"2GiB", 2 << 30}, {"16k", 16 << 10}, {"1t", 1 << 40},
	} {
		got, err := ParseLimit(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseLimit(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	half, err := ParseLimit("50%")
	if err != nil || half <= 0 || half > SystemMemory() {
		t.Errorf("ParseLimit(50%%) = %d, %v; the machine has %d", half, err, SystemMemory())
	}
	for _, bad := range []string{"-1", "4x", "g", "0%", "150%", "abc%", "99999999999t"} {
		if _, err := ParseLimit(bad); err == nil {
			t.Errorf("ParseLimit(%q) accepted", bad)
		}
	}
}
