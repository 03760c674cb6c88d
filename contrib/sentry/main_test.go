package errsentry_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/getsentry/sentry-go"
	"go.uber.org/goleak"
)

// sentry-go's client starts goroutines of its own (a batch processor for
// metrics); every test closes its client.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// recorder is a sentry.Transport that keeps the events sentry-go sends it.
type recorder struct {
	mu     sync.Mutex
	events []*sentry.Event
}

func (r *recorder) Configure(sentry.ClientOptions)        {}
func (r *recorder) Flush(time.Duration) bool              { return true }
func (r *recorder) FlushWithContext(context.Context) bool { return true }
func (r *recorder) Close()                                {}

func (r *recorder) SendEvent(event *sentry.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event)
}

// newHub returns a hub whose client has opts and sends its events to the
// returned recorder. The client is closed when the test ends.
func newHub(t *testing.T, opts sentry.ClientOptions) (*sentry.Hub, *recorder) {
	t.Helper()
	rec := new(recorder)
	opts.Transport = rec
	client, err := sentry.NewClient(opts)
	if err != nil {
		t.Fatalf("sentry.NewClient: %v", err)
	}
	t.Cleanup(client.Close)
	return sentry.NewHub(client, sentry.NewScope()), rec
}

// capture captures err on hub and returns the one event it sent.
func capture(t *testing.T, hub *sentry.Hub, rec *recorder, err error) *sentry.Event {
	t.Helper()
	if id := hub.CaptureException(err); id == nil {
		t.Fatalf("CaptureException(%v) = nil, want an event id", err)
	}
	return flushed(t, hub, rec)
}

// flushed flushes hub and returns the last event sent, which must be the only
// one sent since the last call.
func flushed(t *testing.T, hub *sentry.Hub, rec *recorder) *sentry.Event {
	t.Helper()
	if !hub.Flush(time.Second) {
		t.Fatal("Flush = false, want true")
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.events) != 1 {
		t.Fatalf("%d events sent, want 1", len(rec.events))
	}
	event := rec.events[0]
	rec.events = nil
	return event
}
