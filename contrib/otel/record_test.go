package errsotel_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lifekit/lifekit/contrib/otel"
	"github.com/lifekit/lifekit/errs"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// record records err on a span of a real SDK tracer, with opts, and returns
// the span's events.
func record(t *testing.T, err error, opts ...trace.EventOption) []sdktrace.Event {
	t.Helper()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	t.Cleanup(func() { tp.Shutdown(context.Background()) })
	_, span := tp.Tracer("test").Start(context.Background(), "op")
	errsotel.RecordError(span, err, opts...)
	span.End()
	spans := rec.Ended()
	if len(spans) != 1 {
		t.Fatalf("%d spans ended, want 1", len(spans))
	}
	return spans[0].Events()
}

// attrs returns an event's attributes by key, failing the test if a key
// appears twice.
func attrs(t *testing.T, ev sdktrace.Event) map[attribute.Key]attribute.Value {
	t.Helper()
	m := make(map[attribute.Key]attribute.Value)
	for _, kv := range ev.Attributes {
		if _, dup := m[kv.Key]; dup {
			t.Errorf("event has %s twice: %v", kv.Key, ev.Attributes)
		}
		m[kv.Key] = kv.Value
	}
	return m
}

//go:noinline
func loadUser(id int) error { return errs.Errorf("load user %d: not found", id) }

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRecordError(t *testing.T) {
	origin := loadUser(42)
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, origin })}
	_, urlErr := client.Get("http://lifekit.test/")
	const top = "github.com/lifekit/lifekit/contrib/otel_test.loadUser\n\t"
	tests := []struct {
		name     string
		err      error
		opts     []trace.EventOption
		wantType string
	}{
		{"errs error", origin, nil, "otel_test.loadUser"},
		{"WithStackTrace(true) adds no second stack", origin, []trace.EventOption{trace.WithStackTrace(true)}, "otel_test.loadUser"},
		{"fmt.Errorf %w", fmt.Errorf("handler: %w", origin), nil, "otel_test.loadUser"},
		{"errors.Join", errors.Join(io.EOF, origin), nil, "otel_test.loadUser"},
		{"*url.Error", urlErr, nil, "otel_test.loadUser"},
		{"wrapped sentinel", errs.Wrap(io.ErrUnexpectedEOF), nil, "*errors.errorString"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events := record(t, tt.err, tt.opts...)
			if len(events) != 1 || events[0].Name != "exception" {
				t.Fatalf("events = %v, want one named exception", events)
			}
			a := attrs(t, events[0])
			if got := a["exception.type"].AsString(); got != tt.wantType {
				t.Errorf("exception.type = %q, want %q", got, tt.wantType)
			}
			if got := a["exception.message"].AsString(); got != tt.err.Error() {
				t.Errorf("exception.message = %q, want %q", got, tt.err.Error())
			}
			st := a["exception.stacktrace"].AsString()
			want := errs.StackOf(tt.err)[0]
			if !strings.HasPrefix(st, want.Function+"\n\t") || strings.Contains(st, "contrib/otel.RecordError") {
				t.Errorf("exception.stacktrace = %q, want the origin stack, from %s", st, want.Function)
			}
			if tt.wantType == "otel_test.loadUser" && !strings.HasPrefix(st, top) {
				t.Errorf("exception.stacktrace starts %q, want %q", st[:min(len(st), 80)], top)
			}
			if got, want := a[errsotel.FingerprintKey].AsString(), errs.Fingerprint(tt.err); got != want || !strings.HasPrefix(got, "v2:") {
				t.Errorf("%s = %q, want %q", errsotel.FingerprintKey, got, want)
			}
		})
	}
}

func TestRecordErrorTwoStacks(t *testing.T) {
	ch := make(chan error)
	go func() { ch <- loadUser(1) }()
	err := errs.Wrap(<-ch) // crossed goroutines: a second stack
	st := attrs(t, record(t, err)[0])["exception.stacktrace"].AsString()
	if strings.Count(st, "--- stack ") != 2 || !strings.HasPrefix(st, "--- stack 1 of 2\n"+"github.com/lifekit/lifekit/contrib/otel_test.loadUser\n") {
		t.Errorf("exception.stacktrace = %q, want both stacks, the origin first", st)
	}
}

func TestRecordErrorWithoutStack(t *testing.T) {
	plain := errors.New("plain")
	for _, tt := range []struct {
		name      string
		opts      []trace.EventOption
		wantStack bool
	}{
		{"no options", nil, false},
		{"WithStackTrace(true): the caller's, as span.RecordError", []trace.EventOption{trace.WithStackTrace(true)}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := attrs(t, record(t, plain, tt.opts...)[0])
			st, ok := a["exception.stacktrace"]
			if ok != tt.wantStack || ok && !strings.Contains(st.AsString(), "TestRecordErrorWithoutStack") {
				t.Errorf("exception.stacktrace = %v (present %v), want present: %v, the caller's", st.AsString(), ok, tt.wantStack)
			}
			if _, ok := a[errsotel.FingerprintKey]; ok {
				t.Errorf("an error with no errs stack got a fingerprint")
			}
			if got := a["exception.type"].AsString(); got != "*errors.errorString" {
				t.Errorf("exception.type = %q, want *errors.errorString, as OpenTelemetry names it", got)
			}
		})
	}
}

func TestRecordErrorNothing(t *testing.T) {
	if events := record(t, nil); len(events) != 0 {
		t.Errorf("RecordError(nil) added %d events", len(events))
	}
	errsotel.RecordError(nil, loadUser(1)) // no span: no panic
}

// countingSpan is a real span that counts the events added to it.
type countingSpan struct {
	trace.Span
	events int
}

func (s *countingSpan) AddEvent(name string, opts ...trace.EventOption) {
	s.events++
	s.Span.AddEvent(name, opts...)
}

// A span that is not recording (sampled out) is left alone, as by the
// span's own RecordError: no event, and no stack or fingerprint work.
func TestRecordErrorNotRecording(t *testing.T) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample()))
	t.Cleanup(func() { tp.Shutdown(context.Background()) })
	_, real := tp.Tracer("test").Start(context.Background(), "op")
	defer real.End()
	if real.IsRecording() {
		t.Fatal("a span sampled out by NeverSample is recording")
	}
	span := &countingSpan{Span: real}
	errsotel.RecordError(span, loadUser(1))
	if span.events != 0 {
		t.Errorf("RecordError added %d events to a span that is not recording", span.events)
	}
}

func TestRecordErrorTimestamp(t *testing.T) {
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	ev := record(t, loadUser(5), trace.WithTimestamp(at))[0]
	if !ev.Time.Equal(at) {
		t.Errorf("event time = %v, want %v from WithTimestamp", ev.Time, at)
	}
}

// RecordError must not write into the array behind the caller's options.
func TestRecordErrorKeepsCallersOptions(t *testing.T) {
	opts := make([]trace.EventOption, 1, 4)
	opts[0] = trace.WithAttributes(attribute.String("user.id", "7"))
	spare := opts[:2]
	spare[1] = trace.WithAttributes(attribute.String("marker", "caller's"))
	record(t, loadUser(7), opts...)
	cfg := trace.NewEventConfig(spare[1])
	got := cfg.Attributes()
	if len(got) != 1 || got[0].Value.AsString() != "caller's" {
		t.Errorf("the caller's spare option became %v", got)
	}
}

func TestRecordErrorOptions(t *testing.T) {
	ev := record(t, loadUser(3), trace.WithAttributes(attribute.String("user.id", "3")))[0]
	a := attrs(t, ev)
	if a["user.id"].AsString() != "3" || a[errsotel.FingerprintKey].AsString() == "" {
		t.Errorf("attributes = %v, want the caller's and RecordError's", ev.Attributes)
	}
}
