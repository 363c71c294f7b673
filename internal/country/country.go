// Package country maps the English names of European countries to their ISO
// 3166-1 alpha-2 codes. The document form names the country only in words
// (the table captions end with "- Belgium"); the YAML and JSON forms carry
// the code, so the importer needs the mapping, and the linter checks that a
// code and a name agree.
package country

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// names lists the countries eCAN factsheets cover (EU and EEA members) and
// their European neighbours, with common alternative names.
var names = map[string]string{
	"AL": "Albania", "AD": "Andorra", "AT": "Austria", "BY": "Belarus", "BE": "Belgium",
	"BA": "Bosnia and Herzegovina", "BG": "Bulgaria", "HR": "Croatia", "CY": "Cyprus",
	"CZ": "Czechia", "DK": "Denmark", "EE": "Estonia", "FI": "Finland", "FR": "France",
	"GE": "Georgia", "DE": "Germany", "GR": "Greece", "HU": "Hungary", "IS": "Iceland",
	"IE": "Ireland", "IT": "Italy", "XK": "Kosovo", "LV": "Latvia", "LI": "Liechtenstein",
	"LT": "Lithuania", "LU": "Luxembourg", "MT": "Malta", "MD": "Moldova", "MC": "Monaco",
	"ME": "Montenegro", "NL": "Netherlands", "MK": "North Macedonia", "NO": "Norway",
	"PL": "Poland", "PT": "Portugal", "RO": "Romania", "SM": "San Marino", "RS": "Serbia",
	"SK": "Slovakia", "SI": "Slovenia", "ES": "Spain", "SE": "Sweden", "CH": "Switzerland",
	"TR": "Türkiye", "UA": "Ukraine", "GB": "United Kingdom", "VA": "Holy See",
}

var aliases = map[string]string{
	"czech republic": "CZ", "the netherlands": "NL", "holland": "NL", "uk": "GB",
	"great britain": "GB", "turkey": "TR", "republic of moldova": "MD",
	"macedonia": "MK", "slovak republic": "SK", "vatican": "VA", "vatican city": "VA",
}

// Code returns the ISO code of a country named in English (any case, any
// Unicode spaces between the words, "Türkiye" composed or decomposed).
func Code(name string) (string, bool) {
	key := strings.ToLower(norm.NFC.String(strings.Join(strings.Fields(name), " ")))
	if c, ok := aliases[key]; ok {
		return c, true
	}
	for c, n := range names {
		if strings.ToLower(n) == key {
			return c, true
		}
	}
	return "", false
}

// Name returns the English name for an ISO code.
func Name(code string) (string, bool) {
	n, ok := names[strings.ToUpper(code)]
	return n, ok
}

// Known reports whether name is a country this package knows.
func Known(name string) bool {
	_, ok := Code(name)
	return ok
}
