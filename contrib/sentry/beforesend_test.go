package errsentry_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/getsentry/sentry-go"
	errsentry "github.com/lifekit/lifekit/contrib/sentry"
	"github.com/lifekit/lifekit/errs"
)

func TestBeforeSendExceptions(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []exc // in the event's order: innermost first
	}{
		{"New", newErr(), []exc{{"sentry_test.newErr", pkg + "newErr"}}},
		{"Wrap sentinel", wrapSentinel(), []exc{
			{"*errors.errorString", ""},
			{"*errors.errorString", pkg + "wrapSentinel"},
		}},
		{"Errorf %w", errorfEOF(), []exc{
			{"*errors.errorString", ""},
			{"*errors.errorString", pkg + "errorfEOF"},
		}},
		{"Join", errors.Join(newErr(), newOther()), []exc{
			{"sentry_test.newOther", pkg + "newOther"},
			{"sentry_test.newErr", pkg + "newErr"},
			{"*errors.joinError", pkg + "newErr"},
		}},
		{"Join plain first", errors.Join(errNotFound, newErr()), []exc{
			{"sentry_test.newErr", pkg + "newErr"},
			{"*errors.errorString", ""},
			{"*errors.joinError", pkg + "newErr"},
		}},
		{"fmt.Errorf %w", fmt.Errorf("handle: %w", newErr()), []exc{
			{"sentry_test.newErr", pkg + "newErr"},
			{"*fmt.wrapError", pkg + "newErr"},
		}},
		{"url.Error", &url.Error{Op: "Get", URL: "http://example.com", Err: wrapSentinel()}, []exc{
			{"*errors.errorString", ""},
			{"*errors.errorString", pkg + "wrapSentinel"},
			{"*url.Error", pkg + "wrapSentinel"},
		}},
		{"Errorf over fmt.Errorf", errs.Errorf("get: %w", fmt.Errorf("handle: %w", newErr())), []exc{
			{"sentry_test.newErr", pkg + "newErr"},
			{"*fmt.wrapError", pkg + "newErr"},
			{"sentry_test.newErr", pkg + "newErr"},
		}},
	}
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event := capture(t, hub, rec, tt.err)
			if got := excs(event.Exception); !slices.Equal(got, tt.want) {
				t.Errorf("BeforeSend(CaptureException(%v)): exceptions = %v, want %v", tt.err, got, tt.want)
			}
			if got, want := event.Fingerprint, []string{errs.Fingerprint(tt.err)}; !slices.Equal(got, want) {
				t.Errorf("BeforeSend(CaptureException(%v)): fingerprint = %q, want %q", tt.err, got, want)
			}
		})
	}
}

func TestBeforeSendFingerprint(t *testing.T) {
	tests := []struct {
		name string
		errs [2]error
		same bool
	}{
		{"one origin twice", [2]error{newErr(), newErr()}, true},
		{"one origin, two wraps", [2]error{newErr(), fmt.Errorf("retry: %w", newErr())}, true},
		{"two origins", [2]error{newErr(), newOther()}, false},
		{"two sentinels", [2]error{wrapSentinel(), errorfEOF()}, false},
	}
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [2]string
			for i, err := range tt.errs {
				event := capture(t, hub, rec, err) // one call site for both
				if len(event.Fingerprint) != 1 {
					t.Fatalf("BeforeSend(CaptureException(%v)): fingerprint = %q, want one key", err, event.Fingerprint)
				}
				got[i] = event.Fingerprint[0]
			}
			if (got[0] == got[1]) != tt.same {
				t.Errorf("BeforeSend fingerprints of %v and %v = %q, %q; want equal: %t", tt.errs[0], tt.errs[1], got[0], got[1], tt.same)
			}
		})
	}
}

// snapshot returns a BeforeSend that runs errsentry.BeforeSend and records
// in *changed whether the event differs after it.
func snapshot(t *testing.T, changed *bool) func(*sentry.Event, *sentry.EventHint) *sentry.Event {
	return func(event *sentry.Event, hint *sentry.EventHint) *sentry.Event {
		t.Helper()
		before, err := json.Marshal(event)
		if err != nil {
			t.Fatalf("json.Marshal(event): %v", err)
		}
		event = errsentry.BeforeSend(event, hint)
		after, err := json.Marshal(event)
		if err != nil {
			t.Fatalf("json.Marshal(event): %v", err)
		}
		*changed = string(before) != string(after)
		return event
	}
}

func TestBeforeSendLeavesOthersAlone(t *testing.T) {
	var changed bool
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: snapshot(t, &changed)})
	tests := []struct {
		name    string
		capture func()
	}{
		{"errors.New", func() { hub.CaptureException(errNotFound) }},
		{"fmt.Errorf", func() { hub.CaptureException(fmt.Errorf("load: %w", errNotFound)) }},
		{"url.Error", func() { hub.CaptureException(&url.Error{Op: "Get", URL: "/", Err: errNotFound}) }},
		{"message", func() { hub.CaptureMessage("hello") }},
		{"panic with a string", func() { hub.Recover("boom") }},
		// Client.CaptureException passes no hint, so no error to read.
		{"no hint", func() { hub.Client().CaptureException(newErr(), nil, hub.Scope()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed = true
			tt.capture()
			event := flushed(t, hub, rec)
			if changed {
				t.Errorf("BeforeSend(%s) changed the event, want it unchanged", tt.name)
			}
			if event.Fingerprint != nil {
				t.Errorf("BeforeSend(%s): fingerprint = %q, want none", tt.name, event.Fingerprint)
			}
		})
	}
}

func TestBeforeSendRecover(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	err := fmt.Errorf("handle: %w", newErr())
	hub.Recover(err)
	event := flushed(t, hub, rec)
	if got, want := event.Fingerprint, []string{errs.Fingerprint(err)}; !slices.Equal(got, want) {
		t.Errorf("BeforeSend(Recover(%v)): fingerprint = %q, want %q", err, got, want)
	}
	want := []exc{{"sentry_test.newErr", pkg + "newErr"}, {"*fmt.wrapError", pkg + "newErr"}}
	if got := excs(event.Exception); !slices.Equal(got, want) {
		t.Errorf("BeforeSend(Recover(%v)): exceptions = %v, want %v", err, got, want)
	}
}

// The way the docs say to combine BeforeSend with one's own.
func TestBeforeSendComposes(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{
		BeforeSend: func(event *sentry.Event, hint *sentry.EventHint) *sentry.Event {
			event = errsentry.BeforeSend(event, hint)
			event.Tags["fingerprint"] = event.Fingerprint[0]
			return event
		},
	})
	err := newErr()
	event := capture(t, hub, rec, err)
	if got, want := event.Tags["fingerprint"], errs.Fingerprint(err); got != want {
		t.Errorf("own BeforeSend after BeforeSend(CaptureException(%v)): tag = %q, want %q", err, got, want)
	}
}

func TestBeforeSendKeepsScopeFingerprint(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	hub.Scope().SetFingerprint([]string{"database down"})
	err := newErr()
	event := capture(t, hub, rec, err)
	if got, want := event.Fingerprint, []string{"database down"}; !slices.Equal(got, want) {
		t.Errorf("BeforeSend(CaptureException(%v)) with a scope fingerprint: fingerprint = %q, want %q", err, got, want)
	}
	if got, want := excs(event.Exception), []exc{{"sentry_test.newErr", pkg + "newErr"}}; !slices.Equal(got, want) {
		t.Errorf("BeforeSend(CaptureException(%v)) with a scope fingerprint: exceptions = %v, want %v", err, got, want)
	}
}

// As an event processor and as BeforeSend both, it acts as once.
func TestBeforeSendTwice(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	hub.Client().AddEventProcessor(errsentry.BeforeSend)
	err := errors.Join(newErr(), fmt.Errorf("handle: %w", wrapSentinel()))
	event := capture(t, hub, rec, err)
	want := []exc{
		{"*errors.errorString", ""},
		{"*errors.errorString", pkg + "wrapSentinel"},
		{"*fmt.wrapError", pkg + "wrapSentinel"},
		{"sentry_test.newErr", pkg + "newErr"},
		{"*errors.joinError", pkg + "newErr"},
	}
	if got := excs(event.Exception); !slices.Equal(got, want) {
		t.Errorf("BeforeSend twice (CaptureException(%v)): exceptions = %v, want %v", err, got, want)
	}
	if got, want := event.Fingerprint, []string{errs.Fingerprint(err)}; !slices.Equal(got, want) {
		t.Errorf("BeforeSend twice (CaptureException(%v)): fingerprint = %q, want %q", err, got, want)
	}
}

// Where sentry-go cuts a long chain, the errs error is not among the
// exceptions; the layers above it still get its stack.
func TestBeforeSendMaxErrorDepth(t *testing.T) {
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend, MaxErrorDepth: 1})
	err := fmt.Errorf("serve: %w", fmt.Errorf("handle: %w", newErr()))
	event := capture(t, hub, rec, err)
	want := []exc{{"*fmt.wrapError", pkg + "newErr"}, {"*fmt.wrapError", pkg + "newErr"}}
	if got := excs(event.Exception); !slices.Equal(got, want) {
		t.Errorf("BeforeSend(CaptureException(%v)) with MaxErrorDepth 1: exceptions = %v, want %v", err, got, want)
	}
}

// A hint whose error did not make the event's exceptions changes the
// fingerprint only.
func TestBeforeSendMismatchedHint(t *testing.T) {
	tests := []struct {
		name string
		made error // the error the event's exceptions are made from
		want []exc
	}{
		{"one exception", errNotFound, []exc{{"*errors.errorString", pkg + "TestBeforeSendMismatchedHint.func1"}}},
		{"chain", fmt.Errorf("load: %w", errNotFound), []exc{
			{"*errors.errorString", ""},
			{"*fmt.wrapError", pkg + "TestBeforeSendMismatchedHint.func1"},
		}},
	}
	hub, rec := newHub(t, sentry.ClientOptions{BeforeSend: errsentry.BeforeSend})
	client := hub.Client()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := newErr()
			event := client.EventFromException(tt.made, sentry.LevelError)
			client.CaptureEvent(event, &sentry.EventHint{OriginalException: err}, hub.Scope())
			event = flushed(t, hub, rec)
			if got, want := event.Fingerprint, []string{errs.Fingerprint(err)}; !slices.Equal(got, want) {
				t.Errorf("BeforeSend(event of %v, hint of %v): fingerprint = %q, want %q", tt.made, err, got, want)
			}
			if got := excs(event.Exception); !slices.Equal(got, tt.want) {
				t.Errorf("BeforeSend(event of %v, hint of %v): exceptions = %v, want %v", tt.made, err, got, tt.want)
			}
		})
	}
}

func TestBeforeSendNil(t *testing.T) {
	if got := errsentry.BeforeSend(nil, &sentry.EventHint{OriginalException: newErr()}); got != nil {
		t.Errorf("BeforeSend(nil, hint) = %v, want nil", got)
	}
	event := sentry.NewEvent()
	if got := errsentry.BeforeSend(event, nil); got != event {
		t.Errorf("BeforeSend(event, nil) = %p, want the event, %p", got, event)
	}
}
