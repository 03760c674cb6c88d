package bench

// Benchmarks of lifecycle against the two ways lifekit's users wire and
// start services today: go.uber.org/fx, and facebookgo/inject with
// facebookgo/startstop.
//
// BenchmarkLifecycleWireStartStop/n=1000: 1,000 components of distinct types
// (lc0 ... lc999, generated: see lcZero), each depending on the one before it
// and on one earlier component picked by a fixed sequence. One op provides
// them, wires them, starts them all in dependency order and stops them all in
// reverse:
//
//   - lifekit: Provide the 1,000 values, Start (which populates their
//     inject:"" fields) and Stop; Start() and Stop() are found by interface.
//   - inject+startstop: inject.Graph.Provide and Populate fill the same
//     inject:"" fields; startstop.Start and Stop call the same Start() and
//     Stop() methods.
//   - fx: one constructor per type (made once, outside the loop, with
//     reflect.MakeFunc) takes the two dependencies and fx.Lifecycle, sets the
//     two fields and appends a hook calling Start() and Stop(); fx.Invoke
//     asks for the last component, which needs all the others.
//
// BenchmarkLifecycleWireStartStop/n=10000 runs lifekit alone on 10,000
// components: its ns/op over n=1000's shows that the cost grows linearly.
//
// TestLifecycleWireStartStop checks that each implementation starts and
// stops every component, dependencies first; TestLifecycleInjects that
// lifekit and inject fill every field.
//
// BenchmarkLifecycleStartParallel20x50ms: 20 independent components whose
// Start() sleeps 50ms. One op starts and stops them. A start that runs
// independent components at once takes 50ms; a sequential one 1s.

//go:generate go run ./cmd/graphgen -n 10000 -o lcgraph_test.go

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/facebookgo/inject"
	"github.com/facebookgo/startstop"
	"go.uber.org/fx"

	"github.com/lifekit/lifekit/lifecycle"
)

// lcZero holds a nil pointer to each generated component type, in order. It
// is set by lcgraph_test.go, which go generate writes (bench/run runs it
// first) and git ignores: 10,000 types take the compiler about 30 s and 1 GB,
// too much to pay in every build of this module.
var lcZero []any

// lcGraph returns the first n generated types, or skips tb when fewer were
// generated.
func lcGraph(tb testing.TB, n int) []any {
	tb.Helper()
	if len(lcZero) < n {
		tb.Skipf("the generated component graph has %d types, this needs %d: run go generate in bench/ (bench/run does)", len(lcZero), n)
	}
	return lcZero[:n]
}

// lcBase gives every generated component its Start and Stop. In the test,
// it also checks that its dependencies start before it and stop after it.
type lcBase struct {
	up   atomic.Bool
	link *lcLinker // nil in benchmarks
	deps []*lcBase // set by link
	bad  atomic.Int32
}

func (b *lcBase) Start() error {
	if b.link != nil {
		b.link.once.Do(b.link.run)
		for _, d := range b.deps {
			if !d.up.Load() {
				b.bad.Add(1)
			}
		}
	}
	b.up.Store(true)
	return nil
}

func (b *lcBase) Stop() error {
	for _, d := range b.deps {
		if !d.up.Load() {
			b.bad.Add(1)
		}
	}
	b.up.Store(false)
	return nil
}

// lcLinker links every component to its dependencies, read from the fields
// the implementation under test has set, when the first Start is called.
type lcLinker struct {
	once sync.Once
	vs   []any
}

func (l *lcLinker) run() {
	for _, v := range l.vs {
		rv := reflect.ValueOf(v).Elem()
		b := lcBaseOf(v)
		for f := 1; f < rv.NumField(); f++ {
			if dep := rv.Field(f); !dep.IsNil() {
				b.deps = append(b.deps, lcBaseOf(dep.Interface()))
			}
		}
	}
}

func (b *lcBase) base() *lcBase { return b }

func lcBaseOf(v any) *lcBase { return v.(interface{ base() *lcBase }).base() }

// lcStartStopper is what every generated type implements.
type lcStartStopper interface {
	Start() error
	Stop() error
}

// lcValues returns a new value of each of the types.
func lcValues(types []any) []any {
	vs := make([]any, len(types))
	for i, z := range types {
		vs[i] = reflect.New(reflect.TypeOf(z).Elem()).Interface()
	}
	return vs
}

func lcLifekit(b testing.TB, vs []any) {
	ctx := context.Background()
	objs := make([]*lifecycle.Object, len(vs))
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

func lcInjectStartstop(b testing.TB, vs []any) {
	var g inject.Graph
	objs := make([]*inject.Object, len(vs))
	for i, v := range vs {
		objs[i] = &inject.Object{Value: v}
	}
	if err := g.Provide(objs...); err != nil {
		b.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		b.Fatal(err)
	}
	if err := startstop.Start(g.Objects(), nil); err != nil {
		b.Fatal(err)
	}
	if err := startstop.Stop(g.Objects(), nil); err != nil {
		b.Fatal(err)
	}
}

// lcFxConstructors returns one fx constructor per type. Each one records the
// value it made in made, for the test.
func lcFxConstructors(types []any, made []any) []any {
	lcType := reflect.TypeFor[fx.Lifecycle]()
	ctors := make([]any, len(types))
	for i := range types {
		t := reflect.TypeOf(types[i])
		st := t.Elem()
		in := []reflect.Type{lcType}
		var fields []int
		for f := range st.NumField() {
			if sf := st.Field(f); !sf.Anonymous {
				in = append(in, sf.Type)
				fields = append(fields, f)
			}
		}
		ft := reflect.FuncOf(in, []reflect.Type{t}, false)
		ctors[i] = reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
			v := reflect.New(st)
			for k, f := range fields {
				v.Elem().Field(f).Set(args[k+1])
			}
			c := v.Interface().(lcStartStopper)
			args[0].Interface().(fx.Lifecycle).Append(fx.Hook{
				OnStart: func(context.Context) error { return c.Start() },
				OnStop:  func(context.Context) error { return c.Stop() },
			})
			if made != nil {
				made[i] = c
			}
			return []reflect.Value{v}
		}).Interface()
	}
	return ctors
}

// lcFx builds an fx app from ctors, whose last constructor makes last, and
// starts and stops it.
func lcFx(b testing.TB, ctors []any, last any) {
	ctx := context.Background()
	invoke := reflect.MakeFunc(reflect.FuncOf([]reflect.Type{reflect.TypeOf(last)}, nil, false), func([]reflect.Value) []reflect.Value { return nil })
	app := fx.New(fx.NopLogger, fx.Provide(ctors...), fx.Invoke(invoke.Interface()))
	if err := app.Err(); err != nil {
		b.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		b.Fatal(err)
	}
	if err := app.Stop(ctx); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkLifecycleWireStartStop(b *testing.B) {
	b.Run("n=1000", func(b *testing.B) {
		types := lcGraph(b, 1000)
		b.Run("impl=lifekit", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lcLifekit(b, lcValues(types))
			}
		})
		b.Run("impl=fx", func(b *testing.B) {
			ctors := lcFxConstructors(types, nil)
			b.ReportAllocs()
			for b.Loop() {
				lcFx(b, ctors, types[len(types)-1])
			}
		})
		b.Run("impl=inject+startstop", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lcInjectStartstop(b, lcValues(types))
			}
		})
	})
	// The peers are left out at 10,000: inject's Populate grows with the
	// square of n, and this size is here to check lifekit's linearity.
	b.Run("n=10000", func(b *testing.B) {
		types := lcGraph(b, 10000)
		b.Run("impl=lifekit", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lcLifekit(b, lcValues(types))
			}
		})
	})
}

// lcTestTypes returns the generated types the tests run on: all of them, up
// to 1,000. CI generates a small graph to run the tests on.
func lcTestTypes(t *testing.T) []any {
	return lcGraph(t, min(max(len(lcZero), 1), 1000))
}

// TestLifecycleWireStartStop runs each implementation once and checks that
// every component started after its dependencies and stopped before them.
func TestLifecycleWireStartStop(t *testing.T) {
	types := lcTestTypes(t)
	linked := func(vs []any) []any {
		l := &lcLinker{vs: vs}
		for _, v := range vs {
			lcBaseOf(v).link = l
		}
		return vs
	}
	check := func(t *testing.T, vs []any) {
		t.Helper()
		for i, v := range vs {
			b := lcBaseOf(v)
			if b.up.Load() {
				t.Fatalf("%T still up after stop", v)
			}
			if n := b.bad.Load(); n != 0 {
				t.Fatalf("%T saw a dependency down %d times", v, n)
			}
			if i > 0 && len(b.deps) == 0 {
				t.Fatalf("%T has no dependencies set", v)
			}
		}
	}
	t.Run("impl=lifekit", func(t *testing.T) {
		vs := linked(lcValues(types))
		lcLifekit(t, vs)
		check(t, vs)
	})
	t.Run("impl=inject+startstop", func(t *testing.T) {
		vs := linked(lcValues(types))
		lcInjectStartstop(t, vs)
		check(t, vs)
	})
	t.Run("impl=fx", func(t *testing.T) {
		made := make([]any, len(types))
		l := &lcLinker{vs: made}
		ctors := lcFxConstructors(types, made)
		for i, c := range ctors {
			// Wrap each constructor to hand the linker to what it makes.
			fv := reflect.ValueOf(c)
			ctors[i] = reflect.MakeFunc(fv.Type(), func(args []reflect.Value) []reflect.Value {
				out := fv.Call(args)
				lcBaseOf(out[0].Interface()).link = l
				return out
			}).Interface()
		}
		lcFx(t, ctors, types[len(types)-1])
		check(t, made)
	})
}

// TestLifecycleInjects checks that lifekit and inject fill every field of
// every generated type with the one value of the field's type.
func TestLifecycleInjects(t *testing.T) {
	types := lcTestTypes(t)
	for _, impl := range []string{"lifekit", "inject"} {
		t.Run("impl="+impl, func(t *testing.T) {
			vs := lcValues(types)
			if impl == "lifekit" {
				g := lifecycle.New()
				for _, v := range vs {
					if err := g.Provide(&lifecycle.Object{Value: v}); err != nil {
						t.Fatal(err)
					}
				}
				if err := g.Populate(); err != nil {
					t.Fatal(err)
				}
			} else {
				var g inject.Graph
				for _, v := range vs {
					if err := g.Provide(&inject.Object{Value: v}); err != nil {
						t.Fatal(err)
					}
				}
				if err := g.Populate(); err != nil {
					t.Fatal(err)
				}
			}
			byType := make(map[reflect.Type]any, len(vs))
			for _, v := range vs {
				byType[reflect.TypeOf(v)] = v
			}
			for _, v := range vs {
				rv := reflect.ValueOf(v).Elem()
				for f := 1; f < rv.NumField(); f++ {
					if got := rv.Field(f).Interface(); got != byType[rv.Field(f).Type()] {
						t.Fatalf("%T.%s = %p, want the provided %T", v, rv.Type().Field(f).Name, got, got)
					}
				}
			}
		})
	}
}

// lcNapper takes 50ms to start.
type lcNapper struct{}

func (n *lcNapper) Start() error { time.Sleep(50 * time.Millisecond); return nil }

func BenchmarkLifecycleStartParallel20x50ms(b *testing.B) {
	const n = 20
	ctx := context.Background()
	b.Run("impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			g := lifecycle.New()
			for i := range n {
				if err := g.Provide(&lifecycle.Object{Value: &lcNapper{}, Name: fmt.Sprint("napper", i)}); err != nil {
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
	})
	b.Run("impl=fx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			app := fx.New(fx.NopLogger, fx.Invoke(func(lc fx.Lifecycle) {
				for range n {
					s := &lcNapper{}
					lc.Append(fx.Hook{OnStart: func(context.Context) error { return s.Start() }})
				}
			}))
			if err := app.Start(ctx); err != nil {
				b.Fatal(err)
			}
			if err := app.Stop(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=inject+startstop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var g inject.Graph
			for i := range n {
				if err := g.Provide(&inject.Object{Value: &lcNapper{}, Name: fmt.Sprint("napper", i)}); err != nil {
					b.Fatal(err)
				}
			}
			if err := g.Populate(); err != nil {
				b.Fatal(err)
			}
			if err := startstop.Start(g.Objects(), nil); err != nil {
				b.Fatal(err)
			}
			if err := startstop.Stop(g.Objects(), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
