// Package actorstest runs directories of replay files as tests.
package actorstest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sailgo/sail/actors"
)

// ReplayFiles replays every *.replay file in dir against a fresh machine from newMachine
// (given the file's base name). With SAIL_REWRITE_REPLAYS=1 in the environment it rewrites
// the files instead (see actors.Rewrite); review the diff before keeping it.
func ReplayFiles(t *testing.T, dir string, newMachine func(name string) actors.Machine) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.replay"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no replay files in %s: %v", dir, err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if os.Getenv("SAIL_REWRITE_REPLAYS") == "1" {
				text, err := actors.Rewrite(newMachine(name), f)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, err := range actors.Replay(newMachine(name), f) {
				t.Error(err)
			}
		})
	}
}
