package docx

import (
	"fmt"
	"strings"
)

// ToolAuthor is the author of the comments factsheet writes (lint
// --annotate): they are the tool's findings, not a reviewer's, and are
// not reported again when the document is read.
const ToolAuthor = "factsheet"

// Review is a pending tracked change or a comment: something a reviewer
// left that must be dealt with before a round is closed.
type Review struct {
	Rule     string // RuleRevision or RuleComment
	Kind     string // "insertion", "deletion", "move", "formatting change", "comment", "reply"...
	Author   string
	Date     string // as Word wrote it (ISO 8601), may be empty
	Text     string // the text inserted or deleted; the comment's text
	Anchor   string // a comment: the text it is attached to
	ReplyTo  string // a reply: the author of the comment it answers
	Resolved bool   // a comment marked done

	// Line and Col are where it is in the layout (Document.Text).
	Line, Col int

	id      string
	textLen int
	placed  bool
}

// Message is the finding's message, in the words Word uses.
func (r Review) Message() string {
	who := r.Author
	if who == "" {
		who = "an unknown author"
	}
	when := ""
	if len(r.Date) >= 10 {
		when = " on " + r.Date[:10]
	}
	switch r.Rule {
	case RuleComment:
		kind := "comment"
		if r.Kind == "reply" {
			kind = "reply"
			if r.ReplyTo != "" {
				kind += " to " + r.ReplyTo
			}
		}
		state := "open"
		if r.Resolved {
			state = "resolved"
		}
		s := fmt.Sprintf("%s %s by %s%s: %s", state, kind, who, when, clip(r.Text, 200))
		if a := strings.TrimSpace(r.Anchor); a != "" {
			s += fmt.Sprintf(" (on %s)", quote(a))
		}
		return s
	}
	s := fmt.Sprintf("pending tracked change (%s) by %s%s", r.Kind, who, when)
	if t := strings.TrimSpace(r.Text); t != "" {
		s += ": " + quote(t)
	}
	return s + "; accept or reject it in Word (Review > Accept/Reject) before the round is closed"
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
