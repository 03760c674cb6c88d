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

// A stack keeps up to inlineDepth frames inside the error, which is enough
// for a typical service, and captures again into an array of its own, up to
// maxDepth frames, when the first capture fills up. Deeper stacks lose their
// outermost frames.
const (
	inlineDepth = 32
	maxDepth    = 512
)

// stack is a captured call stack: program counters only. Frames are looked up
// when the stack is printed or grouped, through a cache shared by all errors.
type stack struct {
	n    int                  // the number of return addresses
	deep *[maxDepth]uintptr   // nil unless the stack filled buf
	buf  [inlineDepth]uintptr // the return addresses of a stack that fits
}

// pcs returns the stack's return addresses, innermost first. The slice is
// the stack's own.
func (s *stack) pcs() []uintptr {
	if s.deep != nil {
		return s.deep[:s.n]
	}
	return s.buf[:s.n]
}

// setPCs completes a capture of n frames into s.buf, made by runtime.Callers
// in the exported function itself: a helper in between would cost the
// unwinder a frame. If buf filled up the
// stack may be deeper, and it is captured again into an array of its own;
// skip is runtime.Callers's skip for that, counted from setPCs's caller.
func (s *stack) setPCs(n, skip int) {
	s.n = n
	if n == inlineDepth {
		s.deep = new([maxDepth]uintptr)
		s.n = runtime.Callers(skip+1, s.deep[:])
	}
}

// truncated reports whether the stack lost its outermost frames.
func (s *stack) truncated() bool { return s.n >= maxDepth }

// onPath reports whether the return address pc appears in s below its first
// frame: whether a wrap whose caller's caller returns to pc runs on the path
// that s recorded.
func (s *stack) onPath(pc uintptr) bool {
	if s.n < 2 {
		return false
	}
	for _, p := range s.pcs()[1:] {
		if p == pc {
			return true
		}
	}
	return false
}

// onPathFrom is the slower test for the wraps that onPath misses: a wrap in
// a function deferred by F, or in a helper F calls after the failing call.
// There the wrap site's caller is F at another call site than the one s
// recorded, so its return address differs, but F's caller is the same. pcs
// are return addresses from the wrap site's caller outwards; frames of the
// runtime that run deferred calls lead them and are passed over.
func (s *stack) onPathFrom(pcs []uintptr) bool {
	for len(pcs) > 0 && lookupInfo(pcs[0]).runtime {
		pcs = pcs[1:]
	}
	own := s.pcs()
	if len(pcs) < 2 || len(own) < 3 {
		return false
	}
	fn := lookupInfo(pcs[0]).Function
	for j := 1; j+1 < len(own); j++ {
		if own[j+1] == pcs[1] && lookupInfo(own[j]).Function == fn {
			return true
		}
	}
	return false
}

// onPathSlow runs onPathFrom on the return addresses from the one that
// the caller's runtime.Callers(skip, ...) would return outwards. It is the
// test made only where a new stack would be captured otherwise, which costs
// far more.
func (s *stack) onPathSlow(skip int) bool {
	var pc [3]uintptr
	// One frame deeper than the caller: onPathSlow's own.
	n := runtime.Callers(skip+1, pc[:])
	return s.onPathFrom(pc[:n])
}

func (s *stack) frames() []Frame {
	if s.n == 0 {
		return nil
	}
	var buf [inlineDepth]*frameInfo
	infos := appendInfos(buf[:0], s.pcs())
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

// Walks along an error chain are bounded, so that an Unwrap that returns its
// own error, or a cycle of them, cannot hang a program: a chain is followed
// at most maxChain errors deep, and a walk visits at most maxVisits errors
// (a Join of Joins may branch without end).
const (
	maxChain  = 1 << 14
	maxVisits = 1 << 16
)

// originStack returns the innermost stack on err's chain, first branch first.
func originStack(err error) *stack {
	if e := originError(err); e != nil {
		return &e.stack
	}
	return nil
}

// originError returns the error of this package that holds the innermost
// stack on err's chain, first branch first, or nil.
func originError(err error) *stackError {
	budget := maxVisits
	return origin(err, 0, &budget)
}

func origin(err error, depth int, budget *int) *stackError {
	if err == nil || depth >= maxChain || *budget <= 0 {
		return nil
	}
	*budget--
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		if s := origin(e.Unwrap(), depth+1, budget); s != nil {
			return s
		}
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			if s := origin(c, depth+1, budget); s != nil {
				return s
			}
		}
	}
	if e, ok := err.(*stackError); ok && e.n > 0 {
		return e
	}
	return nil
}

// walkStacks calls visit for each stack on err's chain, inner before outer,
// branches in order.
func walkStacks(err error, visit func(*stack)) {
	budget := maxVisits
	walk(err, visit, 0, &budget)
}

func walk(err error, visit func(*stack), depth int, budget *int) {
	if err == nil || depth >= maxChain || *budget <= 0 {
		return
	}
	*budget--
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		walk(e.Unwrap(), visit, depth+1, budget)
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			walk(c, visit, depth+1, budget)
		}
	}
	if e, ok := err.(*stackError); ok && e.n > 0 {
		visit(&e.stack)
	}
}
