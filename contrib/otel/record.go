package errsotel

import (
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/lifekit/lifekit/errs"
	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// FingerprintKey is the attribute under which RecordError puts the error's
// errs.Fingerprint.
const FingerprintKey = attribute.Key("lifekit.error.fingerprint")

// RecordError adds an "exception" event for err to span, as span.RecordError
// does, with the errs origin stack and fingerprint of err (see the package
// documentation). opts apply to the event as they would to RecordError's:
// trace.WithTimestamp, trace.WithAttributes (added before RecordError's own),
// and trace.WithStackTrace, which matters only for an error with no errs
// stack. Like span.RecordError, it does nothing for a nil err or a span that
// is not recording, and it does not set the span's status.
func RecordError(span trace.Span, err error, opts ...trace.EventOption) {
	if span == nil || err == nil || !span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{
		semconv.ExceptionType(semconv.ErrorType(err).Value.AsString()),
		semconv.ExceptionMessage(err.Error()),
	}
	if stacks := errs.Stacks(err); len(stacks) > 0 {
		attrs = append(attrs,
			semconv.ExceptionStacktrace(formatStacks(stacks)),
			FingerprintKey.String(errs.Fingerprint(err)))
	} else if cfg := trace.NewEventConfig(opts...); cfg.StackTrace() {
		attrs = append(attrs, semconv.ExceptionStacktrace(callerStack()))
	}
	// AddEvent takes no notice of WithStackTrace: only the stack added
	// here is recorded.
	// opts is clipped so that the append never writes into the caller's
	// array.
	span.AddEvent(semconv.ExceptionEventName, append(slices.Clip(opts), trace.WithAttributes(attrs...))...)
}

// formatStacks writes stacks as errs' %+v does: one frame per two lines,
// function then file:line, and a "--- stack i of n" line before each when
// there are several.
func formatStacks(stacks [][]errs.Frame) string {
	var b strings.Builder
	for i, st := range stacks {
		if len(stacks) > 1 {
			b.WriteString("--- stack " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(stacks)) + "\n")
		}
		for _, f := range st {
			b.WriteString(f.Function + "\n\t" + f.File + ":" + strconv.Itoa(f.Line) + "\n")
		}
	}
	return b.String()
}

// callerStack returns the calling goroutine's stack as runtime.Stack prints
// it, as the OpenTelemetry SDK records it.
func callerStack() string {
	buf := make([]byte, 4096)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) || len(buf) >= 64<<10 {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}
