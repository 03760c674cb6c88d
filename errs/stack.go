package errs

import (
	"runtime"
)

// Frame is one frame of a stack: a function and the file and line being run.
// A call that the compiler inlined is a frame of its own.
type Frame struct {
	Function string `json:"function"`
	File     string `json:"file"`
	Line     int    `json:"line"`
}

// maxDepth is the most frames a stack keeps. It reaches from a database call
// up through the handler in a typical server; a deeper stack loses its
// outermost frames.
const maxDepth = 32

// stack is a captured call stack: program counters only. Frames are looked up
// when the stack is printed or grouped, through a cache shared by all errors.
type stack struct {
	n   int
	pcs [maxDepth]uintptr
}

// capture records the stack from the frame skip levels above the caller of
// capture's caller: capture(0) in New records New's caller and up.
func (s *stack) capture(skip int) {
	// Callers counts itself (0), capture (1), capture's caller (2).
	s.n = runtime.Callers(skip+3, s.pcs[:])
}

// onPath reports whether the return address pc appears in s below its first
// frame: whether a wrap whose caller's caller returns to pc runs on the path
// that s recorded.
func (s *stack) onPath(pc uintptr) bool {
	if s.n < 2 {
		return false
	}
	for _, p := range s.pcs[1:s.n] {
		if p == pc {
			return true
		}
	}
	return false
}

func (s *stack) frames() []Frame {
	var buf [maxDepth]*frameInfo
	infos := appendInfos(buf[:0], s.pcs[:s.n])
	out := make([]Frame, 0, len(infos))
	for _, in := range infos {
		if !in.hidden {
			out = append(out, in.Frame)
		}
	}
	return out
}

// StackOf returns the stack of the error's origin: the innermost stack on its
// chain, where the error was created or first wrapped. Through errors.Join
// and multiple %w, it follows the first branch that has a stack. It returns
// nil if no error on the chain carries a stack.
//
// The frames run from the origin outwards. runtime.goexit, which ends every
// goroutine's stack, is left out.
func StackOf(err error) []Frame {
	s := originStack(err)
	if s == nil {
		return nil
	}
	return s.frames()
}

// Stacks returns every stack on the error's chain, Join branches included:
// depth first, each branch's inner stacks before its outer ones, so that
// Stacks(err)[0] is StackOf(err). It returns nil if there is none.
func Stacks(err error) [][]Frame {
	var out [][]Frame
	walkStacks(err, func(s *stack) {
		out = append(out, s.frames())
	})
	return out
}

// originStack returns the innermost stack on err's chain, first branch first.
func originStack(err error) *stack {
	budget := maxChain
	return origin(err, &budget)
}

func origin(err error, budget *int) *stack {
	if err == nil || *budget <= 0 {
		return nil
	}
	*budget--
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		if s := origin(e.Unwrap(), budget); s != nil {
			return s
		}
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			if s := origin(c, budget); s != nil {
				return s
			}
		}
	}
	if e, ok := err.(*stackError); ok {
		return &e.stack
	}
	return nil
}

// walkStacks calls visit for each stack on err's chain, inner before outer,
// branches in order. The walk visits at most maxChain errors.
func walkStacks(err error, visit func(*stack)) {
	budget := maxChain
	walk(err, visit, &budget)
}

func walk(err error, visit func(*stack), budget *int) {
	if err == nil || *budget <= 0 {
		return
	}
	*budget--
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		walk(e.Unwrap(), visit, budget)
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			walk(c, visit, budget)
		}
	}
	if e, ok := err.(*stackError); ok {
		visit(&e.stack)
	}
}
