package load

import (
	"fmt"
	"strings"

	"github.com/ecanplus/factsheet/internal/template"
)

// templateNamer phrases missing template parts in the template's own terms,
// so "required property national_board" reads "question
// governance.national_board is missing: Is there a national eHealth
// governance board in place?".
type templateNamer struct{ tpl *template.Template }

func (n templateNamer) Missing(ptr, name string) (string, bool) {
	tpl := n.tpl
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if ptr == "" {
		tb := tpl.Table(name)
		if tb == nil {
			return "", false
		}
		ch := tpl.ChapterOf(tb)
		return fmt.Sprintf("section %q is missing: chapter %d %s, %s (%s)", name, ch.Number, ch.Heading, tb.Label(), tb.Caption), true
	}
	tb := tpl.Table(parts[0])
	if tb == nil {
		return "", false
	}
	switch len(parts) {
	case 1: // "/governance" lacks "questions"
		if name != tb.ItemsKey() {
			return "", false
		}
		return fmt.Sprintf("%s has no %s: %q is missing in section %s", tb.Label(), tb.ItemsKey(), name, tb.Section), true
	case 2: // "/governance/questions" lacks an item
		it, ok := tb.Item(name)
		if !ok {
			return "", false
		}
		return fmt.Sprintf("%s %s is missing: %s", tb.ItemNoun(), tb.ID(name), it.Wording), true
	case 3: // "/solutions/cells/treatment" lacks a cell
		area, ok1 := tb.Item(parts[2])
		typ, ok2 := tb.Type(name)
		if tb.Kind != template.Matrix || !ok1 || !ok2 {
			return "", false
		}
		return fmt.Sprintf("%s cell %s is missing: %s × %s", tb.Label(), tb.CellID(area.ID, typ.ID), area.Wording, typ.Wording), true
	}
	return "", false
}

func (n templateNamer) Unknown(ptr, name string) (string, bool) {
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	tb := n.tpl.Table(parts[0])
	if tb == nil || len(parts) < 2 || parts[1] != tb.ItemsKey() {
		return "", false
	}
	switch {
	case len(parts) == 2:
		return fmt.Sprintf("%s %q is not in %s of the template", tb.ItemNoun(), name, tb.Label()), true
	case len(parts) == 3 && tb.Kind == template.Matrix:
		return fmt.Sprintf("solution type %q is not a column of %s", name, tb.Label()), true
	}
	return "", false
}
