package errs

import (
	"fmt"
	"reflect"
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
	e := &stackError{layer: layer{msg: text, tmpl: text}}
	// Callers counts itself (0) and New (1): the caller is 2.
	e.setPCs(runtime.Callers(2, e.buf[:]), 2)
	return e
}

// Errorf formats according to a format specifier and returns the result as
// an error, as fmt.Errorf does: %w wraps its operand, and errors.Is, As and
// Unwrap see through the result as they would through fmt.Errorf's.
//
// The result carries the caller's stack unless an error wrapped with %w
// already carries one captured on the caller's path (see Wrap); then the
// result only adds its message.
func Errorf(format string, args ...any) error {
	fe := fmt.Errorf(format, args...)
	l := layer{msg: fe.Error(), tmpl: format}
	var wrapped []error
	switch u := fe.(type) {
	case interface{ Unwrap() error }:
		l.cause = u.Unwrap()
		wrapped = []error{l.cause}
	case interface{ Unwrap() []error }:
		// Several errors wrapped: keep fmt's value as the single cause so
		// that errors.Is and As still reach every one of them.
		l.cause = fe
		wrapped = u.Unwrap()
	}
	// The return address is unwound once, when the first wrapped error
	// with a stack needs it.
	var pc [1]uintptr
	unwound := false
	for _, w := range wrapped {
		s := latestStack(w)
		if s == nil {
			continue
		}
		if !unwound {
			// Callers counts itself (0), Errorf (1), the wrap site (2);
			// the return address into the wrap site's caller is 3.
			unwound = runtime.Callers(3, pc[:]) == 1
		}
		if unwound && s.onPath(pc[0]) || s.onPathSlow(3) {
			return &textError{layer: l}
		}
	}
	e := &stackError{layer: l}
	e.setPCs(runtime.Callers(2, e.buf[:]), 2)
	return e
}

// Wrap returns err with the stack of its caller. Wrap(nil) returns nil.
//
// A stack is added only where it says something new. When err already
// carries a stack captured on the path that brought it to the caller, Wrap
// returns err itself (or, if an error type from another package is
// outermost, a thin layer that keeps %+v and slog output complete) and costs
// little more than a look at the caller's caller. That covers wrapping on
// every return on the way up, in a function deferred by the one that got the
// error, and in a helper it calls. When err crossed over from another
// goroutine, or was stored and is returned later from somewhere else, its
// stack does not lie on the caller's path and Wrap records a second one;
// [Stacks] returns both.
//
// The test compares return addresses, not whole stacks. It counts as one
// path an error passed between two calls of the same function from the same
// call site, and an error stored by one call a function F makes and
// returned by a later call from the same F: such an error keeps its first
// stack.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	// The unwinding is written out here rather than in a helper: each
	// frame the unwinder walks costs, and re-wrapping must stay cheap.
	if s := latestStack(err); s != nil {
		// Callers counts itself (0), Wrap (1), the wrap site (2); the
		// return address into the wrap site's caller is 3.
		var pc [1]uintptr
		if runtime.Callers(3, pc[:]) == 1 && s.onPath(pc[0]) || s.onPathSlow(3) {
			return keep(err)
		}
	}
	e := &stackError{layer: layer{cause: err}}
	e.setPCs(runtime.Callers(2, e.buf[:]), 2)
	return e
}

// WrapSkip is Wrap for helpers that wrap on behalf of their caller: skip is
// the number of frames to leave out, 0 meaning the caller of WrapSkip (as
// Wrap). A helper that returns WrapSkip(err, 1) records its caller's stack.
// A negative skip counts as 0; a skip beyond the top of the stack leaves the
// error without a stack.
func WrapSkip(err error, skip int) error {
	if err == nil {
		return nil
	}
	skip = min(max(skip, 0), maxDepth)
	if s := latestStack(err); s != nil {
		var pc [1]uintptr
		if runtime.Callers(3+skip, pc[:]) == 1 && s.onPath(pc[0]) || s.onPathSlow(3+skip) {
			return keep(err)
		}
	}
	e := &stackError{layer: layer{cause: err}}
	e.setPCs(runtime.Callers(2+skip, e.buf[:]), 2+skip)
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
			if e.n > 0 {
				return &e.stack
			}
			err = e.cause
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// layer is what every error of this package holds besides its stack.
type layer struct {
	msg string
	// tmpl is what msg was made from, for Fingerprint: New's text or
	// Errorf's format. It is empty for a layer that has no text of its own
	// and shows its cause's (Wrap): Errorf with a cause has a format, as it
	// holds a %w.
	tmpl  string
	cause error // nil for New and for Errorf without %w
}

func (l *layer) text() string {
	if l.tmpl != "" || l.cause == nil {
		return l.msg
	}
	return errorText(l.cause)
}

// errorText returns err.Error() as fmt would print it: an Error method
// called on a nil pointer, which panics when its receiver is a value, gives
// "<nil>", and any other panic is reported in the text rather than raised.
// An error that reports errors must not fail itself.
func errorText(err error) (text string) {
	defer func() {
		if r := recover(); r != nil {
			if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
				text = "<nil>"
				return
			}
			text = fmt.Sprintf("%%!v(PANIC=Error method: %v)", r)
		}
	}()
	return err.Error()
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
