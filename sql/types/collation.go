package types

import (
	"slices"
	"strings"
)

const (
	collationUTF8Binary = "UTF8_BINARY"
	collationUTF8Lcase  = "UTF8_LCASE"
	collationUnicode    = "UNICODE"
	providerSpark       = "spark"
	providerICU         = "icu"
)

// NewCollatedString returns the string type with a collation, checking and normalising the
// name as Spark's CollationFactory does ("utf8_lcase" -> "UTF8_LCASE", "unicode_ai_ci" ->
// "UNICODE_CI_AI").
func NewCollatedString(collation string) (StringType, error) {
	if collation == IndeterminateCollation {
		// Spark Connect sends the indeterminate collation of a result column as "null".
		return IndeterminateString, nil
	}
	name, err := resolveCollation(collation)
	if err != nil {
		return StringType{}, err
	}
	return stringWithCollation(name), nil
}

// stringWithCollation builds the type from a canonical name, keeping UTF8_BINARY as "".
func stringWithCollation(name string) StringType {
	if name == collationUTF8Binary {
		return StringType{}
	}
	return StringType{Collation: name}
}

// collationProvider is the provider Spark records in "__COLLATIONS" metadata.
func collationProvider(name string) string {
	if strings.HasPrefix(name, "UTF8_") {
		return providerSpark
	}
	return providerICU
}

func checkCollationProvider(provider string) *Error {
	p := strings.ToLower(provider)
	if p == providerSpark || p == providerICU {
		return nil
	}
	return newError(ExceptionSpark, "COLLATION_INVALID_PROVIDER", map[string]string{
		"provider": provider, "supportedProviders": providerSpark + ", " + providerICU})
}

// icuLocales are the ICU locales Spark 4.0 offers collations for, sorted as Spark sorts
// them (their index is Spark's locale id); UNICODE is the root locale.
var icuLocales = strings.Fields(`UNICODE af am ar ar_SAU as az be bg bn bo br bs bs_Cyrl ca ceb chr cs cy
da de de_AUT dsb dz ee el en en_USA eo es et fa fa_AFG ff ff_Adlm fi fil fo fr fr_CAN fy ga gl gu ha haw
he he_ISR hi hr hsb hu hy id id_IDN ig is it ja ka kk kl km kn ko kok ku ky lb lij lkt ln lo lt lv mk ml
mn mr ms mt my nb nb_NOR ne nl nn no nso om or pa pa_Guru pa_Guru_IND pl ps pt ro ru sa se si sk sl smn
sq sr sr_Cyrl sr_Cyrl_BIH sr_Cyrl_MNE sr_Cyrl_SRB sr_Latn sr_Latn_BIH sr_Latn_SRB st sv sw ta te th tk
tn to tr ug uk ur uz vi wae wo xh yi yo zh zh_Hans zh_Hans_CHN zh_Hans_SGP zh_Hant zh_Hant_HKG
zh_Hant_MAC zh_Hant_TWN zu`)

// maxLocaleLen is the length of the longest locale name.
var maxLocaleLen = func() int {
	n := 0
	for _, l := range icuLocales {
		n = max(n, len(l))
	}
	return n
}()

// icuLocaleByUpper maps an upper-cased locale name to its proper spelling.
var icuLocaleByUpper = func() map[string]string {
	m := make(map[string]string, len(icuLocales))
	for _, l := range icuLocales {
		m[strings.ToUpper(l)] = l
	}
	return m
}()

// resolveCollation is CollationFactory.collationNameToId followed by the canonical name of
// the id: UTF8_BINARY and UTF8_LCASE with an optional _RTRIM, or an ICU locale (the
// longest one the name starts with) followed by _CI/_CS, _AI/_AS and _RTRIM specifiers,
// each at most once. Names are case-insensitive.
func resolveCollation(original string) (string, *Error) {
	name := strings.ToUpper(original)
	if strings.HasPrefix(name, "UTF8_") {
		var base string
		switch {
		case strings.HasPrefix(name, collationUTF8Binary):
			base = collationUTF8Binary
		case strings.HasPrefix(name, collationUTF8Lcase):
			base = collationUTF8Lcase
		default:
			return "", invalidCollation(original)
		}
		switch name[len(base):] {
		case "":
			return base, nil
		case "_RTRIM":
			return base + "_RTRIM", nil
		}
		return "", invalidCollation(original)
	}
	last := -1
	for i := 1; i <= len(name) && i <= maxLocaleLen; i++ {
		if _, ok := icuLocaleByUpper[name[:i]]; ok {
			last = i
		}
	}
	if last < 0 {
		return "", invalidCollation(original)
	}
	locale := icuLocaleByUpper[name[:last]]
	if last == len(name) {
		return locale, nil
	}
	if name[last] != '_' {
		return "", invalidCollation(original)
	}
	var caseSet, accentSet, trimSet, ci, ai bool
	for _, spec := range javaSplit(name[last+1:], "_") {
		switch spec {
		case "CI", "CS":
			if caseSet {
				return "", invalidCollation(original)
			}
			caseSet, ci = true, spec == "CI"
		case "AI", "AS":
			if accentSet {
				return "", invalidCollation(original)
			}
			accentSet, ai = true, spec == "AI"
		case "RTRIM":
			if trimSet {
				return "", invalidCollation(original)
			}
			trimSet = true
		default:
			return "", invalidCollation(original)
		}
	}
	out := locale
	if ci {
		out += "_CI"
	}
	if ai {
		out += "_AI"
	}
	if trimSet {
		out += "_RTRIM"
	}
	return out, nil
}

// javaSplit is Java's String.split for a literal separator: trailing empty strings are
// dropped, and a string without the separator is returned whole.
func javaSplit(s, sep string) []string {
	if !strings.Contains(s, sep) {
		return []string{s}
	}
	parts := strings.Split(s, sep)
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// invalidCollation is CollationFactory.collationInvalidNameException, with its suggestions
// (getClosestSuggestionsOnInvalidName): the closest root names by edit distance, with the
// modifiers the name ended with.
func invalidCollation(name string) *Error {
	roots := icuLocales
	modifiersAllowed := []string{"_CI", "_AI", "_CS", "_AS", "_RTRIM"}
	if strings.HasPrefix(name, "UTF8_") {
		roots = []string{collationUTF8Binary, collationUTF8Lcase}
		modifiersAllowed = []string{"_RTRIM"}
	}
	locale := strings.ToUpper(name)
	var found []string
	for more := true; more; {
		more = false
		for _, m := range modifiersAllowed {
			if strings.HasSuffix(locale, m) {
				found = append(found, m)
				locale = locale[:len(locale)-len(m)]
				more = true
				break
			}
		}
	}
	slices.Reverse(found)
	var mods []string
	for _, m := range found {
		if !slices.Contains(mods, m) {
			mods = append(mods, m)
		}
	}
	if slices.Contains(mods, "_CI") && slices.Contains(mods, "_CS") {
		mods = slices.DeleteFunc(mods, func(m string) bool { return m == "_CI" })
	}
	if slices.Contains(mods, "_AI") && slices.Contains(mods, "_AS") {
		mods = slices.DeleteFunc(mods, func(m string) bool { return m == "_AI" })
	}
	dist := make(map[string]int, len(roots))
	for _, r := range roots {
		dist[r] = levenshtein(strings.ToUpper(r), locale)
	}
	byDistance := slices.Clone(roots)
	slices.SortStableFunc(byDistance, func(a, b string) int { return dist[a] - dist[b] })
	const maxSuggestions, threshold = 3, 3
	suffix := strings.Join(mods, "")
	var suggestions []string
	for i := 0; i < maxSuggestions && i < len(byDistance); i++ {
		s := byDistance[i] + suffix
		if len(suggestions) > 0 && levenshtein(strings.ToUpper(s), strings.ToUpper(name)) >= threshold {
			break
		}
		suggestions = append(suggestions, s)
	}
	return newError(ExceptionSpark, "COLLATION_INVALID_NAME", map[string]string{
		"collationName": name, "proposals": strings.Join(suggestions, ", ")})
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// IndeterminateCollation is the collation name of Spark's IndeterminateStringType: the
// type of an expression whose inputs have conflicting implicit collations. It prints as
// "string collate null".
const IndeterminateCollation = "null"

// IndeterminateString is the string type of indeterminate collation.
var IndeterminateString = StringType{Collation: IndeterminateCollation}

// IsIndeterminate reports whether the type has indeterminate collation.
func (t StringType) IsIndeterminate() bool { return t.Collation == IndeterminateCollation }

// CollationName is the canonical collation name, UTF8_BINARY for the default collation.
func (t StringType) CollationName() string { return t.collationName() }

// ResolveCollationName checks and normalises a collation name as COLLATE does: a
// case-insensitive name, optionally qualified by SYSTEM.BUILTIN (or BUILTIN), returned
// in canonical spelling; unknown names fail with COLLATION_INVALID_NAME.
func ResolveCollationName(name string) (string, error) {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		q := strings.ToLower(name[:i])
		if q != "system.builtin" && q != "builtin" {
			return "", invalidCollation(name)
		}
		name = name[i+1:]
	}
	n, err := resolveCollation(name)
	if err != nil {
		return "", err
	}
	return n, nil
}
