package batch

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Errors returned by a [Batcher]; they are part of its contract. Match them
// with [errors.Is].
var (
	// ErrClosed is returned for an item offered after Close has begun. It is
	// also wrapped in the error an AddWait caller gets for an accepted item
	// that Close gave up on before it was committed.
	ErrClosed = errors.New("batch: closed")

	// ErrFull is returned when the queue is full and the policy is [Fail],
	// and by AddWait when the policy is [Drop].
	ErrFull = errors.New("batch: queue full")

	// ErrGoexit is the error of every item of a batch whose commit called
	// [runtime.Goexit] (for example through testing.T.FailNow) instead of
	// returning. The Batcher keeps serving: the goroutine that ran the
	// commit ends and a new one takes over its work.
	ErrGoexit = errors.New("batch: commit did not return (runtime.Goexit)")
)

// A PartialError is what a commit function returns when some items of its
// batch failed and the others were committed. Failed maps the index of each
// failed item in the slice passed to commit to that item's error.
//
// The [Batcher] counts the items not in Failed as committed, and gives each
// AddWait caller its own item's error. Indexes outside the batch and nil
// errors are ignored, so an empty PartialError means every item was
// committed, and so does a nil *PartialError (a commit that builds one only
// when an item fails may return the typed nil). A commit may wrap a
// PartialError; the Batcher finds it with [errors.As]. Any other non-nil
// error fails the whole batch.
//
// The commit function must not change Failed after returning it.
type PartialError struct {
	Failed map[int]error
}

// Error lists how many items failed and the error of the first one. It is
// safe to call on a nil *PartialError.
func (e *PartialError) Error() string {
	idx := e.indexes()
	switch len(idx) {
	case 0:
		return "batch: no item failed"
	case 1:
		return "batch: item " + strconv.Itoa(idx[0]) + " failed: " + e.Failed[idx[0]].Error()
	}
	var sb strings.Builder
	sb.WriteString("batch: ")
	sb.WriteString(strconv.Itoa(len(idx)))
	sb.WriteString(" items failed; item ")
	sb.WriteString(strconv.Itoa(idx[0]))
	sb.WriteString(": ")
	sb.WriteString(e.Failed[idx[0]].Error())
	return sb.String()
}

// Unwrap returns the items' errors in index order, so that [errors.Is] and
// [errors.As] look through them. It returns nil for a nil *PartialError.
func (e *PartialError) Unwrap() []error {
	idx := e.indexes()
	if len(idx) == 0 {
		return nil
	}
	items := make([]error, len(idx))
	for i, k := range idx {
		items[i] = e.Failed[k]
	}
	return items
}

// indexes returns the keys of Failed with a non-nil error, sorted; none for
// a nil e.
func (e *PartialError) indexes() []int {
	if e == nil {
		return nil
	}
	idx := make([]int, 0, len(e.Failed))
	for k, err := range e.Failed {
		if err != nil {
			idx = append(idx, k)
		}
	}
	slices.Sort(idx)
	return idx
}

// A PanicError is the error of a commit that panicked: every item of its
// batch fails with it. It is also the error of a batch whose commit returned
// an error that panicked while the Batcher looked into it (in an Unwrap, Is
// or As method). The panic is recovered so that the Batcher keeps serving;
// it is counted in [Stats].Panics.
type PanicError struct {
	// Value is the value passed to panic. It is nil only for panic(nil)
	// under GODEBUG=panicnil=1; otherwise panic(nil) gives a
	// [*runtime.PanicNilError].
	Value any
	// Stack is the panicking goroutine's stack, as [runtime/debug.Stack]
	// gives it.
	Stack []byte
}

// Error returns "panic: " and the panic value, without the stack.
func (e *PanicError) Error() string {
	return "panic: " + fmt.Sprint(e.Value)
}

// Unwrap returns the panic value if it is an error, and nil otherwise.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
