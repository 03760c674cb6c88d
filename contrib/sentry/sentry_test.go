package errsentry_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/getsentry/sentry-go"
)

// What sentry-go does with errs errors on its own, with no adapter: it reads
// the origin stack from their StackTrace method.

func TestSentryAloneFindsOrigin(t *testing.T) {
	const stackError = "*errs.stackError"
	tests := []struct {
		name string
		err  error
		want []exc // in the event's order: innermost first
	}{
		{"New", newErr(), []exc{{stackError, pkg + "newErr"}}},
		{"Wrap sentinel", wrapSentinel(), []exc{
			{"*errors.errorString", ""},
			{stackError, pkg + "wrapSentinel"},
		}},
		{"Errorf %w", errorfEOF(), []exc{
			{"*errors.errorString", ""},
			{stackError, pkg + "errorfEOF"},
		}},
		// The Join has no stack of its own: sentry-go gives it the stack
		// of the call to CaptureException, which BeforeSend replaces.
		{"Join", errors.Join(newErr(), newOther()), []exc{
			{stackError, pkg + "newOther"},
			{stackError, pkg + "newErr"},
			{"*errors.joinError", pkg + "capture"},
		}},
	}
	hub, rec := newHub(t, sentry.ClientOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event := capture(t, hub, rec, tt.err)
			if got := excs(event.Exception); !slices.Equal(got, tt.want) {
				t.Errorf("CaptureException(%v): exceptions = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestSentryAloneTellsOriginsApart(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{})
	var tops []string
	for _, err := range []error{newErr(), newOther()} {
		event := capture(t, hub, rec, err) // one call site for both
		tops = append(tops, topFrame(event.Exception[len(event.Exception)-1].Stacktrace))
	}
	if want := []string{pkg + "newErr", pkg + "newOther"}; !slices.Equal(tops, want) {
		t.Errorf("top frames of two origins captured at one site = %q, want %q", tops, want)
	}
}
