package glob

import "path/filepath"

var filepathSeparatorIsBackslash = filepath.Separator == '\\'
