package tpchgen

// Value sets and weighted word lists of TPC-H Clause 4.2.2.13 and 4.2.3.

// weighted is a weighted list of strings; pick draws one with probability
// proportional to its weight in O(1) through an expanded index table.
type weighted struct {
	words []string
	index []uint8
}

type ww struct {
	w string
	n int
}

func newWeighted(items ...ww) *weighted {
	d := &weighted{}
	for i, it := range items {
		d.words = append(d.words, it.w)
		for k := 0; k < it.n; k++ {
			d.index = append(d.index, uint8(i))
		}
	}
	return d
}

func (d *weighted) pick(r *rng) string {
	return d.words[d.index[r.intn(int64(len(d.index)))]]
}

var (
	nouns = newWeighted(
		ww{"packages", 40}, ww{"requests", 40}, ww{"accounts", 40}, ww{"deposits", 40},
		ww{"foxes", 20}, ww{"ideas", 20}, ww{"theodolites", 20}, ww{"pinto beans", 20},
		ww{"instructions", 20}, ww{"dependencies", 10}, ww{"excuses", 10}, ww{"platelets", 10},
		ww{"asymptotes", 10}, ww{"courts", 5}, ww{"dolphins", 5}, ww{"multipliers", 1},
		ww{"sauternes", 1}, ww{"warthogs", 1}, ww{"frets", 1}, ww{"dinos", 1},
		ww{"attainments", 1}, ww{"somas", 1}, ww{"Tiresias", 1}, ww{"patterns", 1},
		ww{"forges", 1}, ww{"braids", 1}, ww{"frays", 1}, ww{"warhorses", 1},
		ww{"dugouts", 1}, ww{"notornis", 1}, ww{"epitaphs", 1}, ww{"pearls", 1},
		ww{"tithes", 1}, ww{"waters", 1}, ww{"orbits", 1}, ww{"gifts", 1},
		ww{"sheaves", 1}, ww{"depths", 1}, ww{"sentiments", 1}, ww{"decoys", 1},
		ww{"realms", 1}, ww{"pains", 1}, ww{"grouches", 1}, ww{"escapades", 1},
		ww{"hockey players", 1},
	)
	verbs = newWeighted(
		ww{"sleep", 20}, ww{"wake", 20}, ww{"are", 20}, ww{"cajole", 20},
		ww{"haggle", 20}, ww{"nag", 10}, ww{"use", 10}, ww{"boost", 10},
		ww{"affix", 5}, ww{"detect", 5}, ww{"integrate", 5}, ww{"maintain", 1},
		ww{"nod", 1}, ww{"was", 1}, ww{"lose", 1}, ww{"sublate", 1},
		ww{"solve", 1}, ww{"thrash", 1}, ww{"promise", 1}, ww{"engage", 1},
		ww{"hinder", 1}, ww{"print", 1}, ww{"x-ray", 1}, ww{"breach", 1},
		ww{"eat", 1}, ww{"grow", 1}, ww{"impress", 1}, ww{"mold", 1},
		ww{"poach", 1}, ww{"serve", 1}, ww{"run", 1}, ww{"dazzle", 1},
		ww{"snooze", 1}, ww{"doze", 1}, ww{"unwind", 1}, ww{"kindle", 1},
		ww{"play", 1}, ww{"hang", 1}, ww{"believe", 1}, ww{"doubt", 1},
	)
	adjectives = newWeighted(
		ww{"special", 20}, ww{"pending", 20}, ww{"unusual", 20}, ww{"express", 20},
		ww{"furious", 1}, ww{"sly", 1}, ww{"careful", 1}, ww{"blithe", 1},
		ww{"quick", 1}, ww{"fluffy", 1}, ww{"slow", 1}, ww{"quiet", 1},
		ww{"ruthless", 1}, ww{"thin", 1}, ww{"close", 1}, ww{"dogged", 1},
		ww{"daring", 1}, ww{"brave", 1}, ww{"stealthy", 1}, ww{"permanent", 1},
		ww{"enticing", 1}, ww{"idle", 1}, ww{"busy", 1}, ww{"regular", 50},
		ww{"final", 40}, ww{"ironic", 40}, ww{"even", 30}, ww{"bold", 20},
		ww{"silent", 10},
	)
	adverbs = newWeighted(
		ww{"sometimes", 1}, ww{"always", 1}, ww{"never", 1}, ww{"furiously", 50},
		ww{"slyly", 50}, ww{"carefully", 50}, ww{"blithely", 40}, ww{"quickly", 30},
		ww{"fluffily", 20}, ww{"slowly", 1}, ww{"quietly", 1}, ww{"ruthlessly", 1},
		ww{"thinly", 1}, ww{"closely", 1}, ww{"doggedly", 1}, ww{"daringly", 1},
		ww{"bravely", 1}, ww{"stealthily", 1}, ww{"permanently", 1}, ww{"enticingly", 1},
		ww{"idly", 1}, ww{"busily", 1}, ww{"regularly", 1}, ww{"finally", 1},
		ww{"ironically", 1}, ww{"evenly", 1}, ww{"boldly", 1}, ww{"silently", 1},
	)
	prepositions = newWeighted(
		ww{"about", 50}, ww{"above", 50}, ww{"according to", 50}, ww{"across", 50},
		ww{"after", 50}, ww{"against", 40}, ww{"along", 40}, ww{"alongside of", 30},
		ww{"among", 30}, ww{"around", 20}, ww{"at", 10}, ww{"atop", 1},
		ww{"before", 1}, ww{"behind", 1}, ww{"beneath", 1}, ww{"beside", 1},
		ww{"besides", 1}, ww{"between", 1}, ww{"beyond", 1}, ww{"by", 1},
		ww{"despite", 1}, ww{"during", 1}, ww{"except", 1}, ww{"for", 1},
		ww{"from", 1}, ww{"in place of", 1}, ww{"inside", 1}, ww{"instead of", 1},
		ww{"into", 1}, ww{"near", 1}, ww{"of", 1}, ww{"on", 1},
		ww{"outside", 1}, ww{"over", 1}, ww{"past", 1}, ww{"since", 1},
		ww{"through", 1}, ww{"throughout", 1}, ww{"to", 1}, ww{"toward", 1},
		ww{"under", 1}, ww{"until", 1}, ww{"up", 1}, ww{"upon", 1},
		ww{"without", 1}, ww{"with", 1}, ww{"within", 1},
	)
	auxiliaries = newWeighted(
		ww{"do", 1}, ww{"may", 1}, ww{"might", 1}, ww{"shall", 1},
		ww{"will", 1}, ww{"would", 1}, ww{"can", 1}, ww{"could", 1},
		ww{"should", 1}, ww{"ought to", 1}, ww{"must", 1}, ww{"will have to", 1},
		ww{"shall have to", 1}, ww{"could have to", 1}, ww{"should have to", 1}, ww{"must have to", 1},
		ww{"need to", 1}, ww{"try to", 1},
	)
	terminators = newWeighted(
		ww{".", 50}, ww{";", 1}, ww{":", 1}, ww{"?", 1}, ww{"!", 1}, ww{"--", 1},
	)
	// Sentence, noun-phrase and verb-phrase productions of the grammar.
	// Letters: N noun phrase, V verb phrase, P prepositional phrase,
	// T terminator; within phrases J adjective, D adverb, X auxiliary,
	// ',' a comma after the preceding word.
	sentenceForms = newWeighted(
		ww{"NVT", 3}, ww{"NVPT", 3}, ww{"NVNT", 3}, ww{"NPVNT", 1}, ww{"NPVPT", 1},
	)
	nounPhraseForms = newWeighted(
		ww{"N", 10}, ww{"JN", 20}, ww{"J,JN", 10}, ww{"DJN", 50},
	)
	verbPhraseForms = newWeighted(
		ww{"V", 30}, ww{"XV", 1}, ww{"VD", 40}, ww{"XVD", 1},
	)
)

// colors is the P_NAME word list (92 entries).
var colors = []string{
	"almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched",
	"blue", "blush", "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate",
	"coral", "cornflower", "cornsilk", "cream", "cyan", "dark", "deep", "dim",
	"dodger", "drab", "firebrick", "floral", "forest", "frosted", "gainsboro", "ghost",
	"goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki",
	"lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta",
	"maroon", "medium", "metallic", "midnight", "mint", "misty", "moccasin", "navajo",
	"navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru",
	"pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy",
	"royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate",
	"smoke", "snow", "spring", "steel", "tan", "thistle", "tomato", "turquoise",
	"violet", "wheat", "white", "yellow",
}

var (
	typeSyllable1      = []string{"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"}
	typeSyllable2      = []string{"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"}
	typeSyllable3      = []string{"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"}
	containerSyllable1 = []string{"SM", "LG", "MED", "JUMBO", "WRAP"}
	containerSyllable2 = []string{"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"}
	segments           = []string{"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"}
	priorities         = []string{"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"}
	instructions       = []string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}
	shipModes          = []string{"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"}
)

// partTypes and containers are the full cross products of their syllables.
var partTypes, containers = func() ([]string, []string) {
	var t, c []string
	for _, a := range typeSyllable1 {
		for _, b := range typeSyllable2 {
			for _, d := range typeSyllable3 {
				t = append(t, a+" "+b+" "+d)
			}
		}
	}
	for _, a := range containerSyllable1 {
		for _, b := range containerSyllable2 {
			c = append(c, a+" "+b)
		}
	}
	return t, c
}()

var regions = []string{"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"}

var nations = []struct {
	name   string
	region int64
}{
	{"ALGERIA", 0}, {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1}, {"EGYPT", 4},
	{"ETHIOPIA", 0}, {"FRANCE", 3}, {"GERMANY", 3}, {"INDIA", 2}, {"INDONESIA", 2},
	{"IRAN", 4}, {"IRAQ", 4}, {"JAPAN", 2}, {"JORDAN", 4}, {"KENYA", 0},
	{"MOROCCO", 0}, {"MOZAMBIQUE", 0}, {"PERU", 1}, {"CHINA", 2}, {"ROMANIA", 3},
	{"SAUDI ARABIA", 4}, {"VIETNAM", 2}, {"RUSSIA", 3}, {"UNITED KINGDOM", 3}, {"UNITED STATES", 1},
}
