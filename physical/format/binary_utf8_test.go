package format

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

// The UTF-8 binary style decodes the bytes as Java does, malformed input as U+FFFD
// (string-functions.sql: to_binary('FF') prints as "\uFFFD", to_binary(' ab cd ', 'base64')
// as "i\uFFFD\x1d").
func TestBinaryUTF8Malformed(t *testing.T) {
	bin := fromJSON(t, arrow.BinaryTypes.Binary, `["/w==", "abcd", "CrwK", "5Yo="]`) // FF; 69 B7 1D; 0A BC 0A; E5 8A
	checkRender(t, "UTF-8", bin, Options{BinaryStyle: BinaryUTF8}, "\uFFFD", "i\uFFFD\x1d", "\n\uFFFD\n", "\uFFFD")
	checkRender(t, "hive default", bin, Options{Style: StyleHive}, "\uFFFD", "i\uFFFD\x1d", "\n\uFFFD\n", "\uFFFD")
}
