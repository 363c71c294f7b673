package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// maxVerified is the most a part may inflate to in Verify.
const maxVerified = 256 << 20

// Verify checks the structure of an Open Packaging package such as an
// .xlsx: every XML part (.xml, .rels, .vml) is well-formed, [Content_Types].xml gives every
// part a content type and names no part that is missing, every internal
// relationship points at a part, and every part but the content types and
// the relationships is reached from the package's relationships. The
// tests of the writers run it over what they write; a spreadsheet program
// refuses, or silently repairs, a package that fails it.
func Verify(raw []byte) error {
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return err
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		if _, dup := parts[f.Name]; dup {
			return fmt.Errorf("%s: written twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxVerified+1))
		_ = rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if len(data) > maxVerified {
			return fmt.Errorf("%s: larger than %d bytes", f.Name, maxVerified)
		}
		switch strings.ToLower(path.Ext(f.Name)) {
		case ".xml", ".rels", ".vml":
			if err := wellFormed(data); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		parts[f.Name] = data
	}

	// Content types.
	ct, ok := parts["[Content_Types].xml"]
	if !ok {
		return errors.New("no [Content_Types].xml")
	}
	var types struct {
		Default []struct {
			Extension string `xml:",attr"`
		}
		Override []struct {
			PartName string `xml:",attr"`
		}
	}
	if err := xml.Unmarshal(ct, &types); err != nil {
		return fmt.Errorf("[Content_Types].xml: %w", err)
	}
	typed := map[string]bool{}
	for _, d := range types.Default {
		typed["."+strings.ToLower(d.Extension)] = true
	}
	overridden := map[string]bool{}
	for _, o := range types.Override {
		name := strings.TrimPrefix(o.PartName, "/")
		if _, ok := parts[name]; !ok {
			return fmt.Errorf("[Content_Types].xml names %s, which is not in the package", o.PartName)
		}
		overridden[name] = true
	}
	for name := range parts {
		if name != "[Content_Types].xml" && !overridden[name] && !typed[strings.ToLower(path.Ext(name))] {
			return fmt.Errorf("%s has no content type", name)
		}
	}

	// Relationships, from the package's own down.
	reached := map[string]bool{}
	var walk func(source string) error
	walk = func(source string) error {
		relsName := path.Join(path.Dir(source), "_rels", path.Base(source)+".rels")
		if source == "" {
			relsName = "_rels/.rels"
		}
		data, ok := parts[relsName]
		if !ok {
			return nil
		}
		reached[relsName] = true
		var rs struct {
			Relationship []struct {
				ID         string `xml:"Id,attr"`
				Target     string `xml:",attr"`
				TargetMode string `xml:",attr"`
			}
		}
		if err := xml.Unmarshal(data, &rs); err != nil {
			return fmt.Errorf("%s: %w", relsName, err)
		}
		ids := map[string]bool{}
		for _, r := range rs.Relationship {
			if ids[r.ID] {
				return fmt.Errorf("%s: two relationships %s", relsName, r.ID)
			}
			ids[r.ID] = true
			if r.TargetMode == "External" {
				continue
			}
			target := strings.TrimPrefix(r.Target, "/")
			if !strings.HasPrefix(r.Target, "/") {
				target = path.Join(path.Dir(source), r.Target)
			}
			if _, ok := parts[target]; !ok {
				return fmt.Errorf("%s: %s points at %s, which is not in the package", relsName, r.ID, target)
			}
			if !reached[target] {
				reached[target] = true
				if err := walk(target); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(""); err != nil {
		return err
	}
	for name := range parts {
		if name != "[Content_Types].xml" && !reached[name] {
			return fmt.Errorf("%s is not reached from the package's relationships", name)
		}
	}
	return nil
}

// wellFormed reads XML to its end.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d root elements", roots)
	}
	return nil
}
