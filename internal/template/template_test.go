package template

import (
	"errors"
	"strings"
	"testing"

	"github.com/ecanplus/factsheet/schema"
)

func ecan(t *testing.T) *Template {
	t.Helper()
	tpl, ok := Builtin().Lookup(DefaultName)
	if !ok {
		_, err := Parse("ecan-plus-2025.schema.json", schema.Base+"ecan-plus-2025.schema.json", mustFile(t, "ecan-plus-2025.schema.json"))
		t.Fatalf("built-in template does not parse: %v", err)
	}
	return tpl
}

func mustFile(t *testing.T, name string) []byte {
	b, ok := schema.File(name)
	if !ok {
		t.Fatalf("%s is not embedded", name)
	}
	return b
}

// TestTemplateShape pins the counts of the published template, so an
// accidental edit that drops a question fails loudly.
func TestTemplateShape(t *testing.T) {
	want := map[int]int{1: 7, 2: 8, 3: 11, 4: 4, 5: 6, 6: 5}
	tpl := ecan(t)
	if len(tpl.Chapters) != 5 {
		t.Fatalf("chapters = %d, want 5", len(tpl.Chapters))
	}
	for _, tb := range tpl.Tables() {
		if got := len(tb.Items); got != want[tb.Number] {
			t.Errorf("table %d: %d items, want %d", tb.Number, got, want[tb.Number])
		}
	}
	if got := len(tpl.Table("solutions").Types); got != 7 {
		t.Errorf("table 5: %d solution types, want 7", got)
	}
}

// TestIDsUniqueAndDependencies checks that IDs are unique per table, are
// lower-case snake case, and that every conditional question depends on an
// earlier question of the same table.
func TestIDsUniqueAndDependencies(t *testing.T) {
	for _, tb := range ecan(t).Tables() {
		seen := map[string]int{}
		for i, it := range append(append([]Item{}, tb.Items...), tb.Types...) {
			if _, dup := seen[it.ID]; dup {
				t.Errorf("table %d: duplicate ID %q", tb.Number, it.ID)
			}
			seen[it.ID] = i
			for _, r := range it.ID {
				if !(r >= 'a' && r <= 'z' || r == '_') {
					t.Errorf("table %d: ID %q is not snake case", tb.Number, it.ID)
					break
				}
			}
			if it.Wording == "" {
				t.Errorf("table %d: %s has no wording", tb.Number, it.ID)
			}
		}
		for i, it := range tb.Items {
			if it.DependsOn == "" {
				if it.Condition != Always {
					t.Errorf("%s: condition without parent", tb.ID(it.ID))
				}
				continue
			}
			j, ok := seen[it.DependsOn]
			if !ok || j >= i {
				t.Errorf("%s depends on %q, which is not an earlier question of table %d", tb.ID(it.ID), it.DependsOn, tb.Number)
			}
		}
	}
}

// TestParseRefuses names what is wrong and where, for each way a template
// file can be unusable.
func TestParseRefuses(t *testing.T) {
	good := string(mustFile(t, "ecan-plus-2025.schema.json"))
	for _, tc := range []struct{ name, old, new, want string }{
		{"missing wording", `"x-factsheet-wording": "Is there a national eHealth governance board in place?",`, ``,
			`/$defs/governance/properties/questions/properties/national_board: missing "x-factsheet-wording"`},
		{"unknown kind", `"x-factsheet-kind": "terms"`, `"x-factsheet-kind": "list"`, `"x-factsheet-kind" must be "terms", "questions" or "matrix", not "list"`},
		{"unknown vocabulary", `"x-factsheet-answers": "yes-no"`, `"x-factsheet-answers": "maybe"`, `"x-factsheet-answers" must be "yes-no", "extent", "free-text" or a list of answers, not "maybe"`},
		{"unknown condition", `"x-factsheet-applies-when": "yes"`, `"x-factsheet-applies-when": "sometimes"`, `"x-factsheet-applies-when" must be "yes" or "no", not "sometimes"`},
		{"depends on a later question", `"x-factsheet-depends-on": "public_agency"`, `"x-factsheet-depends-on": "cancer_centres"`, `must name an earlier question of table 2`},
		{"bad ID", `"national_board": {`, `"National Board": {`, `ID "National Board" must be lower case`},
		{"not required", `"required": ["ehealth", `, `"required": [`, `"ehealth" is not in "required"`},
		{"local ref to nothing", "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\"", `"$ref": "#/$defs/nothing"`, `points to nothing in this file`},
		{"other file", `"$ref": "defs.schema.json#/$defs/term"`, `"$ref": "other.schema.json#/$defs/term"`, `$ref to other.schema.json#/$defs/term: a template may refer only to itself`},
		// Under allOf the $ref is an array element's: its check panicked.
		{"ref to nothing under allOf", "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\"", `"allOf": [{"$ref": "#/$defs/nothing"}]`, `points to nothing in this file`},
		{"ref cycle under allOf", "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\"", `"allOf": [{"$ref": "#/properties/introduction/allOf/0"}]`, `$ref cycle`},
		{"bad percent-encoding", "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\"", `"$ref": "#/$defs/wording%2"`, `the fragment is not valid percent-encoding`},
		{"anchor", "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\"", `"$ref": "#intro"`, `only JSON pointer fragments`},
		{"wording entry missing", `"governance.ministry": {`, `"governance.minister": {`, `missing property "governance.ministry"`},
		{"no columns", `"x-factsheet-columns": ["Term", "Definition", "Deviation"],`, `"x-factsheet-columns": ["Term"],`, `"x-factsheet-columns" of a terms table has 1 label(s), not 3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.old) {
				t.Fatalf("%q is not in the template", tc.old)
			}
			src := strings.Replace(good, tc.old, tc.new, 1)
			_, err := Parse("x.schema.json", schema.Base+"x.schema.json", []byte(src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			var te *Error
			if !errors.As(err, &te) || te.Line == 0 || strings.Contains(err.Error(), "\n") {
				t.Errorf("not a one-line error with a position: %v", err)
			}
		})
	}
}

// TestParseRefUnderAllOf reads a template whose $ref is reached only
// through allOf (an array element): checking it panicked with a nil
// interface conversion, an internal error instead of a template.
func TestParseRefUnderAllOf(t *testing.T) {
	good := string(mustFile(t, "ecan-plus-2025.schema.json"))
	old := "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\""
	if !strings.Contains(good, old) {
		t.Fatalf("%q is not in the template", old)
	}
	src := strings.Replace(good, old, `"allOf": [{"$ref": "defs.schema.json#/$defs/richText"}, {"$ref": "#/properties/title"}]`, 1)
	if _, err := Parse("x.schema.json", schema.Base+"x.schema.json", []byte(src)); err != nil {
		t.Fatalf("a $ref under allOf: %v", err)
	}
}

// TestParsePercentEncodedRef follows a $ref whose fragment is
// percent-encoded as a URI's is ("#/$defs/a%20b" is the definition "a b"),
// as the evaluator does: the template check said it pointed to nothing.
func TestParsePercentEncodedRef(t *testing.T) {
	good := string(mustFile(t, "ecan-plus-2025.schema.json"))
	old := "\"$ref\": \"defs.schema.json#/$defs/richText\",\n      \"title\": \"Introduction\""
	src := strings.Replace(good, old, `"$ref": "#/$defs/intro%20text"`, 1)
	src = strings.Replace(src, `"$defs": {`, `"$defs": {"intro text": {"type": "string"},`, 1)
	if src == good {
		t.Fatal("the template did not change")
	}
	if _, err := Parse("x.schema.json", schema.Base+"x.schema.json", []byte(src)); err != nil {
		t.Fatalf("a percent-encoded $ref: %v", err)
	}
}

// TestMatchByWording picks a document's template by its wording, and keeps
// the default on a tie.
func TestMatchByWording(t *testing.T) {
	def := ecan(t)
	src := strings.Replace(string(def.Source), `"const": "ecan-plus-2025"`, `"const": "other-2030"`, 1)
	src = strings.Replace(src, `"x-factsheet-wording": "Is there a national eHealth governance board in place?"`, `"x-factsheet-wording": "Is there a board for all things digital?"`, 1)
	reg, err := Builtin().Add([]File{{Name: "other.schema.json", Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	other, ok := reg.Lookup("other-2030")
	if !ok {
		t.Fatal("other-2030 not registered")
	}
	if got, _ := Match(reg.All(), "Table 2 : x\nIs there a national eHealth governance board in place?\tYes", def); got != def {
		t.Errorf("matched %s, want the default", got.Version)
	}
	if got, _ := Match(reg.All(), "Is there a board for all things   DIGITAL?\tYes", def); got != other {
		t.Errorf("matched %s, want other-2030", got.Version)
	}
	if got, _ := Match(reg.All(), "nothing of either", def); got != def {
		t.Errorf("a tie matched %s, want the default", got.Version)
	}
	// The tie is said: the templates that matched as well come back; a
	// text that matches none is no tie.
	if got, tied := Match(reg.All(), "Table 2 : Overview on eHealth governance - Belgium", def); got != def || len(tied) != 1 || tied[0] != other {
		t.Errorf("a tie: %v %v, want the default and other-2030 tied", got.Version, tied)
	}
	if got, tied := Match(reg.All(), "nothing of either", def); got != def || len(tied) != 0 {
		t.Errorf("no match: %v %v, want the default and no tie", got.Version, tied)
	}
	if _, tied := Match(reg.All(), "Is there a board for all things digital?", def); len(tied) != 0 {
		t.Errorf("no tie: %v tied", tied)
	}
}

// TestBuiltinStrict runs every check a repository's template gets on the
// built-in ones, which a run skips.
func TestBuiltinStrict(t *testing.T) {
	for _, name := range Builtin().Names() {
		file := name + ".schema.json"
		if _, err := Parse(file, schema.Base+file, mustFile(t, file)); err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkParse is the start-up cost a run pays for the built-in template
// (docs/performance.md).
func BenchmarkParse(b *testing.B) {
	src, _ := schema.File("ecan-plus-2025.schema.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse("ecan-plus-2025.schema.json", schema.Base+"ecan-plus-2025.schema.json", src, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseStrict is the cost of a repository's template, checked in full.
func BenchmarkParseStrict(b *testing.B) {
	src, _ := schema.File("ecan-plus-2025.schema.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("ecan-plus-2025.schema.json", schema.Base+"ecan-plus-2025.schema.json", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerated is what a run pays for the built-in template instead.
func BenchmarkGenerated(b *testing.B) {
	gen := generated[DefaultName]
	b.ReportAllocs()
	for b.Loop() {
		if gen() == nil {
			b.Fatal("nil")
		}
	}
}

// FuzzParse: whatever a repository's template file holds, Parse returns a
// template or an error with a position; it never panics.
func FuzzParse(f *testing.F) {
	src, _ := schema.File("ecan-plus-2025.schema.json")
	f.Add(src)
	f.Add([]byte(`{"properties": {"template": {"const": "x"}}, "x-factsheet-chapters": [{"number": 1, "heading": "H", "sections": ["s"]}], "$defs": {"s": {"$ref": "#/$defs/s"}}}`))
	f.Add([]byte(`{"$ref": "#", "properties": {"template": {"const": "x"}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		tpl, err := Parse("f.schema.json", schema.Base+"f.schema.json", b)
		if err == nil && tpl == nil {
			t.Fatal("no template and no error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("a multi-line error: %q", err)
		}
	})
}

// TestSchemaDocEncodings: a template saved with a byte order mark (UTF-8,
// or UTF-16 as Windows editors save "Unicode") and CRLF line ends is read
// and compiled as the same schema; the schema the validator compiles was
// read from the raw bytes and refused the BOM ("invalid character 'ï'").
func TestSchemaDocEncodings(t *testing.T) {
	good := string(mustFile(t, "ecan-plus-2025.schema.json"))
	want, err := (&Template{URL: "u", Source: []byte(good)}).SchemaDoc("u")
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(good, "\n", "\r\n")
	u16 := []byte{0xFF, 0xFE}
	for _, r := range crlf {
		u16 = append(u16, byte(r), byte(r>>8)) // the template is in the BMP
	}
	for name, src := range map[string][]byte{
		"UTF-8 with BOM, CRLF": append([]byte("\xEF\xBB\xBF"), crlf...),
		"UTF-16LE with BOM":    u16,
	} {
		tpl, err := Parse("x.schema.json", schema.Base+"x.schema.json", src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := tpl.SchemaDoc(tpl.URL)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: the schema compiled differs (error %v)", name, err)
		}
	}
}
