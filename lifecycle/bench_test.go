package lifecycle_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lifekit/lifekit/lifecycle"
	"github.com/lifekit/lifekit/lifecycle/internal/benchgraph"
)

// BenchmarkWireStartStop provides the 100 components of benchgraph, each
// depending on two earlier ones through inject:"" fields, then starts and
// stops them. The bench module runs the same on 1,000 components beside fx
// and inject+startstop, and on 10,000 to check that the cost is linear.
func BenchmarkWireStartStop(b *testing.B) {
	n := len(benchgraph.Zero)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		vs := benchgraph.New(n)
		objs := make([]*lifecycle.Object, n)
		for i, v := range vs {
			objs[i] = &lifecycle.Object{Value: v}
		}
		g := lifecycle.New()
		if err := g.Provide(objs...); err != nil {
			b.Fatal(err)
		}
		if err := g.Start(ctx); err != nil {
			b.Fatal(err)
		}
		if err := g.Stop(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWire measures Provide and Populate alone, on benchgraph's 100
// components.
func BenchmarkWire(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		vs := benchgraph.New(len(benchgraph.Zero))
		objs := make([]*lifecycle.Object, len(vs))
		for i, v := range vs {
			objs[i] = &lifecycle.Object{Value: v}
		}
		g := lifecycle.New()
		if err := g.Provide(objs...); err != nil {
			b.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			b.Fatal(err)
		}
	}
}

type napper struct{ d time.Duration }

func (n *napper) Start(ctx context.Context) error { time.Sleep(n.d); return nil }

// BenchmarkStartParallel20x50ms starts 20 independent components whose
// Start sleeps 50ms: a parallel start takes 50ms, a sequential one 1s.
func BenchmarkStartParallel20x50ms(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		g := lifecycle.New()
		for i := range 20 {
			if err := g.Provide(&lifecycle.Object{Value: &napper{50 * time.Millisecond}, Name: fmt.Sprint("n", i)}); err != nil {
				b.Fatal(err)
			}
		}
		if err := g.Start(ctx); err != nil {
			b.Fatal(err)
		}
		if err := g.Stop(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
