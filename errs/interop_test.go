package errs_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/lifekit/lifekit/errs"
)

// stackTracer is the method sentry-go and other error trackers look for.
type stackTracer interface{ StackTrace() []uintptr }

// firstFunction returns the function of the first frame of return
// addresses pcs, as an error tracker resolves them.
func firstFunction(pcs []uintptr) string {
	f, _ := runtime.CallersFrames(pcs).Next()
	return f.Function
}

//go:noinline
func trackedNew() error { return errs.New("disk full") }

//go:noinline
func trackedWrap() error { return errs.Wrap(io.ErrUnexpectedEOF) }

//go:noinline
func trackedErrorf() error { return errs.Errorf("load %d: %w", 7, io.EOF) }

//go:noinline
func trackedRewrap() error { return errs.Errorf("outer: %w", trackedNew()) }

//go:noinline
func trackedRewrapKeep() error { return errs.Wrap(fmt.Errorf("fmt: %w", trackedNew())) }

const pkgPath = "github.com/lifekit/lifekit/errs_test."

func TestStackTrace(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string // the first frame's function
	}{
		{"New", trackedNew(), pkgPath + "trackedNew"},
		{"Wrap of a sentinel", trackedWrap(), pkgPath + "trackedWrap"},
		{"Errorf with %w", trackedErrorf(), pkgPath + "trackedErrorf"},
		{"Errorf on the same path (no stack of its own)", trackedRewrap(), pkgPath + "trackedNew"},
		{"Wrap around fmt on the same path", trackedRewrapKeep(), pkgPath + "trackedNew"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, ok := tt.err.(stackTracer)
			if !ok {
				t.Fatalf("%T has no StackTrace() []uintptr", tt.err)
			}
			pcs := st.StackTrace()
			if len(pcs) == 0 {
				t.Fatal("StackTrace() is empty")
			}
			if got := firstFunction(pcs); got != tt.want {
				t.Errorf("first frame = %s, want %s", got, tt.want)
			}
			// The same frames StackOf reports: the origin stack.
			origin := errs.StackOf(tt.err)
			if got := firstFunction(pcs); got != origin[0].Function {
				t.Errorf("StackTrace starts at %s, StackOf at %s", got, origin[0].Function)
			}
			// The slice is the caller's: changing it changes nothing.
			for i := range pcs {
				pcs[i] = 0
			}
			if again := st.StackTrace(); len(again) == 0 || again[0] == 0 {
				t.Error("changing StackTrace's result changed the error")
			}
		})
	}
}

// typedError names its own type for error trackers, as OpenTelemetry's
// semantic conventions let an error do.
type typedError struct {
	name  string
	cause error
}

func (e *typedError) Error() string     { return e.name + ": " + e.cause.Error() }
func (e *typedError) ErrorType() string { return e.name }

// Unwrap tolerates a nil receiver, as errors.Is needs; ErrorType does not.
func (e *typedError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

func TestErrorType(t *testing.T) {
	type typer interface{ ErrorType() string }
	pathErr := errs.Wrap(&fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT})
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"New: the function that made it", trackedNew(), "errs_test.trackedNew"},
		{"Errorf without %w", errs.Errorf("bad %d", 1), "errs_test.TestErrorType"},
		{"Wrap of a sentinel: its type", trackedWrap(), "*errors.errorString"},
		{"Errorf of an error: the innermost type", trackedErrorf(), "*errors.errorString"},
		{"innermost of a path error", pathErr, "syscall.Errno"},
		{"same path, another layer", trackedRewrap(), "errs_test.trackedNew"},
		{"a type of its own", errs.Wrap(&codeError{3}), "*errs_test.codeError"},
		{"a type that names itself", errs.Wrap(&typedError{"quota_exceeded", io.EOF}), "quota_exceeded"},
		{"named further in", errs.Errorf("save: %w", fmt.Errorf("tx: %w", &typedError{"conflict", io.EOF})), "conflict"},
		{"an empty name counts as none", errs.Wrap(&typedError{"", io.EOF}), "*errors.errorString"},
		{"a nil pointer that panics counts as none", errs.Wrap((*typedError)(nil)), "*errs_test.typedError"},
	}
	for _, tt := range tests {
		te, ok := tt.err.(typer)
		if !ok {
			t.Errorf("%s: %T has no ErrorType() string", tt.name, tt.err)
			continue
		}
		if got := te.ErrorType(); got != tt.want {
			t.Errorf("%s: ErrorType() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// logJSON logs err under "err" through a JSON handler using ReplaceAttr
// and returns the decoded record.
func logJSON(t *testing.T, err error) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: errs.ReplaceAttr}))
	log.Error("request failed", "err", err, "n", 3, slog.Group("g", "inner", err))
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	return rec
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestReplaceAttr(t *testing.T) {
	origin := trackedNew()
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, origin
	})}
	_, urlErr := client.Get("http://lifekit.test/")
	tests := []struct {
		name string
		err  error
	}{
		{"fmt.Errorf %w", fmt.Errorf("handler: %w", origin)},
		{"errors.Join", errors.Join(io.EOF, origin)},
		{"an http.Client's *url.Error", urlErr},
		{"an errs error itself", origin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := logJSON(t, tt.err)
			for _, attr := range []any{rec["err"], rec["g"].(map[string]any)["inner"]} {
				group, ok := attr.(map[string]any)
				if !ok {
					t.Fatalf("err logged as %v, want a group", attr)
				}
				if group["msg"] != tt.err.Error() {
					t.Errorf("msg = %v, want %q", group["msg"], tt.err.Error())
				}
				if group["fingerprint"] != errs.Fingerprint(origin) {
					t.Errorf("fingerprint = %v, want the origin's %s", group["fingerprint"], errs.Fingerprint(origin))
				}
				stack, _ := group["stack"].([]any)
				if len(stack) == 0 || !strings.HasPrefix(stack[0].(string), pkgPath+"trackedNew ") {
					t.Errorf("stack = %v, want the origin's, from trackedNew", group["stack"])
				}
			}
			if rec["n"] != 3.0 {
				t.Errorf("n = %v, want 3: other attributes must be left alone", rec["n"])
			}
		})
	}
	t.Run("an error without a stack", func(t *testing.T) {
		rec := logJSON(t, fmt.Errorf("plain: %w", io.EOF))
		if rec["err"] != "plain: EOF" {
			t.Errorf("err = %v, want the message as slog logs it by default", rec["err"])
		}
	})
}

func ExampleReplaceAttr() {
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{ReplaceAttr: errs.ReplaceAttr}))

	err := errs.New("disk full")
	// fmt.Errorf hides the stack from slog; ReplaceAttr finds it.
	log.Error("save failed", "err", fmt.Errorf("save: %w", err))

	var rec struct {
		Err struct {
			Msg         string
			Fingerprint string
			Stack       []string
		}
	}
	json.Unmarshal(out.Bytes(), &rec)
	fmt.Println(rec.Err.Msg)
	fmt.Println(rec.Err.Fingerprint == errs.Fingerprint(err))
	fmt.Println(strings.Fields(rec.Err.Stack[0])[0])
	// Output:
	// save: disk full
	// true
	// github.com/lifekit/lifekit/errs_test.ExampleReplaceAttr
}
