package overview

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"

	fstemplate "github.com/ecanplus/factsheet/internal/template"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// WriteHTML writes the overview as one self-contained HTML5 page: the
// status per country, the files not in the matrix, and the matrix (sticky
// header row and item column, a colour per answer category, filters by
// chapter and by answer, each cell opening to its comment, sources and
// position; the comment also shows on hover). With items chosen (--item)
// the by-topic text follows. Inline CSS and a few lines of inline script
// whose hash is the only script the page's Content-Security-Policy allows;
// no external resource of any kind. The page is built with html/template,
// so every piece of factsheet text is escaped for the context it lands in,
// and only http(s) addresses become links.
func WriteHTML(w io.Writer, ov *Overview) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	return t.Execute(w, htmlViewOf(ov))
}

var htmlTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("overview").Parse(htmlPage)
})

// htmlScript applies the filters: rows outside the chosen chapter, or
// without any answer in the chosen categories, are hidden, and cells
// outside the chosen categories are dimmed. The state lives in the URL's
// fragment (#chapter=3&answer=no,na), so a filtered view can be shared.
const htmlScript = `(function(){var d=document,ch=d.getElementById("f-chapter"),bx=[].slice.call(d.querySelectorAll("#f-answer input")),rows=[].slice.call(d.querySelectorAll("tr.it")),heads=[].slice.call(d.querySelectorAll("tr.grp")),count=d.getElementById("f-count");
function apply(){var c=ch.value,on=bx.filter(function(b){return b.checked}).map(function(b){return b.value}),all=on.length==bx.length,n=0,seen={};
rows.forEach(function(r){var ok=(!c||r.dataset.chapter==c)&&(all||r.dataset.cats.split(" ").some(function(x){return on.indexOf(x)>=0}));r.hidden=!ok;if(ok){n++;seen[r.dataset.table]=1}
[].forEach.call(r.querySelectorAll("td"),function(td){td.classList.toggle("dim",!all&&on.indexOf(td.dataset.cat)<0)})});
heads.forEach(function(h){h.hidden=!seen[h.dataset.table]});count.textContent=n+" of "+rows.length+" items";
var s=(c?"chapter="+c:"")+(all?"":(c?"&":"")+"answer="+on.join(","));try{history.replaceState(null,"",s?"#"+s:location.pathname)}catch(e){}}
var h=new URLSearchParams(location.hash.slice(1));if(h.get("chapter"))ch.value=h.get("chapter");if(h.has("answer")){var a=h.get("answer").split(",");bx.forEach(function(b){b.checked=a.indexOf(b.value)>=0})}
ch.addEventListener("change",apply);bx.forEach(function(b){b.addEventListener("change",apply)});apply();d.documentElement.setAttribute("data-ready","1")})();`

// htmlCSP allows the page's own styles and exactly its one script.
var htmlCSP = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(htmlScript))
	return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
})

type htmlCategory struct {
	ID, Label, Meaning string
	Count              int
}

type htmlStatus struct {
	Code, Name, File, Round, Template string
	Review, ReviewAge                 string
	Stale                             bool
	Answered, Total, Percent          int
	Errors, Warnings, Infos, PastDue  int
	Note                              string
}

type htmlOther struct {
	File, State, Note string
	Errors            []string
}

type htmlColumn struct {
	Code, Name, Round, File string
}

type htmlSource struct {
	Mark, Title string   // Mark: "[10]", the number the text cites
	Links       []string // linkable addresses
	Text        []string // other addresses, shown as text
	Missing     bool
}

type htmlCell struct {
	Cat, CatLabel string
	Answer        string
	Hover         string
	Comment       []string // lines
	Sources       []htmlSource
	Pos           string
	Empty         bool
}

type htmlRow struct {
	ID, Label      string
	Chapter, Table int
	Cats           string
	Cells          []htmlCell
}

type htmlGroup struct {
	Title string
	Note  string
	Table int
	Rows  []htmlRow
}

type htmlChapter struct {
	Number  int
	Heading string
}

type htmlTopic struct {
	ID, Label  string
	Paragraphs []htmlParagraph
}

type htmlParagraph struct {
	Name  string
	First string
	Rest  []htmlLine
}

type htmlLine struct {
	Text   string
	Bullet bool
}

type htmlView struct {
	Title      string
	CSP        string
	Script     template.JS
	Summary    string
	Status     []htmlStatus
	Others     []htmlOther
	Columns    []htmlColumn
	Groups     []htmlGroup
	Chapters   []htmlChapter
	Categories []htmlCategory
	Items      int
	Colspan    int
	Topics     []htmlTopic
	Sources    []htmlSource
}

func htmlSourceOf(s Source) htmlSource {
	h := htmlSource{Mark: "[" + s.Label + "]", Title: s.Title, Missing: s.Missing}
	for _, u := range s.URLs {
		if Linkable(u) {
			h.Links = append(h.Links, u)
		} else {
			h.Text = append(h.Text, u)
		}
	}
	return h
}

// hoverLimit caps the comment shown on hover (the cell opens to all of it).
const hoverLimit = 600

func htmlViewOf(ov *Overview) htmlView {
	v := htmlView{Title: ov.Title, CSP: htmlCSP(), Script: template.JS(htmlScript), Summary: ov.Summary(), Items: len(ov.Items), Colspan: len(ov.Columns) + 1}
	counts := map[Category]int{}
	for _, c := range ov.Columns {
		f := c.File
		st := htmlStatus{Code: f.Code, Name: f.Country, File: f.Name, Round: f.Round.String(), Template: f.Template,
			Answered: f.Answered, Total: f.Total, Percent: f.Completeness(),
			Errors: f.Counts.Errors, Warnings: f.Counts.Warnings, Infos: f.Counts.Infos, PastDue: f.PastDue, Note: f.Note}
		if f.LastReview != nil {
			st.Review, st.ReviewAge = f.LastReview.Date, f.LastReview.Age+" ago"
			st.Stale = f.LastReview.AgeDays > 365
		}
		v.Status = append(v.Status, st)
		v.Columns = append(v.Columns, htmlColumn{Code: f.Code, Name: f.Country, Round: f.Round.String(), File: filepath.Base(f.Name)})
	}
	for _, f := range ov.Others() {
		v.Others = append(v.Others, htmlOther{File: f.Name, State: string(f.State), Note: f.Note, Errors: f.WhyErrors()})
	}
	seenChapter := map[int]bool{}
	for _, g := range ov.Groups() {
		if !seenChapter[g.Chapter.Number] {
			seenChapter[g.Chapter.Number] = true
			v.Chapters = append(v.Chapters, htmlChapter{g.Chapter.Number, g.Chapter.Heading})
		}
		hg := htmlGroup{Title: g.Title(), Table: g.Table.Number}
		if g.Table.Kind == fstemplate.Terms {
			hg.Note = "each value is the country's deviation from the international definition"
		}
		for i := g.Start; i < g.End; i++ {
			it := ov.Items[i]
			row := htmlRow{ID: it.ID, Label: it.Label(), Chapter: it.Chapter.Number, Table: it.Table.Number}
			cats := map[Category]bool{}
			var catList []string
			for j := range ov.Columns {
				val := ov.Value(i, j)
				counts[val.Category]++
				if !cats[val.Category] {
					cats[val.Category] = true
					catList = append(catList, string(val.Category))
				}
				cell := htmlCell{Cat: string(val.Category), CatLabel: val.Category.Label(), Answer: Display(val.Answer, ownLabel),
					Comment: lines(Display(val.Comment, ownLabel)), Pos: val.Pos.String()}
				for _, s := range val.Sources {
					cell.Sources = append(cell.Sources, htmlSourceOf(s))
				}
				cell.Hover = hover(cell.Comment)
				cell.Empty = val.Category == Empty && len(cell.Comment) == 0 && len(cell.Sources) == 0
				if cell.Answer == "" {
					cell.Answer = "(no answer)"
				}
				row.Cells = append(row.Cells, cell)
			}
			row.Cats = strings.Join(catList, " ")
			hg.Rows = append(hg.Rows, row)
		}
		v.Groups = append(v.Groups, hg)
	}
	for _, c := range Categories {
		v.Categories = append(v.Categories, htmlCategory{ID: string(c), Label: c.Label(), Meaning: c.Meaning(), Count: counts[c]})
	}
	if ov.Selected {
		topics, sources := ov.Topics()
		for _, t := range topics {
			ht := htmlTopic{ID: t.Item.ID, Label: t.Item.Label()}
			for _, p := range t.Paragraphs {
				ls := lines(p.Sentence())
				hp := htmlParagraph{Name: ov.ColumnName(p.Column), First: ls[0]}
				for _, l := range ls[1:] {
					hp.Rest = append(hp.Rest, htmlLine{Text: l, Bullet: strings.HasPrefix(l, "• ")})
				}
				ht.Paragraphs = append(ht.Paragraphs, hp)
			}
			v.Topics = append(v.Topics, ht)
		}
		for _, s := range sources {
			hs := htmlSourceOf(s.Source)
			hs.Mark = "[" + strconv.Itoa(s.N) + "]"
			v.Sources = append(v.Sources, hs)
		}
	}
	return v
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func hover(comment []string) string {
	s := strings.Join(comment, "\n")
	if r := []rune(s); len(r) > hoverLimit {
		s = string(r[:hoverLimit]) + "…"
	}
	return s
}

const htmlPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factsheet overview">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --head: #f6f8fa; --accent: #0b5cad;
  --yes-bg: #d8f3dc; --yes-fg: #0b5d2a; --yes-mk: #2da44e;
  --partial-bg: #fcefc4; --partial-fg: #684d00; --partial-mk: #d4a72c;
  --no-bg: #fde2e1; --no-fg: #8c1d18; --no-mk: #cf222e;
  --na-bg: #eceff3; --na-fg: #4b5563; --na-mk: #8c959f;
  --other-bg: #e1eafd; --other-fg: #1c3f8a; --other-mk: #3b6fd8;
  --empty-bg: #ffffff; --empty-fg: #8c959f; --empty-mk: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; margin: 0; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.55rem; margin: 0 0 .2rem; letter-spacing: -.01em; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
.summary { margin: 0; color: var(--muted); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .86em; }
table { border-collapse: separate; border-spacing: 0; }
th, td { text-align: left; vertical-align: top; }
.status { min-width: 60rem; }
.status th, .status td { padding: .45rem .7rem; border-bottom: 1px solid var(--rule); }
.status thead th { background: var(--head); font-weight: 600; font-size: .85em; color: var(--muted); border-top: 1px solid var(--rule); }
.status td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cc { display: inline-block; min-width: 2.1em; padding: 0 .3em; border-radius: .3em; background: #24292f; color: #fff; font-weight: 700; font-size: .8em; text-align: center; margin-right: .35em; letter-spacing: .03em; }
.muted { color: var(--muted); }
.nw { white-space: nowrap; }
.matrix tr.grp th em { font-weight: 400; opacity: .8; }
.stale { color: #8c1d18; font-weight: 600; }
.bar { display: inline-block; width: 6rem; height: .55rem; border-radius: .3rem; background: #eaeef2; vertical-align: middle; margin-right: .5rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--yes-mk); }
.badge { display: inline-block; min-width: 1.6em; padding: 0 .4em; border-radius: 1em; font-size: .8em; font-weight: 600; text-align: center; margin-right: .15rem; }
.badge.err { background: #ffebe9; color: #a40e26; }
.badge.warn { background: #fff3c4; color: #7a5600; }
.badge.info { background: #ddf4ff; color: #0a4a8a; }
.badge.zero { background: #f2f4f6; color: #8c959f; font-weight: 400; }
.others td, .others th { padding: .4rem .7rem; border-bottom: 1px solid var(--rule); }
.others thead th { background: var(--head); font-size: .85em; color: var(--muted); }
.others ul { margin: 0; padding-left: 1.1rem; }
.state { font-size: .78em; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .4rem; border-radius: .25rem; background: #eaeef2; }
.state.excluded, .state.duplicate { background: #ffebe9; color: #a40e26; }
.toolbar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem .8rem; background: rgba(255,255,255,.96); border: 1px solid var(--rule); border-radius: .5rem .5rem 0 0; border-bottom: 0; }
.toolbar select { font: inherit; padding: .2rem .4rem; border: 1px solid var(--rule); border-radius: .35rem; background: #fff; }
.toolbar .lbl { font-weight: 600; color: var(--muted); font-size: .85em; }
#f-answer { display: flex; flex-wrap: wrap; gap: .35rem; border: 0; margin: 0; padding: 0; }
#f-answer legend { float: left; margin-right: .3rem; }
.chip { display: inline-flex; align-items: center; gap: .3rem; padding: .12rem .55rem .12rem .4rem; border-radius: 1rem; font-size: .85em; cursor: pointer; border: 1px solid transparent; user-select: none; }
.chip input { margin: 0; accent-color: #24292f; }
.chip .n { color: inherit; opacity: .7; font-variant-numeric: tabular-nums; }
#f-count { margin-left: auto; color: var(--muted); font-size: .85em; }
.scroll { overflow: auto; max-height: 82vh; border: 1px solid var(--rule); border-radius: 0 0 .5rem .5rem; }
.matrix th, .matrix td { border-right: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
.matrix thead th { position: sticky; top: 0; z-index: 3; background: var(--head); padding: .5rem .6rem; min-width: 12rem; max-width: 15rem; font-weight: 600; }
.matrix thead th .cn { display: block; font-size: 1.02em; }
.matrix thead th .rd, .matrix thead th .fl { display: block; font-weight: 400; font-size: .8em; color: var(--muted); overflow-wrap: anywhere; }
.matrix .item { position: sticky; left: 0; z-index: 2; background: #fff; width: 24rem; min-width: 20rem; max-width: 24rem; padding: .45rem .6rem; font-weight: 400; }
.matrix thead th.item { z-index: 4; background: var(--head); vertical-align: bottom; }
.matrix .item code { display: block; color: var(--muted); font-size: .75em; overflow-wrap: anywhere; }
.matrix tr.grp th { position: sticky; left: 0; background: #24292f; color: #fff; padding: .4rem .6rem; font-size: .9em; font-weight: 600; text-align: left; }
.matrix tr.grp th span { display: inline-block; position: sticky; left: .6rem; }
.c { padding: 0; min-width: 12rem; max-width: 15rem; border-left: 4px solid var(--mk); background: var(--bg); color: var(--fg); }
.c.dim { opacity: .22; }
.c details { padding: .35rem .5rem; }
.c summary { cursor: pointer; list-style: none; white-space: pre-line; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden; }
.c summary::-webkit-details-marker { display: none; }
.c details[open] summary { -webkit-line-clamp: unset; display: block; font-weight: 600; }
.c .pill { display: inline-block; margin-left: .3rem; padding: 0 .35rem; border-radius: .6rem; background: rgba(255,255,255,.7); color: var(--muted); font-size: .72em; font-weight: 600; vertical-align: .1em; }
.c .more { margin-top: .35rem; padding-top: .35rem; border-top: 1px dashed rgba(0,0,0,.15); color: var(--ink); font-size: .92em; }
.c .more p { margin: 0 0 .3rem; overflow-wrap: anywhere; }
.src { list-style: none; margin: .2rem 0 .3rem; padding-left: 0; font-size: .9em; }
.src .mk { font-weight: 600; color: var(--muted); }
.c .src li { overflow-wrap: anywhere; }
.c .pos { color: var(--muted); font-size: .82em; overflow-wrap: anywhere; }
.c .none { display: block; padding: .35rem .5rem; color: var(--empty-fg); }
.c.yes { --bg: var(--yes-bg); --fg: var(--yes-fg); --mk: var(--yes-mk); }
.c.partial { --bg: var(--partial-bg); --fg: var(--partial-fg); --mk: var(--partial-mk); }
.c.no { --bg: var(--no-bg); --fg: var(--no-fg); --mk: var(--no-mk); }
.c.na { --bg: var(--na-bg); --fg: var(--na-fg); --mk: var(--na-mk); }
.c.other { --bg: var(--other-bg); --fg: var(--other-fg); --mk: var(--other-mk); }
.c.empty { --bg: repeating-linear-gradient(135deg, #fff 0 6px, #f3f5f7 6px 12px); --fg: var(--empty-fg); --mk: var(--empty-mk); }
.chip.yes { background: var(--yes-bg); color: var(--yes-fg); border-color: var(--yes-mk); }
.chip.partial { background: var(--partial-bg); color: var(--partial-fg); border-color: var(--partial-mk); }
.chip.no { background: var(--no-bg); color: var(--no-fg); border-color: var(--no-mk); }
.chip.na { background: var(--na-bg); color: var(--na-fg); border-color: var(--na-mk); }
.chip.other { background: var(--other-bg); color: var(--other-fg); border-color: var(--other-mk); }
.chip.empty { background: #fff; color: var(--empty-fg); border-color: var(--empty-mk); border-style: dashed; }
a { color: var(--accent); }
.legend { margin: .5rem 0 0; font-size: .85em; color: var(--muted); }
.legend dt { font-weight: 600; color: var(--ink); float: left; clear: left; width: 11rem; }
.legend dd { margin: 0 0 .15rem 11rem; }
.topic p { margin: .3rem 0 .5rem; max-width: 52rem; }
.topic .li { margin: .1rem 0 .1rem 1.2rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85em; max-width: 60rem; }
[hidden] { display: none !important; }
@media print {
  body { padding: 0; font-size: 9pt; }
  .toolbar { display: none; }
  .scroll { max-height: none; overflow: visible; }
  .matrix thead th, .matrix .item, .matrix tr.grp th, .toolbar { position: static; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="summary">{{.Summary}}</p>
</header>
<main>
<section id="status">
<h2>Status per country</h2>
{{if .Status}}<table class="status">
<thead><tr><th scope="col">Country</th><th scope="col">Round shown</th><th scope="col">Last review</th><th scope="col">Completeness</th><th scope="col">Lint findings</th><th scope="col">Past-due</th><th scope="col">Template</th><th scope="col">File</th></tr></thead>
<tbody>
{{range .Status}}<tr><th scope="row" class="nw"><span class="cc">{{.Code}}</span>{{.Name}}</th><td class="nw">{{.Round}}</td><td>{{if .Review}}<span class="nw{{if .Stale}} stale{{end}}">{{.Review}}</span> <span class="muted">{{.ReviewAge}}</span>{{else}}<span class="stale">no review</span>{{end}}</td><td class="nw"><span class="bar"><span style="width: {{.Percent}}%"></span></span>{{.Answered}}/{{.Total}} <span class="muted">({{.Percent}}%)</span></td><td>{{if .Errors}}<span class="badge err" title="errors">{{.Errors}} error{{if ne .Errors 1}}s{{end}}</span>{{end}}{{if .Warnings}}<span class="badge warn" title="warnings">{{.Warnings}} warning{{if ne .Warnings 1}}s{{end}}</span>{{end}}{{if .Infos}}<span class="badge info" title="infos">{{.Infos}} info</span>{{end}}{{if not (or .Errors .Warnings .Infos)}}<span class="badge zero">none</span>{{end}}</td><td class="num">{{if .PastDue}}<span class="badge warn">{{.PastDue}}</span>{{else}}<span class="badge zero">0</span>{{end}}</td><td class="nw"><code>{{.Template}}</code></td><td><code>{{.File}}</code>{{if .Note}}<div class="muted">{{.Note}}</div>{{end}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p>No factsheet could be placed in the matrix.</p>
{{end}}{{if .Others}}<h3>Files not in the matrix</h3>
<table class="others">
<thead><tr><th scope="col">File</th><th scope="col">State</th><th scope="col">Why</th><th scope="col">Errors</th></tr></thead>
<tbody>
{{range .Others}}<tr><td class="nw"><code>{{.File}}</code></td><td><span class="state {{.State}}">{{.State}}</span></td><td>{{.Note}}</td><td>{{if .Errors}}<ul>{{range .Errors}}<li>{{.}}</li>{{end}}</ul>{{end}}</td></tr>
{{end}}</tbody>
</table>
{{end}}</section>
{{if .Columns}}<section id="matrix">
<h2>Answers by item and country</h2>
<div class="toolbar" role="toolbar" aria-label="Filters">
<label><span class="lbl">Chapter</span> <select id="f-chapter"><option value="">All chapters</option>{{range .Chapters}}<option value="{{.Number}}">{{.Number}} {{.Heading}}</option>{{end}}</select></label>
<fieldset id="f-answer"><legend class="lbl">Answers</legend>{{range .Categories}}<label class="chip {{.ID}}" title="{{.Meaning}}"><input type="checkbox" value="{{.ID}}" checked> {{.Label}} <span class="n">{{.Count}}</span></label>{{end}}</fieldset>
<span id="f-count">{{.Items}} items</span>
</div>
<div class="scroll">
<table class="matrix">
<thead><tr><th scope="col" class="item">Item</th>{{range .Columns}}<th scope="col"><span class="cc">{{.Code}}</span><span class="cn">{{.Name}}</span><span class="rd">{{.Round}}</span><span class="fl">{{.File}}</span></th>{{end}}</tr></thead>
{{range .Groups}}<tbody>
<tr class="grp" data-table="{{.Table}}"><th colspan="{{$.Colspan}}" scope="colgroup"><span>{{.Title}}{{if .Note}} <em>({{.Note}})</em>{{end}}</span></th></tr>
{{range .Rows}}<tr class="it" data-chapter="{{.Chapter}}" data-table="{{.Table}}" data-cats="{{.Cats}}"><th scope="row" class="item">{{.Label}}<code>{{.ID}}</code></th>{{range .Cells}}<td class="c {{.Cat}}" data-cat="{{.Cat}}"{{if .Hover}} title="{{.Hover}}"{{end}}>{{if .Empty}}<span class="none" title="{{.CatLabel}}">—</span>{{else}}<details><summary>{{.Answer}}{{if or .Comment .Sources}}<span class="pill" title="{{if .Comment}}a comment{{end}}{{if and .Comment .Sources}}, {{end}}{{if .Sources}}{{len .Sources}} source(s){{end}}: open the cell">{{if .Comment}}¶{{end}}{{if .Sources}} {{len .Sources}}{{end}}</span>{{end}}</summary><div class="more">{{range .Comment}}<p>{{.}}</p>{{end}}{{if .Sources}}<ul class="src">{{range .Sources}}{{template "source" .}}{{end}}</ul>{{end}}<div class="pos">{{.CatLabel}} · {{.Pos}}</div></div></details>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
{{end}}</table>
</div>
<dl class="legend">{{range .Categories}}<dt>{{.Label}}</dt><dd>{{.Meaning}}</dd>{{end}}</dl>
</section>
{{end}}{{if .Topics}}<section id="topics">
<h2>By topic</h2>
{{range .Topics}}<div class="topic">
<h3>{{.Label}} <code>{{.ID}}</code></h3>
{{range .Paragraphs}}<p><strong>{{.Name}}:</strong> {{.First}}</p>{{range .Rest}}<p{{if .Bullet}} class="li"{{end}}>{{.Text}}</p>{{end}}
{{end}}</div>
{{end}}<h3>Sources</h3>
<ul class="src topic-sources">{{range .Sources}}{{template "source" .}}{{end}}</ul>
</section>
{{end}}</main>
<footer>Made by <code>factsheet overview</code>. Each cell shows the answer as written; its colour is the answer's category. Open a cell for its comment (¶), its sources (their number) and where it is written; hover for the comment. Footnote numbers are the factsheet's own.</footer>
<script>{{.Script}}</script>
</body>
</html>
{{define "source"}}<li><span class="mk">{{.Mark}}</span> {{if .Missing}}<span class="muted">{{.Title}}</span>{{else}}{{.Title}}{{range .Links}} <a href="{{.}}" rel="noopener noreferrer nofollow">{{.}}</a>{{end}}{{range .Text}} <span class="mono">{{.}}</span>{{end}}{{end}}</li>{{end}}`
