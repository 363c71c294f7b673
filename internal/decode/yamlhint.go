package decode

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The YAML library says what it could not parse, but not always where or
// why in words a person who is not a programmer can act on: an unclosed
// quote is reported at the start of the mapping that holds it ("did not
// find expected key"), a tab as a character "that cannot start any token",
// a colon in a value as "mapping values are not allowed in this context".
// explainSyntax looks at the text for the common causes and, when it
// finds one, gives its exact position, a plain message and a hint.

// syntaxHelp is what explainSyntax found: the position of the cause, the
// message to report instead of the parser's (or "" to keep it) and a hint.
type syntaxHelp struct {
	line, col int
	msg, hint string
}

// explainSyntax returns help for a YAML syntax error the parser reported
// at line with msg (the parser's words), or false.
func explainSyntax(text string, line int, msg string) (syntaxHelp, bool) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	switch {
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token"):
		if h, ok := tabIndent(lines, line); ok {
			return h, true
		}
		if strings.Contains(msg, "cannot start any token") {
			return reservedStart(lines, line)
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		return colonInValue(lines, line)
	}
	// Whatever the parser said, a quoted value that never closes, or after
	// whose closing quote more text follows, is a mistake it reports far
	// from where it is (at the start of the enclosing mapping, or at the
	// end of the file).
	return badQuote(lines)
}

// indentOf is the width of a line's leading spaces and tabs.
func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " \t")) }

// col converts a byte offset in a line to a 1-based character column.
func col(l string, off int) int { return utf8.RuneCountInString(l[:off]) + 1 }

// tabIndent finds the first line indented with a tab, at or after the line
// the parser named (it names the line before, at times), else anywhere.
func tabIndent(lines []string, from int) (syntaxHelp, bool) {
	find := func(a, b int) (syntaxHelp, bool) {
		for i := max(a, 1); i <= b && i <= len(lines); i++ {
			l := lines[i-1]
			if k := strings.IndexByte(l[:indentOf(l)], '\t'); k >= 0 {
				return syntaxHelp{line: i, col: col(l, k),
					msg:  "invalid YAML: this line is indented with a tab",
					hint: "indent with spaces: YAML does not allow tabs in indentation (set the editor to insert spaces for the Tab key)"}, true
			}
		}
		return syntaxHelp{}, false
	}
	if h, ok := find(from, len(lines)); ok {
		return h, true
	}
	return find(1, from-1)
}

// valueStart returns the offset of the value on a "key: value" or
// "- value" line, or -1.
func valueStart(l string) int {
	i := indentOf(l)
	for strings.HasPrefix(l[i:], "- ") {
		i += 2
		for i < len(l) && l[i] == ' ' {
			i++
		}
	}
	if i < len(l) && (l[i] == '"' || l[i] == '\'') {
		return i // a quoted scalar or key: the quote scanner's case
	}
	k := strings.Index(l[i:], ": ")
	if k < 0 {
		if i < len(l) {
			return i
		}
		return -1
	}
	j := i + k + 2
	for j < len(l) && l[j] == ' ' {
		j++
	}
	if j >= len(l) {
		return -1
	}
	return j
}

// reservedStart explains a value that starts with a character YAML keeps
// for itself (@, `).
func reservedStart(lines []string, line int) (syntaxHelp, bool) {
	if line < 1 || line > len(lines) {
		return syntaxHelp{}, false
	}
	l := lines[line-1]
	v := valueStart(l)
	if v < 0 || (l[v] != '@' && l[v] != '`') {
		return syntaxHelp{}, false
	}
	return syntaxHelp{line: line, col: col(l, v),
		msg:  fmt.Sprintf("invalid YAML: a value cannot start with %c", l[v]),
		hint: "put the value in quotes: \"" + strings.ReplaceAll(strings.TrimSpace(l[v:]), `"`, `\"`) + "\""}, true
}

// colonInValue explains "mapping values are not allowed": a value that
// holds ": " (read as a second key), or a line indented under a key that
// already has its value on the line before.
func colonInValue(lines []string, line int) (syntaxHelp, bool) {
	if line < 1 || line > len(lines) {
		return syntaxHelp{}, false
	}
	l := lines[line-1]
	if v := valueStart(l); v >= 0 && l[v] != '"' && l[v] != '\'' && l[v] != '|' && l[v] != '>' {
		rest := l[v:]
		if k := strings.Index(rest, ": "); k >= 0 || strings.HasSuffix(rest, ":") {
			if k < 0 {
				k = len(rest) - 1
			}
			return syntaxHelp{line: line, col: col(l, v+k),
				msg:  "invalid YAML: the value holds \": \", which YAML reads as the start of another key",
				hint: "put the whole value in quotes (\"...\", with any \" inside written \\\"), or write it as a block: |- and the text indented on the next lines"}, true
		}
	}
	// The previous line with content has a value of its own: this more
	// indented line cannot be under it.
	for p := line - 1; p >= 1; p-- {
		prev := lines[p-1]
		if strings.TrimSpace(prev) == "" || strings.HasPrefix(strings.TrimSpace(prev), "#") {
			continue
		}
		if indentOf(l) > indentOf(prev) && valueStart(prev) >= 0 && strings.Contains(prev, ": ") {
			return syntaxHelp{line: line, col: indentOf(l) + 1,
				msg:  fmt.Sprintf("invalid YAML: this line is indented under line %d, whose key already has a value", p),
				hint: "indent it as the keys beside it, or, if it continues the text of line " + fmt.Sprint(p) + ", quote that text or write it as a block (|-)"}, true
		}
		break
	}
	return syntaxHelp{}, false
}

// badQuote finds the first quoted value that YAML cannot read: one whose
// quote is never closed, or after whose closing quote more text follows
// (a quote inside the value ends it early). Block scalars (| and >) and
// comments are skipped. It reads each character at most twice.
func badQuote(lines []string) (syntaxHelp, bool) {
	block := -1 // indentation of the key of the block scalar being skipped
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if block >= 0 {
			if strings.TrimSpace(l) == "" || indentOf(l) > block {
				continue
			}
			block = -1
		}
		if t := strings.TrimSpace(l); t == "" || t[0] == '#' {
			continue
		}
		v := valueStart(l)
		if v < 0 {
			continue
		}
		switch l[v] {
		case '|', '>':
			block = indentOf(l)
			continue
		case '"', '\'':
		default:
			continue
		}
		endLine, endOff, ok := closeQuote(lines, i, v)
		if !ok {
			return syntaxHelp{line: i + 1, col: col(l, v),
				msg:  fmt.Sprintf("invalid YAML: the quote %c that starts here is never closed", l[v]),
				hint: quoteHint(l[v])}, true
		}
		after := strings.TrimLeft(lines[endLine][endOff+1:], " \t")
		switch {
		case after == "", after[0] == '#', after[0] == ',', after[0] == ']', after[0] == '}':
		case after[0] == ':':
			// A quoted key ("key": value): not the mistake looked for.
		default:
			return syntaxHelp{line: i + 1, col: col(l, v),
				msg: fmt.Sprintf("invalid YAML: the quoted value that starts here ends at line %d, column %d, and more text follows it",
					endLine+1, col(lines[endLine], endOff)),
				hint: quoteHint(l[v])}, true
		}
		i = endLine
	}
	return syntaxHelp{}, false
}

func quoteHint(q byte) string {
	if q == '\'' {
		return "end the value with ' on the line where it starts; write a ' inside it as '' (it's -> it''s), or use \"...\" instead"
	}
	return "end the value with \" on the line where it starts; write a \" inside it as \\\" (or use '...' instead)"
}

// closeQuote finds the quote that closes the quoted scalar opened at
// lines[i][v], across lines: \x escapes in double quotes, a doubled quote in single
// quotes.
func closeQuote(lines []string, i, v int) (int, int, bool) {
	q := lines[i][v]
	off := v + 1
	for ; i < len(lines); i, off = i+1, 0 {
		l := lines[i]
		for j := off; j < len(l); j++ {
			switch {
			case q == '"' && l[j] == '\\':
				j++
			case l[j] != q:
			case q == '\'' && j+1 < len(l) && l[j+1] == '\'':
				j++
			default:
				return i, j, true
			}
		}
	}
	return 0, 0, false
}
