package cli

import (
	"errors"
	"time"

	"github.com/ecanplus/factsheet/internal/config"
	"github.com/ecanplus/factsheet/internal/dates"
	"github.com/ecanplus/factsheet/internal/rules"
)

// runConfig is what every checking command decides before reading files:
// the configurations in force and the day dates are judged against.
type runConfig struct {
	configs *config.Set
	today   dates.Date
}

// setup reads --today and prepares the configurations: --config for every
// file, or the nearest .factsheet.yaml above each (read when a file needs
// it). adjust is applied to each configuration (--enable, --disable). A bad
// configuration is a usage error naming the position of the problem.
func (g *globals) setup(adjust func(*config.Config) error) (*runConfig, error) {
	day, err := g.day()
	if err != nil {
		return nil, err
	}
	set, err := config.NewSet(g.Config, adjust)
	if err != nil {
		return nil, configError(err)
	}
	return &runConfig{configs: set, today: day}, nil
}

// day is --today, or the real date.
func (g *globals) day() (dates.Date, error) {
	if g.Today == "" {
		return dates.DateOf(time.Now()), nil
	}
	t, err := time.Parse("2006-01-02", g.Today)
	if err != nil {
		return dates.Date{}, usagef("invalid --today %q: want YYYY-MM-DD", g.Today)
	}
	return dates.DateOf(t), nil
}

// configError makes a configuration that cannot be used a usage error.
func configError(err error) error {
	var ce *config.Error
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return err
	case errors.As(err, &ce):
		return usageError{err: err}
	}
	return usagef("%v", err)
}

// config returns the configuration of a file (see config.Set.For).
func (run *runConfig) config(path string) (*config.Config, error) {
	c, err := run.configs.For(path)
	if err != nil {
		return nil, configError(err)
	}
	return c, nil
}

// overrides returns the adjustment --enable and --disable make to every
// configuration, after checking the rules they name; nil when neither is
// given.
func overrides(enable, disable []string) (func(*config.Config) error, error) {
	if len(enable)+len(disable) == 0 {
		return nil, nil
	}
	for _, id := range enable {
		if _, ok := rules.Lookup(id); !ok {
			return nil, usagef("--enable: %s", config.UnknownRule(id))
		}
	}
	for _, id := range disable {
		r, ok := rules.Lookup(id)
		if !ok {
			return nil, usagef("--disable: %s", config.UnknownRule(id))
		}
		if r.Fatal {
			return nil, usagef("--disable: rule %s reports files that cannot be read; it cannot be turned off", id)
		}
	}
	return func(c *config.Config) error {
		if c.Rules == nil {
			c.Rules = map[string]string{}
		}
		for _, id := range enable {
			r, _ := rules.Lookup(id)
			if c.Rules[id] == config.Off || c.Rules[id] == "" {
				c.Rules[id] = r.Severity.String()
			}
		}
		for _, id := range disable {
			c.Rules[id] = config.Off
		}
		return nil
	}, nil
}
