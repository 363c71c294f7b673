package source

import (
	"fmt"
	"strings"
)

// IsBidi reports the invisible characters that change the direction of
// text: the embeddings and overrides U+202A-202E, the isolates U+2066-2069,
// the marks U+200E, U+200F and U+061C. In a terminal or a review they can
// make text read differently from what it says ("Trojan Source").
func IsBidi(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// Terminal makes text from a factsheet safe to print: control characters
// (other than tab, and newline when keepNewlines is set; without it a
// newline is shown as \n) are shown as \xNN or \uNNNN, and so are the
// bidirectional formatting characters (IsBidi). Every printer of findings
// and diffs uses it.
func Terminal(s string, keepNewlines bool) string {
	safe := true
	for _, r := range s {
		if IsControl(r) || IsBidi(r) || (r == '\n' && !keepNewlines) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case IsControl(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02X`, r)
		case IsControl(r) || IsBidi(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NoCommands shows as \x3A: every "::" that begins a line of s, after
// blanks. GitHub's runner reads such lines of a job's output as workflow
// commands ("::error file=...::", "::add-mask::"), so a file name or a
// message from the input must not print as one. Printers of plain text
// apply it to what they write.
func NoCommands(s string) string {
	if !strings.Contains(s, "::") {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line = s[:i+1]
		}
		s = s[len(line):]
		body := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(body, "::") {
			b.WriteString(line[:len(line)-len(body)])
			b.WriteString(`\x3A`)
			b.WriteString(body[1:])
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
