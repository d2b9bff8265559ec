package memory

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ParseLimit reads a memory limit as configured: a size in bytes with an optional unit
// (k, m, g or t, with or without "b", powers of 1024, as Spark writes sizes: "512m", "4g"),
// or a share of the machine's memory ("60%"). "" and "0" mean no limit.
func ParseLimit(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || t == "0" {
		return 0, nil
	}
	if pct, ok := strings.CutSuffix(t, "%"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || f <= 0 || f > 100 {
			return 0, fmt.Errorf("memory limit %q: a share must be a percentage in (0, 100]", s)
		}
		return int64(float64(SystemMemory()) * f / 100), nil
	}
	t = strings.TrimSuffix(strings.TrimSuffix(t, "ib"), "b")
	mult := int64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'k':
			mult = 1 << 10
		case 'm':
			mult = 1 << 20
		case 'g':
			mult = 1 << 30
		case 't':
			mult = 1 << 40
		}
		if mult > 1 {
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || v < 0 || v > (1<<62)/mult {
		return 0, fmt.Errorf("memory limit %q: want a size such as 512m or 4g, or a share such as 60%%", s)
	}
	return v * mult, nil
}

// fallbackMemory is assumed when the machine's memory cannot be read.
const fallbackMemory = 8 << 30

// SystemMemory is the memory this process may use: the machine's total memory, or the
// cgroup's limit when it is lower (a container).
func SystemMemory() int64 {
	total := int64(0)
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				fields := strings.Fields(rest)
				if len(fields) > 0 {
					if kb, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
						total = kb << 10
					}
				}
				break
			}
		}
		f.Close()
	}
	if total <= 0 {
		total = fallbackMemory
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && v > 0 && v < total {
			total = v
		}
		break
	}
	return total
}
