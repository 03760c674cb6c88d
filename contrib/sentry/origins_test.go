package errsentry_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/getsentry/sentry-go"
	"github.com/lifekit/lifekit/errs"
)

// The origins of the errors the tests capture: each is the function that
// called errs, the top frame its stack must show.

var errNotFound = errors.New("not found")

func newErr() error       { return errs.New("load user") }
func newOther() error     { return errs.New("save user") }
func wrapSentinel() error { return errs.Wrap(errNotFound) }
func errorfEOF() error    { return errs.Errorf("read row %d: %w", 42, io.EOF) }

// pkg is the import path of this test package, which begins each origin's
// function name.
const pkg = "github.com/lifekit/lifekit/contrib/sentry_test."

// exc is what the tests look at in a sentry.Exception: its type and the
// function at the top of its stack ("" for none).
type exc struct {
	typ, top string
}

func (e exc) String() string { return fmt.Sprintf("{%s %s}", e.typ, e.top) }

// excs returns what the tests look at in exceptions, in the order of the
// event (innermost first).
func excs(exceptions []sentry.Exception) []exc {
	out := make([]exc, len(exceptions))
	for i, ex := range exceptions {
		out[i] = exc{typ: ex.Type, top: topFrame(ex.Stacktrace)}
	}
	return out
}

// topFrame returns the innermost frame's function, package path and name,
// of st, or "" if it has none. sentry-go orders frames from the outermost
// call to the innermost (it reverses what runtime.CallersFrames returns, in
// stacktrace.go's extractFrames), so the innermost is the last.
func topFrame(st *sentry.Stacktrace) string {
	if st == nil || len(st.Frames) == 0 {
		return ""
	}
	f := st.Frames[len(st.Frames)-1]
	return f.Module + "." + f.Function
}
