package errszap

import (
	"errors"
	"slices"
	"strconv"

	"github.com/lifekit/lifekit/errs"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Error is shorthand for NamedError("error", err), as zap.Error is.
func Error(err error) zap.Field {
	return NamedError("error", err)
}

// NamedError returns a field that logs err under key: its message, and, if
// an error on its chain carries an errs stack, its fingerprint and stacks
// as siblings named after key (see the package documentation). Any other
// error gets the field zap.NamedError(key, err) returns; a nil err gets
// zap.Skip, which logs nothing.
//
// As with zap's own error fields, the work of reading the stacks is done
// only when the entry is written, not when the field is made.
func NamedError(key string, err error) zap.Field {
	if err == nil {
		return zap.Skip()
	}
	// The check must stay cheap, since fields are made even for entries
	// below the logger's level: errs errors have a StackTrace method, so an
	// error with no such method on its chain is left to zap. One that has it
	// and turns out to hold no errs stack is left to zap when encoded.
	var st interface{ StackTrace() []uintptr }
	if !errors.As(err, &st) {
		return zap.NamedError(key, err)
	}
	return zap.Inline(field{key: key, err: err})
}

// field logs an error with an errs stack as the fields beside key.
type field struct {
	key string
	err error
}

// MarshalLogObject implements zapcore.ObjectMarshaler.
func (f field) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	stacks := distinct(errs.Stacks(f.err))
	text, ok := errorText(f.err)
	if len(stacks) == 0 || !ok {
		// zap's encoding, including the way it reports an Error method
		// that panics.
		zap.NamedError(f.key, f.err).AddTo(enc)
		return nil
	}
	enc.AddString(f.key, text)
	enc.AddString(f.key+"Fingerprint", errs.Fingerprint(f.err))
	// Stacks lists the origin stack first (it is StackOf's).
	if err := enc.AddArray(f.key+"Stack", frames(stacks[0])); err != nil {
		return err
	}
	if len(stacks) > 1 {
		if err := enc.AddArray(f.key+"Stacks", stackList(stacks)); err != nil {
			return err
		}
	}
	// zap.Error logs the errors of a group (go.uber.org/multierr) too.
	if g, ok := f.err.(interface{ Errors() []error }); ok {
		return enc.AddArray(f.key+"Causes", causes(g.Errors()))
	}
	return nil
}

// errorText returns err.Error(), or false if it panics.
func errorText(err error) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return err.Error(), true
}

// distinct returns stacks without the ones that repeat an earlier one, as
// an error joined with itself has.
func distinct(stacks [][]errs.Frame) [][]errs.Frame {
	out := stacks[:0:0]
	for _, s := range stacks {
		if !slices.ContainsFunc(out, func(o []errs.Frame) bool { return slices.Equal(o, s) }) {
			out = append(out, s)
		}
	}
	return out
}

// frames logs a stack as errs does in log/slog: "function file:line".
type frames []errs.Frame

// MarshalLogArray implements zapcore.ArrayMarshaler.
func (st frames) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, f := range st {
		enc.AppendString(f.Function + " " + f.File + ":" + strconv.Itoa(f.Line))
	}
	return nil
}

// stackList logs several stacks as an array of arrays.
type stackList [][]errs.Frame

// MarshalLogArray implements zapcore.ArrayMarshaler.
func (l stackList) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, s := range l {
		if err := enc.AppendArray(frames(s)); err != nil {
			return err
		}
	}
	return nil
}

// causes logs the errors of a group as zap does, each as an object under
// "error", by the rules of Error.
type causes []error

// MarshalLogArray implements zapcore.ArrayMarshaler.
func (c causes) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	for _, err := range c {
		if err == nil {
			continue
		}
		f := Error(err)
		if err := enc.AppendObject(zapcore.ObjectMarshalerFunc(func(enc zapcore.ObjectEncoder) error {
			f.AddTo(enc)
			return nil
		})); err != nil {
			return err
		}
	}
	return nil
}
