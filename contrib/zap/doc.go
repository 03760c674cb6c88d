// Package errszap logs errors made by lifekit's errs package with zap,
// keeping their fingerprint and stacks however they were wrapped.
//
// [Error] and [NamedError] are drop-in replacements for zap's functions of
// the same names:
//
//	logger.Error("request failed", errszap.Error(err))
//
// An error with an errs stack anywhere on its chain, even behind
// fmt.Errorf's %w, errors.Join or the *url.Error an http.Client returns,
// logs as
//
//	{
//	  "error": "get user: load user 42: not found",
//	  "errorFingerprint": "v2:3f1c0a9e5b7d2c41",
//	  "errorStack": [
//	    "example.com/app/store.(*Users).Get /src/app/store/users.go:31",
//	    "example.com/app/api.getUser /src/app/api/users.go:18",
//	    ...
//	  ]
//	}
//
// and any other error logs exactly as [zap.Error] logs it.
//
// # Field names
//
// The fields follow zap's convention for errors rather than the group that
// errs logs in log/slog (msg, fingerprint, stack): the message stays a
// string under the key, as zap.Error and every other zap error field have
// it, and the rest are siblings named after the key, as zap names
// errorVerbose and errorCauses. A log store that has indexed "error" as a
// string, from zap.Error, would reject or drop a record in which it became
// an object.
//
//   - key: the message, err.Error(), as zap.Error logs it.
//   - key+"Fingerprint": [errs.Fingerprint], for grouping and alerts.
//   - key+"Stack": the origin stack, [errs.StackOf], one string per frame,
//     "function file:line", as errs logs "stack" in log/slog.
//   - key+"Stacks": only when the chain holds more than one stack (an error
//     that crossed from another goroutine): every distinct stack, in the
//     order of [errs.Stacks], so key+"Stacks"[0] is key+"Stack".
//   - key+"Causes": as zap.Error logs it, for an error with an Errors method
//     (go.uber.org/multierr), each cause logged by these rules.
//
// There is no key+"Verbose". zap.Error logs the %+v text there, which for
// an errs error is the message followed by the same stacks: logging both
// would double the size of the record for nothing.
//
// # Field type
//
// For an error with a stack the field is an inline object marshaler
// ([zap.Inline]), not a field of type zapcore.ErrorType, because only an
// object marshaler can add structured fields beside the key. A zapcore.Core
// that picks errors out of a record by field type, as some that report to
// error trackers do, does not see it. For other errors the field is the one
// zap.NamedError returns.
package errszap
