package cli

import (
	"errors"
	"os"
	"time"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/lint"
)

// runConfig is what every checking command decides before reading files:
// the configuration in force and the day dates are judged against.
type runConfig struct {
	cfg   *config.Config // nil: no configuration file
	today dates.Date
}

// setup reads --today and the configuration (--config, or the nearest
// .factsheet.yaml). A bad configuration is a usage error naming the
// position of the problem.
func (g *globals) setup() (*runConfig, error) {
	run := &runConfig{today: dates.DateOf(time.Now())}
	if g.today != "" {
		t, err := time.Parse("2006-01-02", g.today)
		if err != nil {
			return nil, usagef("invalid --today %q: want YYYY-MM-DD", g.today)
		}
		run.today = dates.DateOf(t)
	}
	path := g.config
	if path == "" {
		wd, err := os.Getwd()
		if err == nil {
			if p, ok := config.Find(wd); ok {
				path = p
			}
		}
	}
	if path == "" {
		return run, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, usageError{err: err}
		}
		return nil, usagef("%v", err)
	}
	run.cfg = cfg
	return run, nil
}

// override applies --enable and --disable on top of the configuration.
func (run *runConfig) override(enable, disable []string) error {
	if len(enable)+len(disable) == 0 {
		return nil
	}
	if run.cfg == nil {
		run.cfg = &config.Config{Rules: map[string]string{}}
	}
	for _, id := range enable {
		r, ok := lint.Lookup(id)
		if !ok {
			return usagef("--enable: %s", config.UnknownRule(id))
		}
		if run.cfg.Rules[id] == config.Off || run.cfg.Rules[id] == "" {
			run.cfg.Rules[id] = r.Severity.String()
		}
	}
	for _, id := range disable {
		r, ok := lint.Lookup(id)
		if !ok {
			return usagef("--disable: %s", config.UnknownRule(id))
		}
		if r.Fatal {
			return usagef("--disable: rule %s reports files that cannot be read; it cannot be turned off", id)
		}
		run.cfg.Rules[id] = config.Off
	}
	return nil
}
