package proto

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedCodeIsFresh regenerates the Go code into a scratch copy of proto/ and fails
// when it differs from the committed files. It needs Debian's protoc; without it, it skips.
func TestGeneratedCodeIsFresh(t *testing.T) {
	if _, err := exec.LookPath("protoc"); err != nil {
		t.Skip("protoc is not installed (apt-get install protobuf-compiler libprotobuf-dev)")
	}
	if _, err := os.Stat("/usr/include/google/protobuf/any.proto"); err != nil {
		t.Skip("google/protobuf/*.proto not installed (apt-get install libprotobuf-dev)")
	}
	scratch := t.TempDir()
	// Copy the module's go.mod/go.sum (for the pinned plugin versions) and proto/.
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(scratch, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exec.Command("cp", "-r", ".", filepath.Join(scratch, "proto")).Run(); err != nil {
		t.Fatal(err)
	}
	var generated []string
	filepath.WalkDir(filepath.Join(scratch, "proto"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".go" && bytes.HasSuffix([]byte(p), []byte(".pb.go")) {
			generated = append(generated, p)
			os.Remove(p)
		}
		return nil
	})
	cmd := exec.Command("bash", filepath.Join(scratch, "proto", "generate.sh"))
	cmd.Dir = filepath.Join(scratch, "proto")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate.sh: %v\n%s", err, out)
	}
	if len(generated) == 0 {
		t.Fatal("no generated files found")
	}
	for _, p := range generated {
		rel, _ := filepath.Rel(filepath.Join(scratch, "proto"), p)
		fresh, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s was not regenerated: %v", rel, err)
			continue
		}
		committed, err := os.ReadFile(rel)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, committed) {
			t.Errorf("%s is stale: run `go generate ./proto` and commit the result", rel)
		}
	}
}
