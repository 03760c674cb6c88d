package errs

import (
	"log/slog"
	"reflect"
	"slices"
	"strings"
)

// What other tools read from an error: error trackers (Sentry reads a
// StackTrace method), OpenTelemetry (an ErrorType method, for error.type),
// and log/slog through a handler's ReplaceAttr.

// StackTrace returns the return addresses of the error's origin stack (the
// innermost on its chain, see StackOf), as runtime.Callers gives them, or
// nil if the chain holds none. It is the method sentry-go and other error
// trackers look for, so that they show where the error came from rather
// than where it was reported. The slice is the caller's own.
func (e *stackError) StackTrace() []uintptr { return stackTrace(e) }

// StackTrace returns the origin stack's return addresses, as for errors
// with a stack of their own.
func (e *textError) StackTrace() []uintptr { return stackTrace(e) }

func stackTrace(err error) []uintptr {
	if s := originStack(err); s != nil {
		return slices.Clone(s.pcs())
	}
	return nil
}

// ErrorType returns the type an error tracker should show for the error,
// rather than this package's own. An error on the chain that names its own
// type with an ErrorType method of its own decides, the outermost one
// first. Otherwise it is the type of the innermost error on the chain, as
// %T prints it ("*fs.PathError"), or, when that error was made by New or
// Errorf, the function that made it, as the runtime names it but with only
// the last element of its package's import path ("store.(*Users).Get" for
// example.com/app/store). Where an error wraps several, the first branch
// is followed. OpenTelemetry's semantic conventions read the method for
// the error.type attribute.
func (e *stackError) ErrorType() string { return errorType(e) }

// ErrorType returns the type an error tracker should show, as for errors
// with a stack of their own.
func (e *textError) ErrorType() string { return errorType(e) }

func errorType(err error) string {
	if name := namedType(err); name != "" {
		return name
	}
	root := innermost(err)
	switch root.(type) {
	case *stackError, *textError:
		if st := StackOf(root); len(st) > 0 && st[0].Function != "" {
			return shortFunction(st[0].Function)
		}
		return reflect.TypeOf(root).String() // New with no stack: past the top
	}
	return reflect.TypeOf(root).String()
}

// namedType returns what the outermost error on err's chain, other than
// this package's, that has an ErrorType method returns, or "" if none does.
// It follows the first branch where an error wraps several, as innermost.
func namedType(err error) string {
	for range maxChain {
		switch e := err.(type) {
		case nil:
			return ""
		case *stackError, *textError:
		case interface{ ErrorType() string }:
			if name := callErrorType(e); name != "" {
				return name
			}
		}
		err = firstWrapped(err)
	}
	return ""
}

// callErrorType returns e.ErrorType(), or "" if the method panics (a nil
// pointer, say): an error that reports errors must not fail itself.
func callErrorType(e interface{ ErrorType() string }) (name string) {
	defer func() {
		if recover() != nil {
			name = ""
		}
	}()
	return e.ErrorType()
}

// shortFunction returns a function's name with the last element of its
// package's import path only: "store.(*Users).Get" for
// "example.com/app/store.(*Users).Get".
func shortFunction(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	return fn[slash+1:]
}

// ReplaceAttr is for log/slog's HandlerOptions.ReplaceAttr. It logs an
// attribute whose value is an error with a stack anywhere on its chain the
// way this package's own errors log: as a group of its message, its
// fingerprint and its origin stack. Errors that reach the handler wrapped
// by something else (fmt.Errorf's %w, errors.Join, the *url.Error an
// http.Client returns) then keep their stack; other attributes, errors
// without a stack among them, are returned unchanged.
//
//	h := slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{ReplaceAttr: errs.ReplaceAttr})
//
// To combine it with a ReplaceAttr of your own, call it from yours.
func ReplaceAttr(groups []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindAny {
		return a
	}
	err, ok := a.Value.Any().(error)
	if !ok || originError(err) == nil {
		return a
	}
	return slog.Attr{Key: a.Key, Value: logValue(err)}
}
