// Package benchgraph holds the generated component types of lifecycle's own
// benchmarks: a graph of 100 components, each depending on the one before it
// and on one earlier one. It is imported by tests only. The comparisons with
// the peers, and the 10,000-component linearity check, are in the bench
// module, which generates its graphs with the same generator.
package benchgraph

// Run go generate from the repository root, where go.work makes the bench
// module's generator visible.
//go:generate go run github.com/lifekit/lifekit/bench/cmd/graphgen -n 100 -pkg benchgraph -base Base -prefix C -var Zero -o types.go

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

// Zero holds a nil pointer to each generated type, in order; types.go sets it.
var Zero []any

// New returns new values of the first n types, in order.
func New(n int) []any {
	vs := make([]any, n)
	for i := range vs {
		vs[i] = reflect.New(reflect.TypeOf(Zero[i]).Elem()).Interface()
	}
	return vs
}
