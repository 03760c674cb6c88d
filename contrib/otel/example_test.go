package errsotel_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/lifekit/lifekit/contrib/otel"
	"github.com/lifekit/lifekit/errs"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

func ExampleRecordError() {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	defer tp.Shutdown(context.Background())

	_, span := tp.Tracer("example").Start(context.Background(), "charge")
	if err := errs.New("card declined"); err != nil {
		errsotel.RecordError(span, err)
		span.SetStatus(codes.Error, err.Error())
	}
	span.End()

	for _, kv := range rec.Ended()[0].Events()[0].Attributes {
		v := kv.Value.String()
		switch kv.Key {
		case "exception.stacktrace":
			v = strings.SplitN(v, "\n", 2)[0] + " ..."
		case errsotel.FingerprintKey:
			v = v[:3] + "..."
		}
		fmt.Printf("%s: %s\n", kv.Key, v)
	}
	// Output:
	// exception.type: otel_test.ExampleRecordError
	// exception.message: card declined
	// exception.stacktrace: github.com/lifekit/lifekit/contrib/otel_test.ExampleRecordError ...
	// lifekit.error.fingerprint: v2:...
}
