package errsentry

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/getsentry/sentry-go"
)

// tracer is what errors of package errs have besides Error: the return
// addresses of their origin stack, which sentry-go reads by reflection, and
// the type to show for them.
type tracer interface {
	error
	StackTrace() []uintptr
	ErrorType() string
}

// setExceptions gives each exception made from err's chain the type and
// origin stack of its error. Exceptions that cannot be matched with an error
// on the chain are left alone.
func setExceptions(exs []sentry.Exception, err error) {
	chain := exceptionErrors(exs, err)
	for i := range exs {
		e := chain[i].err
		if e == nil {
			continue
		}
		ex := &exs[i]
		if t, ok := e.(interface{ ErrorType() string }); ok {
			if name := t.ErrorType(); name != "" {
				ex.Type = name
			}
		}
		if ex.Stacktrace != nil {
			if _, ok := e.(tracer); ok {
				continue // sentry-go read it from e: it is the origin stack
			}
			// A stack on an error of another package is its own. The
			// outermost error's may instead be the stack of the call to
			// CaptureException, which sentry-go adds where it found none.
			if !chain[i].root || sentry.ExtractStacktrace(e) != nil {
				continue
			}
		}
		if o := origin(e); o != nil {
			ex.Stacktrace = originStack(exs, chain, o)
		}
	}
}

// link is the error an exception was made from, if known, and whether it is
// the outermost error, the one captured.
type link struct {
	err  error
	root bool
}

// exceptionErrors returns the error each exception was made from, following
// the exceptions' mechanisms, which sentry-go fills in as it walks the chain
// depth first (see its exception.go): the parent's id and the way from the
// parent's error to this one, "unwrap", "cause" or "errors[i]". A single
// exception has no mechanism and is the outermost error's.
//
// Matching by mechanism rather than by walking the chain again as sentry-go
// does leaves no doubt where sentry-go cut a long chain (MaxErrorDepth) or
// skipped an error met twice, and needs no client options. An exception
// whose type is neither its error's nor the one ErrorType names was not
// made from it (a hint that does not match the event) and is left alone,
// with the exceptions below it.
func exceptionErrors(exs []sentry.Exception, err error) []link {
	chain := make([]link, len(exs))
	if len(exs) == 1 && exs[0].Mechanism == nil {
		if typeMatches(exs[0].Type, err) {
			chain[0] = link{err: err, root: true}
		}
		return chain
	}
	// A parent's id is below its children's: visit in the order of ids.
	order := make([]int, 0, len(exs))
	for i, ex := range exs {
		if ex.Mechanism != nil {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Compare(exs[a].Mechanism.ExceptionID, exs[b].Mechanism.ExceptionID)
	})
	byID := make(map[int]error, len(order))
	for _, i := range order {
		m := exs[i].Mechanism
		var e error
		root := m.ParentID == nil
		if root {
			e = err
		} else if parent, ok := byID[*m.ParentID]; ok {
			e = child(parent, m.Source)
		}
		if e == nil || !typeMatches(exs[i].Type, e) {
			continue
		}
		byID[m.ExceptionID] = e
		chain[i] = link{err: e, root: root}
	}
	return chain
}

// typeMatches reports whether an exception of type typ may have been made
// from err: typ is err's type as sentry-go names it, or the type ErrorType
// names, as BeforeSend leaves it.
func typeMatches(typ string, err error) bool {
	if typ == reflect.TypeOf(err).String() {
		return true
	}
	t, ok := err.(interface{ ErrorType() string })
	return ok && typ == t.ErrorType()
}

// child returns the error that sentry-go reached from err by source, as its
// mechanism records it, or nil.
func child(err error, source string) error {
	switch source {
	case sentry.MechanismTypeUnwrap:
		if u, ok := err.(interface{ Unwrap() error }); ok {
			return u.Unwrap()
		}
	case sentry.MechanismSourceCause:
		if c, ok := err.(interface{ Cause() error }); ok {
			return c.Cause()
		}
	default: // "errors[i]"
		s, ok := strings.CutPrefix(source, "errors[")
		if !ok {
			return nil
		}
		s, ok = strings.CutSuffix(s, "]")
		i, convErr := strconv.Atoi(s)
		if !ok || convErr != nil {
			return nil
		}
		if u, ok := err.(interface{ Unwrap() []error }); ok {
			if branches := u.Unwrap(); i >= 0 && i < len(branches) {
				return branches[i]
			}
		}
	}
	return nil
}

// maxVisits bounds the walk along a chain, so that an Unwrap that returns
// its own error, or a Join of Joins, cannot hang the program.
const maxVisits = 1 << 12

// origin returns the outermost error of package errs with a stack on err's
// chain, first branch first: the error whose StackTrace returns the origin
// stack, errs.StackOf's, of the whole chain. It returns nil if there is none.
func origin(err error) tracer {
	budget := maxVisits
	return walkOrigin(err, &budget)
}

func walkOrigin(err error, budget *int) tracer {
	if err == nil || *budget <= 0 {
		return nil
	}
	*budget--
	if t, ok := err.(tracer); ok && len(t.StackTrace()) > 0 {
		return t
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return walkOrigin(u.Unwrap(), budget)
	case interface{ Unwrap() []error }:
		for _, c := range u.Unwrap() {
			if t := walkOrigin(c, budget); t != nil {
				return t
			}
		}
	}
	return nil
}

// originStack returns the stack of the errs error o: a copy of the stack
// sentry-go built for o's own exception, where there is one, so that the
// stacks agree and keep what earlier processors added to the frames (source
// lines, for one); else the stack sentry-go reads from o.
func originStack(exs []sentry.Exception, chain []link, o tracer) *sentry.Stacktrace {
	for i, l := range chain {
		if st := exs[i].Stacktrace; st != nil && same(l.err, o) {
			return &sentry.Stacktrace{
				Frames:        slices.Clone(st.Frames),
				FramesOmitted: slices.Clone(st.FramesOmitted),
			}
		}
	}
	return sentry.ExtractStacktrace(o)
}

// same reports whether a and b are one error, without the panic that == may
// raise on errors of an incomparable type.
func same(a error, b tracer) bool {
	if a == nil {
		return false
	}
	t := reflect.TypeOf(a)
	return t == reflect.TypeOf(b) && t.Comparable() && a == error(b)
}
