package expr

import (
	"unicode"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// sentences(str, language, country): str split into sentences and each sentence into its
// words (segments starting with a letter or digit), as Spark does with java.text's
// BreakIterator for Locale.US. The break rules here are a close reading of the JDK's:
// a sentence ends after ?, ! (or . when the next sentence does not start in lower case)
// plus closing punctuation and spaces, and after a line break; a word is a run of letters
// and digits that may hold an apostrophe or period between letters and a period or comma
// between digits. The locale arguments do not change the rules.

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// isBreakTransparent reports the characters the JDK's break rules skip over, attaching them
// to the character before: nonspacing, enclosing and spacing combining marks and format
// characters.
func isBreakTransparent(r rune) bool {
	return r >= 0x80 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf)
}

// sentenceBreaks returns the end offsets of the sentences of s.
func sentenceBreaks(s string, out []int) []int {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\u2029' || r == '\u2028':
			j := i + w
			if r == '\r' && j < len(s) && s[j] == '\n' {
				j++
			}
			out = append(out, j)
			i = j
			continue
		case r == '.' || r == '?' || r == '!':
			strong := false
			j := i
			for j < len(s) && (s[j] == '.' || s[j] == '?' || s[j] == '!') {
				strong = strong || s[j] != '.'
				j++
			}
			for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']') {
				j++
			}
			spaceStart := j
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if j == len(s) {
				out = append(out, j)
				i = j
				continue
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if next == '\n' || next == '\r' {
				i = j // the line break ends the sentence
				continue
			}
			if strong || (j > spaceStart && !unicode.IsLower(next)) {
				out = append(out, j)
			}
			i = j
			continue
		}
		i += w
	}
	if len(out) == 0 || out[len(out)-1] != len(s) {
		if len(s) > 0 {
			out = append(out, len(s))
		}
	}
	return out
}

// appendWords appends the words of sentence to b.
func appendWords(b *array.StringBuilder, sentence string) {
	i := 0
	for i < len(sentence) {
		r, w := utf8.DecodeRuneInString(sentence[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += w
			continue
		}
		start := i
		prevDigit := unicode.IsDigit(r)
		i += w
		for i < len(sentence) {
			r, w = utf8.DecodeRuneInString(sentence[i:])
			if isWordRune(r) {
				prevDigit = unicode.IsDigit(r)
				i += w
				continue
			}
			if isBreakTransparent(r) {
				// Combining marks and format characters belong to the character before
				// them: the 'i' of "i\u0307o" and its dot are one character of the word.
				i += w
				continue
			}
			if r == '\'' || r == '\u2019' || r == '.' || r == ',' {
				nr, nw := utf8.DecodeRuneInString(sentence[i+w:])
				joins := false
				switch r {
				case ',':
					joins = prevDigit && unicode.IsDigit(nr)
				case '.':
					joins = (prevDigit && unicode.IsDigit(nr)) || (!prevDigit && unicode.IsLetter(nr))
				default:
					joins = !prevDigit && unicode.IsLetter(nr)
				}
				if joins && i+w < len(sentence) {
					prevDigit = unicode.IsDigit(nr)
					i += w + nw
					continue
				}
			}
			break
		}
		b.Append(sentence[start:i])
	}
}

func sentencesFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("sentences", args, 3, 3); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	return newFunc("sentences", args, rt, false, func(a []arrow.Array, n int) (arrow.Array, error) {
		bld := array.NewBuilder(mem, at)
		defer bld.Release()
		outer, ok := bld.(*array.ListBuilder)
		if !ok {
			return nil, sparkerror.InternalError("sentences: result type %s", at)
		}
		inner := outer.ValueBuilder().(*array.ListBuilder)
		words := inner.ValueBuilder().(*array.StringBuilder)
		s := viewVar(a[0])
		valid := validity(a[0])
		var breaks []int
		for i := 0; i < n; i++ {
			if valid != nil && !valid.get(i) {
				outer.AppendNull()
				continue
			}
			outer.Append(true)
			text := string(s.at(i))
			breaks = sentenceBreaks(text, breaks[:0])
			start := 0
			for _, end := range breaks {
				inner.Append(true)
				appendWords(words, text[start:end])
				start = end
			}
		}
		return bld.NewArray(), nil
	})
}

func init() { register(sentencesFn, "sentences") }
