package httpctl

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{" 7 ", 7 * time.Second, true},
		{"Mon, 23 Nov 2026 10:00:30 GMT", 30 * time.Second, true},                        // IMF-fixdate
		{"Monday, 23-Nov-26 10:01:00 GMT", time.Minute, true},                            // RFC 850
		{"Mon Nov 23 10:00:05 2026", 5 * time.Second, true},                              // asctime
		{"Mon, 23 Nov 2026 09:00:00 GMT", 0, true},                                       // past: now
		{"99999999999999999999999", math.MaxInt64, true},                                 // overflows: as long as can be
		{strconv.FormatInt(math.MaxInt64/int64(time.Second)+1, 10), math.MaxInt64, true}, // seconds overflow a Duration
		{"", 0, false},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"5s", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "120", "Mon, 23 Nov 2026 10:00:30 GMT", "99999999999999999999", "-1", "x"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 {
			t.Errorf("parseRetryAfter(%q) = %v, negative", v, d)
		}
		if !ok && d != 0 {
			t.Errorf("parseRetryAfter(%q) = %v, false; want 0 when not ok", v, d)
		}
		if n, err := strconv.ParseUint(v, 10, 32); err == nil {
			if want := time.Duration(n) * time.Second; d != want || !ok {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v", v, d, ok, want)
			}
		}
		if tv := strings.TrimSpace(v); ok && d > 0 && (tv[0] < '0' || tv[0] > '9') {
			// Not a number of seconds: it must be a date.
			if _, err := http.ParseTime(tv); err != nil {
				t.Errorf("parseRetryAfter(%q) accepted what http.ParseTime rejects", v)
			}
		}
	})
}

func TestExponentialBackoffBounds(t *testing.T) {
	b := ExponentialBackoff(100*time.Millisecond, 2*time.Second)
	for try := 1; try <= 100; try++ {
		ceiling := 2 * time.Second
		if try < 6 {
			ceiling = min(ceiling, 100*time.Millisecond<<(try-1))
		}
		for range 50 {
			if d := b(try); d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [0, %v]", try, d, ceiling)
			}
		}
	}
	if d := ExponentialBackoff(0, 0)(3); d != 0 {
		t.Errorf("ExponentialBackoff(0, 0)(3) = %v, want 0", d)
	}
}

func TestBudget(t *testing.T) {
	var b budget
	b.deposit(0.5) // starts full: 10 retries saved
	for i := range 10 {
		if !b.withdraw() {
			t.Fatalf("withdraw %d of a full budget refused", i+1)
		}
	}
	if b.withdraw() {
		t.Fatal("withdraw from an empty budget allowed")
	}
	b.deposit(0.5)
	if b.withdraw() {
		t.Fatal("half a token allowed a retry")
	}
	b.deposit(0.5)
	if !b.withdraw() {
		t.Fatal("two half tokens did not allow a retry")
	}
	for range 1000 {
		b.deposit(1)
	}
	n := 0
	for b.withdraw() {
		n++
	}
	if n != 10 {
		t.Errorf("a budget saved %d retries, want the cap of 10", n)
	}
}
