package sink

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// partitionLeaf is one partition directory: its path relative to the table's directory
// and its values in partition column order (nil for the default partition).
type partitionLeaf struct {
	rel    string
	values []*string
}

// partitionLeaves lists the partition directories below dir.
func partitionLeaves(dir string, columns []string) ([]partitionLeaf, error) {
	var out []partitionLeaf
	var walk func(rel string, vals []*string) error
	walk = func(rel string, vals []*string) error {
		if len(vals) == len(columns) {
			out = append(out, partitionLeaf{rel: rel, values: slices.Clone(vals)})
			return nil
		}
		entries, err := os.ReadDir(filepath.Join(dir, rel))
		if err != nil {
			return err
		}
		for _, e := range entries {
			k, v, ok := strings.Cut(e.Name(), "=")
			if !e.IsDir() || !ok || !strings.EqualFold(UnescapePathName(k), columns[len(vals)]) {
				continue
			}
			var val *string
			if v != DefaultPartitionName {
				u := UnescapePathName(v)
				val = &u
			}
			if err := walk(filepath.Join(rel, e.Name()), append(vals, val)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk("", nil); err != nil {
		return nil, err
	}
	return out, nil
}

// PartitionValuesKey is a map key for a partition's values (nil: the default partition)
// that keeps NULL apart from every string.
func PartitionValuesKey(vals []*string) string {
	var b strings.Builder
	for _, v := range vals {
		if v == nil {
			b.WriteString("\x00N")
		} else {
			b.WriteString("\x00=" + *v)
		}
	}
	return b.String()
}

// commitPartitions commits a partition overwrite: the existing partition directories the
// job replaces move away, the staged partitions move in, and the others stay. Each
// partition directory is swapped by rename, so readers see either its old or its new
// files.
func commitPartitions(staging, target, parent, jobID string, job Job) error {
	existing, err := partitionLeaves(target, job.PartitionBy)
	if err != nil {
		return ioError("list", target, err)
	}
	staged, err := partitionLeaves(staging, job.PartitionBy)
	if err != nil {
		return ioError("list", staging, err)
	}
	written := map[string]bool{}
	for _, l := range staged {
		written[PartitionValuesKey(l.values)] = true
	}
	old := filepath.Join(parent, ".sail-old-"+jobID)
	var moved []partitionLeaf // existing partitions moved to old, for the undo
	undo := func() {
		for _, l := range moved {
			_ = os.Rename(filepath.Join(old, l.rel), filepath.Join(target, l.rel))
		}
	}
	replaced := map[string]bool{}
	for _, l := range existing {
		k := PartitionValuesKey(l.values)
		if !(job.ReplaceWritten && written[k]) && !(job.Replace != nil && job.Replace(l.values)) {
			continue
		}
		dst := filepath.Join(old, l.rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			undo()
			return ioError("commit", target, err)
		}
		if err := os.Rename(filepath.Join(target, l.rel), dst); err != nil {
			undo()
			return ioError("commit", target, err)
		}
		moved = append(moved, l)
		replaced[k] = true
	}
	for _, l := range staged {
		src, dst := filepath.Join(staging, l.rel), filepath.Join(target, l.rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			undo()
			return ioError("commit", target, err)
		}
		if _, err := os.Lstat(dst); err == nil {
			// A partition that stays (not selected for replacing) takes the new files.
			if err := moveFiles(src, dst); err != nil {
				return ioError("commit", target, err)
			}
			continue
		}
		if err := os.Rename(src, dst); err != nil {
			undo()
			return ioError("commit", target, err)
		}
	}
	_ = os.Rename(filepath.Join(staging, "_SUCCESS"), filepath.Join(target, "_SUCCESS"))
	// Partition directories left empty by the move go too.
	for _, l := range moved {
		for d := filepath.Dir(filepath.Join(target, l.rel)); d != target && strings.HasPrefix(d, target); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	_ = os.RemoveAll(old)
	return os.RemoveAll(staging)
}

// moveFiles moves the files below src into dst, keeping their relative paths.
func moveFiles(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(p, to); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		return nil
	})
}
