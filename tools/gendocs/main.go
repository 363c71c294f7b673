// Command gendocs writes the man pages and Markdown pages of the factsheet
// commands from the cobra command tree. It is a separate program, in the
// separate tools module, so that the shipped binary does not link cobra/doc
// and its Markdown renderers and building the tool does not build it.
//
//	go -C tools run ./gendocs -out ../docs/commands -man ../man/man1   (make docs)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/ecanplus/factsheet/internal/cli"
)

func main() {
	md := flag.String("out", "docs/commands", "directory for the Markdown pages")
	man := flag.String("man", "", "directory for the man pages (section 1); empty: none")
	flag.Parse()
	if err := run(*md, *man); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(md, man string) error {
	root := cli.Root()
	root.DisableAutoGenTag = true // reproducible output: no generation date
	if err := os.MkdirAll(md, 0o755); err != nil {
		return err
	}
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return err
	}
	if man == "" {
		return nil
	}
	if err := os.MkdirAll(man, 0o755); err != nil {
		return err
	}
	return doc.GenManTree(root, &doc.GenManHeader{Title: "FACTSHEET", Section: "1", Source: "factsheet"}, man)
}
