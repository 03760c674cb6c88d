package errs_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lifekit/lifekit/errs"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var errSentinel = errors.New("sentinel")

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

func TestErrorIsMessageOnly(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"New", errs.New("disk full"), "disk full"},
		{"New empty", errs.New(""), ""},
		{"Errorf", errs.Errorf("open %s: %d", "a.txt", 3), "open a.txt: 3"},
		{"Errorf %w", errs.Errorf("read: %w", io.EOF), "read: EOF"},
		{"Errorf two %w", errs.Errorf("%w and %w", io.EOF, errSentinel), "EOF and sentinel"},
		{"Wrap plain", errs.Wrap(io.EOF), "EOF"},
		{"Wrap ours", errs.Wrap(errs.New("x")), "x"},
		{"Wrap foreign around ours", errs.Wrap(fmt.Errorf("ctx: %w", errs.New("x"))), "ctx: x"},
		{"WrapSkip", errs.WrapSkip(io.EOF, 0), "EOF"},
		{"multi-line message kept", errs.New("a\nb"), "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprintf("%v", tt.err); got != tt.want {
				t.Errorf("Sprintf(%%v) = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprintf("%s", tt.err); got != tt.want {
				t.Errorf("Sprintf(%%s) = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWrapNilIsNil(t *testing.T) {
	var err error = errs.Wrap(nil)
	if err != nil {
		t.Errorf("Wrap(nil) = %#v, want nil", err)
	}
	err = errs.WrapSkip(nil, 3)
	if err != nil {
		t.Errorf("WrapSkip(nil, 3) = %#v, want nil", err)
	}
}

func TestIsAsUnwrap(t *testing.T) {
	ce := &codeError{7}
	two := errs.Errorf("both: %w, %w", errSentinel, ce)
	tests := []struct {
		name   string
		err    error
		is     []error
		isNot  []error
		asCode int // 0: errors.As must fail
	}{
		{"Wrap", errs.Wrap(errSentinel), []error{errSentinel}, []error{io.EOF}, 0},
		{"Wrap custom", errs.Wrap(ce), []error{ce}, nil, 7},
		{"Errorf %w", errs.Errorf("x: %w", ce), []error{ce}, []error{errSentinel}, 7},
		{"Errorf %v does not wrap", errs.Errorf("x: %v", ce), nil, []error{ce}, 0},
		{"Errorf two %w", two, []error{errSentinel, ce}, []error{io.EOF}, 7},
		{"Join", errors.Join(errs.New("a"), errs.Wrap(fs.ErrNotExist)), []error{fs.ErrNotExist}, nil, 0},
		{"Wrap Join", errs.Wrap(errors.Join(io.EOF, ce)), []error{io.EOF, ce}, nil, 7},
		{"deep", errs.Wrap(fmt.Errorf("a: %w", errs.Errorf("b: %w", errs.Wrap(ce)))), []error{ce}, nil, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, target := range tt.is {
				if !errors.Is(tt.err, target) {
					t.Errorf("errors.Is(%v, %v) = false, want true", tt.err, target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(tt.err, target) {
					t.Errorf("errors.Is(%v, %v) = true, want false", tt.err, target)
				}
			}
			var got *codeError
			ok := errors.As(tt.err, &got)
			if ok != (tt.asCode != 0) || ok && got.code != tt.asCode {
				t.Errorf("errors.As(%v) = %v, %v; want code %d", tt.err, ok, got, tt.asCode)
			}
		})
	}
}

func TestUnwrapReturnsWrapped(t *testing.T) {
	if got := errors.Unwrap(errs.Errorf("x: %w", io.EOF)); got != io.EOF {
		t.Errorf("Unwrap(Errorf(%%w, EOF)) = %v, want EOF", got)
	}
	if got := errors.Unwrap(errs.Wrap(io.EOF)); got != io.EOF {
		t.Errorf("Unwrap(Wrap(EOF)) = %v, want EOF", got)
	}
	if got := errors.Unwrap(errs.New("x")); got != nil {
		t.Errorf("Unwrap(New) = %v, want nil", got)
	}
	if got := errors.Unwrap(errs.Errorf("x %d", 1)); got != nil {
		t.Errorf("Unwrap(Errorf without %%w) = %v, want nil", got)
	}
}

//go:noinline
func newAt() error { return errs.New("origin") }

//go:noinline
func passUp() error { return errs.Wrap(newAt()) }

//go:noinline
func passUpErrorf() error { return errs.Errorf("passUp: %w", newAt()) }

//go:noinline
func passUpForeign() error { return errs.Wrap(fmt.Errorf("foreign: %w", newAt())) }

func funcs(stack []errs.Frame) []string {
	var out []string
	for _, f := range stack {
		out = append(out, f.Function[strings.LastIndexByte(f.Function, '/')+1:])
	}
	return out
}

func TestWrapOnSamePathAddsNoStack(t *testing.T) {
	orig := newAt()
	if got := errs.Wrap(orig); got != orig {
		t.Errorf("Wrap(err) on the creating path = new error %p, want the same %p", got, orig)
	}
	tests := []struct {
		name string
		err  error
	}{
		{"Wrap", passUp()},
		{"Errorf", passUpErrorf()},
		{"foreign wrapper", passUpForeign()},
		{"Wrap of Wrap", errs.Wrap(errs.Wrap(passUp()))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stacks := errs.Stacks(tt.err)
			if len(stacks) != 1 {
				t.Fatalf("len(Stacks) = %d, want 1:\n%+v", len(stacks), tt.err)
			}
			if got := funcs(stacks[0])[0]; got != "errs_test.newAt" {
				t.Errorf("Stacks[0][0] = %s, want errs_test.newAt", got)
			}
			if v := fmt.Sprintf("%+v", tt.err); !strings.Contains(v, "errs_test.newAt") {
				t.Errorf("%%+v lacks the origin frame:\n%s", v)
			}
		})
	}
}

func TestWrapAfterGoroutineAddsStack(t *testing.T) {
	ch := make(chan error)
	go func() { ch <- passUp() }()
	received := <-ch
	err := errs.Wrap(received)
	if err == received {
		t.Fatal("Wrap of an error from another goroutine returned it unchanged")
	}
	stacks := errs.Stacks(err)
	if len(stacks) != 2 {
		t.Fatalf("len(Stacks) = %d, want 2:\n%+v", len(stacks), err)
	}
	if got := funcs(stacks[0])[0]; got != "errs_test.newAt" {
		t.Errorf("origin stack starts at %s, want errs_test.newAt", got)
	}
	if got := funcs(stacks[1])[0]; got != "errs_test.TestWrapAfterGoroutineAddsStack" {
		t.Errorf("second stack starts at %s, want the test function", got)
	}
	if got := funcs(errs.StackOf(err))[0]; got != "errs_test.newAt" {
		t.Errorf("StackOf starts at %s, want errs_test.newAt", got)
	}
	// Once wrapped here, wrapping again on this path adds nothing more.
	if again := errs.Wrap(err); again != err {
		t.Error("second Wrap on the same path added a layer")
	}
}

var stored error

//go:noinline
func store() { stored = newAt() }

//go:noinline
func returnStored() error { return errs.Wrap(stored) }

//go:noinline
func loadOnce() { store() }

//go:noinline
func serve() error { return returnStored() }

func TestWrapOfStoredErrorAddsStack(t *testing.T) {
	// A cached error, made under one caller and returned under another.
	loadOnce()
	err := serve()
	if n := len(errs.Stacks(err)); n != 2 {
		t.Errorf("len(Stacks) of a stored error wrapped elsewhere = %d, want 2:\n%+v", n, err)
	}
}

//go:noinline
func helperWrap(err error) error { return errs.WrapSkip(err, 1) }

func TestWrapSkip(t *testing.T) {
	err := helperWrap(io.EOF)
	got := funcs(errs.StackOf(err))
	if len(got) == 0 || got[0] != "errs_test.TestWrapSkip" {
		t.Errorf("WrapSkip(err, 1) stack starts at %v, want the helper's caller", got)
	}
	if got := funcs(errs.StackOf(errs.WrapSkip(io.EOF, -5))); len(got) == 0 || got[0] != "errs_test.TestWrapSkip" {
		t.Errorf("WrapSkip(err, -5) must treat skip as 0")
	}
}

func TestStackOf(t *testing.T) {
	if got := errs.StackOf(io.EOF); got != nil {
		t.Errorf("StackOf(io.EOF) = %v, want nil", got)
	}
	if got := errs.StackOf(nil); got != nil {
		t.Errorf("StackOf(nil) = %v, want nil", got)
	}
	if got := errs.Stacks(fmt.Errorf("x: %w", io.EOF)); got != nil {
		t.Errorf("Stacks(no stack) = %v, want nil", got)
	}
	st := errs.StackOf(passUp())
	want := []string{"errs_test.newAt", "errs_test.passUp", "errs_test.TestStackOf"}
	if got := funcs(st); len(got) < 3 || !slices.Equal(got[:3], want) {
		t.Errorf("StackOf(passUp()) = %v, want prefix %v", got, want)
	}
	for _, f := range st {
		if f.Function == "runtime.goexit" {
			t.Error("StackOf includes runtime.goexit")
		}
		if f.File == "" || f.Line <= 0 {
			t.Errorf("frame %+v lacks file or line", f)
		}
	}
}

func TestStacksJoinBranches(t *testing.T) {
	a := newAt()
	b := make(chan error)
	go func() { b <- errs.New("other") }()
	joined := errors.Join(io.EOF, a, <-b)
	stacks := errs.Stacks(joined)
	if len(stacks) != 2 {
		t.Fatalf("len(Stacks(Join)) = %d, want 2", len(stacks))
	}
	if got := funcs(stacks[0])[0]; got != "errs_test.newAt" {
		t.Errorf("Stacks[0] starts at %s, want the first branch's origin", got)
	}
	if got := funcs(errs.StackOf(joined))[0]; got != "errs_test.newAt" {
		t.Errorf("StackOf(Join) starts at %s, want the first branch with a stack", got)
	}
	v := fmt.Sprintf("%+v", errs.Wrap(joined))
	if n := strings.Count(v, "--- stack "); n != 3 {
		t.Errorf("%%+v of a wrapped Join prints %d stack headers, want 3:\n%s", n, v)
	}
}

func TestFormatVerbs(t *testing.T) {
	err := errs.New("bad thing")
	tests := []struct{ format, want string }{
		{"%s", "bad thing"},
		{"%v", "bad thing"},
		{"%q", `"bad thing"`},
		{"%12s|", "   bad thing|"},
		{"%-12s|", "bad thing   |"},
		{"%.3s", "bad"},
		{"%x", "626164207468696e67"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(tt.format, err); got != tt.want {
			t.Errorf("Sprintf(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
	v := fmt.Sprintf("%+v", err)
	if !strings.HasPrefix(v, "bad thing\n") || !strings.Contains(v, "errs_test.TestFormatVerbs\n\t") {
		t.Errorf("%%+v = %q, want message then frames", v)
	}
	if strings.HasSuffix(v, "\n") {
		t.Errorf("%%+v ends with a newline: %q", v)
	}
	if strings.Contains(v, "runtime.goexit") {
		t.Errorf("%%+v prints runtime.goexit:\n%s", v)
	}
}

func TestDuplicateStackPrintedOnce(t *testing.T) {
	e := newAt()
	joined := errors.Join(e, e)
	if n := len(errs.Stacks(joined)); n != 2 {
		t.Fatalf("Stacks(Join(e, e)) = %d stacks, want 2 (one per branch)", n)
	}
	v := fmt.Sprintf("%+v", errs.Wrap(joined))
	if n := strings.Count(v, "errs_test.newAt\n"); n != 1 {
		t.Errorf("origin printed %d times, want once:\n%s", n, v)
	}
}

func TestWrapDoesNotMutate(t *testing.T) {
	orig := newAt()
	before := fmt.Sprintf("%+v", orig)
	ch := make(chan error)
	go func() { ch <- errs.Wrap(orig) }()
	wrapped := <-ch
	_ = errs.Errorf("more: %w", wrapped)
	_ = errors.Join(orig, wrapped)
	if after := fmt.Sprintf("%+v", orig); after != before {
		t.Errorf("the wrapped error changed:\nbefore %s\nafter %s", before, after)
	}
	if len(errs.Stacks(orig)) != 1 {
		t.Errorf("the wrapped error gained a stack")
	}
}

func TestConcurrentUse(t *testing.T) {
	shared := passUp()
	agg := errs.NewAggregator()
	want := errs.Fingerprint(shared)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				w := errs.Wrap(shared)
				_ = fmt.Sprintf("%+v %v", w, shared)
				if got := errs.Fingerprint(w); got != want {
					t.Errorf("Fingerprint = %s, want %s", got, want)
					return
				}
				agg.Record(w)
				_ = errs.Stacks(w)
			}
		})
	}
	wg.Wait()
	if g := agg.Groups(); len(g) != 1 || g[0].Count != 1600 {
		t.Errorf("Groups() = %+v, want 1 group with count 1600", g)
	}
}

func TestLogValue(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	err := errs.Errorf("save: %w", passUp())
	logger.Error("request failed", "err", err)
	var rec struct {
		Err struct {
			Msg         string   `json:"msg"`
			Fingerprint string   `json:"fingerprint"`
			Stack       []string `json:"stack"`
		} `json:"err"`
	}
	if e := json.Unmarshal(buf.Bytes(), &rec); e != nil {
		t.Fatalf("log line is not JSON: %v\n%s", e, buf.Bytes())
	}
	if rec.Err.Msg != "save: origin" {
		t.Errorf("err.msg = %q, want %q", rec.Err.Msg, "save: origin")
	}
	if rec.Err.Fingerprint != errs.Fingerprint(err) {
		t.Errorf("err.fingerprint = %q, want %q", rec.Err.Fingerprint, errs.Fingerprint(err))
	}
	if len(rec.Err.Stack) < 3 || !strings.Contains(rec.Err.Stack[0], "errs_test.newAt ") {
		t.Errorf("err.stack = %q, want frames from errs_test.newAt", rec.Err.Stack)
	}
}
