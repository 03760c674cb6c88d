package errszerolog

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/lifekit/lifekit/errs"
	"github.com/rs/zerolog"
)

// MarshalStack returns the stack of err's origin and its fingerprint, as an
// object for zerolog to log under "stack" (see the package documentation),
// or nil if no error on err's chain carries an errs stack. It is meant for
// zerolog.ErrorStackMarshaler:
//
//	zerolog.ErrorStackMarshaler = errszerolog.MarshalStack
//
// The result implements zerolog.LogObjectMarshaler, so zerolog encodes it
// with its own encoder, JSON or CBOR.
func MarshalStack(err error) any {
	stacks := distinct(errs.Stacks(err))
	if len(stacks) == 0 {
		// An untyped nil: zerolog logs a typed one as "stack": null.
		return nil
	}
	return &stack{fingerprint: errs.Fingerprint(err), stacks: stacks}
}

// stack is what MarshalStack returns.
type stack struct {
	fingerprint string
	stacks      [][]errs.Frame // origin first; never empty
}

// MarshalZerologObject implements zerolog.LogObjectMarshaler.
func (s *stack) MarshalZerologObject(e *zerolog.Event) {
	e.Str("fingerprint", s.fingerprint)
	e.Array("frames", frames(s.stacks[0]))
	if len(s.stacks) > 1 {
		e.Array("stacks", stackList(s.stacks))
	}
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

// The names of a frame's fields: those of pkgerrors.MarshalStack, whose
// StackSource*Name variables have these values unless a program changes
// them.
const (
	funcName   = "func"
	sourceName = "source"
	lineName   = "line"
)

// frames logs a stack as an array of frames.
type frames []errs.Frame

// MarshalZerologArray implements zerolog.LogArrayMarshaler.
func (st frames) MarshalZerologArray(a *zerolog.Array) {
	for _, f := range st {
		a.Object(frame(f))
	}
}

// frame logs a frame as pkgerrors.MarshalStack does, from the %n, %s and
// %d of a github.com/pkg/errors Frame.
type frame errs.Frame

// MarshalZerologObject implements zerolog.LogObjectMarshaler.
func (f frame) MarshalZerologObject(e *zerolog.Event) {
	e.Str(funcName, shortFunction(f.Function))
	e.Str(sourceName, path.Base(f.File))
	e.Str(lineName, strconv.Itoa(f.Line))
}

// shortFunction returns a function's name without its package path, as
// pkg/errors prints a frame's %n: "(*Users).Get" for
// "example.com/app/store.(*Users).Get".
func shortFunction(fn string) string {
	fn = fn[strings.LastIndexByte(fn, '/')+1:]
	return fn[strings.IndexByte(fn, '.')+1:]
}

// stackList logs several stacks as an array of objects, each holding the
// frames of one: zerolog has no arrays of arrays, and log stores index
// them poorly.
type stackList [][]errs.Frame

// MarshalZerologArray implements zerolog.LogArrayMarshaler.
func (l stackList) MarshalZerologArray(a *zerolog.Array) {
	for _, s := range l {
		a.Object(framesObject(s))
	}
}

// framesObject logs a stack as an object: {"frames": [...]}.
type framesObject []errs.Frame

// MarshalZerologObject implements zerolog.LogObjectMarshaler.
func (st framesObject) MarshalZerologObject(e *zerolog.Event) {
	e.Array("frames", frames(st))
}
