package errs

import (
	"errors"
	"testing"
	"unsafe"
)

// An error with a stack fits the 320-byte size class: a field more would
// put every New, Wrap and Errorf in the next one.
func TestStackErrorSize(t *testing.T) {
	if n := unsafe.Sizeof(stackError{}); n > 320 {
		t.Errorf("stackError is %d bytes, want at most 320", n)
	}
}

// Errorf costs what fmt.Errorf costs plus the error itself: one
// allocation for the message, one for fmt's wrapper, one for ours.
// .ci/run runs the allocation tests without -race.
func TestErrorfAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("counts allocations: not under -race, which adds its own")
	}
	sentinel := errors.New("not found")
	n := testing.AllocsPerRun(100, func() {
		_ = Errorf("get user %d: %w", 42, sentinel)
	})
	if n > 3 {
		t.Errorf("Errorf with a stack: %v allocations, want at most 3", n)
	}
}

// Fingerprint of an error whose stack has been seen allocates only the
// string it returns.
func TestFingerprintSeenStackAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("counts allocations: not under -race, which adds its own")
	}
	err := Errorf("get user %d: %w", 42, errors.New("not found"))
	Fingerprint(err)
	if n := testing.AllocsPerRun(100, func() { _ = Fingerprint(err) }); n > 1 {
		t.Errorf("Fingerprint of a seen stack: %v allocations, want at most 1", n)
	}
}
