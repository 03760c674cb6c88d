package errs_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/lifekit/lifekit/errs"
)

//go:noinline
func fails() error { return errs.New("fails") }

//go:noinline
func deferredWrap() (err error) {
	defer func() { err = errs.Wrap(err) }()
	return fails()
}

//go:noinline
func annotate(err error) error { return errs.Errorf("annotated: %w", err) }

//go:noinline
func helperAfterFailure() error {
	err := fails()
	return annotate(err)
}

var errTag = errors.New("tag")

//go:noinline
func tagged() error { return errs.Errorf("%w: %w", errTag, fails()) }

//go:noinline
func deepWrap(n int) error {
	if n == 0 {
		return fails()
	}
	return errs.Wrap(deepWrap(n - 1))
}

func TestSamePathPatterns(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"deferred Wrap", deferredWrap()},
		{"helper after the failing call", helperAfterFailure()},
		{"Errorf with two %w", tagged()},
		{"Wrap at every level of a 40-deep stack", deepWrap(40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := len(errs.Stacks(tt.err)); n != 1 {
				t.Errorf("len(Stacks) = %d, want 1:\n%+v", n, tt.err)
			}
		})
	}
	if !errors.Is(tagged(), errTag) {
		t.Error("Errorf with two %w lost its sentinel")
	}
}

//go:noinline
func even(n int) error {
	if n == 0 {
		return errs.New("bottom")
	}
	return odd(n - 1)
}

//go:noinline
func odd(n int) error { return even(n - 1) }

func TestFingerprintRecursion(t *testing.T) {
	tests := []struct {
		name string
		a, b error
	}{
		{"direct, shallow and deep", recurseTo(2), recurseTo(40)},
		{"direct, past the inline stack", recurseTo(1), recurseTo(100)},
		{"mutual", even(2), even(30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fa, fb := errs.Fingerprint(tt.a), errs.Fingerprint(tt.b); fa != fb {
				t.Errorf("Fingerprint = %s and %s, want equal", fa, fb)
			}
		})
	}
}

type valErr struct{ msg string }

func (e valErr) Error() string { return e.msg }

func TestTypedNil(t *testing.T) {
	var p *valErr
	var err error = p // a typed nil whose Error has a value receiver
	w := errs.Wrap(err)
	if got := w.Error(); got != "<nil>" {
		t.Errorf("Wrap(typed nil).Error() = %q, want %q", got, "<nil>")
	}
	if got := fmt.Sprintf("%v", errs.Errorf("x: %w", w)); got != "x: <nil>" {
		t.Errorf("Errorf over it = %q, want %q", got, "x: <nil>")
	}
	if v := fmt.Sprintf("%+v", w); !strings.HasPrefix(v, "<nil>\n") {
		t.Errorf("%%+v = %q, want <nil> then the stack", v)
	}
	if fp := errs.Fingerprint(err); !strings.HasPrefix(fp, "v2:") {
		t.Errorf("Fingerprint(typed nil) = %q", fp)
	}
	agg := errs.NewAggregator()
	agg.Record(err)
	if g := agg.Groups(); len(g) != 1 || g[0].Message != "<nil>" {
		t.Errorf("Record(typed nil): groups %+v, want one with message <nil>", g)
	}
}

func TestLongChains(t *testing.T) {
	var err error = fails()
	for i := range 1100 {
		err = fmt.Errorf("layer %d: %w", i, err)
	}
	if st := errs.StackOf(err); len(st) == 0 {
		t.Error("StackOf of an error under 1100 wrappers = nil, want the origin")
	}
	many := make([]error, 1500)
	for i := range many {
		many[i] = fails()
	}
	if n := len(errs.Stacks(errors.Join(many...))); n != 1500 {
		t.Errorf("len(Stacks(Join of 1500)) = %d, want 1500", n)
	}
}

type selfUnwrap struct{}

func (e *selfUnwrap) Error() string { return "loop" }
func (e *selfUnwrap) Unwrap() error { return e }

func TestUnwrapCycleEnds(t *testing.T) {
	err := errs.Wrap(&selfUnwrap{})
	if n := len(errs.Stacks(err)); n != 1 {
		t.Errorf("len(Stacks) = %d, want 1", n)
	}
	if errs.Fingerprint(&selfUnwrap{}) == "" {
		t.Error("Fingerprint of a self-unwrapping error is empty")
	}
	if fmt.Sprintf("%+v", errs.Wrap(errors.Join(nil, err, nil))) == "" {
		t.Errorf("%s output of a Join holding nils is empty", "%+v")
	}
}

func TestWrapSkipBeyondStack(t *testing.T) {
	for _, skip := range []int{1000, math.MaxInt} {
		err := errs.WrapSkip(io.EOF, skip)
		if st := errs.StackOf(err); st != nil {
			t.Errorf("WrapSkip(err, %d): StackOf = %v, want nil", skip, st)
		}
		if !errors.Is(err, io.EOF) || err.Error() != "EOF" {
			t.Errorf("WrapSkip(err, %d) = %v, want EOF", skip, err)
		}
	}
}

func TestRecordKnownStacklessGroupAllocatesNothing(t *testing.T) {
	agg := errs.NewAggregator()
	err := fmt.Errorf("user %d not found in table users of database main, shard %d", 42, 7)
	agg.Record(err)
	if n := testing.AllocsPerRun(100, func() { agg.Record(err) }); n != 0 {
		t.Errorf("Record of a known stack-less group: %v allocations, want 0", n)
	}
}

func TestGroupMessageIsCapped(t *testing.T) {
	agg := errs.NewAggregator()
	agg.Record(errors.New(strings.Repeat("é", 2000)))
	msg := agg.Groups()[0].Message
	if len(msg) > 1024 || !strings.HasSuffix(msg, "…") || !strings.HasPrefix(msg, "éé") {
		t.Errorf("sample message of %d bytes (%q...), want at most 1024 ending in …", len(msg), msg[:8])
	}
}
