// Package source turns the bytes of a file into text the parsers can trust,
// and keeps what is needed to point back into that text: line starts for
// offset -> line:column, and a map from JSON pointers to positions.
//
// Every form (YAML, JSON, the factsheet document) goes through Decode first,
// so encodings and line ends are handled once: UTF-8 with or without BOM,
// UTF-16 LE/BE with BOM (Word's "Unicode text"), CRLF and lone CR all give the
// same text and the same line numbers. What cannot be decoded becomes a
// finding with the position of the first bad byte.
package source

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ecanplus/factsheet/internal/finding"
	"github.com/ecanplus/factsheet/internal/rules"
)

// MaxSize is the largest file the tool reads (8 MiB). A real factsheet is
// about 30 KB; the limit keeps memory bounded whatever a user points us at.
const MaxSize = 8 << 20

// Rule IDs of the findings this package produces.
const (
	RuleEncoding = rules.InputEncoding
	RuleBinary   = rules.InputBinary
	RuleControl  = rules.InputControl
	RuleTooLarge = rules.InputTooLarge
)

// File is a decoded source file: UTF-8 text with "\n" line ends.
type File struct {
	Name     string
	Text     string
	Encoding string // what the bytes were: "UTF-8", "UTF-8 with BOM", "UTF-16LE with BOM", ...
	LineEnds string // "LF", "CRLF", "CR" or "mixed"; "" when the file has a single line
	// Control is true when the text holds control characters; YAML and JSON
	// parsers refuse those without a position, so the loaders skip parsing
	// and rely on the positioned findings Decode made.
	Control bool

	lineStarts []int
	// ascii is true when the text is all ASCII: a column is then a byte
	// count. Otherwise blockRunes[k] is the number of characters in
	// Text[:k*runeBlock], so a column costs at most two block scans
	// whatever the length of the line (a minified JSON file is one line).
	ascii      bool
	blockRunes []int
}

// runeBlock is the stride of the character index: a power of two, small
// enough that counting inside a block is cheap, large enough that the index
// is a fraction of the text (8 bytes per KiB).
const runeBlock = 1 << 10

// New wraps text that is already decoded (tests, renderers).
func New(name, text string) *File {
	f := &File{Name: name, Text: text, Encoding: "UTF-8"}
	f.index()
	return f
}

// Decode checks and converts raw bytes. It returns nil and a finding when the
// bytes are not text the tool can read (binary, undecodable); otherwise the
// file, plus findings for problems that do not stop reading (control
// characters).
func Decode(name string, raw []byte) (*File, []finding.Finding) {
	f := &File{Name: name, Encoding: "UTF-8"}
	text, fs := f.decodeBytes(raw)
	if len(fs) > 0 {
		return nil, fs
	}
	f.Text, f.LineEnds = normaliseLineEnds(text)
	f.index()
	fs = append(fs, f.controlFindings()...)
	return f, fs
}

// TooLarge is the finding for a file above MaxSize.
func TooLarge(name string, size int64) finding.Finding {
	return finding.Finding{
		Rule: RuleTooLarge, Severity: finding.Error,
		Location: finding.Location{File: name},
		Message:  fmt.Sprintf("file is larger than the %d MiB limit (%s); a factsheet is a few tens of KB", MaxSize>>20, humanSize(size)),
	}
}

func humanSize(n int64) string {
	if n < 0 {
		return "size unknown"
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

func (f *File) decodeBytes(raw []byte) ([]byte, []finding.Finding) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		f.Encoding = "UTF-8 with BOM"
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return f.decodeUTF16(raw)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		line, col := rawPosition(raw, i)
		msg := "the file contains NUL bytes: it is binary, not a factsheet"
		if looksUTF16(raw) {
			msg = "the file looks like UTF-16 without a byte order mark; save it as UTF-8 (or UTF-16 with BOM)"
			return nil, []finding.Finding{f.fileFinding(RuleEncoding, line, col, msg)}
		}
		return nil, []finding.Finding{f.fileFinding(RuleBinary, line, col, msg)}
	}
	if !utf8.Valid(raw) {
		i := firstInvalidUTF8(raw)
		line, col := rawPosition(raw, i)
		msg := fmt.Sprintf("invalid UTF-8: byte 0x%02X at offset %d is not UTF-8 (the file is probably Latin-1 or Windows-1252); save it as UTF-8", raw[i], i)
		return nil, []finding.Finding{f.fileFinding(RuleEncoding, line, col, msg)}
	}
	return raw, nil
}

func (f *File) decodeUTF16(raw []byte) ([]byte, []finding.Finding) {
	big := raw[0] == 0xFE
	if big {
		f.Encoding = "UTF-16BE with BOM"
	} else {
		f.Encoding = "UTF-16LE with BOM"
	}
	body := raw[2:]
	if len(body)%2 != 0 {
		return nil, []finding.Finding{f.fileFinding(RuleEncoding, 0, 0,
			fmt.Sprintf("%s: odd number of bytes (%d), the file is truncated or not UTF-16", f.Encoding, len(raw)))}
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		if big {
			units[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
		} else {
			units[i] = uint16(body[2*i+1])<<8 | uint16(body[2*i])
		}
	}
	// Unpaired surrogates decode to U+FFFD silently; find them first.
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] < 0xE000 {
				i++
				continue
			}
			fallthrough
		case u >= 0xDC00 && u < 0xE000:
			prefix := []byte(string(utf16.Decode(units[:i])))
			line, col := rawPosition(prefix, len(prefix))
			return nil, []finding.Finding{f.fileFinding(RuleEncoding, line, col,
				fmt.Sprintf("%s: unpaired surrogate 0x%04X at byte offset %d", f.Encoding, u, 2+2*i))}
		}
	}
	text := []byte(string(utf16.Decode(units)))
	if i := bytes.IndexByte(text, 0); i >= 0 {
		line, col := rawPosition(text, i)
		return nil, []finding.Finding{f.fileFinding(RuleBinary, line, col, "the file contains NUL characters: it is binary, not a factsheet")}
	}
	return text, nil
}

// looksUTF16 guesses UTF-16 without BOM: NULs in every other byte of a
// mostly-ASCII text.
func looksUTF16(b []byte) bool {
	n := min(len(b), 512) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return even > half*3/4 || odd > half*3/4
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// rawPosition is the 1-based line and column of byte offset i in text that
// may still have CRLF or CR line ends and invalid UTF-8 after i.
func rawPosition(b []byte, i int) (line, col int) {
	line, start := 1, 0
	for j := 0; j < i; j++ {
		switch b[j] {
		case '\n':
			line, start = line+1, j+1
		case '\r':
			if j+1 < len(b) && b[j+1] == '\n' {
				continue
			}
			line, start = line+1, j+1
		}
	}
	return line, utf8.RuneCount(b[start:i]) + 1
}

func normaliseLineEnds(b []byte) (string, string) {
	crlf := bytes.Count(b, []byte("\r\n"))
	cr := bytes.Count(b, []byte("\r")) - crlf
	lf := bytes.Count(b, []byte("\n")) - crlf
	kind := ""
	switch {
	case crlf > 0 && cr == 0 && lf == 0:
		kind = "CRLF"
	case cr > 0 && crlf == 0 && lf == 0:
		kind = "CR"
	case lf > 0 && crlf == 0 && cr == 0:
		kind = "LF"
	case crlf+cr+lf > 0:
		kind = "mixed"
	}
	if crlf+cr == 0 {
		return string(b), kind
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), kind
}

// index builds, in one pass, the line starts and (for text that is not all
// ASCII) the character count at every block boundary: every later
// offset -> line:column conversion is a binary search and a bounded scan.
func (f *File) index() {
	f.lineStarts = f.lineStarts[:0]
	f.lineStarts = append(f.lineStarts, 0)
	f.blockRunes = f.blockRunes[:0]
	f.ascii = true
	runes := 0
	for i := 0; i < len(f.Text); i++ {
		if i&(runeBlock-1) == 0 {
			f.blockRunes = append(f.blockRunes, runes)
		}
		c := f.Text[i]
		if c == '\n' {
			f.lineStarts = append(f.lineStarts, i+1)
		}
		if c >= utf8.RuneSelf {
			f.ascii = false
		}
		if !isContinuation(c) {
			runes++
		}
	}
	if f.ascii {
		f.blockRunes = nil
	} else if len(f.Text)%runeBlock == 0 {
		f.blockRunes = append(f.blockRunes, runes) // for the offset len(Text)
	}
}

// isContinuation reports whether c continues a multi-byte character: the
// characters before an offset are the bytes before it that are not.
func isContinuation(c byte) bool { return c&0xC0 == 0x80 }

// scanned counts the bytes the position index has scanned inside blocks,
// over all files: the tests check that it stays within a block per lookup.
var scanned atomic.Int64

// runesBefore is the number of characters in Text[:off].
func (f *File) runesBefore(off int) int {
	if f.ascii {
		return off
	}
	k := off / runeBlock
	n := f.blockRunes[k]
	scanned.Add(int64(off - k*runeBlock))
	for i := k * runeBlock; i < off; i++ {
		if !isContinuation(f.Text[i]) {
			n++
		}
	}
	return n
}

// offsetOfRune is the byte offset of the character numbered n (from 0) of
// the text, or len(Text) when there are fewer.
func (f *File) offsetOfRune(n int) int {
	if f.ascii {
		return min(n, len(f.Text))
	}
	// The last block that starts at or before character n.
	lo, hi := 0, len(f.blockRunes)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.blockRunes[mid] <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	from, count := lo*runeBlock, f.blockRunes[lo]
	i := from
	for ; i < len(f.Text); i++ {
		if !isContinuation(f.Text[i]) {
			if count == n {
				break
			}
			count++
		}
	}
	scanned.Add(int64(i - from))
	return i
}

// controlFindings reports control characters (other than tab and line ends),
// DEL and C1 controls: invisible in editors, they break parsers and
// terminals. One finding per line keeps a corrupted file readable.
func (f *File) controlFindings() []finding.Finding {
	var fs []finding.Finding
	lastLine := -1
	for i, r := range f.Text {
		if !IsControl(r) {
			continue
		}
		f.Control = true
		// The line first (a binary search): the column is worked out
		// only for the first control character of each line.
		if l := f.lineOf(i); l == lastLine {
			continue
		} else {
			lastLine = l
		}
		line, col := f.Position(i)
		fs = append(fs, f.fileFinding(RuleControl, line, col,
			fmt.Sprintf("control character %U in the text (invisible in most editors); delete it", r)))
	}
	return fs
}

// IsControl reports the characters a factsheet must not contain: C0 controls
// except tab and newline, DEL, and C1 controls.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7F || (r >= 0x80 && r < 0xA0)
}

func (f *File) fileFinding(rule string, line, col int, msg string) finding.Finding {
	return finding.Finding{
		Rule: rule, Severity: finding.Error,
		Location: finding.Location{File: f.Name, Line: line, Column: col},
		Message:  msg,
	}
}

// Lines is the number of lines in the text.
func (f *File) Lines() int { return len(f.lineStarts) }

// Position turns a byte offset into a 1-based line and column (in characters).
func (f *File) Position(offset int) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Text) {
		offset = len(f.Text)
	}
	l := f.lineOf(offset)
	return l + 1, f.runesBefore(offset) - f.runesBefore(f.lineStarts[l]) + 1
}

// lineOf is the 0-based line of a byte offset.
func (f *File) lineOf(offset int) int {
	lo, hi := 0, len(f.lineStarts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lineStarts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Offset turns a 1-based line and column back into a byte offset.
func (f *File) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lineStarts) {
		return len(f.Text)
	}
	start := f.lineStarts[line-1]
	end := len(f.Text)
	if line < len(f.lineStarts) {
		end = f.lineStarts[line] - 1 // the "\n"
	}
	if col <= 1 {
		return start
	}
	return min(f.offsetOfRune(f.runesBefore(start)+col-1), end)
}

// Line returns the text of a 1-based line, without its line end.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lineStarts) {
		return ""
	}
	start := f.lineStarts[n-1]
	end := len(f.Text)
	if n < len(f.lineStarts) {
		end = f.lineStarts[n] - 1
	}
	return f.Text[start:end]
}
