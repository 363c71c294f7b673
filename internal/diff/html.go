package diff

import (
	"html/template"
	"io"
	"sync"
)

// WriteHTML writes the result as one self-contained HTML5 page: inline
// CSS, no scripts, no external resources (a Content-Security-Policy
// forbids loading any), the summary at the top, then the changes side by
// side (old / new) with word-level <del>/<ins> highlights, and a print
// stylesheet. The page is built with html/template, so every piece of
// factsheet text is escaped for the context it lands in.
func WriteHTML(w io.Writer, r *Result) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	return t.Execute(w, htmlView(r))
}

var htmlTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("diff").Parse(htmlPage)
})

type htmlSeg struct {
	Mark string // "", "del" or "ins"
	Text string
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
	SummaryLine string
	Notes       []string
	Groups      []GroupSummary
	Answers     []htmlRow
	Parts       []htmlPart
}

func htmlView(r *Result) htmlPageView {
	v := htmlPageView{Old: r.Old, New: r.New, SummaryLine: summaryLine(r), Groups: r.Summary.Groups}
	for _, n := range r.Renumbered {
		v.Notes = append(v.Notes, n.Note+" (numbers only, not a change)")
	}
	if note := r.RespelledNote(); note != "" {
		v.Notes = append(v.Notes, note+", not a change")
	}
	for _, c := range r.Answers() {
		v.Answers = append(v.Answers, htmlChangeRow(c))
	}
	for _, p := range parts(r) {
		hp := htmlPart{Key: p.Key, Title: p.Title}
		for _, c := range p.Changes {
			hp.Rows = append(hp.Rows, htmlChangeRow(c))
		}
		v.Parts = append(v.Parts, hp)
	}
	return v
}

func htmlChangeRow(c Change) htmlRow {
	row := htmlRow{Kind: c.Kind}
	row.Head, row.Sub = heading(&c)
	switch c.Kind {
	case Added:
		row.New = []htmlSeg{{"ins", clean(describe(c.New))}}
	case Removed:
		row.Old = []htmlSeg{{"del", clean(describe(c.Old))}}
	default:
		for _, op := range c.Words {
			switch op.Kind {
			case Equal:
				row.Old = append(row.Old, htmlSeg{"", clean(op.Old)})
				row.New = append(row.New, htmlSeg{"", clean(op.New)})
			case Delete:
				row.Old = append(row.Old, htmlSeg{"del", clean(op.Old)})
			case Insert:
				row.New = append(row.New, htmlSeg{"ins", clean(op.New)})
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
<title>factsheet diff: {{.Old}} → {{.New}}</title>
<style>
:root { color-scheme: light; --del-bg: #ffebe9; --del-fg: #82071e; --ins-bg: #dafbe1; --ins-fg: #116329; --rule: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 90rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
.files { margin: 0; color: var(--muted); }
.files .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #1f2328; }
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
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
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
<h1>factsheet diff</h1>
<p class="files">old: <span class="file">{{.Old}}</span> → new: <span class="file">{{.New}}</span></p>
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
{{range .Answers}}<tr><th scope="row"><code>{{.Head}}</code>{{if .Sub}}<div class="label">{{.Sub}}</div>{{end}}</th><td class="text">{{template "segs" .Old}}</td><td class="text">{{template "segs" .New}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}{{range .Parts}}<section id="{{.Key}}">
<h2>{{.Title}}</h2>
<table class="changes">
<thead><tr><th scope="col">Item</th><th scope="col">Old: {{$.Old}}</th><th scope="col">New: {{$.New}}</th></tr></thead>
<tbody>
{{range .Rows}}<tr class="{{.Kind}}"><th scope="row"><span class="kind {{.Kind}}">{{.Kind}}</span> <code>{{.Head}}</code>{{if .Sub}}<div class="label">{{.Sub}}</div>{{end}}</th>{{if .Old}}<td class="text">{{template "segs" .Old}}</td>{{else}}<td class="absent">—</td>{{end}}{{if .New}}<td class="text">{{template "segs" .New}}</td>{{else}}<td class="absent">—</td>{{end}}</tr>
{{end}}</tbody>
</table>
</section>
{{end}}</main>
<footer>Made by <code>factsheet diff</code>. Stable IDs name every item; footnotes are matched by content, so renumbering alone is not a change.</footer>
</body>
</html>
{{define "segs"}}{{range .}}{{if eq .Mark "del"}}<del>{{.Text}}</del>{{else if eq .Mark "ins"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}{{end}}`
