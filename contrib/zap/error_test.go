package errszap_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/lifekit/lifekit/contrib/zap"
	"github.com/lifekit/lifekit/errs"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// newOrigin returns an errs error whose origin stack begins in newOrigin.
func newOrigin() error { return errs.New("user 42 not found") }

// wrapHere wraps err with errs.Wrap, so that a stack it adds begins here.
func wrapHere(err error) error { return errs.Wrap(err) }

// funcName returns the name a stack frame gives fn.
func funcName(fn any) string {
	return runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
}

// logJSON writes one entry with the fields through zap's JSON encoder and
// returns its fields, without the message and level.
func logJSON(t *testing.T, fields ...zap.Field) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{})
	zap.New(zapcore.NewCore(enc, zapcore.AddSync(&buf), zap.DebugLevel)).Error("request failed", fields...)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	return rec
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// group is an error group as go.uber.org/multierr makes them.
type group []error

func (g group) Error() string   { return "group" }
func (g group) Errors() []error { return g }
func (g group) Unwrap() []error { return g }

func TestErrorWithStack(t *testing.T) {
	origin := newOrigin()
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, origin
	})}
	_, urlErr := client.Get("http://lifekit.test/")
	want := funcName(newOrigin) + " "
	tests := []struct {
		name string
		err  error
	}{
		{"an errs error itself", origin},
		{"fmt.Errorf %w", fmt.Errorf("handler: %w", origin)},
		{"errors.Join", errors.Join(io.EOF, origin)},
		{"errors.Join of one error twice", errors.Join(origin, origin)},
		{"an http.Client's *url.Error", urlErr},
		{"errs.Wrap on the same path", wrapHere(origin)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := logJSON(t, errszap.Error(tt.err))
			if rec["error"] != tt.err.Error() {
				t.Errorf("Error(err) logs error = %v, want %q", rec["error"], tt.err.Error())
			}
			if rec["errorFingerprint"] != errs.Fingerprint(origin) {
				t.Errorf("Error(err) logs errorFingerprint = %v, want the origin's %s", rec["errorFingerprint"], errs.Fingerprint(origin))
			}
			stack, _ := rec["errorStack"].([]any)
			if len(stack) != len(errs.StackOf(origin)) {
				t.Fatalf("Error(err) logs errorStack = %v, want the %d frames of the origin", rec["errorStack"], len(errs.StackOf(origin)))
			}
			if first, _ := stack[0].(string); !strings.HasPrefix(first, want) {
				t.Errorf("Error(err) logs errorStack[0] = %q, want it to begin with %q", first, want)
			}
			for _, key := range []string{"errorVerbose", "errorStacks", "errorCauses"} {
				if v, ok := rec[key]; ok {
					t.Errorf("Error(err) logs %s = %v, want none", key, v)
				}
			}
		})
	}
}

func TestErrorFrames(t *testing.T) {
	origin := newOrigin()
	rec := logJSON(t, errszap.Error(origin))
	stack := rec["errorStack"].([]any)
	for i, f := range errs.StackOf(origin) {
		if want := fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line); stack[i] != want {
			t.Errorf("Error(err) logs errorStack[%d] = %v, want %q", i, stack[i], want)
		}
	}
}

func TestErrorStacks(t *testing.T) {
	var origin error
	var wg sync.WaitGroup
	wg.Go(func() { origin = newOrigin() })
	wg.Wait()
	// The error crossed from another goroutine, so Wrap adds a stack.
	err := fmt.Errorf("handler: %w", wrapHere(origin))
	if n := len(errs.Stacks(err)); n != 2 {
		t.Fatalf("len(errs.Stacks(err)) = %d, want 2", n)
	}

	rec := logJSON(t, errszap.Error(err))
	stacks, _ := rec["errorStacks"].([]any)
	if len(stacks) != 2 {
		t.Fatalf("Error(err) logs errorStacks = %v, want 2 stacks", rec["errorStacks"])
	}
	if !reflect.DeepEqual(stacks[0], rec["errorStack"]) {
		t.Errorf("Error(err) logs errorStacks[0] = %v, want errorStack %v", stacks[0], rec["errorStack"])
	}
	for i, fn := range []any{newOrigin, wrapHere} {
		st, _ := stacks[i].([]any)
		if first, _ := st[0].(string); !strings.HasPrefix(first, funcName(fn)+" ") {
			t.Errorf("Error(err) logs errorStacks[%d][0] = %q, want it to begin with %s", i, first, funcName(fn))
		}
	}
}

func TestNamedError(t *testing.T) {
	origin := newOrigin()
	rec := logJSON(t, errszap.NamedError("cause", fmt.Errorf("retry: %w", origin)))
	if rec["cause"] != "retry: user 42 not found" {
		t.Errorf(`NamedError("cause", err) logs cause = %v, want %q`, rec["cause"], "retry: user 42 not found")
	}
	if rec["causeFingerprint"] != errs.Fingerprint(origin) {
		t.Errorf(`NamedError("cause", err) logs causeFingerprint = %v, want %s`, rec["causeFingerprint"], errs.Fingerprint(origin))
	}
	if _, ok := rec["causeStack"].([]any); !ok {
		t.Errorf(`NamedError("cause", err) logs causeStack = %v, want a stack`, rec["causeStack"])
	}
	if v, ok := rec["error"]; ok {
		t.Errorf(`NamedError("cause", err) logs error = %v, want none`, v)
	}
}

func TestErrorCauses(t *testing.T) {
	origin := newOrigin()
	rec := logJSON(t, errszap.Error(group{origin, nil, io.EOF}))
	causes, _ := rec["errorCauses"].([]any)
	if len(causes) != 2 {
		t.Fatalf("Error(group) logs errorCauses = %v, want 2 causes", rec["errorCauses"])
	}
	first, _ := causes[0].(map[string]any)
	if first["error"] != origin.Error() || first["errorFingerprint"] != errs.Fingerprint(origin) {
		t.Errorf("Error(group) logs errorCauses[0] = %v, want the origin's message and fingerprint", causes[0])
	}
	if want := map[string]any{"error": "EOF"}; !reflect.DeepEqual(causes[1], want) {
		t.Errorf("Error(group) logs errorCauses[1] = %v, want %v", causes[1], want)
	}
}

// verbose is an error with a %+v form of its own, as github.com/pkg/errors
// makes them.
type verbose struct{}

func (verbose) Error() string { return "verbose" }
func (verbose) Format(s fmt.State, verb rune) {
	io.WriteString(s, "verbose")
	if s.Flag('+') {
		io.WriteString(s, "\nwith details")
	}
}

// nilError has an Error method that fails on a nil receiver.
type nilError struct{ msg string }

func (e *nilError) Error() string { return e.msg }

// panicky has an Error method that panics, around an errs error.
type panicky struct{ err error }

func (p panicky) Error() string { panic("boom") }
func (p panicky) Unwrap() error { return p.err }

// tracer has a StackTrace method as errs errors do, but no errs stack.
type tracer struct{}

func (tracer) Error() string         { return "tracer" }
func (tracer) StackTrace() []uintptr { return []uintptr{1} }

func TestErrorWithoutStack(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		sameField bool // Error(err) is the very field zap.Error(err) is
	}{
		{"errors.New", errors.New("plain"), true},
		{"fmt.Errorf %w", fmt.Errorf("read: %w", io.EOF), true},
		{"a %+v of its own", verbose{}, true},
		{"an error group", group{io.EOF, errors.New("plain")}, true},
		{"a nil pointer", (*nilError)(nil), true},
		{"a StackTrace method without errs", tracer{}, false},
		{"an Error method that panics", panicky{newOrigin()}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := errszap.Error(tt.err), zap.Error(tt.err)
			if tt.sameField && !got.Equals(want) {
				t.Errorf("Error(err) = %+v, want zap.Error(err) = %+v", got, want)
			}
			if g, w := logJSON(t, got), logJSON(t, want); !reflect.DeepEqual(g, w) {
				t.Errorf("Error(err) logs %v, want as zap.Error(err): %v", g, w)
			}
		})
	}
}

func TestErrorNil(t *testing.T) {
	if got := errszap.Error(nil); !got.Equals(zap.Skip()) {
		t.Errorf("Error(nil) = %+v, want zap.Skip()", got)
	}
	if got := errszap.NamedError("cause", nil); !got.Equals(zap.Skip()) {
		t.Errorf(`NamedError("cause", nil) = %+v, want zap.Skip()`, got)
	}
	if rec := logJSON(t, errszap.Error(nil)); len(rec) != 0 {
		t.Errorf("Error(nil) logs %v, want nothing", rec)
	}
}

func TestErrorObserver(t *testing.T) {
	core, logs := observer.New(zap.InfoLevel)
	origin := newOrigin()
	zap.New(core).With(errszap.NamedError("cause", origin)).Error("request failed", errszap.Error(fmt.Errorf("handler: %w", origin)))

	entries := logs.All()
	if len(entries) != 1 {
		t.Fatalf("logged %d entries, want 1", len(entries))
	}
	fields := entries[0].ContextMap()
	for _, key := range []string{"errorFingerprint", "causeFingerprint"} {
		if fields[key] != errs.Fingerprint(origin) {
			t.Errorf("observer sees %s = %v, want %s", key, fields[key], errs.Fingerprint(origin))
		}
	}
	if fields["error"] != "handler: user 42 not found" {
		t.Errorf("observer sees error = %v, want %q", fields["error"], "handler: user 42 not found")
	}
}
