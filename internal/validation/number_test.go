package validation

import (
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// randomNumber writes a JSON number literal: sign, leading digits with
// zeros, a fraction with trailing zeros, an exponent.
func randomNumber(rng *rand.Rand) json.Number {
	var b strings.Builder
	if rng.IntN(3) == 0 {
		b.WriteByte('-')
	}
	digits := func(n int) {
		for range n {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
	}
	if rng.IntN(4) == 0 {
		b.WriteByte('0')
	} else {
		b.WriteByte(byte('1' + rng.IntN(9)))
		digits(rng.IntN(4))
	}
	if rng.IntN(2) == 0 {
		b.WriteByte('.')
		digits(1 + rng.IntN(4))
	}
	if rng.IntN(2) == 0 {
		b.WriteString([]string{"e", "E", "e+", "e-"}[rng.IntN(4)])
		fmt.Fprint(&b, rng.IntN(12))
	}
	return json.Number(b.String())
}

// TestDecimalAgreesWithBigRat: on 20 000 random pairs of literals, the
// decimal's comparison, integer test and key agree with math/big's.
func TestDecimalAgreesWithBigRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		a, b := randomNumber(rng), randomNumber(rng)
		if rng.IntN(4) == 0 {
			b = a
		}
		da, ok1 := parseDecimal(a)
		db, ok2 := parseDecimal(b)
		ra, _ := new(big.Rat).SetString(string(a))
		rb, _ := new(big.Rat).SetString(string(b))
		if !ok1 || !ok2 {
			t.Fatalf("%s or %s not parsed", a, b)
		}
		if got, want := da.cmp(db), ra.Cmp(rb); got != want {
			t.Errorf("cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if got, want := da.isInt(), ra.IsInt(); got != want {
			t.Errorf("isInt(%s) = %v, want %v", a, got, want)
		}
		if got, want := da.key() == db.key(), ra.Cmp(rb) == 0; got != want {
			t.Errorf("key(%s) == key(%s) is %v, want %v", a, b, got, want)
		}
	}
}

// TestHugeExponentsAreCheap: numbers with huge exponents, which math/big
// expands digit by digit, cost the length of their literal.
func TestHugeExponentsAreCheap(t *testing.T) {
	v, err := compileOne(t, `{"items": {"type": "integer", "minimum": 1e99999, "enum": [1,2,3,4,5,6,7,8,9,1e100000]}}`)
	if err != nil {
		t.Fatal(err)
	}
	list := make([]any, 100_000)
	for i := range list {
		list[i] = json.Number(fmt.Sprintf("%de99999", 1+i%10)) // 10e99999 is 1e100000
	}
	start := time.Now()
	leaves := v.engine.validate(list)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("100 000 numbers took %v", d)
	}
	if len(leaves) != 90_000 { // none below the minimum; 10e99999 (a tenth of them) in the enum
		t.Errorf("%d leaves", len(leaves))
	}
	for _, c := range []struct {
		lit  json.Number
		want bool
	}{{"1e99999999999999999999", true}, {"1.5e-99999999999999999999", false}, {"0e-5", true}, {"-0.0", true}} {
		d, ok := parseDecimal(c.lit)
		if !ok || d.isInt() != c.want {
			t.Errorf("%s: isInt %v, want %v", c.lit, d.isInt(), c.want)
		}
	}
}
