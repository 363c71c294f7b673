package diff

import (
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/ecanplus/factsheet/internal/richtext"
)

// HTMLOptions are what the HTML report's header says beyond the result.
type HTMLOptions struct {
	Generated string // the day the report is made, YYYY-MM-DD (--today)
	Version   string // the tool's version
}

// WriteHTML writes the result as one self-contained HTML5 page: inline
// CSS, no scripts, no external resources (a Content-Security-Policy
// forbids loading any), a header naming the country, both versions with
// their latest rounds, the day it was made and the tool's version, the
// summary, then the changes side by side (old / new) with word-level
// <del>/<ins> highlights, and a print stylesheet. Footnote references are
// superscript numbers with the footnote's text on hover; stable IDs break
// only between their parts. The page is built with html/template, so
// every piece of factsheet text is escaped for the context it lands in.
func WriteHTML(w io.Writer, r *Result, opts HTMLOptions) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	v := htmlView(r)
	v.Generated, v.Version = opts.Generated, opts.Version
	return t.Execute(w, v)
}

var htmlTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("diff").Funcs(template.FuncMap{"idparts": idParts}).Parse(htmlPage)
})

// idParts splits a stable ID (and what follows it) where a line may break:
// after each dot and underscore, so that "cancer_strategy_discussions" may
// wrap as "cancer_" "strategy_" "discussions", never inside a word.
func idParts(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == '_' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

type htmlSeg struct {
	Mark  string // "", "del" or "ins"
	Parts []htmlPiece
}

// htmlPiece is text, or a footnote reference shown as its number with the
// footnote's text (Note) on hover.
type htmlPiece struct {
	Text string
	Ref  bool
	Note string
}

// pieces splits text at its footnote references, each resolved against
// the footnotes of its own version.
func pieces(text string, notes map[string]string) []htmlPiece {
	text = clean(text)
	var out []htmlPiece
	at := 0
	for _, ref := range richtext.Refs(text) {
		if ref.Start > at {
			out = append(out, htmlPiece{Text: text[at:ref.Start]})
		}
		note, ok := notes[ref.Label]
		if ok {
			note = "Footnote " + ref.Label + ": " + truncate(strings.Join(strings.Fields(richtext.Plain(note)), " "), 300)
		} else {
			note = "Footnote " + ref.Label + " is not in this version"
		}
		out = append(out, htmlPiece{Text: ref.Label, Ref: true, Note: note})
		at = ref.End
	}
	if at < len(text) {
		out = append(out, htmlPiece{Text: text[at:]})
	}
	return out
}

type htmlRow struct {
	Kind     Kind
	Head     string
	Sub      string
	Old, New []htmlSeg
}

type htmlPart struct {
	Key, Title string
	Rows       []htmlRow
}

type htmlPageView struct {
	Old, New    string
	OldRound    string
	NewRound    string
	Country     string
	Generated   string
	Version     string
	SummaryLine string
	Notes       []string
	Groups      []GroupSummary
	Answers     []htmlRow
	Parts       []htmlPart
}

func htmlView(r *Result) htmlPageView {
	v := htmlPageView{Old: r.Old, New: r.New, SummaryLine: summaryLine(r), Groups: r.Summary.Groups,
		OldRound: r.OldSide.Round, NewRound: r.NewSide.Round, Country: r.NewSide.Country}
	if v.Country == "" {
		v.Country = r.OldSide.Country
	} else if o := r.OldSide.Country; o != "" && o != v.Country {
		v.Country = o + " → " + v.Country
	}
	for _, n := range r.Renumbered {
		v.Notes = append(v.Notes, n.Note+" (numbers only, not a change)")
	}
	if note := r.RespelledNote(); note != "" {
		v.Notes = append(v.Notes, note+", not a change")
	}
	if note := r.TemplateNote(); note != "" {
		v.Notes = append(v.Notes, note)
	}
	for _, c := range r.Answers() {
		v.Answers = append(v.Answers, htmlChangeRow(c, r))
	}
	for _, p := range parts(r) {
		hp := htmlPart{Key: p.Key, Title: p.Title}
		for _, c := range p.Changes {
			hp.Rows = append(hp.Rows, htmlChangeRow(c, r))
		}
		v.Parts = append(v.Parts, hp)
	}
	return v
}

func htmlChangeRow(c Change, r *Result) htmlRow {
	row := htmlRow{Kind: c.Kind}
	row.Head, row.Sub = heading(&c)
	old, new := r.OldSide.Footnotes, r.NewSide.Footnotes
	switch c.Kind {
	case Added:
		row.New = []htmlSeg{{"ins", pieces(describe(c.New), new)}}
	case Removed:
		row.Old = []htmlSeg{{"del", pieces(describe(c.Old), old)}}
	default:
		for _, op := range c.Words {
			switch op.Kind {
			case Equal:
				row.Old = append(row.Old, htmlSeg{"", pieces(op.Old, old)})
				row.New = append(row.New, htmlSeg{"", pieces(op.New, new)})
			case Delete:
				row.Old = append(row.Old, htmlSeg{"del", pieces(op.Old, old)})
			case Insert:
				row.New = append(row.New, htmlSeg{"ins", pieces(op.New, new)})
			}
		}
	}
	return row
}

const htmlPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factsheet diff">
<title>factsheet diff{{if .Country}}: {{.Country}}{{end}} – {{.Old}} → {{.New}}</title>
<style>
:root { color-scheme: light; --del-bg: #ffebe9; --del-fg: #82071e; --ins-bg: #dafbe1; --ins-fg: #116329; --rule: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 90rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
.versions { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 0; color: var(--muted); }
.versions dt { font-weight: 600; }
.versions dd { margin: 0; }
.file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #1f2328; overflow-wrap: anywhere; }
.summary-line { font-weight: 600; font-size: 1.1rem; margin: .75rem 0 .25rem; }
.note { margin: .25rem 0; padding: .4rem .75rem; border-left: 4px solid #54aeff; background: #ddf4ff; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; vertical-align: top; text-align: left; }
thead th { background: #f6f8fa; }
table.summary { width: auto; min-width: 28rem; }
table.summary td { text-align: right; min-width: 5rem; }
table.summary tr.none th, table.summary tr.none td { color: var(--muted); font-weight: normal; }
table.changes th[scope=row], table.answers th[scope=row] { width: 22%; font-weight: normal; }
table.changes td { width: 39%; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
code.id { overflow-wrap: normal; word-break: normal; hyphens: none; }
sup.fn { font-size: .75em; line-height: 0; color: #0550ae; cursor: help; border-bottom: 1px dotted currentColor; }
.label { color: var(--muted); font-size: .9em; margin-top: .2rem; }
.kind { display: inline-block; font-size: .75em; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding: 0 .35rem; border-radius: .25rem; margin-right: .3rem; }
.kind.added { background: var(--ins-bg); color: var(--ins-fg); }
.kind.removed { background: var(--del-bg); color: var(--del-fg); }
.kind.changed { background: #fff8c5; color: #7d4e00; }
td.absent { background: #f6f8fa; color: var(--muted); }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; }
@media print {
  body { font-size: 9.5pt; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  tr, .note { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>{{if .Country}}{{.Country}}: {{end}}what changed</h1>
<dl class="versions">
<dt>Old</dt><dd><span class="file">{{.Old}}</span>{{if .OldRound}}, latest round: {{.OldRound}}{{else}}, no review round{{end}}</dd>
<dt>New</dt><dd><span class="file">{{.New}}</span>{{if .NewRound}}, latest round: {{.NewRound}}{{else}}, no review round{{end}}</dd>
<dt>Made</dt><dd>{{if .Generated}}on {{.Generated}} {{end}}by factsheet{{if .Version}} {{.Version}}{{end}}</dd>
</dl>
<p class="summary-line">{{.SummaryLine}}</p>
{{range .Notes}}<p class="note">Note: {{.}}.</p>
{{end}}</header>
<main>
<section id="summary">
<h2>Summary</h2>
<table class="summary">
<thead><tr><th scope="col">Part</th><th scope="col">Added</th><th scope="col">Removed</th><th scope="col">Changed</th><th scope="col">Answers changed</th></tr></thead>
<tbody>
{{range .Groups}}<tr{{if not .Total}} class="none"{{end}}><th scope="row">{{if .Total}}<a href="#{{.Key}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</th><td>{{if .Added}}{{.Added}}{{end}}</td><td>{{if .Removed}}{{.Removed}}{{end}}</td><td>{{if .Changed}}{{.Changed}}{{end}}</td><td>{{if .Answers}}{{.Answers}}{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{if .Answers}}<section id="answers">
<h2>Answers changed</h2>
<table class="answers">
<thead><tr><th scope="col">Question</th><th scope="col">Old</th><th scope="col">New</th></tr></thead>
<tbody>
{{range .Answers}}<tr><th scope="row">{{template "id" .Head}}{{if .Sub}}<div class="label">{{.Sub}}</div>{{end}}</th><td class="text">{{template "segs" .Old}}</td><td class="text">{{template "segs" .New}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}{{range .Parts}}<section id="{{.Key}}">
<h2>{{.Title}}</h2>
<table class="changes">
<thead><tr><th scope="col">Item</th><th scope="col">Old: {{$.Old}}</th><th scope="col">New: {{$.New}}</th></tr></thead>
<tbody>
{{range .Rows}}<tr class="{{.Kind}}"><th scope="row"><span class="kind {{.Kind}}">{{.Kind}}</span> {{template "id" .Head}}{{if .Sub}}<div class="label">{{.Sub}}</div>{{end}}</th>{{if .Old}}<td class="text">{{template "segs" .Old}}</td>{{else}}<td class="absent">—</td>{{end}}{{if .New}}<td class="text">{{template "segs" .New}}</td>{{else}}<td class="absent">—</td>{{end}}</tr>
{{end}}</tbody>
</table>
</section>
{{end}}</main>
<footer>Made by <code>factsheet diff</code>{{if .Version}} {{.Version}}{{end}}{{if .Generated}} on {{.Generated}}{{end}}. Stable IDs name every item; footnotes are matched by content, so renumbering alone is not a change. A footnote number shows the footnote's text on hover.</footer>
</body>
</html>
{{define "segs"}}{{range .}}{{if eq .Mark "del"}}<del>{{template "pieces" .Parts}}</del>{{else if eq .Mark "ins"}}<ins>{{template "pieces" .Parts}}</ins>{{else}}{{template "pieces" .Parts}}{{end}}{{end}}{{end}}
{{define "pieces"}}{{range .}}{{if .Ref}}<sup class="fn" title="{{.Note}}">{{.Text}}</sup>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "id"}}<code class="id">{{range $i, $p := idparts .}}{{if $i}}<wbr>{{end}}{{$p}}{{end}}</code>{{end}}`
