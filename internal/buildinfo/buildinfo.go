// Package buildinfo says which build of factsheet is running: its version,
// commit and commit date, for `factsheet version` and the reports that
// record the tool (SARIF's tool.driver.version).
//
// Two sources, the first that knows wins:
//
//  1. values stamped at link time by release builds (make dist, GoReleaser):
//
//     -ldflags "-X github.com/ecanplus/factsheet/internal/buildinfo.version=v1.2.0
//     -X github.com/ecanplus/factsheet/internal/buildinfo.commit=<40 hex digits>
//     -X github.com/ecanplus/factsheet/internal/buildinfo.date=2026-12-01T23:04:00Z"
//
//  2. what the Go toolchain records (runtime/debug.ReadBuildInfo): the
//     module version for `go install ...@v1.2.0`, the VCS revision, time and
//     modified flag for a build in a git checkout (unless -buildvcs=false).
//
// A build that has neither (go build -buildvcs=false in a checkout) is
// "(devel)" without a commit, as the Go toolchain says.
package buildinfo

import (
	"runtime/debug"
)

// Stamped at link time with -ldflags -X (see the package comment). Empty
// in a build that was not stamped.
var (
	version string
	commit  string
	date    string
)

// Devel is the version of a build that nothing identifies.
const Devel = "(devel)"

// Info describes one build.
type Info struct {
	Version   string // "v1.2.0", a pseudo-version, or Devel
	Commit    string // full commit hash; "" when unknown
	Date      string // commit date, RFC 3339; "" when unknown
	Modified  bool   // built from a working tree with uncommitted changes
	GoVersion string // the Go toolchain that built it; "" when unknown
}

// Get returns the running build's information.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return merge(version, commit, date, bi)
}

// merge is Get without the process: the stamped values, then the toolchain's.
func merge(version, commit, date string, bi *debug.BuildInfo) Info {
	info := Info{Version: version, Commit: commit, Date: date}
	if bi != nil {
		info.GoVersion = bi.GoVersion
		if info.Version == "" && bi.Main.Version != "" {
			info.Version = bi.Main.Version
		}
		// The VCS settings describe the checkout the binary was built in;
		// a stamped commit already says which one, so they only fill gaps.
		stampedCommit := info.Commit != ""
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if !stampedCommit {
					info.Commit = s.Value
				}
			case "vcs.time":
				if info.Date == "" {
					info.Date = s.Value
				}
			case "vcs.modified":
				if !stampedCommit {
					info.Modified = s.Value == "true"
				}
			}
		}
	}
	if info.Version == "" {
		info.Version = Devel
	}
	return info
}
