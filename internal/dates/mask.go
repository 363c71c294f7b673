package dates

import "strings"

// maskAddresses marks the tokens of one line that belong to web and e-mail
// addresses, Markdown link targets, link labels that are themselves
// addresses, and HTML tags. Numbers there are parts of names
// ("…/arrete/2025/03/27/…", "plan-d-action-interfederal-esante-2025-2027#…"),
// never dates a reader sees.
func maskAddresses(text string, toks []token) {
	maskAddressChunks(text, toks)
	maskMarkup(text, toks)
}

// maskAddressChunks masks every run of non-blank tokens that looks like an
// address.
func maskAddressChunks(text string, toks []token) {
	for i := 0; i < len(toks); {
		if toks[i].kind == tSpace {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].kind != tSpace {
			j++
		}
		// The text of a link, "[Roadmap 2019-2021](https://…)", is text:
		// only what follows its "](" is the address.
		from := i
		for k := i; k+1 < j; k++ {
			if isPunct(toks[k], ']') && isPunct(toks[k+1], '(') {
				from = k + 1
			}
		}
		if looksLikeAddress(text, toks[from:j]) {
			mask(toks, from, j)
		}
		i = j
	}
}

// looksLikeAddress reports whether a run of non-blank tokens holds "://",
// "@" or "www.", the marks of web and e-mail addresses.
func looksLikeAddress(text string, chunk []token) bool {
	for k, t := range chunk {
		switch {
		case isPunct(t, '@'):
			return true
		case isPunct(t, ':') && k+2 < len(chunk) && isPunct(chunk[k+1], '/') && isPunct(chunk[k+2], '/'):
			return true
		case isWord(text, t, "www") && k+1 < len(chunk) && isPunct(chunk[k+1], '.'):
			return true
		}
	}
	return false
}

// maskMarkup masks the parts of Markdown and HTML that may contain blanks, so
// that maskAddressChunks cannot see them whole: HTML tags and autolinks,
// "](target)" with balanced parentheses, and "[https://…]" labels. Each
// search stops at the end of the line; a failed search is remembered so that
// the pass stays linear.
func maskMarkup(text string, toks []token) {
	noTagClose, noLabelClose := -1, -1 // openers before these have no closer
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tPunct {
			continue
		}
		end := -1
		switch toks[i].r {
		case '<':
			if opensTag(toks, i) {
				end = closeOnLine(toks, i, '>', &noTagClose)
			}
		case '[':
			if opensAddressLabel(text, toks, i) {
				end = closeOnLine(toks, i, ']', &noLabelClose)
			}
		case '(':
			if i > 0 && isPunct(toks[i-1], ']') {
				end = closeLinkTarget(toks, i)
			}
		}
		if end >= 0 {
			mask(toks, i, end+1)
			i = end
		}
	}
}

// mask marks toks[from:to] as never part of a date.
func mask(toks []token, from, to int) {
	for k := from; k < to; k++ {
		toks[k].masked = true
	}
}

func isPunct(t token, r rune) bool { return t.kind == tPunct && t.r == r }

func isWord(text string, t token, w string) bool {
	return t.kind == tWord && strings.EqualFold(text[t.start:t.end], w)
}

// opensTag reports whether the '<' at i starts an HTML tag or an autolink
// ("<sup>", "</a>", "<https://…>"), not a comparison ("< 2025").
func opensTag(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1]
	return n.kind == tWord || isPunct(n, '/') || isPunct(n, '!')
}

// opensAddressLabel reports whether the '[' at i starts a link label that is
// an address, such as footnote 16 of the Belgian factsheet, whose label is a
// pasted list of addresses and file names.
func opensAddressLabel(text string, toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1]
	return isWord(text, n, "http") || isWord(text, n, "https") || isWord(text, n, "www")
}

// closeOnLine finds the first closer after i, or returns -1. noCloseAfter
// remembers the last failed search: an opener after it cannot succeed either.
func closeOnLine(toks []token, i int, closer rune, noCloseAfter *int) int {
	if *noCloseAfter >= 0 && i > *noCloseAfter {
		return -1
	}
	for k := i + 1; k < len(toks); k++ {
		if isPunct(toks[k], closer) {
			return k
		}
	}
	*noCloseAfter = i
	return -1
}

// closeLinkTarget finds the parenthesis that closes the link target opened at
// i, allowing nested parentheses ("(… protocolakkoord.pdf (fgov.be); …)").
// A target left open runs to the end of the line.
func closeLinkTarget(toks []token, i int) int {
	depth := 0
	for k := i; k < len(toks); k++ {
		switch {
		case isPunct(toks[k], '('):
			depth++
		case isPunct(toks[k], ')'):
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return len(toks) - 1
}
