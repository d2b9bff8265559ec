package source

import (
	"compress/bzip2"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
)

// localPath turns a path option into an absolute local path: "file:" URIs are accepted,
// other schemes are not supported.
func localPath(p string) (string, error) {
	if strings.HasPrefix(p, "file:") {
		u, err := url.Parse(p)
		if err == nil && u.Path != "" {
			p = u.Path
		} else {
			p = strings.TrimPrefix(p, "file:")
		}
	} else if i := strings.Index(p, "://"); i > 0 && !strings.ContainsAny(p[:i], "/\\*?[{") {
		if class, ok := httpFileSystems[strings.ToLower(p[:i])]; ok {
			// Hadoop has file systems for HTTP(S) URLs, which cannot list files: Spark
			// fails when it lists the path.
			return "", sparkerror.New(sparkerror.Analysis, "FAILED_READ_FILE.UNSUPPORTED_FILE_SYSTEM", "KD001",
				"Encountered error while reading file <path>. The file system <fileSystemClass> hasn't implemented <method>.",
				map[string]string{"path": p, "fileSystemClass": class, "method": "listStatus"})
		}
		return "", sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FILE_SYSTEM", "0A000",
			"The file system of <path> is not supported: only local files can be read.", map[string]string{"path": p})
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return abs, nil
}

// httpFileSystems are Hadoop's file system classes for http and https URLs.
var httpFileSystems = map[string]string{
	"http":  "org.apache.hadoop.fs.http.HttpFileSystem",
	"https": "org.apache.hadoop.fs.http.HttpsFileSystem",
}

// hiddenName is HadoopFSUtils.shouldFilterOutPathName: names starting with '_' (without
// '=') or '.', and names ending with "._COPYING_", are not data, except Parquet's
// _metadata and _common_metadata summaries (which readers then skip themselves).
func hiddenName(name string) bool {
	exclude := (strings.HasPrefix(name, "_") && !strings.Contains(name, "=")) ||
		strings.HasPrefix(name, ".") || strings.HasSuffix(name, "._COPYING_")
	include := strings.HasPrefix(name, "_common_metadata") || strings.HasPrefix(name, "_metadata")
	return exclude && !include
}

// isGlob reports whether a path has glob characters (Hadoop's isGlobPath).
func isGlob(p string) bool { return strings.ContainsAny(p, "*?[{") }

// expandBraces expands Hadoop glob alternations {a,b} into plain Go glob patterns.
func expandBraces(p string) []string {
	open := strings.IndexByte(p, '{')
	if open < 0 {
		return []string{p}
	}
	depth := 0
	for i := open; i < len(p); i++ {
		switch p[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				var alts []string
				start, d := open+1, 0
				for j := open + 1; j < i; j++ {
					switch p[j] {
					case '{':
						d++
					case '}':
						d--
					case ',':
						if d == 0 {
							alts = append(alts, p[start:j])
							start = j + 1
						}
					}
				}
				alts = append(alts, p[start:i])
				var out []string
				for _, a := range alts {
					out = append(out, expandBraces(p[:open]+a+p[i+1:])...)
				}
				return out
			}
		}
	}
	return []string{p}
}

// globMatch matches a base name against a Hadoop glob (pathGlobFilter).
func globMatch(pattern, name string) bool {
	for _, p := range expandBraces(pattern) {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}

// listing is the result of resolving a table's paths.
type listing struct {
	files []*fileInfo
	// partCols are the names of the Hive-style partition columns, in directory order.
	partCols []string
}

// partitionDir is one "key=value" directory component.
type partitionDir struct{ key, value string }

// parsePartitionDirs returns the key=value directories at the end of a file's directory
// path relative to its root, nearest to the root first (PartitioningUtils.parsePartition
// walks up from the leaf and stops at the first directory that is not key=value).
func parsePartitionDirs(rel string) []partitionDir {
	dir := filepath.Dir(rel)
	if dir == "." || dir == "" {
		return nil
	}
	parts := strings.Split(filepath.ToSlash(dir), "/")
	var out []partitionDir
	for i := len(parts) - 1; i >= 0; i-- {
		k, v, ok := strings.Cut(parts[i], "=")
		if !ok || k == "" {
			break
		}
		out = append(out, partitionDir{key: unescapePathName(k), value: v})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// unescapePathName decodes the %XX escapes Spark writes in partition directory names.
func unescapePathName(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var v byte
			if _, err := fmt.Sscanf(s[i+1:i+3], "%02X", &v); err == nil {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// listFiles resolves the paths as Spark's DataSource and InMemoryFileIndex do: globs expand
// (no match is PATH_NOT_FOUND), other paths must exist, directories are listed recursively
// skipping hidden names, and Hive-style key=value directories give partition values unless
// recursiveFileLookup is set. Files are sorted by path.
func listFiles(paths []string, o options) (*listing, error) {
	recursive, err := o.boolean("recursiveFileLookup", false)
	if err != nil {
		return nil, err
	}
	globFilter, hasFilter := o.get("pathGlobFilter")
	type root struct {
		path  string
		isDir bool
		size  int64
	}
	var roots []root
	for _, p := range paths {
		abs, err := localPath(p)
		if err != nil {
			return nil, err
		}
		if isGlob(abs) {
			var matches []string
			for _, pat := range expandBraces(abs) {
				m, err := filepath.Glob(pat)
				if err != nil {
					return nil, err
				}
				matches = append(matches, m...)
			}
			if len(matches) == 0 {
				return nil, pathNotFound(abs)
			}
			sort.Strings(matches)
			for _, m := range matches {
				st, err := os.Stat(m)
				if err != nil {
					return nil, pathNotFound(m)
				}
				roots = append(roots, root{path: m, isDir: st.IsDir(), size: st.Size()})
			}
			continue
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, pathNotFound(abs)
		}
		roots = append(roots, root{path: abs, isDir: st.IsDir(), size: st.Size()})
	}
	out := &listing{}
	seen := map[string]bool{}
	var partNames []string
	partSet := false
	addFile := func(path string, size int64, parts []partitionDir) error {
		if seen[path] {
			return nil
		}
		seen[path] = true
		if hasFilter && !globMatch(globFilter, filepath.Base(path)) {
			return nil
		}
		f := &fileInfo{path: path, size: size}
		if !recursive {
			names := make([]string, len(parts))
			for i, p := range parts {
				names[i] = p.key
				f.partValues = append(f.partValues, p.value)
			}
			if !partSet {
				partNames, partSet = names, true
			} else if strings.Join(names, "/") != strings.Join(partNames, "/") {
				return sparkerror.New(sparkerror.Internal, "", "", "Conflicting directory structures detected. Suspicious paths:\n\t<path>\nIf provided paths are partition directories, please set \"basePath\" in the options of the data source to specify the root directory of the table.",
					map[string]string{"path": filepath.Dir(path)})
			}
		}
		out.files = append(out.files, f)
		return nil
	}
	for _, r := range roots {
		if hiddenName(filepath.Base(r.path)) {
			continue
		}
		if !r.isDir {
			if isSummaryFile(r.path) {
				continue
			}
			if err := addFile(r.path, r.size, nil); err != nil {
				return nil, err
			}
			continue
		}
		var found []*fileInfo
		err := filepath.WalkDir(r.path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p == r.path {
				return nil
			}
			if hiddenName(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || isSummaryFile(p) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			found = append(found, &fileInfo{path: p, size: info.Size()})
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		for _, f := range found {
			rel, _ := filepath.Rel(r.path, f.path)
			if err := addFile(f.path, f.size, parsePartitionDirs(rel)); err != nil {
				return nil, err
			}
		}
	}
	out.partCols = partNames
	return out, nil
}

// isSummaryFile reports Parquet summary files, which are listed but are not data.
func isSummaryFile(p string) bool {
	b := filepath.Base(p)
	return b == "_metadata" || b == "_common_metadata"
}

// compressed file extensions the text formats decompress, as Hadoop's codecs do by name.
func isCompressed(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".gz", ".bz2", ".deflate":
		return true
	}
	return false
}

// decompress wraps a reader by the file's extension.
func decompress(p string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".gz":
		return gzip.NewReader(r)
	case ".bz2":
		return bzip2.NewReader(r), nil
	case ".deflate":
		return zlib.NewReader(r)
	}
	return r, nil
}

// openFile opens a whole file for reading, decompressing by extension.
func openFile(p string) (io.Closer, io.Reader, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	in, err := decompress(p, fh)
	if err != nil {
		fh.Close()
		return nil, nil, err
	}
	return fh, in, nil
}

// openLineSplit opens a split of a line-oriented file as a line reader owning the lines
// that start in the split (see lineReader). A multi-byte separator may straddle the
// split's start, so reading starts that many bytes earlier.
func openLineSplit(sp fileSplit, sep []byte) (io.Closer, *lineReader, error) {
	if sp.length < 0 || isCompressed(sp.file.path) {
		fh, in, err := openFile(sp.file.path)
		if err != nil {
			return nil, nil, err
		}
		return fh, newLineReader(in, sep, 0, -1), nil
	}
	from := sp.start
	if len(sep) > 1 {
		from = max(0, from-int64(len(sep)-1))
	}
	fh, err := os.Open(sp.file.path)
	if err != nil {
		return nil, nil, err
	}
	if from > 0 {
		if _, err := fh.Seek(from, io.SeekStart); err != nil {
			fh.Close()
			return nil, nil, err
		}
	}
	lr := newLineReader(fh, sep, from, sp.start+sp.length)
	if sp.start > 0 {
		if err := lr.skipPartial(); err != nil {
			fh.Close()
			return nil, nil, err
		}
	}
	return fh, lr, nil
}
