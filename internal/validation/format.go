package validation

import (
	"net/mail"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// formats are the "format" values the built-in evaluator asserts, as the
// reference validator does with AssertFormat (docs/schemas.md lists them).
// A schema that names another format v5 knows ("ipv4", "uuid", ...) is
// validated by v5, so every format either engine knows is asserted the same
// way; a format neither knows is an annotation, as draft 2020-12 says.
// The fallback installs these same functions in v5, so the two engines agree
// where v5's own differ (v5.3.1 checks only the first label of a host name
// for a leading hyphen).
var formats = map[string]func(string) bool{
	"date":      isDate,
	"date-time": isDateTime,
	"time":      isTime,
	"uri":       isURI,
	"email":     isEmail,
	"hostname":  isHostname,
}

// v5Formats are the format names v5.3.1 asserts (its Formats registry):
// a schema using one the built-in evaluator does not implement goes to v5.
var v5Formats = map[string]bool{
	"date-time": true, "date": true, "time": true, "duration": true, "period": true,
	"hostname": true, "email": true, "ip-address": true, "ipv4": true, "ipv6": true,
	"uri": true, "iri": true, "uri-reference": true, "uriref": true, "iri-reference": true,
	"uri-template": true, "regex": true, "json-pointer": true, "relative-json-pointer": true,
	"uuid": true,
}

// isDate is RFC 3339's full-date: yyyy-mm-dd, a real day of the calendar.
func isDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isDateTime is RFC 3339's date-time: full-date "T" full-time.
func isDateTime(s string) bool {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	return isDate(s[:10]) && isTime(s[11:])
}

// isTime is RFC 3339's full-time, with a leap second allowed only at 23:59:60
// UTC.
func isTime(str string) bool {
	if len(str) < 9 || str[2] != ':' || str[5] != ':' {
		return false
	}
	num := func(s string, lo, hi int) (int, bool) {
		if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
			return 0, false
		}
		n, _ := strconv.Atoi(s)
		return n, n >= lo && n <= hi
	}
	h, ok1 := num(str[0:2], 0, 23)
	m, ok2 := num(str[3:5], 0, 59)
	sec, ok3 := num(str[6:8], 0, 60)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	str = str[8:]
	if str != "" && str[0] == '.' {
		str = str[1:]
		digits := 0
		for str != "" && str[0] >= '0' && str[0] <= '9' {
			digits++
			str = str[1:]
		}
		if digits == 0 {
			return false
		}
	}
	switch {
	case str == "z" || str == "Z":
	case len(str) == 6 && (str[0] == '+' || str[0] == '-') && str[3] == ':':
		zh, ok1 := num(str[1:3], 0, 23)
		zm, ok2 := num(str[4:6], 0, 59)
		if !ok1 || !ok2 {
			return false
		}
		sign := -1
		if str[0] == '-' {
			sign = 1
		}
		hm := h*60 + m + sign*(zh*60+zm)
		hm = (hm + 24*60) % (24 * 60)
		h, m = hm/60, hm%60
	default:
		return false
	}
	return sec != 60 || (h == 23 && m == 59)
}

// isURI is an absolute URI (RFC 3986): a scheme, then only the characters
// a URI may hold, percent signs followed by two hex digits, and a host in
// brackets only when it is an IPv6 address.
func isURI(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !isScheme(s[:colon]) {
		return false
	}
	rest := s[colon+1:]
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '%':
			if i+2 >= len(rest) || !isHex(rest[i+1]) || !isHex(rest[i+2]) {
				return false
			}
			i += 2
		case isUnreserved(c) || strings.IndexByte(":/?#[]@!$&'()*+,;=", c) >= 0:
		default:
			return false
		}
	}
	if auth, ok := strings.CutPrefix(rest, "//"); ok {
		if i := strings.IndexAny(auth, "/?#"); i >= 0 {
			auth = auth[:i]
		}
		if at := strings.LastIndexByte(auth, '@'); at >= 0 {
			if strings.ContainsAny(auth[:at], "[]") {
				return false
			}
			auth = auth[at+1:]
		}
		if strings.HasPrefix(auth, "[") {
			end := strings.IndexByte(auth, ']')
			if end < 0 {
				return false
			}
			a, err := netip.ParseAddr(auth[1:end])
			if err != nil || !a.Is6() {
				return false
			}
			auth = auth[end+1:]
		} else if i := strings.IndexByte(auth, ':'); i >= 0 {
			auth = auth[i:]
		} else {
			auth = ""
		}
		if auth != "" {
			port, ok := strings.CutPrefix(auth, ":")
			if !ok || strings.ContainsAny(port, "[]:") {
				return false
			}
			for i := 0; i < len(port); i++ {
				if port[i] < '0' || port[i] > '9' {
					return false
				}
			}
		}
	} else if strings.ContainsAny(rest, "[]") {
		return false
	}
	return true
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alpha := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isUnreserved(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~'
}

// isEmail follows the reference validator's "email" format: at most 254
// characters, a local part of at most 64, a valid host name (or an address
// in brackets) after the last "@", and an address net/mail accepts.
func isEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 || at > 64 {
		return false
	}
	domain := s[at+1:]
	if len(domain) >= 2 && domain[0] == '[' && domain[len(domain)-1] == ']' {
		ip := domain[1 : len(domain)-1]
		if v6, ok := strings.CutPrefix(ip, "IPv6:"); ok {
			a, err := netip.ParseAddr(v6)
			return err == nil && a.Is6()
		}
		a, err := netip.ParseAddr(ip)
		return err == nil && a.Is4()
	}
	if !isHostname(domain) {
		return false
	}
	_, err := mail.ParseAddress(s)
	return err == nil
}

// isHostname is RFC 1123: at most 253 characters, labels of 1 to 63
// letters, digits and hyphens, none starting or ending with a hyphen.
// Every label is checked ("goeg.-at.example" is not a host name).
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if l := len(label); l < 1 || l > 63 {
			return false
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
				return false
			}
		}
	}
	return true
}
