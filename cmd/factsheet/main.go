// Command factsheet validates and lints eCAN country factsheets.
package main

import (
	"os"

	"github.com/ecanplus/factsheet/internal/cli"
)

func main() { os.Exit(cli.Main()) }
