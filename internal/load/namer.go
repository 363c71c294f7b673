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
type templateNamer struct{}

func (templateNamer) Missing(ptr, name string) (string, bool) {
	tpl := template.Default
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if ptr == "" {
		tb := tpl.Table(name)
		if tb == nil {
			return "", false
		}
		ch := tpl.ChapterOf(tb)
		return fmt.Sprintf("section %q is missing: chapter %d %s, Table %d (%s)", name, ch.Number, ch.Heading, tb.Number, tb.Caption), true
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
		return fmt.Sprintf("Table %d has no %s: %q is missing in section %s", tb.Number, tb.ItemsKey(), name, tb.Section), true
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
		return fmt.Sprintf("Table 5 cell %s is missing: %s × %s", tb.CellID(area.ID, typ.ID), area.Wording, typ.Wording), true
	}
	return "", false
}

func (templateNamer) Unknown(ptr, name string) (string, bool) {
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	tb := template.Default.Table(parts[0])
	if tb == nil || len(parts) < 2 || parts[1] != tb.ItemsKey() {
		return "", false
	}
	switch {
	case len(parts) == 2:
		return fmt.Sprintf("%s %q is not in Table %d of the template", tb.ItemNoun(), name, tb.Number), true
	case len(parts) == 3 && tb.Kind == template.Matrix:
		return fmt.Sprintf("solution type %q is not a column of Table 5", name), true
	}
	return "", false
}
