package errs

import (
	"testing"
	"unicode/utf8"
)

func TestParameterize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain words only", "plain words only"},
		{"user 42 not found", "user <n> not found"},
		{"dial tcp 10.0.0.1:5432: refused", "dial tcp <n>.<n>.<n>.<n>:<n>: refused"},
		{"took 1.5s", "took <n>.<n>s"},
		{"user42", "user<n>"},
		{"ptr 0xc000012345", "ptr <hex>"},
		{"sha 3f2a9c0b1d", "sha <hex>"},
		{"word facade stays", "word facade stays"},
		{"short a1b2", "short a<n>b<n>"},
		{"id 123e4567-e89b-12d3-a456-426614174000 gone", "id <uuid> gone"},
		{"123e4567-e89b-12d3-a456-426614174000x", "<hex>-e<n>b-<n>d<n>-a<n>-<n>x"},
		{`open "a b.txt": denied`, "open <q>: denied"},
		{`bad "esc \" quote" here`, "bad <q> here"},
		{"single 'x y' quoted", "single <q> quoted"},
		{"can't open user's file", "can't open user's file"},
		{"raw `a\\b` q", "raw <q> q"},
		{`unterminated "quote`, `unterminated "quote`},
		{"ünïcödé 7 ✓", "ünïcödé <n> ✓"},
		{"<n> <hex> <q> <uuid>", "<n> <hex> <q> <uuid>"},
	}
	for _, tt := range tests {
		if got := parameterize(tt.in); got != tt.want {
			t.Errorf("parameterize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParameterize(f *testing.F) {
	for _, s := range []string{
		"user 42 not found", `open "a.txt": x`, "0xdeadbeef", "can't 'do' it",
		"123e4567-e89b-12d3-a456-426614174000", "a1b2c3d4e5", "`raw`", "\"\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := parameterize(s)
		if again := parameterize(p); again != p {
			t.Errorf("parameterize is not stable: %q -> %q -> %q", s, p, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(p) {
			t.Errorf("parameterize(%q) = %q, not valid UTF-8", s, p)
		}
		// Changing digits 1-9 into other digits 1-9 must not change the
		// result ('0' is left alone: it starts the 0x prefix).
		b := []byte(s)
		for i, c := range b {
			if '1' <= c && c <= '9' {
				b[i] = '1' + (c-'1'+4)%9
			}
		}
		shifted := string(b)
		if got := parameterize(shifted); got != p {
			t.Errorf("parameterize(%q) = %q but parameterize(%q) = %q", s, p, shifted, got)
		}
	})
}
