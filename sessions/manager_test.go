package sessions

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sailgo/sail/actors"
)

// TestManagerReplays replays every recorded session-manager sequence under testdata.
func TestManagerReplays(t *testing.T) {
	files, err := filepath.Glob("../testdata/actors/sessionmanager/*.replay")
	if err != nil || len(files) == 0 {
		t.Fatalf("no replay files found (%v)", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			n := 0
			counter := func() string { n++; return fmt.Sprintf("s-%d", n) }
			m := NewManager(ManagerConfig{IdleTimeout: 15 * time.Minute}, nil, counter)
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for _, err := range actors.Replay(m, f) {
				t.Error(err)
			}
		})
	}
}
