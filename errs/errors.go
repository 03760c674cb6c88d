package errs

import (
	"fmt"
	"runtime"
)

// New returns an error whose Error method returns text, with the stack of its
// caller.
//
// Declare sentinel errors (var ErrNotFound = ...) with the standard
// errors.New: a stack captured while the package initialises says nothing
// about where the error was later returned. Wrap the sentinel where it is
// returned instead.
func New(text string) error {
	e := &stackError{layer: layer{msg: text, own: true}}
	e.capture(0)
	return e
}

// Errorf formats according to a format specifier and returns the result as
// an error, as fmt.Errorf does: %w wraps its operand, and errors.Is, As and
// Unwrap see through the result as they would through fmt.Errorf's.
//
// The result carries the caller's stack unless the single error wrapped with
// %w already carries one captured on the caller's path (see Wrap); then the
// result only adds its message.
func Errorf(format string, args ...any) error {
	fe := fmt.Errorf(format, args...)
	l := layer{msg: fe.Error(), own: true}
	switch u := fe.(type) {
	case interface{ Unwrap() error }:
		l.cause = u.Unwrap()
		if s := latestStack(l.cause); s != nil {
			// Callers counts itself (0), Errorf (1), the wrap site (2);
			// the return address into the wrap site's caller is 3.
			var pc [1]uintptr
			if runtime.Callers(3, pc[:]) == 1 && s.onPath(pc[0]) {
				return &textError{layer: l}
			}
		}
	case interface{ Unwrap() []error }:
		// Several errors wrapped: keep fmt's value as the single cause so
		// that errors.Is and As still reach every one of them.
		l.cause = fe
	}
	e := &stackError{layer: l}
	e.capture(0)
	return e
}

// Wrap returns err with the stack of its caller. Wrap(nil) returns nil.
//
// A stack is added only where it says something new: when err already
// carries a stack captured on the path that returned it to the caller, Wrap
// returns err itself (or, if an error type from another package is outermost,
// a thin layer that keeps %+v and slog output complete) and costs no more
// than a look at the caller's caller. When err crossed over from another
// goroutine, or was stored and returned later from somewhere else, its stack
// does not lie on the caller's path and Wrap records a second one; [Stacks]
// returns both.
//
// The test is on one return address: the caller's caller must appear in the
// stack already recorded. Errors that travel between two activations of the
// same call site are treated as one path, which loses nothing, since the
// stack they would get is the one they have.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	// The unwinding is done here rather than in a helper: each frame the
	// unwinder walks costs, and re-wrapping must stay cheap.
	if s := latestStack(err); s != nil {
		// Callers counts itself (0), Wrap (1), the wrap site (2); the
		// return address into the wrap site's caller is 3.
		var pc [1]uintptr
		if runtime.Callers(3, pc[:]) == 1 && s.onPath(pc[0]) {
			return keep(err)
		}
	}
	e := &stackError{layer: layer{cause: err}}
	e.capture(0)
	return e
}

// WrapSkip is Wrap for helpers that wrap on behalf of their caller: skip is
// the number of frames to leave out, 0 meaning the caller of WrapSkip (as
// Wrap). A helper that returns WrapSkip(err, 1) records its caller's stack.
// A negative skip counts as 0.
func WrapSkip(err error, skip int) error {
	if err == nil {
		return nil
	}
	skip = max(skip, 0)
	if s := latestStack(err); s != nil {
		var pc [1]uintptr
		if runtime.Callers(3+skip, pc[:]) == 1 && s.onPath(pc[0]) {
			return keep(err)
		}
	}
	e := &stackError{layer: layer{cause: err}}
	e.capture(skip)
	return e
}

// keep returns err for a wrap that adds no stack. An error of this package
// is returned as it is; another package's error gets a thin layer so that
// %+v and slog, which see only the outermost error, still find the stacks.
func keep(err error) error {
	switch err.(type) {
	case *stackError, *textError:
		return err
	}
	return &textError{layer: layer{cause: err}}
}

// latestStack returns the outermost stack on err's single-error chain: the
// one captured most recently. It stops at errors that wrap several (Join):
// they have no single path to compare with.
func latestStack(err error) *stack {
	for range maxChain {
		switch e := err.(type) {
		case nil:
			return nil
		case *stackError:
			return &e.stack
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// maxChain bounds every walk along an error chain, so that a chain that
// loops (a bug in someone's Unwrap) cannot hang a walk.
const maxChain = 1024

// layer is what every error of this package holds besides its stack.
type layer struct {
	msg   string
	own   bool  // msg is the whole text; otherwise the cause's text is
	cause error // nil for New and for Errorf without %w
}

func (l *layer) text() string {
	if l.own || l.cause == nil {
		return l.msg
	}
	return l.cause.Error()
}

// stackError is an error with a stack. It is immutable once returned.
type stackError struct {
	layer
	stack
}

// Error returns the message only: stacks are for %+v, StackOf and Stacks.
func (e *stackError) Error() string { return e.text() }

// Unwrap returns the wrapped error, or nil.
func (e *stackError) Unwrap() error { return e.cause }

// Format implements fmt.Formatter: %s and %v print the message, %q quotes
// it, and %+v adds every stack on the chain.
func (e *stackError) Format(s fmt.State, verb rune) { format(s, verb, e) }

// textError adds a message, or only a presence in the chain, to an error
// that already carries a stack on the same path. It is immutable.
type textError struct {
	layer
}

// Error returns the message only.
func (e *textError) Error() string { return e.text() }

// Unwrap returns the wrapped error.
func (e *textError) Unwrap() error { return e.cause }

// Format implements fmt.Formatter as stackError does.
func (e *textError) Format(s fmt.State, verb rune) { format(s, verb, e) }
