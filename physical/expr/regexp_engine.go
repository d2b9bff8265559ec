package expr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"regexp"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
)

// javaRegex is a compiled java.util.regex pattern, run by Go's RE2 (linear time) unless
// the pattern needs backtracking, which regexp2 runs under a time limit per match. RE2
// also leaves to regexp2 the inputs on which its anchors would read otherwise than
// Java's (line terminators other than a '\n' inside the input, for ^ and $; non-ASCII
// text, for \b). All positions are byte offsets into the input; groups are numbered as
// Java numbers them.
type javaRegex struct {
	pattern string // the Java pattern
	parsed  *javaPattern
	re      *regexp.Regexp // nil when every input backtracks
	// plainRE2: RE2 matches every input as Java does.
	plainRE2 bool

	btOnce sync.Once
	bt     *regexp2.Regexp
	btErr  error

	groups int
	names  map[string]int
}

// regexMatchTimeout bounds one match of a backtracking pattern: Java has no bound, but a
// pattern that backtracks exponentially must not hold a task forever.
var regexMatchTimeout = 10 * time.Second

// compileJavaRegex compiles a java.util.regex pattern for function fn. The pattern is the
// Java String Spark compiles: invalid UTF-8 (a BINARY cast to STRING) reads as U+FFFD.
func compileJavaRegex(fn, p string) (*javaRegex, error) {
	return compileJavaRegexFlags(fn, p, 0)
}

// compileJavaRegexFlags is compileJavaRegex with Pattern.compile's flags (jf*).
func compileJavaRegexFlags(fn, p string, flags int) (*javaRegex, error) {
	if !utf8.ValidString(p) {
		p = string(format.AppendJavaUTF8(nil, []byte(p)))
	}
	jp, err := parseJavaRegex(p, flags)
	if err != nil {
		var u *javaUnsupported
		if errors.As(err, &u) {
			return nil, sparkerror.NotImplemented(u.feature + " (" + fn + ")")
		}
		return nil, invalidPattern(fn, p)
	}
	r := &javaRegex{pattern: p, parsed: jp, groups: jp.groups, names: jp.names}
	if !jp.backtrack {
		// RE2 refuses some patterns Java takes (counts over 1000): those backtrack.
		if re, err := regexp.Compile(jp.emit(rxRE2)); err == nil {
			r.re = re
			r.plainRE2 = !jp.endInput && !jp.multiLine && !jp.lineDot && !jp.wordBoundary
			return r, nil
		}
	}
	if _, err := r.backtracker(); err != nil {
		return nil, sparkerror.NotImplemented("the regular expression " + sqlString([]byte(p)) + " (" + fn + "): " + err.Error())
	}
	return r, nil
}

// backtracker is the pattern compiled for regexp2, compiled once when first needed.
func (r *javaRegex) backtracker() (*regexp2.Regexp, error) {
	r.btOnce.Do(func() {
		r.bt, r.btErr = regexp2.Compile(r.parsed.emit(rxBacktrack), regexp2.None)
		if r.btErr == nil {
			r.bt.MatchTimeout = regexMatchTimeout
		}
	})
	return r.bt, r.btErr
}

// batchInput is what a kernel learns once about the strings of a batch for
// javaRegex.useRE2, so that rows need not be scanned one by one.
type batchInput struct {
	v                            *varView
	checkedLines, checkedASCII   bool
	noOtherTerminators, allASCII bool
}

// input is the batch input of argument a (the strings matched).
func (b *batchInput) input(a *argv) *batchInput {
	b.v = &a.v
	return b
}

func (b *batchInput) data() []byte {
	v := b.v
	if len(v.offs) == 0 || len(v.data) == 0 {
		return nil
	}
	return v.data[v.offs[0]:v.offs[len(v.offs)-1]]
}

// lineClean reports whether s, a row of the batch b (nil when unknown), holds no line
// terminator but '\n'.
func (b *batchInput) lineClean(s []byte) bool {
	if b == nil {
		return !hasOtherLineTerminator(s)
	}
	if !b.checkedLines {
		b.checkedLines = true
		b.noOtherTerminators = !hasOtherLineTerminator(b.data())
	}
	return b.noOtherTerminators || !hasOtherLineTerminator(s)
}

// ascii reports whether s, a row of the batch b (nil when unknown), is ASCII.
func (b *batchInput) ascii(s []byte) bool {
	if b == nil {
		return isASCII(s)
	}
	if !b.checkedASCII {
		b.checkedASCII = true
		b.allASCII = isASCII(b.data())
	}
	return b.allASCII || isASCII(s)
}

// useRE2 reports whether RE2 matches s, a string of the batch in (nil when unknown), as
// Java does.
func (r *javaRegex) useRE2(s []byte, in *batchInput) bool {
	return r.plainRE2 || r.re != nil && r.inputFitsRE2(s, in)
}

func (r *javaRegex) inputFitsRE2(s []byte, in *batchInput) bool {
	jp := r.parsed
	if jp.endInput && endsWithLineTerminator(s) {
		return false
	}
	if jp.caretLine && (len(s) == 0 || s[len(s)-1] == '\n') {
		// (?m)^ does not match at the end of the input, even an empty one.
		return false
	}
	if (jp.multiLine || jp.lineDot) && !in.lineClean(s) {
		return false
	}
	return !jp.wordBoundary || in.ascii(s)
}

// endsWithLineTerminator reports whether s ends with one of Java's line terminators.
func endsWithLineTerminator(s []byte) bool {
	n := len(s)
	switch {
	case n == 0:
		return false
	case s[n-1] == '\n' || s[n-1] == '\r':
		return true
	case n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0x85: // U+0085
		return true
	case n >= 3 && s[n-3] == 0xE2 && s[n-2] == 0x80 && (s[n-1] == 0xA8 || s[n-1] == 0xA9): // U+2028, U+2029
		return true
	}
	return false
}

// hasOtherLineTerminator reports whether s holds a line terminator of Java's other than
// '\n': \r, U+0085, U+2028 or U+2029.
func hasOtherLineTerminator(s []byte) bool {
	if bytes.IndexByte(s, '\r') >= 0 {
		return true
	}
	for i := bytes.IndexByte(s, 0xC2); i >= 0 && i+1 < len(s); {
		if s[i+1] == 0x85 {
			return true
		}
		k := bytes.IndexByte(s[i+1:], 0xC2)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	for i := bytes.IndexByte(s, 0xE2); i >= 0 && i+2 < len(s); {
		if s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return true
		}
		k := bytes.IndexByte(s[i+1:], 0xE2)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s []byte) bool {
	for len(s) >= 8 {
		if binary.LittleEndian.Uint64(s)&0x8080808080808080 != 0 {
			return false
		}
		s = s[8:]
	}
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// text gets the input of a regexp2 match.
func (r *javaRegex) text(s []byte) (*regexp2.Regexp, *runeText, error) {
	bt, err := r.backtracker()
	if err != nil {
		return nil, nil, sparkerror.NotImplemented("the regular expression " + sqlString([]byte(r.pattern)) + ": " + err.Error())
	}
	t := runeTexts.Get().(*runeText)
	t.set(s)
	return bt, t, nil
}

// numGroups is the number of capturing groups.
func (r *javaRegex) numGroups() int { return r.groups }

// groupIndex is the number of the named group, -1 when there is none.
func (r *javaRegex) groupIndex(name string) int {
	if g, ok := r.names[name]; ok {
		return g
	}
	return -1
}

// runeText is an input as runes, with the byte offset of each rune, for regexp2.
type runeText struct {
	runes []rune
	offs  []int // offs[i] is where rune i starts; offs[len(runes)] is the input's length
}

var runeTexts = sync.Pool{New: func() any { return new(runeText) }}

func (t *runeText) set(s []byte) {
	t.runes, t.offs = t.runes[:0], t.offs[:0]
	for i := 0; i < len(s); {
		c, w := utf8.DecodeRune(s[i:])
		t.runes = append(t.runes, c)
		t.offs = append(t.offs, i)
		i += w
	}
	t.offs = append(t.offs, len(s))
}

func (r *javaRegex) timeout(err error) error {
	return sparkerror.New(sparkerror.Runtime, "REGEX_MATCH_TIMEOUT", "54000",
		"The regular expression <pattern> did not finish matching a value within <limit>: it backtracks too much. Simplify the pattern (nested quantifiers such as (a+)+ backtrack exponentially).",
		map[string]string{"pattern": sqlString([]byte(r.pattern)), "limit": regexMatchTimeout.String()})
}

// submatches are the byte offsets of a regexp2 match's groups (-1 for a group that did
// not take part), appended to dst.
func (r *javaRegex) submatches(dst []int, m *regexp2.Match, t *runeText) []int {
	for g := 0; g <= r.groups; g++ {
		grp := m.GroupByNumber(g)
		if grp == nil || len(grp.Captures) == 0 {
			dst = append(dst, -1, -1)
			continue
		}
		dst = append(dst, t.offs[grp.Index], t.offs[grp.Index+grp.Length])
	}
	return dst
}

// matches reports whether the pattern matches somewhere in s (Matcher.find).
func (r *javaRegex) matches(s []byte, in *batchInput) (bool, error) {
	if r.useRE2(s, in) {
		return r.re.Match(s), nil
	}
	return r.matchesBT(s)
}

func (r *javaRegex) matchesBT(s []byte) (bool, error) {
	bt, t, err := r.text(s)
	if err != nil {
		return false, err
	}
	defer runeTexts.Put(t)
	ok, err := bt.MatchRunes(t.runes)
	if err != nil {
		return false, r.timeout(err)
	}
	return ok, nil
}

// first is the first match's group offsets (2 per group, group 0 the whole match), nil
// when nothing matches.
func (r *javaRegex) first(s []byte, in *batchInput) ([]int, error) {
	if r.useRE2(s, in) {
		return r.re.FindSubmatchIndex(s), nil
	}
	return r.firstBT(s)
}

func (r *javaRegex) firstBT(s []byte) ([]int, error) {
	bt, t, err := r.text(s)
	if err != nil {
		return nil, err
	}
	defer runeTexts.Put(t)
	m, err := bt.FindRunesMatch(t.runes)
	if err != nil {
		return nil, r.timeout(err)
	}
	if m == nil {
		return nil, nil
	}
	return r.submatches(make([]int, 0, 2*(r.groups+1)), m, t), nil
}

// all lists the matches Matcher.find() reports one after another, each as the offsets of
// its groups.
func (r *javaRegex) all(s []byte, in *batchInput) ([][]int, error) {
	if r.useRE2(s, in) {
		return javaFindAll(r.re, s, r.parsed.mayBeEmpty), nil
	}
	return r.allBT(s)
}

func (r *javaRegex) allBT(s []byte) ([][]int, error) {
	bt, t, err := r.text(s)
	if err != nil {
		return nil, err
	}
	defer runeTexts.Put(t)
	var out [][]int
	m, err := bt.FindRunesMatch(t.runes)
	for err == nil && m != nil {
		out = append(out, r.submatches(make([]int, 0, 2*(r.groups+1)), m, t))
		m, err = bt.FindNextMatch(m)
	}
	if err != nil {
		return nil, r.timeout(err)
	}
	return out, nil
}

// count is the number of matches Matcher.find() reports.
func (r *javaRegex) count(s []byte, in *batchInput) (int, error) {
	if r.useRE2(s, in) {
		return len(javaFindAll(r.re, s, r.parsed.mayBeEmpty)), nil
	}
	return r.countBT(s)
}

func (r *javaRegex) countBT(s []byte) (int, error) {
	bt, t, err := r.text(s)
	if err != nil {
		return 0, err
	}
	defer runeTexts.Put(t)
	n := 0
	m, err := bt.FindRunesMatch(t.runes)
	for err == nil && m != nil {
		n++
		m, err = bt.FindNextMatch(m)
	}
	if err != nil {
		return 0, r.timeout(err)
	}
	return n, nil
}

// javaSplit splits s as UTF8String.split(pattern, limit) does (String.split with a
// limit, 0 meaning none, trailing empty strings kept): an empty pattern splits s into its
// characters; no empty string leads the result for a zero-width match at the start.
// compile is called only for a non-empty pattern; in is s's batch, if known.
func javaSplit(s, pattern []byte, limit int64, in *batchInput, compile func([]byte) (*javaRegex, error), add func([]byte)) error {
	if len(s) != 0 && len(pattern) == 0 {
		chars := int64(numChars(s))
		if limit > chars || limit <= 0 {
			limit = chars
		}
		j := 0
		for k := int64(0); k < limit-1; k++ {
			n := min(charLen(s[j]), len(s)-j)
			add(s[j : j+n])
			j += n
		}
		add(s[j:])
		return nil
	}
	re, err := compile(pattern)
	if err != nil {
		return err
	}
	ms, err := re.all(s, in)
	if err != nil {
		return err
	}
	index, count := 0, int64(0)
	for _, m := range ms {
		if limit > 0 && count >= limit-1 {
			break
		}
		if index == 0 && m[0] == 0 && m[1] == 0 {
			continue
		}
		add(s[index:m[0]])
		count++
		index = m[1]
	}
	if index == 0 && count == 0 {
		add(s)
		return nil
	}
	add(s[index:])
	return nil
}
