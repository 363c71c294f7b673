package validation

import (
	"encoding/json"
	"strconv"
	"strings"
)

// decimal is a JSON number as written, normalised: sign, significant digits
// (no leading or trailing zeros) and a power of ten, so that 1, 1.0 and
// 10e-1 are one decimal. The evaluator compares and tests numbers with it
// instead of math/big: big.Rat builds 10^100000 for "1e100000" (a
// millisecond each, and a document may hold 100 000 numbers), while a
// decimal costs the length of the literal whatever its exponent.
type decimal struct {
	neg    bool
	digits string // "" for zero
	exp    int64  // value = 0.digits × 10^exp
}

// maxExp bounds exponents: literals beyond ±10^15 compare by the bound.
const maxExp = 1 << 50

func parseDecimal(n json.Number) (decimal, bool) {
	s := string(n)
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	mant, expPart, hasExp := strings.Cut(strings.ToLower(s), "e")
	var exp int64
	if hasExp {
		e, err := strconv.ParseInt(expPart, 10, 64)
		if err != nil {
			// Too many digits: only its sign matters beside any other number.
			if strings.TrimLeft(expPart, "+-0123456789") != "" || strings.Trim(expPart, "+-") == "" {
				return decimal{}, false
			}
			e = maxExp
			if strings.HasPrefix(expPart, "-") {
				e = -maxExp
			}
		}
		exp = max(min(e, maxExp), -maxExp)
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" {
		return decimal{}, false
	}
	for _, part := range []string{intPart, frac} {
		if strings.Trim(part, "0123456789") != "" {
			return decimal{}, false
		}
	}
	all := intPart + frac
	lead := len(all) - len(strings.TrimLeft(all, "0"))
	all = all[lead:]
	all = strings.TrimRight(all, "0")
	if all == "" {
		return decimal{}, true // zero, whatever its sign
	}
	d.digits = all
	d.exp = exp + int64(len(intPart)) - int64(lead)
	return d, true
}

// isInt tells whether the decimal is an integer (1.0 is).
func (d decimal) isInt() bool {
	return d.digits == "" || d.exp >= int64(len(d.digits))
}

// cmp compares two decimals: -1, 0 or 1.
func (d decimal) cmp(o decimal) int {
	ds, os := d.sign(), o.sign()
	if ds != os {
		if ds < os {
			return -1
		}
		return 1
	}
	if ds == 0 {
		return 0
	}
	c := 0
	switch {
	case d.exp != o.exp:
		c = -1
		if d.exp > o.exp {
			c = 1
		}
	default:
		c = strings.Compare(d.digits, o.digits)
	}
	return c * ds
}

func (d decimal) sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// key is equal for equal decimals.
func (d decimal) key() string {
	if d.digits == "" {
		return "0"
	}
	sign := "+"
	if d.neg {
		sign = "-"
	}
	return sign + d.digits + "e" + strconv.FormatInt(d.exp, 10)
}
