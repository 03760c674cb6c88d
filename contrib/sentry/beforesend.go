package errsentry

import (
	"github.com/getsentry/sentry-go"
	"github.com/lifekit/lifekit/errs"
)

// BeforeSend is for sentry-go's ClientOptions.BeforeSend. When the error an
// event was made from holds an error of package errs with a stack, it sets
// the event's fingerprint to errs.Fingerprint of that error, so that Sentry
// groups events by where their errors came from, and gives the event's
// exceptions the types and stacks errs knows. Other events are returned
// unchanged. It never drops an event.
//
//	err := sentry.Init(sentry.ClientOptions{
//		Dsn:        os.Getenv("SENTRY_DSN"),
//		BeforeSend: errsentry.BeforeSend,
//	})
//
// The error is the hint's OriginalException, which Hub.CaptureException
// and sentry.CaptureException set, or its RecoveredException when that is
// an error, as Hub.Recover sets it for a panic. An event captured through
// Client.CaptureException with a nil hint carries no error and is left
// alone.
//
// A fingerprint already set on the event, by Scope.SetFingerprint or an
// earlier processor, is a deliberate choice and is kept.
//
// Each exception made from an error with an ErrorType method, as errs
// errors have, is given the type the method names: for an errs error, the
// type of the innermost error it wraps, or the function that made it,
// rather than *errs.stackError. Each exception whose
// error wraps an errs error is given that error's origin stack, the stack
// errs.StackOf returns: sentry-go already reads it from errs errors
// themselves, but leaves the layers wrapped around them (fmt.Errorf's %w,
// errors.Join, *url.Error) without a stack, or with the stack of the call to
// CaptureException, which says where the error was reported rather than
// where it came from. Stacks that other packages' errors carry are kept.
//
// To combine BeforeSend with one of your own, call it from yours, first, so
// that yours sees the result:
//
//	BeforeSend: func(event *sentry.Event, hint *sentry.EventHint) *sentry.Event {
//		event = errsentry.BeforeSend(event, hint)
//		... // your own changes
//		return event
//	},
//
// BeforeSend has the signature of a sentry.EventProcessor, so it may be
// added with Scope.AddEventProcessor or Client.AddEventProcessor instead.
// Applied twice, it changes nothing the second time. It is safe for
// concurrent use and changes only the event it is given.
func BeforeSend(event *sentry.Event, hint *sentry.EventHint) *sentry.Event {
	err := hintError(hint)
	if event == nil || err == nil || errs.StackOf(err) == nil {
		return event
	}
	if len(event.Fingerprint) == 0 {
		event.Fingerprint = []string{errs.Fingerprint(err)}
	}
	setExceptions(event.Exception, err)
	return event
}

// hintError returns the error an event was made from, or nil.
func hintError(hint *sentry.EventHint) error {
	if hint == nil {
		return nil
	}
	if hint.OriginalException != nil {
		return hint.OriginalException
	}
	err, _ := hint.RecoveredException.(error)
	return err
}
