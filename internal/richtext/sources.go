package richtext

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// A footnote is identified by the sources it cites, never by its number:
// the diff matches footnotes of two versions by them, and a finding about a
// footnote keeps its identity when the footnotes are renumbered. Both use
// SourceURLs, so that they agree on what "the same source" is.

var bareURL = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\b(?:https?|ftp)://[^\s<>()\[\]"]+`) })

// placeholderURLs carry no identity: [title](#) is a source known by its
// title, not by "#".
var placeholderURLs = map[string]bool{"": true, "#": true, "todo": true, "tbd": true, "link": true, "url": true, "http://": true, "https://": true, "xxx": true}

// IsPlaceholderURL reports whether a link's address is a placeholder ("#",
// "", TODO ...) rather than an address.
func IsPlaceholderURL(u string) bool { return placeholderURLs[strings.ToLower(strings.TrimSpace(u))] }

// SourceURLs lists the addresses a text cites: link destinations, autolinks
// and bare URLs, normalised (NormalizeURL), sorted, without duplicates or
// placeholders.
func SourceURLs(text string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		u = strings.TrimSpace(u)
		if IsPlaceholderURL(u) {
			return
		}
		u = NormalizeURL(u)
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	last := 0
	var rest strings.Builder
	for _, l := range Links(text) {
		add(l.URL)
		rest.WriteString(text[last:l.Start])
		rest.WriteByte(' ')
		last = l.End
	}
	rest.WriteString(text[last:])
	for _, u := range bareURL().FindAllString(rest.String(), -1) {
		add(strings.TrimRight(u, ".,;:"))
	}
	sort.Strings(out)
	return out
}
