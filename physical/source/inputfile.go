package source

import (
	"net/url"
	"path/filepath"
	"strings"
)

// InputFile names the split of the batch the stream returned last (for input_file_name,
// input_file_block_start and input_file_block_length): the file as a URI, as Spark's
// PartitionedFile gives it, and the split's byte range (the whole file when the split
// has no range).
func (st *scanStream) InputFile() (path string, start, length int64) {
	sp := st.curSp
	if sp.file == nil {
		return "", -1, -1
	}
	start, length = sp.start, sp.length
	if length < 0 {
		start, length = 0, sp.file.size
	}
	return fileURI(sp.file.path), start, length
}

// fileURI turns a local path into a file: URI (other URIs are kept).
func fileURI(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "file:") {
		return p
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}
