package overview

import "strconv"

// Topic is one item told country by country: the text a coordinator
// pastes into a report.
type Topic struct {
	Item       Item
	Paragraphs []Paragraph
}

// Paragraph is one country's answer and comment to an item, as display
// text with the footnote references renumbered for the whole output.
type Paragraph struct {
	Column  *Column
	Answer  string // display text; "" when nothing is written
	Comment string // display text, one line per paragraph or list item
	Value   *Value
}

// Numbered is a source with its number in the output.
type Numbered struct {
	N int
	Source
}

// Topics tells every selected item country by country, in template order
// then column order. Footnotes are renumbered in order of first reference
// across the whole output, and a source cited twice (by two countries, or
// by two items) keeps its first number: the numbered list is the output's
// one list of sources.
func (ov *Overview) Topics() ([]Topic, []Numbered) {
	var topics []Topic
	var sources []Numbered
	number := map[string]int{}
	for i, it := range ov.Items {
		t := Topic{Item: it}
		for j, col := range ov.Columns {
			v := ov.Value(i, j)
			byLabel := map[string]Source{}
			for _, s := range v.Sources {
				byLabel[s.Label] = s
			}
			ref := func(label string) string {
				s, ok := byLabel[label]
				if !ok {
					return "?"
				}
				k := s.key()
				n, ok := number[k]
				if !ok {
					n = len(sources) + 1
					number[k] = n
					sources = append(sources, Numbered{N: n, Source: s})
				}
				return strconv.Itoa(n)
			}
			t.Paragraphs = append(t.Paragraphs, Paragraph{
				Column: col, Value: v,
				Answer:  Display(v.Answer, ref),
				Comment: Display(v.Comment, ref),
			})
		}
		topics = append(topics, t)
	}
	return topics, sources
}

// Sentence joins an answer and its comment the way a report says it:
// "Yes. Belgium's digital health strategy is guided by ... [1]". Line
// breaks of the comment are kept.
func (p Paragraph) Sentence() string {
	a := p.Answer
	switch {
	case a == "" && p.Comment == "":
		return "(no answer)"
	case a == "":
		return p.Comment
	case p.Comment == "":
		return a
	}
	return terminated(a) + " " + p.Comment
}

// terminated ends a sentence with a full stop unless it has its own
// punctuation.
func terminated(s string) string {
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ':', ';':
		return s
	}
	return s + "."
}
