package httpctl

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// An Error is what RoundTrip returns when it has no response to return:
// the last attempt got none, a timeout or the context ended the request
// between attempts, or the body could not be replayed for a retry. (A
// response, whatever its status, is returned as it is.) It records how
// far the request got. Match it with errors.As; Unwrap reaches the cause,
// so errors.Is(err, context.DeadlineExceeded) and errors.Is(err,
// context.Canceled) work.
//
// http.Client wraps it in a *url.Error, which adds the method and URL.
type Error struct {
	// Attempts is how many attempts were made.
	Attempts int
	// LastStatus is the status code of the last response received, one that
	// was retried away, or 0 if no attempt got a response.
	LastStatus int
	// Err is why the request failed: the last attempt's error, a
	// *TimeoutError, or the request context's error. It carries an errs
	// stack of where RoundTrip gave up: compare it with errors.Is and
	// errors.As, not ==.
	Err error
}

func (e *Error) Error() string {
	b := make([]byte, 0, 64)
	b = append(b, "httpctl: "...)
	b = strconv.AppendInt(b, int64(e.Attempts), 10)
	if e.Attempts == 1 {
		b = append(b, " attempt"...)
	} else {
		b = append(b, " attempts"...)
	}
	if e.LastStatus != 0 {
		b = append(b, ", last status "...)
		b = strconv.AppendInt(b, int64(e.LastStatus), 10)
	}
	b = append(b, ": "...)
	if e.Err != nil {
		b = append(b, e.Err.Error()...)
	} else {
		b = append(b, "failed"...)
	}
	return string(b)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Timeout reports whether the request failed because a deadline passed, as
// net.Error's Timeout does; http.Client and url.Error consult it.
func (e *Error) Timeout() bool {
	var t interface{ Timeout() bool }
	if errors.As(e.Err, &t) && t.Timeout() {
		return true
	}
	return errors.Is(e.Err, context.DeadlineExceeded)
}

// A TimeoutError reports that one of the Transport's timeouts passed:
// AttemptTimeout ("attempt") or RequestTimeout ("request"). It matches
// context.DeadlineExceeded with errors.Is, and its Timeout method reports
// true, as net.Error's does.
type TimeoutError struct {
	Kind  string        // "attempt" or "request"
	Limit time.Duration // the configured timeout that passed
}

func (e *TimeoutError) Error() string {
	return "httpctl: " + e.Kind + " timeout (" + e.Limit.String() + ") exceeded"
}

// Timeout reports true.
func (e *TimeoutError) Timeout() bool { return true }

// Is reports whether target is context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// fail builds r's error, which RoundTrip returns, and reports it to the
// Stats hook. The errs stack goes inside the *Error rather than around it,
// so that the *Error is what url.Error holds and its Timeout method is seen.
func (r *request) fail(err error) error {
	e := &Error{Attempts: r.try, LastStatus: r.last, Err: errs.WrapSkip(err, 1)}
	if r.tr != nil {
		r.tr.finish(0, e)
	}
	return e
}
