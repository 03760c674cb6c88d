// Package errszerolog logs the stack and fingerprint of errors made by
// lifekit's errs package with zerolog, however they were wrapped.
//
// [MarshalStack] is for zerolog.ErrorStackMarshaler, which zerolog calls
// for the error of an event that asks for its stack. Set it once, in main:
//
//	zerolog.ErrorStackMarshaler = errszerolog.MarshalStack
//	...
//	log.Error().Stack().Err(err).Msg("request failed")
//
// An error with an errs stack anywhere on its chain, even behind
// fmt.Errorf's %w, errors.Join or the *url.Error an http.Client returns,
// then logs as
//
//	{
//	  "level": "error",
//	  "stack": {
//	    "fingerprint": "v2:3f1c0a9e5b7d2c41",
//	    "frames": [
//	      {"func": "(*Users).Get", "source": "users.go", "line": "31"},
//	      {"func": "getUser", "source": "users.go", "line": "18"},
//	      ...
//	    ]
//	  },
//	  "error": "get user: load user 42: not found",
//	  "message": "request failed"
//	}
//
// zerolog's own pkgerrors.MarshalStack finds no stack in such an error: it
// reads the stacks of github.com/pkg/errors, and only along Unwrap() error.
//
// # The stack field
//
// zerolog logs what the hook returns under zerolog.ErrorStackFieldName
// ("stack"), and the error's message under "error" through
// zerolog.ErrorMarshalFunc; those are the only two places an error's
// fields can go. The fingerprint goes with the stack, which becomes an
// object, rather than with the message: "error" stays the string that
// zerolog, its ConsoleWriter and log stores expect, and a stack is already
// structured, so an index that has seen pkgerrors' array of frames under
// "stack" takes the object's fields as new ones rather than as a conflict.
//
//   - fingerprint: [errs.Fingerprint], for grouping and alerts, as errs
//     names it in log/slog.
//   - frames: the origin stack, [errs.StackOf], each frame in the shape of
//     pkgerrors.MarshalStack's: "func" (the function without its package
//     path), "source" (the file's base name) and "line" (a string), so
//     that a query or dashboard made for pkgerrors' frames needs only the
//     new path.
//   - stacks: only when the chain holds more than one stack (an error that
//     crossed from another goroutine): every distinct stack, in the order
//     of [errs.Stacks], each as an object {"frames": [...]}, so that
//     stacks[0].frames is frames.
//
// For an error with no errs stack MarshalStack returns nil and zerolog logs
// no stack, as pkgerrors.MarshalStack does for an error without one. A
// program that has errors of both kinds can try one and then the other:
//
//	zerolog.ErrorStackMarshaler = func(err error) any {
//		if st := errszerolog.MarshalStack(err); st != nil {
//			return st
//		}
//		return pkgerrors.MarshalStack(err)
//	}
package errszerolog
