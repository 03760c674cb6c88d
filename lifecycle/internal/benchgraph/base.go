// Package benchgraph holds the generated component types of the lifecycle
// benchmarks. It is imported by tests only.
package benchgraph

//go:generate sh -c "go run gen.go -n 10000 -pkg benchgraph -base Base > types.go"

import (
	"context"
	"reflect"
)

// Base gives every generated type its Start and Stop methods.
type Base struct {
	Up bool
}

// Start marks the component started.
func (b *Base) Start(ctx context.Context) error { b.Up = true; return nil }

// Stop marks the component stopped.
func (b *Base) Stop(ctx context.Context) error { b.Up = false; return nil }

// New returns new values of the first n types, in order.
func New(n int) []any {
	vs := make([]any, n)
	for i := range vs {
		vs[i] = reflect.New(reflect.TypeOf(Zero[i]).Elem()).Interface()
	}
	return vs
}
