// Package errsotel records errors of lifekit's errs package on
// OpenTelemetry spans with the stack of their origin and their fingerprint.
//
// span.RecordError(err, trace.WithStackTrace(true)) records the stack of
// the goroutine calling RecordError, which says where the error was
// reported, not where it came from, and nothing carries the fingerprint
// that groups errors of one kind. [RecordError] adds the same "exception"
// event with the semantic-convention attributes, taken from errs:
//
//	if err != nil {
//		errsotel.RecordError(span, err)
//		span.SetStatus(codes.Error, err.Error())
//	}
//
// The event holds:
//
//   - exception.type: what OpenTelemetry's semconv.ErrorType gives for
//     error.type, which reads the ErrorType method errs errors have: the
//     type of the innermost error, or the function that made it, rather
//     than *errs.stackError;
//   - exception.message: err.Error();
//   - exception.stacktrace: the errs stacks on err's chain, the origin
//     first, one frame per two lines as Go prints a panic, found through
//     any wrapper (fmt.Errorf's %w, errors.Join, *url.Error);
//   - lifekit.error.fingerprint: errs.Fingerprint(err), under lifekit's own
//     namespace, as the specification asks of attributes that are not part
//     of the semantic conventions.
//
// An error with no errs stack gets a stack as from the span's own
// RecordError: the caller's if the options ask for it with
// trace.WithStackTrace(true), none otherwise, and no fingerprint. Its
// exception.type is still semconv.ErrorType's, which may differ from the
// span's own ("*fmt.wrapError" there for an error made by fmt.Errorf with
// %w, the wrapped error's type here). The event never holds two stack
// traces.
package errsotel
