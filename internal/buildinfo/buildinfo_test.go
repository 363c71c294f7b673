package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestMerge(t *testing.T) {
	vcs := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/ecanplus/factsheet", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "1111111111111111111111111111111111111111"},
			{Key: "vcs.time", Value: "2026-11-30T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	installed := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/ecanplus/factsheet", Version: "v1.2.0"},
	}
	bare := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/ecanplus/factsheet"}}
	for _, tc := range []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		want                  Info
	}{
		{
			name:    "a release build: the stamped values win over the checkout's",
			version: "v1.2.0", commit: "2222222222222222222222222222222222222222", date: "2026-12-01T23:04:00Z",
			bi:   vcs,
			want: Info{Version: "v1.2.0", Commit: "2222222222222222222222222222222222222222", Date: "2026-12-01T23:04:00Z", GoVersion: "go1.26.8"},
		},
		{
			name: "go build in a checkout: the VCS settings",
			bi:   vcs,
			want: Info{Version: "(devel)", Commit: "1111111111111111111111111111111111111111", Date: "2026-11-30T10:00:00Z", Modified: true, GoVersion: "go1.26.8"},
		},
		{
			name: "go install @v1.2.0: the module version",
			bi:   installed,
			want: Info{Version: "v1.2.0", GoVersion: "go1.26.8"},
		},
		{
			name: "-buildvcs=false, not stamped: (devel) without a commit",
			bi:   bare,
			want: Info{Version: "(devel)", GoVersion: "go1.26.8"},
		},
		{
			name:    "only the version stamped: the checkout's commit fills in",
			version: "v1.2.0", bi: vcs,
			want: Info{Version: "v1.2.0", Commit: "1111111111111111111111111111111111111111", Date: "2026-11-30T10:00:00Z", Modified: true, GoVersion: "go1.26.8"},
		},
		{
			name: "no build information at all",
			want: Info{Version: "(devel)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := merge(tc.version, tc.commit, tc.date, tc.bi); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// An unstamped test binary still says something.
func TestGet(t *testing.T) {
	if got := Get(); got.Version == "" || got.GoVersion == "" {
		t.Errorf("Get() = %+v: want a version and a Go version", got)
	}
}
