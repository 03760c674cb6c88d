// Package errsentry reports errors of lifekit's [errs] package to Sentry
// grouped by where they came from.
//
// sentry-go needs no adapter to show where an errs error came from: every
// errs error has a StackTrace method returning its origin stack, which
// sentry-go reads. What it does not know is how errs groups errors, and it
// names every errs layer *errs.stackError. [BeforeSend] adds both, and fills
// in the stacks of the errors wrapped around an errs error:
//
//	err := sentry.Init(sentry.ClientOptions{
//		Dsn:        os.Getenv("SENTRY_DSN"),
//		BeforeSend: errsentry.BeforeSend,
//	})
//	...
//	sentry.CaptureException(err) // or hub.CaptureException(err)
//
// # What it changes
//
// An event made from an error whose chain holds an errs error with a stack
// (the hint's OriginalException, or its RecoveredException after a panic)
// gets:
//
//   - Fingerprint: [errs.Fingerprint] of the error, so that Sentry makes one
//     issue of the errors from one origin and two of errors from two origins,
//     reported from the same line or not, whatever their messages say.
//   - For each exception made from an errs error (or another error with an
//     ErrorType method), the type the method names: the type of the
//     innermost error it wraps ("*fs.PathError"), or the function that made
//     it ("store.(*Users).Get").
//   - For each exception whose error wraps an errs error, the origin stack
//     ([errs.StackOf]), in place of none or of the stack of the call to
//     CaptureException that sentry-go gives the outermost error when it has
//     none of its own (the *errors.joinError of errors.Join, the *url.Error
//     of an http.Client, the *fmt.wrapError of fmt.Errorf).
//
// Other events pass through unchanged.
//
// # Why a BeforeSend
//
// sentry-go offers three places for such a change: ClientOptions.BeforeSend,
// an event processor and an Integration. BeforeSend is the one set in the
// options every program already writes, and the one sentry-go's own
// documentation points to; a function with its signature is also a
// sentry.EventProcessor, so it can be added to a Scope or a Client as well.
// An Integration would need an exported type, and a longer line in the
// options, to do the same. To
// combine it with a BeforeSend of your own, call it from yours, as
// [errs.ReplaceAttr] is combined with a ReplaceAttr of one's own.
package errsentry
