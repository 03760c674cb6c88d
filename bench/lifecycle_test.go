package bench

// Benchmarks of lifecycle against the two ways lifekit's users wire and
// start services today: go.uber.org/fx, and facebookgo/inject with
// facebookgo/startstop.
//
// BenchmarkLifecycleWireStartStop1000: 1,000 components of distinct types
// (lc0 ... lc999, generated at the end of this file), each depending on the
// one before it and on one earlier component picked by a fixed sequence. One
// op provides them, wires them, starts them all in dependency order and stops
// them all in reverse:
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
// TestLifecycleWireStartStop checks that each implementation starts and
// stops every component, dependencies first.
//
// BenchmarkLifecycleStartParallel20x50ms: 20 independent components whose
// Start() sleeps 50ms. One op starts and stops them. A start that runs
// independent components at once takes 50ms; a sequential one 1s.
//
// The 10,000-component linearity check is lifecycle's own
// BenchmarkWireStartStop10000 (lifecycle/bench_test.go): this file holds the
// 1,000 types only.

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

const lcN = len(lcZero)

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

// lcValues returns a new value of each generated type.
func lcValues() []any {
	vs := make([]any, lcN)
	for i := range vs {
		vs[i] = reflect.New(reflect.TypeOf(lcZero[i]).Elem()).Interface()
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

// lcFxConstructors returns one fx constructor per generated type. Each one
// records the value it made in made, for the test.
func lcFxConstructors(made []any) []any {
	lcType := reflect.TypeFor[fx.Lifecycle]()
	ctors := make([]any, lcN)
	for i := range lcN {
		t := reflect.TypeOf(lcZero[i])
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

func lcFx(b testing.TB, ctors []any) {
	ctx := context.Background()
	last := reflect.TypeOf(lcZero[lcN-1])
	invoke := reflect.MakeFunc(reflect.FuncOf([]reflect.Type{last}, nil, false), func([]reflect.Value) []reflect.Value { return nil })
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

func BenchmarkLifecycleWireStartStop1000(b *testing.B) {
	b.Run("impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lcLifekit(b, lcValues())
		}
	})
	b.Run("impl=fx", func(b *testing.B) {
		ctors := lcFxConstructors(nil)
		b.ReportAllocs()
		for b.Loop() {
			lcFx(b, ctors)
		}
	})
	b.Run("impl=inject+startstop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lcInjectStartstop(b, lcValues())
		}
	})
}

// TestLifecycleWireStartStop runs each implementation once and checks that
// every component started after its dependencies and stopped before them.
func TestLifecycleWireStartStop(t *testing.T) {
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
		vs := linked(lcValues())
		lcLifekit(t, vs)
		check(t, vs)
	})
	t.Run("impl=inject+startstop", func(t *testing.T) {
		vs := linked(lcValues())
		lcInjectStartstop(t, vs)
		check(t, vs)
	})
	t.Run("impl=fx", func(t *testing.T) {
		made := make([]any, lcN)
		l := &lcLinker{vs: made}
		ctors := lcFxConstructors(made)
		for i, c := range ctors {
			// Wrap each constructor to hand the linker to what it makes.
			fv := reflect.ValueOf(c)
			ctors[i] = reflect.MakeFunc(fv.Type(), func(args []reflect.Value) []reflect.Value {
				out := fv.Call(args)
				lcBaseOf(out[0].Interface()).link = l
				return out
			}).Interface()
		}
		lcFx(t, ctors)
		check(t, made)
	})
}

// TestLifecycleInjects checks that lifekit and inject fill every field of
// every generated type with the one value of the field's type.
func TestLifecycleInjects(t *testing.T) {
	for _, impl := range []string{"lifekit", "inject"} {
		t.Run("impl="+impl, func(t *testing.T) {
			vs := lcValues()
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

// Code below generated by "go run gen.go -n 1000 -base lcBase -prefix lc -zero lcZero -fragment"; DO NOT EDIT.

type lc0 struct{ lcBase }
type lc1 struct {
	lcBase
	A *lc0 `inject:""`
}
type lc2 struct {
	lcBase
	A *lc1 `inject:""`
	B *lc0 `inject:""`
}
type lc3 struct {
	lcBase
	A *lc2 `inject:""`
	B *lc1 `inject:""`
}
type lc4 struct {
	lcBase
	A *lc3 `inject:""`
	B *lc2 `inject:""`
}
type lc5 struct {
	lcBase
	A *lc4 `inject:""`
	B *lc0 `inject:""`
}
type lc6 struct {
	lcBase
	A *lc5 `inject:""`
	B *lc1 `inject:""`
}
type lc7 struct {
	lcBase
	A *lc6 `inject:""`
	B *lc2 `inject:""`
}
type lc8 struct {
	lcBase
	A *lc7 `inject:""`
	B *lc1 `inject:""`
}
type lc9 struct {
	lcBase
	A *lc8 `inject:""`
	B *lc3 `inject:""`
}
type lc10 struct {
	lcBase
	A *lc9 `inject:""`
	B *lc4 `inject:""`
}
type lc11 struct {
	lcBase
	A *lc10 `inject:""`
	B *lc6  `inject:""`
}
type lc12 struct {
	lcBase
	A *lc11 `inject:""`
	B *lc0  `inject:""`
}
type lc13 struct {
	lcBase
	A *lc12 `inject:""`
	B *lc1  `inject:""`
}
type lc14 struct {
	lcBase
	A *lc13 `inject:""`
	B *lc6  `inject:""`
}
type lc15 struct {
	lcBase
	A *lc14 `inject:""`
	B *lc7  `inject:""`
}
type lc16 struct {
	lcBase
	A *lc15 `inject:""`
	B *lc13 `inject:""`
}
type lc17 struct {
	lcBase
	A *lc16 `inject:""`
	B *lc0  `inject:""`
}
type lc18 struct {
	lcBase
	A *lc17 `inject:""`
	B *lc9  `inject:""`
}
type lc19 struct {
	lcBase
	A *lc18 `inject:""`
	B *lc13 `inject:""`
}
type lc20 struct {
	lcBase
	A *lc19 `inject:""`
	B *lc16 `inject:""`
}
type lc21 struct {
	lcBase
	A *lc20 `inject:""`
	B *lc11 `inject:""`
}
type lc22 struct {
	lcBase
	A *lc21 `inject:""`
	B *lc7  `inject:""`
}
type lc23 struct {
	lcBase
	A *lc22 `inject:""`
	B *lc10 `inject:""`
}
type lc24 struct {
	lcBase
	A *lc23 `inject:""`
	B *lc22 `inject:""`
}
type lc25 struct {
	lcBase
	A *lc24 `inject:""`
	B *lc13 `inject:""`
}
type lc26 struct {
	lcBase
	A *lc25 `inject:""`
	B *lc8  `inject:""`
}
type lc27 struct {
	lcBase
	A *lc26 `inject:""`
	B *lc25 `inject:""`
}
type lc28 struct {
	lcBase
	A *lc27 `inject:""`
	B *lc4  `inject:""`
}
type lc29 struct {
	lcBase
	A *lc28 `inject:""`
	B *lc20 `inject:""`
}
type lc30 struct {
	lcBase
	A *lc29 `inject:""`
	B *lc0  `inject:""`
}
type lc31 struct {
	lcBase
	A *lc30 `inject:""`
	B *lc13 `inject:""`
}
type lc32 struct {
	lcBase
	A *lc31 `inject:""`
	B *lc22 `inject:""`
}
type lc33 struct {
	lcBase
	A *lc32 `inject:""`
	B *lc10 `inject:""`
}
type lc34 struct {
	lcBase
	A *lc33 `inject:""`
	B *lc22 `inject:""`
}
type lc35 struct {
	lcBase
	A *lc34 `inject:""`
	B *lc0  `inject:""`
}
type lc36 struct {
	lcBase
	A *lc35 `inject:""`
	B *lc20 `inject:""`
}
type lc37 struct {
	lcBase
	A *lc36 `inject:""`
	B *lc13 `inject:""`
}
type lc38 struct {
	lcBase
	A *lc37 `inject:""`
	B *lc34 `inject:""`
}
type lc39 struct {
	lcBase
	A *lc38 `inject:""`
	B *lc26 `inject:""`
}
type lc40 struct {
	lcBase
	A *lc39 `inject:""`
	B *lc28 `inject:""`
}
type lc41 struct {
	lcBase
	A *lc40 `inject:""`
	B *lc8  `inject:""`
}
type lc42 struct {
	lcBase
	A *lc41 `inject:""`
	B *lc5  `inject:""`
}
type lc43 struct {
	lcBase
	A *lc42 `inject:""`
	B *lc7  `inject:""`
}
type lc44 struct {
	lcBase
	A *lc43 `inject:""`
	B *lc12 `inject:""`
}
type lc45 struct {
	lcBase
	A *lc44 `inject:""`
	B *lc10 `inject:""`
}
type lc46 struct {
	lcBase
	A *lc45 `inject:""`
	B *lc13 `inject:""`
}
type lc47 struct {
	lcBase
	A *lc46 `inject:""`
	B *lc12 `inject:""`
}
type lc48 struct {
	lcBase
	A *lc47 `inject:""`
	B *lc27 `inject:""`
}
type lc49 struct {
	lcBase
	A *lc48 `inject:""`
	B *lc37 `inject:""`
}
type lc50 struct {
	lcBase
	A *lc49 `inject:""`
	B *lc40 `inject:""`
}
type lc51 struct {
	lcBase
	A *lc50 `inject:""`
	B *lc40 `inject:""`
}
type lc52 struct {
	lcBase
	A *lc51 `inject:""`
	B *lc8  `inject:""`
}
type lc53 struct {
	lcBase
	A *lc52 `inject:""`
	B *lc7  `inject:""`
}
type lc54 struct {
	lcBase
	A *lc53 `inject:""`
	B *lc23 `inject:""`
}
type lc55 struct {
	lcBase
	A *lc54 `inject:""`
	B *lc47 `inject:""`
}
type lc56 struct {
	lcBase
	A *lc55 `inject:""`
	B *lc42 `inject:""`
}
type lc57 struct {
	lcBase
	A *lc56 `inject:""`
	B *lc34 `inject:""`
}
type lc58 struct {
	lcBase
	A *lc57 `inject:""`
	B *lc56 `inject:""`
}
type lc59 struct {
	lcBase
	A *lc58 `inject:""`
	B *lc55 `inject:""`
}
type lc60 struct {
	lcBase
	A *lc59 `inject:""`
	B *lc13 `inject:""`
}
type lc61 struct {
	lcBase
	A *lc60 `inject:""`
	B *lc5  `inject:""`
}
type lc62 struct {
	lcBase
	A *lc61 `inject:""`
	B *lc3  `inject:""`
}
type lc63 struct {
	lcBase
	A *lc62 `inject:""`
	B *lc22 `inject:""`
}
type lc64 struct {
	lcBase
	A *lc63 `inject:""`
	B *lc47 `inject:""`
}
type lc65 struct {
	lcBase
	A *lc64 `inject:""`
	B *lc63 `inject:""`
}
type lc66 struct {
	lcBase
	A *lc65 `inject:""`
	B *lc50 `inject:""`
}
type lc67 struct {
	lcBase
	A *lc66 `inject:""`
	B *lc53 `inject:""`
}
type lc68 struct {
	lcBase
	A *lc67 `inject:""`
	B *lc40 `inject:""`
}
type lc69 struct {
	lcBase
	A *lc68 `inject:""`
	B *lc42 `inject:""`
}
type lc70 struct {
	lcBase
	A *lc69 `inject:""`
	B *lc1  `inject:""`
}
type lc71 struct {
	lcBase
	A *lc70 `inject:""`
	B *lc47 `inject:""`
}
type lc72 struct {
	lcBase
	A *lc71 `inject:""`
	B *lc64 `inject:""`
}
type lc73 struct {
	lcBase
	A *lc72 `inject:""`
	B *lc28 `inject:""`
}
type lc74 struct {
	lcBase
	A *lc73 `inject:""`
	B *lc43 `inject:""`
}
type lc75 struct {
	lcBase
	A *lc74 `inject:""`
	B *lc16 `inject:""`
}
type lc76 struct {
	lcBase
	A *lc75 `inject:""`
	B *lc49 `inject:""`
}
type lc77 struct {
	lcBase
	A *lc76 `inject:""`
	B *lc31 `inject:""`
}
type lc78 struct {
	lcBase
	A *lc77 `inject:""`
	B *lc76 `inject:""`
}
type lc79 struct {
	lcBase
	A *lc78 `inject:""`
	B *lc16 `inject:""`
}
type lc80 struct {
	lcBase
	A *lc79 `inject:""`
	B *lc59 `inject:""`
}
type lc81 struct {
	lcBase
	A *lc80 `inject:""`
	B *lc42 `inject:""`
}
type lc82 struct {
	lcBase
	A *lc81 `inject:""`
	B *lc46 `inject:""`
}
type lc83 struct {
	lcBase
	A *lc82 `inject:""`
	B *lc19 `inject:""`
}
type lc84 struct {
	lcBase
	A *lc83 `inject:""`
	B *lc21 `inject:""`
}
type lc85 struct {
	lcBase
	A *lc84 `inject:""`
	B *lc4  `inject:""`
}
type lc86 struct {
	lcBase
	A *lc85 `inject:""`
	B *lc67 `inject:""`
}
type lc87 struct {
	lcBase
	A *lc86 `inject:""`
	B *lc5  `inject:""`
}
type lc88 struct {
	lcBase
	A *lc87 `inject:""`
	B *lc52 `inject:""`
}
type lc89 struct {
	lcBase
	A *lc88 `inject:""`
	B *lc31 `inject:""`
}
type lc90 struct {
	lcBase
	A *lc89 `inject:""`
	B *lc87 `inject:""`
}
type lc91 struct {
	lcBase
	A *lc90 `inject:""`
	B *lc64 `inject:""`
}
type lc92 struct {
	lcBase
	A *lc91 `inject:""`
	B *lc33 `inject:""`
}
type lc93 struct {
	lcBase
	A *lc92 `inject:""`
	B *lc37 `inject:""`
}
type lc94 struct {
	lcBase
	A *lc93 `inject:""`
	B *lc82 `inject:""`
}
type lc95 struct {
	lcBase
	A *lc94 `inject:""`
	B *lc51 `inject:""`
}
type lc96 struct {
	lcBase
	A *lc95 `inject:""`
	B *lc41 `inject:""`
}
type lc97 struct {
	lcBase
	A *lc96 `inject:""`
	B *lc52 `inject:""`
}
type lc98 struct {
	lcBase
	A *lc97 `inject:""`
	B *lc83 `inject:""`
}
type lc99 struct {
	lcBase
	A *lc98 `inject:""`
	B *lc59 `inject:""`
}
type lc100 struct {
	lcBase
	A *lc99 `inject:""`
	B *lc19 `inject:""`
}
type lc101 struct {
	lcBase
	A *lc100 `inject:""`
	B *lc7   `inject:""`
}
type lc102 struct {
	lcBase
	A *lc101 `inject:""`
	B *lc97  `inject:""`
}
type lc103 struct {
	lcBase
	A *lc102 `inject:""`
	B *lc58  `inject:""`
}
type lc104 struct {
	lcBase
	A *lc103 `inject:""`
	B *lc3   `inject:""`
}
type lc105 struct {
	lcBase
	A *lc104 `inject:""`
	B *lc25  `inject:""`
}
type lc106 struct {
	lcBase
	A *lc105 `inject:""`
	B *lc4   `inject:""`
}
type lc107 struct {
	lcBase
	A *lc106 `inject:""`
	B *lc50  `inject:""`
}
type lc108 struct {
	lcBase
	A *lc107 `inject:""`
	B *lc7   `inject:""`
}
type lc109 struct {
	lcBase
	A *lc108 `inject:""`
	B *lc100 `inject:""`
}
type lc110 struct {
	lcBase
	A *lc109 `inject:""`
	B *lc30  `inject:""`
}
type lc111 struct {
	lcBase
	A *lc110 `inject:""`
	B *lc51  `inject:""`
}
type lc112 struct {
	lcBase
	A *lc111 `inject:""`
	B *lc13  `inject:""`
}
type lc113 struct {
	lcBase
	A *lc112 `inject:""`
	B *lc30  `inject:""`
}
type lc114 struct {
	lcBase
	A *lc113 `inject:""`
	B *lc56  `inject:""`
}
type lc115 struct {
	lcBase
	A *lc114 `inject:""`
	B *lc112 `inject:""`
}
type lc116 struct {
	lcBase
	A *lc115 `inject:""`
	B *lc73  `inject:""`
}
type lc117 struct {
	lcBase
	A *lc116 `inject:""`
	B *lc49  `inject:""`
}
type lc118 struct {
	lcBase
	A *lc117 `inject:""`
	B *lc55  `inject:""`
}
type lc119 struct {
	lcBase
	A *lc118 `inject:""`
	B *lc76  `inject:""`
}
type lc120 struct {
	lcBase
	A *lc119 `inject:""`
	B *lc66  `inject:""`
}
type lc121 struct {
	lcBase
	A *lc120 `inject:""`
	B *lc4   `inject:""`
}
type lc122 struct {
	lcBase
	A *lc121 `inject:""`
	B *lc72  `inject:""`
}
type lc123 struct {
	lcBase
	A *lc122 `inject:""`
	B *lc85  `inject:""`
}
type lc124 struct {
	lcBase
	A *lc123 `inject:""`
	B *lc115 `inject:""`
}
type lc125 struct {
	lcBase
	A *lc124 `inject:""`
	B *lc18  `inject:""`
}
type lc126 struct {
	lcBase
	A *lc125 `inject:""`
	B *lc116 `inject:""`
}
type lc127 struct {
	lcBase
	A *lc126 `inject:""`
	B *lc45  `inject:""`
}
type lc128 struct {
	lcBase
	A *lc127 `inject:""`
	B *lc25  `inject:""`
}
type lc129 struct {
	lcBase
	A *lc128 `inject:""`
	B *lc41  `inject:""`
}
type lc130 struct {
	lcBase
	A *lc129 `inject:""`
	B *lc93  `inject:""`
}
type lc131 struct {
	lcBase
	A *lc130 `inject:""`
	B *lc8   `inject:""`
}
type lc132 struct {
	lcBase
	A *lc131 `inject:""`
	B *lc11  `inject:""`
}
type lc133 struct {
	lcBase
	A *lc132 `inject:""`
	B *lc51  `inject:""`
}
type lc134 struct {
	lcBase
	A *lc133 `inject:""`
	B *lc65  `inject:""`
}
type lc135 struct {
	lcBase
	A *lc134 `inject:""`
	B *lc73  `inject:""`
}
type lc136 struct {
	lcBase
	A *lc135 `inject:""`
	B *lc18  `inject:""`
}
type lc137 struct {
	lcBase
	A *lc136 `inject:""`
	B *lc6   `inject:""`
}
type lc138 struct {
	lcBase
	A *lc137 `inject:""`
	B *lc39  `inject:""`
}
type lc139 struct {
	lcBase
	A *lc138 `inject:""`
	B *lc109 `inject:""`
}
type lc140 struct {
	lcBase
	A *lc139 `inject:""`
	B *lc33  `inject:""`
}
type lc141 struct {
	lcBase
	A *lc140 `inject:""`
	B *lc101 `inject:""`
}
type lc142 struct {
	lcBase
	A *lc141 `inject:""`
	B *lc100 `inject:""`
}
type lc143 struct {
	lcBase
	A *lc142 `inject:""`
	B *lc104 `inject:""`
}
type lc144 struct {
	lcBase
	A *lc143 `inject:""`
	B *lc51  `inject:""`
}
type lc145 struct {
	lcBase
	A *lc144 `inject:""`
	B *lc115 `inject:""`
}
type lc146 struct {
	lcBase
	A *lc145 `inject:""`
	B *lc133 `inject:""`
}
type lc147 struct {
	lcBase
	A *lc146 `inject:""`
	B *lc128 `inject:""`
}
type lc148 struct {
	lcBase
	A *lc147 `inject:""`
	B *lc127 `inject:""`
}
type lc149 struct {
	lcBase
	A *lc148 `inject:""`
	B *lc10  `inject:""`
}
type lc150 struct {
	lcBase
	A *lc149 `inject:""`
	B *lc46  `inject:""`
}
type lc151 struct {
	lcBase
	A *lc150 `inject:""`
	B *lc25  `inject:""`
}
type lc152 struct {
	lcBase
	A *lc151 `inject:""`
	B *lc45  `inject:""`
}
type lc153 struct {
	lcBase
	A *lc152 `inject:""`
	B *lc40  `inject:""`
}
type lc154 struct {
	lcBase
	A *lc153 `inject:""`
	B *lc133 `inject:""`
}
type lc155 struct {
	lcBase
	A *lc154 `inject:""`
	B *lc72  `inject:""`
}
type lc156 struct {
	lcBase
	A *lc155 `inject:""`
	B *lc80  `inject:""`
}
type lc157 struct {
	lcBase
	A *lc156 `inject:""`
	B *lc43  `inject:""`
}
type lc158 struct {
	lcBase
	A *lc157 `inject:""`
	B *lc28  `inject:""`
}
type lc159 struct {
	lcBase
	A *lc158 `inject:""`
	B *lc146 `inject:""`
}
type lc160 struct {
	lcBase
	A *lc159 `inject:""`
	B *lc4   `inject:""`
}
type lc161 struct {
	lcBase
	A *lc160 `inject:""`
	B *lc158 `inject:""`
}
type lc162 struct {
	lcBase
	A *lc161 `inject:""`
	B *lc128 `inject:""`
}
type lc163 struct {
	lcBase
	A *lc162 `inject:""`
	B *lc61  `inject:""`
}
type lc164 struct {
	lcBase
	A *lc163 `inject:""`
	B *lc152 `inject:""`
}
type lc165 struct {
	lcBase
	A *lc164 `inject:""`
	B *lc48  `inject:""`
}
type lc166 struct {
	lcBase
	A *lc165 `inject:""`
	B *lc115 `inject:""`
}
type lc167 struct {
	lcBase
	A *lc166 `inject:""`
	B *lc75  `inject:""`
}
type lc168 struct {
	lcBase
	A *lc167 `inject:""`
	B *lc138 `inject:""`
}
type lc169 struct {
	lcBase
	A *lc168 `inject:""`
	B *lc43  `inject:""`
}
type lc170 struct {
	lcBase
	A *lc169 `inject:""`
	B *lc137 `inject:""`
}
type lc171 struct {
	lcBase
	A *lc170 `inject:""`
	B *lc22  `inject:""`
}
type lc172 struct {
	lcBase
	A *lc171 `inject:""`
	B *lc70  `inject:""`
}
type lc173 struct {
	lcBase
	A *lc172 `inject:""`
	B *lc1   `inject:""`
}
type lc174 struct {
	lcBase
	A *lc173 `inject:""`
	B *lc34  `inject:""`
}
type lc175 struct {
	lcBase
	A *lc174 `inject:""`
	B *lc43  `inject:""`
}
type lc176 struct {
	lcBase
	A *lc175 `inject:""`
	B *lc57  `inject:""`
}
type lc177 struct {
	lcBase
	A *lc176 `inject:""`
	B *lc136 `inject:""`
}
type lc178 struct {
	lcBase
	A *lc177 `inject:""`
	B *lc136 `inject:""`
}
type lc179 struct {
	lcBase
	A *lc178 `inject:""`
	B *lc93  `inject:""`
}
type lc180 struct {
	lcBase
	A *lc179 `inject:""`
	B *lc12  `inject:""`
}
type lc181 struct {
	lcBase
	A *lc180 `inject:""`
	B *lc115 `inject:""`
}
type lc182 struct {
	lcBase
	A *lc181 `inject:""`
	B *lc122 `inject:""`
}
type lc183 struct {
	lcBase
	A *lc182 `inject:""`
	B *lc0   `inject:""`
}
type lc184 struct {
	lcBase
	A *lc183 `inject:""`
	B *lc106 `inject:""`
}
type lc185 struct {
	lcBase
	A *lc184 `inject:""`
	B *lc141 `inject:""`
}
type lc186 struct {
	lcBase
	A *lc185 `inject:""`
	B *lc7   `inject:""`
}
type lc187 struct {
	lcBase
	A *lc186 `inject:""`
	B *lc78  `inject:""`
}
type lc188 struct {
	lcBase
	A *lc187 `inject:""`
	B *lc5   `inject:""`
}
type lc189 struct {
	lcBase
	A *lc188 `inject:""`
	B *lc124 `inject:""`
}
type lc190 struct {
	lcBase
	A *lc189 `inject:""`
	B *lc168 `inject:""`
}
type lc191 struct {
	lcBase
	A *lc190 `inject:""`
	B *lc7   `inject:""`
}
type lc192 struct {
	lcBase
	A *lc191 `inject:""`
	B *lc95  `inject:""`
}
type lc193 struct {
	lcBase
	A *lc192 `inject:""`
	B *lc18  `inject:""`
}
type lc194 struct {
	lcBase
	A *lc193 `inject:""`
	B *lc71  `inject:""`
}
type lc195 struct {
	lcBase
	A *lc194 `inject:""`
	B *lc36  `inject:""`
}
type lc196 struct {
	lcBase
	A *lc195 `inject:""`
	B *lc159 `inject:""`
}
type lc197 struct {
	lcBase
	A *lc196 `inject:""`
	B *lc97  `inject:""`
}
type lc198 struct {
	lcBase
	A *lc197 `inject:""`
	B *lc187 `inject:""`
}
type lc199 struct {
	lcBase
	A *lc198 `inject:""`
	B *lc114 `inject:""`
}
type lc200 struct {
	lcBase
	A *lc199 `inject:""`
	B *lc117 `inject:""`
}
type lc201 struct {
	lcBase
	A *lc200 `inject:""`
	B *lc192 `inject:""`
}
type lc202 struct {
	lcBase
	A *lc201 `inject:""`
	B *lc105 `inject:""`
}
type lc203 struct {
	lcBase
	A *lc202 `inject:""`
	B *lc185 `inject:""`
}
type lc204 struct {
	lcBase
	A *lc203 `inject:""`
	B *lc97  `inject:""`
}
type lc205 struct {
	lcBase
	A *lc204 `inject:""`
	B *lc30  `inject:""`
}
type lc206 struct {
	lcBase
	A *lc205 `inject:""`
	B *lc144 `inject:""`
}
type lc207 struct {
	lcBase
	A *lc206 `inject:""`
	B *lc171 `inject:""`
}
type lc208 struct {
	lcBase
	A *lc207 `inject:""`
	B *lc177 `inject:""`
}
type lc209 struct {
	lcBase
	A *lc208 `inject:""`
	B *lc61  `inject:""`
}
type lc210 struct {
	lcBase
	A *lc209 `inject:""`
	B *lc36  `inject:""`
}
type lc211 struct {
	lcBase
	A *lc210 `inject:""`
	B *lc84  `inject:""`
}
type lc212 struct {
	lcBase
	A *lc211 `inject:""`
	B *lc29  `inject:""`
}
type lc213 struct {
	lcBase
	A *lc212 `inject:""`
	B *lc31  `inject:""`
}
type lc214 struct {
	lcBase
	A *lc213 `inject:""`
	B *lc42  `inject:""`
}
type lc215 struct {
	lcBase
	A *lc214 `inject:""`
	B *lc129 `inject:""`
}
type lc216 struct {
	lcBase
	A *lc215 `inject:""`
	B *lc81  `inject:""`
}
type lc217 struct {
	lcBase
	A *lc216 `inject:""`
	B *lc114 `inject:""`
}
type lc218 struct {
	lcBase
	A *lc217 `inject:""`
	B *lc139 `inject:""`
}
type lc219 struct {
	lcBase
	A *lc218 `inject:""`
	B *lc185 `inject:""`
}
type lc220 struct {
	lcBase
	A *lc219 `inject:""`
	B *lc141 `inject:""`
}
type lc221 struct {
	lcBase
	A *lc220 `inject:""`
	B *lc69  `inject:""`
}
type lc222 struct {
	lcBase
	A *lc221 `inject:""`
	B *lc38  `inject:""`
}
type lc223 struct {
	lcBase
	A *lc222 `inject:""`
	B *lc4   `inject:""`
}
type lc224 struct {
	lcBase
	A *lc223 `inject:""`
	B *lc44  `inject:""`
}
type lc225 struct {
	lcBase
	A *lc224 `inject:""`
	B *lc167 `inject:""`
}
type lc226 struct {
	lcBase
	A *lc225 `inject:""`
	B *lc76  `inject:""`
}
type lc227 struct {
	lcBase
	A *lc226 `inject:""`
	B *lc156 `inject:""`
}
type lc228 struct {
	lcBase
	A *lc227 `inject:""`
	B *lc188 `inject:""`
}
type lc229 struct {
	lcBase
	A *lc228 `inject:""`
	B *lc142 `inject:""`
}
type lc230 struct {
	lcBase
	A *lc229 `inject:""`
	B *lc41  `inject:""`
}
type lc231 struct {
	lcBase
	A *lc230 `inject:""`
	B *lc121 `inject:""`
}
type lc232 struct {
	lcBase
	A *lc231 `inject:""`
	B *lc145 `inject:""`
}
type lc233 struct {
	lcBase
	A *lc232 `inject:""`
	B *lc36  `inject:""`
}
type lc234 struct {
	lcBase
	A *lc233 `inject:""`
	B *lc164 `inject:""`
}
type lc235 struct {
	lcBase
	A *lc234 `inject:""`
	B *lc148 `inject:""`
}
type lc236 struct {
	lcBase
	A *lc235 `inject:""`
	B *lc53  `inject:""`
}
type lc237 struct {
	lcBase
	A *lc236 `inject:""`
	B *lc195 `inject:""`
}
type lc238 struct {
	lcBase
	A *lc237 `inject:""`
	B *lc130 `inject:""`
}
type lc239 struct {
	lcBase
	A *lc238 `inject:""`
	B *lc12  `inject:""`
}
type lc240 struct {
	lcBase
	A *lc239 `inject:""`
	B *lc176 `inject:""`
}
type lc241 struct {
	lcBase
	A *lc240 `inject:""`
	B *lc226 `inject:""`
}
type lc242 struct {
	lcBase
	A *lc241 `inject:""`
	B *lc51  `inject:""`
}
type lc243 struct {
	lcBase
	A *lc242 `inject:""`
	B *lc91  `inject:""`
}
type lc244 struct {
	lcBase
	A *lc243 `inject:""`
	B *lc237 `inject:""`
}
type lc245 struct {
	lcBase
	A *lc244 `inject:""`
	B *lc4   `inject:""`
}
type lc246 struct {
	lcBase
	A *lc245 `inject:""`
	B *lc111 `inject:""`
}
type lc247 struct {
	lcBase
	A *lc246 `inject:""`
	B *lc75  `inject:""`
}
type lc248 struct {
	lcBase
	A *lc247 `inject:""`
	B *lc60  `inject:""`
}
type lc249 struct {
	lcBase
	A *lc248 `inject:""`
	B *lc15  `inject:""`
}
type lc250 struct {
	lcBase
	A *lc249 `inject:""`
	B *lc216 `inject:""`
}
type lc251 struct {
	lcBase
	A *lc250 `inject:""`
	B *lc208 `inject:""`
}
type lc252 struct {
	lcBase
	A *lc251 `inject:""`
	B *lc127 `inject:""`
}
type lc253 struct {
	lcBase
	A *lc252 `inject:""`
	B *lc165 `inject:""`
}
type lc254 struct {
	lcBase
	A *lc253 `inject:""`
	B *lc134 `inject:""`
}
type lc255 struct {
	lcBase
	A *lc254 `inject:""`
	B *lc137 `inject:""`
}
type lc256 struct {
	lcBase
	A *lc255 `inject:""`
	B *lc105 `inject:""`
}
type lc257 struct {
	lcBase
	A *lc256 `inject:""`
	B *lc124 `inject:""`
}
type lc258 struct {
	lcBase
	A *lc257 `inject:""`
	B *lc14  `inject:""`
}
type lc259 struct {
	lcBase
	A *lc258 `inject:""`
	B *lc75  `inject:""`
}
type lc260 struct {
	lcBase
	A *lc259 `inject:""`
	B *lc208 `inject:""`
}
type lc261 struct {
	lcBase
	A *lc260 `inject:""`
	B *lc183 `inject:""`
}
type lc262 struct {
	lcBase
	A *lc261 `inject:""`
	B *lc120 `inject:""`
}
type lc263 struct {
	lcBase
	A *lc262 `inject:""`
	B *lc18  `inject:""`
}
type lc264 struct {
	lcBase
	A *lc263 `inject:""`
	B *lc77  `inject:""`
}
type lc265 struct {
	lcBase
	A *lc264 `inject:""`
	B *lc177 `inject:""`
}
type lc266 struct {
	lcBase
	A *lc265 `inject:""`
	B *lc218 `inject:""`
}
type lc267 struct {
	lcBase
	A *lc266 `inject:""`
	B *lc108 `inject:""`
}
type lc268 struct {
	lcBase
	A *lc267 `inject:""`
	B *lc210 `inject:""`
}
type lc269 struct {
	lcBase
	A *lc268 `inject:""`
	B *lc4   `inject:""`
}
type lc270 struct {
	lcBase
	A *lc269 `inject:""`
	B *lc257 `inject:""`
}
type lc271 struct {
	lcBase
	A *lc270 `inject:""`
	B *lc75  `inject:""`
}
type lc272 struct {
	lcBase
	A *lc271 `inject:""`
	B *lc115 `inject:""`
}
type lc273 struct {
	lcBase
	A *lc272 `inject:""`
	B *lc198 `inject:""`
}
type lc274 struct {
	lcBase
	A *lc273 `inject:""`
	B *lc186 `inject:""`
}
type lc275 struct {
	lcBase
	A *lc274 `inject:""`
	B *lc14  `inject:""`
}
type lc276 struct {
	lcBase
	A *lc275 `inject:""`
	B *lc242 `inject:""`
}
type lc277 struct {
	lcBase
	A *lc276 `inject:""`
	B *lc9   `inject:""`
}
type lc278 struct {
	lcBase
	A *lc277 `inject:""`
	B *lc134 `inject:""`
}
type lc279 struct {
	lcBase
	A *lc278 `inject:""`
	B *lc112 `inject:""`
}
type lc280 struct {
	lcBase
	A *lc279 `inject:""`
	B *lc75  `inject:""`
}
type lc281 struct {
	lcBase
	A *lc280 `inject:""`
	B *lc220 `inject:""`
}
type lc282 struct {
	lcBase
	A *lc281 `inject:""`
	B *lc157 `inject:""`
}
type lc283 struct {
	lcBase
	A *lc282 `inject:""`
	B *lc171 `inject:""`
}
type lc284 struct {
	lcBase
	A *lc283 `inject:""`
	B *lc186 `inject:""`
}
type lc285 struct {
	lcBase
	A *lc284 `inject:""`
	B *lc82  `inject:""`
}
type lc286 struct {
	lcBase
	A *lc285 `inject:""`
	B *lc255 `inject:""`
}
type lc287 struct {
	lcBase
	A *lc286 `inject:""`
	B *lc87  `inject:""`
}
type lc288 struct {
	lcBase
	A *lc287 `inject:""`
	B *lc171 `inject:""`
}
type lc289 struct {
	lcBase
	A *lc288 `inject:""`
	B *lc273 `inject:""`
}
type lc290 struct {
	lcBase
	A *lc289 `inject:""`
	B *lc2   `inject:""`
}
type lc291 struct {
	lcBase
	A *lc290 `inject:""`
	B *lc262 `inject:""`
}
type lc292 struct {
	lcBase
	A *lc291 `inject:""`
	B *lc249 `inject:""`
}
type lc293 struct {
	lcBase
	A *lc292 `inject:""`
	B *lc283 `inject:""`
}
type lc294 struct {
	lcBase
	A *lc293 `inject:""`
	B *lc115 `inject:""`
}
type lc295 struct {
	lcBase
	A *lc294 `inject:""`
	B *lc81  `inject:""`
}
type lc296 struct {
	lcBase
	A *lc295 `inject:""`
	B *lc199 `inject:""`
}
type lc297 struct {
	lcBase
	A *lc296 `inject:""`
	B *lc94  `inject:""`
}
type lc298 struct {
	lcBase
	A *lc297 `inject:""`
	B *lc210 `inject:""`
}
type lc299 struct {
	lcBase
	A *lc298 `inject:""`
	B *lc67  `inject:""`
}
type lc300 struct {
	lcBase
	A *lc299 `inject:""`
	B *lc91  `inject:""`
}
type lc301 struct {
	lcBase
	A *lc300 `inject:""`
	B *lc225 `inject:""`
}
type lc302 struct {
	lcBase
	A *lc301 `inject:""`
	B *lc198 `inject:""`
}
type lc303 struct {
	lcBase
	A *lc302 `inject:""`
	B *lc190 `inject:""`
}
type lc304 struct {
	lcBase
	A *lc303 `inject:""`
	B *lc104 `inject:""`
}
type lc305 struct {
	lcBase
	A *lc304 `inject:""`
	B *lc75  `inject:""`
}
type lc306 struct {
	lcBase
	A *lc305 `inject:""`
	B *lc147 `inject:""`
}
type lc307 struct {
	lcBase
	A *lc306 `inject:""`
	B *lc2   `inject:""`
}
type lc308 struct {
	lcBase
	A *lc307 `inject:""`
	B *lc240 `inject:""`
}
type lc309 struct {
	lcBase
	A *lc308 `inject:""`
	B *lc66  `inject:""`
}
type lc310 struct {
	lcBase
	A *lc309 `inject:""`
	B *lc237 `inject:""`
}
type lc311 struct {
	lcBase
	A *lc310 `inject:""`
	B *lc259 `inject:""`
}
type lc312 struct {
	lcBase
	A *lc311 `inject:""`
	B *lc178 `inject:""`
}
type lc313 struct {
	lcBase
	A *lc312 `inject:""`
	B *lc96  `inject:""`
}
type lc314 struct {
	lcBase
	A *lc313 `inject:""`
	B *lc4   `inject:""`
}
type lc315 struct {
	lcBase
	A *lc314 `inject:""`
	B *lc288 `inject:""`
}
type lc316 struct {
	lcBase
	A *lc315 `inject:""`
	B *lc36  `inject:""`
}
type lc317 struct {
	lcBase
	A *lc316 `inject:""`
	B *lc59  `inject:""`
}
type lc318 struct {
	lcBase
	A *lc317 `inject:""`
	B *lc137 `inject:""`
}
type lc319 struct {
	lcBase
	A *lc318 `inject:""`
	B *lc12  `inject:""`
}
type lc320 struct {
	lcBase
	A *lc319 `inject:""`
	B *lc230 `inject:""`
}
type lc321 struct {
	lcBase
	A *lc320 `inject:""`
	B *lc101 `inject:""`
}
type lc322 struct {
	lcBase
	A *lc321 `inject:""`
	B *lc36  `inject:""`
}
type lc323 struct {
	lcBase
	A *lc322 `inject:""`
	B *lc219 `inject:""`
}
type lc324 struct {
	lcBase
	A *lc323 `inject:""`
	B *lc316 `inject:""`
}
type lc325 struct {
	lcBase
	A *lc324 `inject:""`
	B *lc252 `inject:""`
}
type lc326 struct {
	lcBase
	A *lc325 `inject:""`
	B *lc9   `inject:""`
}
type lc327 struct {
	lcBase
	A *lc326 `inject:""`
	B *lc65  `inject:""`
}
type lc328 struct {
	lcBase
	A *lc327 `inject:""`
	B *lc30  `inject:""`
}
type lc329 struct {
	lcBase
	A *lc328 `inject:""`
	B *lc267 `inject:""`
}
type lc330 struct {
	lcBase
	A *lc329 `inject:""`
	B *lc100 `inject:""`
}
type lc331 struct {
	lcBase
	A *lc330 `inject:""`
	B *lc306 `inject:""`
}
type lc332 struct {
	lcBase
	A *lc331 `inject:""`
	B *lc117 `inject:""`
}
type lc333 struct {
	lcBase
	A *lc332 `inject:""`
	B *lc105 `inject:""`
}
type lc334 struct {
	lcBase
	A *lc333 `inject:""`
	B *lc54  `inject:""`
}
type lc335 struct {
	lcBase
	A *lc334 `inject:""`
	B *lc131 `inject:""`
}
type lc336 struct {
	lcBase
	A *lc335 `inject:""`
	B *lc36  `inject:""`
}
type lc337 struct {
	lcBase
	A *lc336 `inject:""`
	B *lc288 `inject:""`
}
type lc338 struct {
	lcBase
	A *lc337 `inject:""`
	B *lc90  `inject:""`
}
type lc339 struct {
	lcBase
	A *lc338 `inject:""`
	B *lc209 `inject:""`
}
type lc340 struct {
	lcBase
	A *lc339 `inject:""`
	B *lc144 `inject:""`
}
type lc341 struct {
	lcBase
	A *lc340 `inject:""`
	B *lc18  `inject:""`
}
type lc342 struct {
	lcBase
	A *lc341 `inject:""`
	B *lc195 `inject:""`
}
type lc343 struct {
	lcBase
	A *lc342 `inject:""`
	B *lc270 `inject:""`
}
type lc344 struct {
	lcBase
	A *lc343 `inject:""`
	B *lc246 `inject:""`
}
type lc345 struct {
	lcBase
	A *lc344 `inject:""`
	B *lc149 `inject:""`
}
type lc346 struct {
	lcBase
	A *lc345 `inject:""`
	B *lc186 `inject:""`
}
type lc347 struct {
	lcBase
	A *lc346 `inject:""`
	B *lc82  `inject:""`
}
type lc348 struct {
	lcBase
	A *lc347 `inject:""`
	B *lc26  `inject:""`
}
type lc349 struct {
	lcBase
	A *lc348 `inject:""`
	B *lc24  `inject:""`
}
type lc350 struct {
	lcBase
	A *lc349 `inject:""`
	B *lc258 `inject:""`
}
type lc351 struct {
	lcBase
	A *lc350 `inject:""`
	B *lc343 `inject:""`
}
type lc352 struct {
	lcBase
	A *lc351 `inject:""`
	B *lc252 `inject:""`
}
type lc353 struct {
	lcBase
	A *lc352 `inject:""`
	B *lc218 `inject:""`
}
type lc354 struct {
	lcBase
	A *lc353 `inject:""`
	B *lc136 `inject:""`
}
type lc355 struct {
	lcBase
	A *lc354 `inject:""`
	B *lc318 `inject:""`
}
type lc356 struct {
	lcBase
	A *lc355 `inject:""`
	B *lc233 `inject:""`
}
type lc357 struct {
	lcBase
	A *lc356 `inject:""`
	B *lc149 `inject:""`
}
type lc358 struct {
	lcBase
	A *lc357 `inject:""`
	B *lc78  `inject:""`
}
type lc359 struct {
	lcBase
	A *lc358 `inject:""`
	B *lc44  `inject:""`
}
type lc360 struct {
	lcBase
	A *lc359 `inject:""`
	B *lc82  `inject:""`
}
type lc361 struct {
	lcBase
	A *lc360 `inject:""`
	B *lc215 `inject:""`
}
type lc362 struct {
	lcBase
	A *lc361 `inject:""`
	B *lc321 `inject:""`
}
type lc363 struct {
	lcBase
	A *lc362 `inject:""`
	B *lc39  `inject:""`
}
type lc364 struct {
	lcBase
	A *lc363 `inject:""`
	B *lc140 `inject:""`
}
type lc365 struct {
	lcBase
	A *lc364 `inject:""`
	B *lc62  `inject:""`
}
type lc366 struct {
	lcBase
	A *lc365 `inject:""`
	B *lc223 `inject:""`
}
type lc367 struct {
	lcBase
	A *lc366 `inject:""`
	B *lc167 `inject:""`
}
type lc368 struct {
	lcBase
	A *lc367 `inject:""`
	B *lc109 `inject:""`
}
type lc369 struct {
	lcBase
	A *lc368 `inject:""`
	B *lc245 `inject:""`
}
type lc370 struct {
	lcBase
	A *lc369 `inject:""`
	B *lc116 `inject:""`
}
type lc371 struct {
	lcBase
	A *lc370 `inject:""`
	B *lc310 `inject:""`
}
type lc372 struct {
	lcBase
	A *lc371 `inject:""`
	B *lc252 `inject:""`
}
type lc373 struct {
	lcBase
	A *lc372 `inject:""`
	B *lc71  `inject:""`
}
type lc374 struct {
	lcBase
	A *lc373 `inject:""`
	B *lc323 `inject:""`
}
type lc375 struct {
	lcBase
	A *lc374 `inject:""`
	B *lc239 `inject:""`
}
type lc376 struct {
	lcBase
	A *lc375 `inject:""`
	B *lc50  `inject:""`
}
type lc377 struct {
	lcBase
	A *lc376 `inject:""`
	B *lc338 `inject:""`
}
type lc378 struct {
	lcBase
	A *lc377 `inject:""`
	B *lc79  `inject:""`
}
type lc379 struct {
	lcBase
	A *lc378 `inject:""`
	B *lc35  `inject:""`
}
type lc380 struct {
	lcBase
	A *lc379 `inject:""`
	B *lc0   `inject:""`
}
type lc381 struct {
	lcBase
	A *lc380 `inject:""`
	B *lc312 `inject:""`
}
type lc382 struct {
	lcBase
	A *lc381 `inject:""`
	B *lc2   `inject:""`
}
type lc383 struct {
	lcBase
	A *lc382 `inject:""`
	B *lc334 `inject:""`
}
type lc384 struct {
	lcBase
	A *lc383 `inject:""`
	B *lc294 `inject:""`
}
type lc385 struct {
	lcBase
	A *lc384 `inject:""`
	B *lc335 `inject:""`
}
type lc386 struct {
	lcBase
	A *lc385 `inject:""`
	B *lc370 `inject:""`
}
type lc387 struct {
	lcBase
	A *lc386 `inject:""`
	B *lc106 `inject:""`
}
type lc388 struct {
	lcBase
	A *lc387 `inject:""`
	B *lc323 `inject:""`
}
type lc389 struct {
	lcBase
	A *lc388 `inject:""`
	B *lc202 `inject:""`
}
type lc390 struct {
	lcBase
	A *lc389 `inject:""`
	B *lc229 `inject:""`
}
type lc391 struct {
	lcBase
	A *lc390 `inject:""`
	B *lc95  `inject:""`
}
type lc392 struct {
	lcBase
	A *lc391 `inject:""`
	B *lc281 `inject:""`
}
type lc393 struct {
	lcBase
	A *lc392 `inject:""`
	B *lc20  `inject:""`
}
type lc394 struct {
	lcBase
	A *lc393 `inject:""`
	B *lc294 `inject:""`
}
type lc395 struct {
	lcBase
	A *lc394 `inject:""`
	B *lc278 `inject:""`
}
type lc396 struct {
	lcBase
	A *lc395 `inject:""`
	B *lc67  `inject:""`
}
type lc397 struct {
	lcBase
	A *lc396 `inject:""`
	B *lc303 `inject:""`
}
type lc398 struct {
	lcBase
	A *lc397 `inject:""`
	B *lc275 `inject:""`
}
type lc399 struct {
	lcBase
	A *lc398 `inject:""`
	B *lc274 `inject:""`
}
type lc400 struct {
	lcBase
	A *lc399 `inject:""`
	B *lc285 `inject:""`
}
type lc401 struct {
	lcBase
	A *lc400 `inject:""`
	B *lc9   `inject:""`
}
type lc402 struct {
	lcBase
	A *lc401 `inject:""`
	B *lc262 `inject:""`
}
type lc403 struct {
	lcBase
	A *lc402 `inject:""`
	B *lc153 `inject:""`
}
type lc404 struct {
	lcBase
	A *lc403 `inject:""`
	B *lc100 `inject:""`
}
type lc405 struct {
	lcBase
	A *lc404 `inject:""`
	B *lc192 `inject:""`
}
type lc406 struct {
	lcBase
	A *lc405 `inject:""`
	B *lc267 `inject:""`
}
type lc407 struct {
	lcBase
	A *lc406 `inject:""`
	B *lc75  `inject:""`
}
type lc408 struct {
	lcBase
	A *lc407 `inject:""`
	B *lc403 `inject:""`
}
type lc409 struct {
	lcBase
	A *lc408 `inject:""`
	B *lc255 `inject:""`
}
type lc410 struct {
	lcBase
	A *lc409 `inject:""`
	B *lc402 `inject:""`
}
type lc411 struct {
	lcBase
	A *lc410 `inject:""`
	B *lc212 `inject:""`
}
type lc412 struct {
	lcBase
	A *lc411 `inject:""`
	B *lc246 `inject:""`
}
type lc413 struct {
	lcBase
	A *lc412 `inject:""`
	B *lc77  `inject:""`
}
type lc414 struct {
	lcBase
	A *lc413 `inject:""`
	B *lc377 `inject:""`
}
type lc415 struct {
	lcBase
	A *lc414 `inject:""`
	B *lc87  `inject:""`
}
type lc416 struct {
	lcBase
	A *lc415 `inject:""`
	B *lc329 `inject:""`
}
type lc417 struct {
	lcBase
	A *lc416 `inject:""`
	B *lc260 `inject:""`
}
type lc418 struct {
	lcBase
	A *lc417 `inject:""`
	B *lc192 `inject:""`
}
type lc419 struct {
	lcBase
	A *lc418 `inject:""`
	B *lc127 `inject:""`
}
type lc420 struct {
	lcBase
	A *lc419 `inject:""`
	B *lc311 `inject:""`
}
type lc421 struct {
	lcBase
	A *lc420 `inject:""`
	B *lc326 `inject:""`
}
type lc422 struct {
	lcBase
	A *lc421 `inject:""`
	B *lc330 `inject:""`
}
type lc423 struct {
	lcBase
	A *lc422 `inject:""`
	B *lc98  `inject:""`
}
type lc424 struct {
	lcBase
	A *lc423 `inject:""`
	B *lc32  `inject:""`
}
type lc425 struct {
	lcBase
	A *lc424 `inject:""`
	B *lc385 `inject:""`
}
type lc426 struct {
	lcBase
	A *lc425 `inject:""`
	B *lc144 `inject:""`
}
type lc427 struct {
	lcBase
	A *lc426 `inject:""`
	B *lc344 `inject:""`
}
type lc428 struct {
	lcBase
	A *lc427 `inject:""`
	B *lc5   `inject:""`
}
type lc429 struct {
	lcBase
	A *lc428 `inject:""`
	B *lc372 `inject:""`
}
type lc430 struct {
	lcBase
	A *lc429 `inject:""`
	B *lc5   `inject:""`
}
type lc431 struct {
	lcBase
	A *lc430 `inject:""`
	B *lc59  `inject:""`
}
type lc432 struct {
	lcBase
	A *lc431 `inject:""`
	B *lc196 `inject:""`
}
type lc433 struct {
	lcBase
	A *lc432 `inject:""`
	B *lc158 `inject:""`
}
type lc434 struct {
	lcBase
	A *lc433 `inject:""`
	B *lc34  `inject:""`
}
type lc435 struct {
	lcBase
	A *lc434 `inject:""`
	B *lc130 `inject:""`
}
type lc436 struct {
	lcBase
	A *lc435 `inject:""`
	B *lc101 `inject:""`
}
type lc437 struct {
	lcBase
	A *lc436 `inject:""`
	B *lc185 `inject:""`
}
type lc438 struct {
	lcBase
	A *lc437 `inject:""`
	B *lc99  `inject:""`
}
type lc439 struct {
	lcBase
	A *lc438 `inject:""`
	B *lc308 `inject:""`
}
type lc440 struct {
	lcBase
	A *lc439 `inject:""`
	B *lc263 `inject:""`
}
type lc441 struct {
	lcBase
	A *lc440 `inject:""`
	B *lc323 `inject:""`
}
type lc442 struct {
	lcBase
	A *lc441 `inject:""`
	B *lc284 `inject:""`
}
type lc443 struct {
	lcBase
	A *lc442 `inject:""`
	B *lc399 `inject:""`
}
type lc444 struct {
	lcBase
	A *lc443 `inject:""`
	B *lc12  `inject:""`
}
type lc445 struct {
	lcBase
	A *lc444 `inject:""`
	B *lc326 `inject:""`
}
type lc446 struct {
	lcBase
	A *lc445 `inject:""`
	B *lc244 `inject:""`
}
type lc447 struct {
	lcBase
	A *lc446 `inject:""`
	B *lc31  `inject:""`
}
type lc448 struct {
	lcBase
	A *lc447 `inject:""`
	B *lc227 `inject:""`
}
type lc449 struct {
	lcBase
	A *lc448 `inject:""`
	B *lc313 `inject:""`
}
type lc450 struct {
	lcBase
	A *lc449 `inject:""`
	B *lc280 `inject:""`
}
type lc451 struct {
	lcBase
	A *lc450 `inject:""`
	B *lc176 `inject:""`
}
type lc452 struct {
	lcBase
	A *lc451 `inject:""`
	B *lc433 `inject:""`
}
type lc453 struct {
	lcBase
	A *lc452 `inject:""`
	B *lc131 `inject:""`
}
type lc454 struct {
	lcBase
	A *lc453 `inject:""`
	B *lc335 `inject:""`
}
type lc455 struct {
	lcBase
	A *lc454 `inject:""`
	B *lc421 `inject:""`
}
type lc456 struct {
	lcBase
	A *lc455 `inject:""`
	B *lc248 `inject:""`
}
type lc457 struct {
	lcBase
	A *lc456 `inject:""`
	B *lc398 `inject:""`
}
type lc458 struct {
	lcBase
	A *lc457 `inject:""`
	B *lc378 `inject:""`
}
type lc459 struct {
	lcBase
	A *lc458 `inject:""`
	B *lc357 `inject:""`
}
type lc460 struct {
	lcBase
	A *lc459 `inject:""`
	B *lc50  `inject:""`
}
type lc461 struct {
	lcBase
	A *lc460 `inject:""`
	B *lc20  `inject:""`
}
type lc462 struct {
	lcBase
	A *lc461 `inject:""`
	B *lc153 `inject:""`
}
type lc463 struct {
	lcBase
	A *lc462 `inject:""`
	B *lc368 `inject:""`
}
type lc464 struct {
	lcBase
	A *lc463 `inject:""`
	B *lc396 `inject:""`
}
type lc465 struct {
	lcBase
	A *lc464 `inject:""`
	B *lc243 `inject:""`
}
type lc466 struct {
	lcBase
	A *lc465 `inject:""`
	B *lc161 `inject:""`
}
type lc467 struct {
	lcBase
	A *lc466 `inject:""`
	B *lc224 `inject:""`
}
type lc468 struct {
	lcBase
	A *lc467 `inject:""`
	B *lc323 `inject:""`
}
type lc469 struct {
	lcBase
	A *lc468 `inject:""`
	B *lc122 `inject:""`
}
type lc470 struct {
	lcBase
	A *lc469 `inject:""`
	B *lc51  `inject:""`
}
type lc471 struct {
	lcBase
	A *lc470 `inject:""`
	B *lc103 `inject:""`
}
type lc472 struct {
	lcBase
	A *lc471 `inject:""`
	B *lc77  `inject:""`
}
type lc473 struct {
	lcBase
	A *lc472 `inject:""`
	B *lc440 `inject:""`
}
type lc474 struct {
	lcBase
	A *lc473 `inject:""`
	B *lc268 `inject:""`
}
type lc475 struct {
	lcBase
	A *lc474 `inject:""`
	B *lc392 `inject:""`
}
type lc476 struct {
	lcBase
	A *lc475 `inject:""`
	B *lc85  `inject:""`
}
type lc477 struct {
	lcBase
	A *lc476 `inject:""`
	B *lc143 `inject:""`
}
type lc478 struct {
	lcBase
	A *lc477 `inject:""`
	B *lc94  `inject:""`
}
type lc479 struct {
	lcBase
	A *lc478 `inject:""`
	B *lc68  `inject:""`
}
type lc480 struct {
	lcBase
	A *lc479 `inject:""`
	B *lc58  `inject:""`
}
type lc481 struct {
	lcBase
	A *lc480 `inject:""`
	B *lc77  `inject:""`
}
type lc482 struct {
	lcBase
	A *lc481 `inject:""`
	B *lc101 `inject:""`
}
type lc483 struct {
	lcBase
	A *lc482 `inject:""`
	B *lc429 `inject:""`
}
type lc484 struct {
	lcBase
	A *lc483 `inject:""`
	B *lc470 `inject:""`
}
type lc485 struct {
	lcBase
	A *lc484 `inject:""`
	B *lc432 `inject:""`
}
type lc486 struct {
	lcBase
	A *lc485 `inject:""`
	B *lc318 `inject:""`
}
type lc487 struct {
	lcBase
	A *lc486 `inject:""`
	B *lc281 `inject:""`
}
type lc488 struct {
	lcBase
	A *lc487 `inject:""`
	B *lc414 `inject:""`
}
type lc489 struct {
	lcBase
	A *lc488 `inject:""`
	B *lc331 `inject:""`
}
type lc490 struct {
	lcBase
	A *lc489 `inject:""`
	B *lc92  `inject:""`
}
type lc491 struct {
	lcBase
	A *lc490 `inject:""`
	B *lc450 `inject:""`
}
type lc492 struct {
	lcBase
	A *lc491 `inject:""`
	B *lc223 `inject:""`
}
type lc493 struct {
	lcBase
	A *lc492 `inject:""`
	B *lc77  `inject:""`
}
type lc494 struct {
	lcBase
	A *lc493 `inject:""`
	B *lc66  `inject:""`
}
type lc495 struct {
	lcBase
	A *lc494 `inject:""`
	B *lc365 `inject:""`
}
type lc496 struct {
	lcBase
	A *lc495 `inject:""`
	B *lc2   `inject:""`
}
type lc497 struct {
	lcBase
	A *lc496 `inject:""`
	B *lc376 `inject:""`
}
type lc498 struct {
	lcBase
	A *lc497 `inject:""`
	B *lc282 `inject:""`
}
type lc499 struct {
	lcBase
	A *lc498 `inject:""`
	B *lc221 `inject:""`
}
type lc500 struct {
	lcBase
	A *lc499 `inject:""`
	B *lc150 `inject:""`
}
type lc501 struct {
	lcBase
	A *lc500 `inject:""`
	B *lc142 `inject:""`
}
type lc502 struct {
	lcBase
	A *lc501 `inject:""`
	B *lc203 `inject:""`
}
type lc503 struct {
	lcBase
	A *lc502 `inject:""`
	B *lc272 `inject:""`
}
type lc504 struct {
	lcBase
	A *lc503 `inject:""`
	B *lc277 `inject:""`
}
type lc505 struct {
	lcBase
	A *lc504 `inject:""`
	B *lc29  `inject:""`
}
type lc506 struct {
	lcBase
	A *lc505 `inject:""`
	B *lc280 `inject:""`
}
type lc507 struct {
	lcBase
	A *lc506 `inject:""`
	B *lc190 `inject:""`
}
type lc508 struct {
	lcBase
	A *lc507 `inject:""`
	B *lc422 `inject:""`
}
type lc509 struct {
	lcBase
	A *lc508 `inject:""`
	B *lc368 `inject:""`
}
type lc510 struct {
	lcBase
	A *lc509 `inject:""`
	B *lc143 `inject:""`
}
type lc511 struct {
	lcBase
	A *lc510 `inject:""`
	B *lc227 `inject:""`
}
type lc512 struct {
	lcBase
	A *lc511 `inject:""`
	B *lc394 `inject:""`
}
type lc513 struct {
	lcBase
	A *lc512 `inject:""`
	B *lc290 `inject:""`
}
type lc514 struct {
	lcBase
	A *lc513 `inject:""`
	B *lc470 `inject:""`
}
type lc515 struct {
	lcBase
	A *lc514 `inject:""`
	B *lc394 `inject:""`
}
type lc516 struct {
	lcBase
	A *lc515 `inject:""`
	B *lc349 `inject:""`
}
type lc517 struct {
	lcBase
	A *lc516 `inject:""`
	B *lc305 `inject:""`
}
type lc518 struct {
	lcBase
	A *lc517 `inject:""`
	B *lc79  `inject:""`
}
type lc519 struct {
	lcBase
	A *lc518 `inject:""`
	B *lc98  `inject:""`
}
type lc520 struct {
	lcBase
	A *lc519 `inject:""`
	B *lc83  `inject:""`
}
type lc521 struct {
	lcBase
	A *lc520 `inject:""`
	B *lc399 `inject:""`
}
type lc522 struct {
	lcBase
	A *lc521 `inject:""`
	B *lc518 `inject:""`
}
type lc523 struct {
	lcBase
	A *lc522 `inject:""`
	B *lc353 `inject:""`
}
type lc524 struct {
	lcBase
	A *lc523 `inject:""`
	B *lc444 `inject:""`
}
type lc525 struct {
	lcBase
	A *lc524 `inject:""`
	B *lc170 `inject:""`
}
type lc526 struct {
	lcBase
	A *lc525 `inject:""`
	B *lc302 `inject:""`
}
type lc527 struct {
	lcBase
	A *lc526 `inject:""`
	B *lc33  `inject:""`
}
type lc528 struct {
	lcBase
	A *lc527 `inject:""`
	B *lc405 `inject:""`
}
type lc529 struct {
	lcBase
	A *lc528 `inject:""`
	B *lc365 `inject:""`
}
type lc530 struct {
	lcBase
	A *lc529 `inject:""`
	B *lc272 `inject:""`
}
type lc531 struct {
	lcBase
	A *lc530 `inject:""`
	B *lc154 `inject:""`
}
type lc532 struct {
	lcBase
	A *lc531 `inject:""`
	B *lc146 `inject:""`
}
type lc533 struct {
	lcBase
	A *lc532 `inject:""`
	B *lc407 `inject:""`
}
type lc534 struct {
	lcBase
	A *lc533 `inject:""`
	B *lc132 `inject:""`
}
type lc535 struct {
	lcBase
	A *lc534 `inject:""`
	B *lc5   `inject:""`
}
type lc536 struct {
	lcBase
	A *lc535 `inject:""`
	B *lc454 `inject:""`
}
type lc537 struct {
	lcBase
	A *lc536 `inject:""`
	B *lc218 `inject:""`
}
type lc538 struct {
	lcBase
	A *lc537 `inject:""`
	B *lc13  `inject:""`
}
type lc539 struct {
	lcBase
	A *lc538 `inject:""`
	B *lc533 `inject:""`
}
type lc540 struct {
	lcBase
	A *lc539 `inject:""`
	B *lc518 `inject:""`
}
type lc541 struct {
	lcBase
	A *lc540 `inject:""`
	B *lc496 `inject:""`
}
type lc542 struct {
	lcBase
	A *lc541 `inject:""`
	B *lc213 `inject:""`
}
type lc543 struct {
	lcBase
	A *lc542 `inject:""`
	B *lc296 `inject:""`
}
type lc544 struct {
	lcBase
	A *lc543 `inject:""`
	B *lc415 `inject:""`
}
type lc545 struct {
	lcBase
	A *lc544 `inject:""`
	B *lc311 `inject:""`
}
type lc546 struct {
	lcBase
	A *lc545 `inject:""`
	B *lc139 `inject:""`
}
type lc547 struct {
	lcBase
	A *lc546 `inject:""`
	B *lc70  `inject:""`
}
type lc548 struct {
	lcBase
	A *lc547 `inject:""`
	B *lc330 `inject:""`
}
type lc549 struct {
	lcBase
	A *lc548 `inject:""`
	B *lc358 `inject:""`
}
type lc550 struct {
	lcBase
	A *lc549 `inject:""`
	B *lc46  `inject:""`
}
type lc551 struct {
	lcBase
	A *lc550 `inject:""`
	B *lc11  `inject:""`
}
type lc552 struct {
	lcBase
	A *lc551 `inject:""`
	B *lc437 `inject:""`
}
type lc553 struct {
	lcBase
	A *lc552 `inject:""`
	B *lc124 `inject:""`
}
type lc554 struct {
	lcBase
	A *lc553 `inject:""`
	B *lc454 `inject:""`
}
type lc555 struct {
	lcBase
	A *lc554 `inject:""`
	B *lc125 `inject:""`
}
type lc556 struct {
	lcBase
	A *lc555 `inject:""`
	B *lc376 `inject:""`
}
type lc557 struct {
	lcBase
	A *lc556 `inject:""`
	B *lc271 `inject:""`
}
type lc558 struct {
	lcBase
	A *lc557 `inject:""`
	B *lc12  `inject:""`
}
type lc559 struct {
	lcBase
	A *lc558 `inject:""`
	B *lc64  `inject:""`
}
type lc560 struct {
	lcBase
	A *lc559 `inject:""`
	B *lc557 `inject:""`
}
type lc561 struct {
	lcBase
	A *lc560 `inject:""`
	B *lc433 `inject:""`
}
type lc562 struct {
	lcBase
	A *lc561 `inject:""`
	B *lc430 `inject:""`
}
type lc563 struct {
	lcBase
	A *lc562 `inject:""`
	B *lc469 `inject:""`
}
type lc564 struct {
	lcBase
	A *lc563 `inject:""`
	B *lc346 `inject:""`
}
type lc565 struct {
	lcBase
	A *lc564 `inject:""`
	B *lc176 `inject:""`
}
type lc566 struct {
	lcBase
	A *lc565 `inject:""`
	B *lc6   `inject:""`
}
type lc567 struct {
	lcBase
	A *lc566 `inject:""`
	B *lc131 `inject:""`
}
type lc568 struct {
	lcBase
	A *lc567 `inject:""`
	B *lc215 `inject:""`
}
type lc569 struct {
	lcBase
	A *lc568 `inject:""`
	B *lc39  `inject:""`
}
type lc570 struct {
	lcBase
	A *lc569 `inject:""`
	B *lc497 `inject:""`
}
type lc571 struct {
	lcBase
	A *lc570 `inject:""`
	B *lc428 `inject:""`
}
type lc572 struct {
	lcBase
	A *lc571 `inject:""`
	B *lc57  `inject:""`
}
type lc573 struct {
	lcBase
	A *lc572 `inject:""`
	B *lc209 `inject:""`
}
type lc574 struct {
	lcBase
	A *lc573 `inject:""`
	B *lc191 `inject:""`
}
type lc575 struct {
	lcBase
	A *lc574 `inject:""`
	B *lc432 `inject:""`
}
type lc576 struct {
	lcBase
	A *lc575 `inject:""`
	B *lc68  `inject:""`
}
type lc577 struct {
	lcBase
	A *lc576 `inject:""`
	B *lc332 `inject:""`
}
type lc578 struct {
	lcBase
	A *lc577 `inject:""`
	B *lc145 `inject:""`
}
type lc579 struct {
	lcBase
	A *lc578 `inject:""`
	B *lc81  `inject:""`
}
type lc580 struct {
	lcBase
	A *lc579 `inject:""`
	B *lc281 `inject:""`
}
type lc581 struct {
	lcBase
	A *lc580 `inject:""`
	B *lc230 `inject:""`
}
type lc582 struct {
	lcBase
	A *lc581 `inject:""`
	B *lc27  `inject:""`
}
type lc583 struct {
	lcBase
	A *lc582 `inject:""`
	B *lc368 `inject:""`
}
type lc584 struct {
	lcBase
	A *lc583 `inject:""`
	B *lc340 `inject:""`
}
type lc585 struct {
	lcBase
	A *lc584 `inject:""`
	B *lc41  `inject:""`
}
type lc586 struct {
	lcBase
	A *lc585 `inject:""`
	B *lc98  `inject:""`
}
type lc587 struct {
	lcBase
	A *lc586 `inject:""`
	B *lc474 `inject:""`
}
type lc588 struct {
	lcBase
	A *lc587 `inject:""`
	B *lc42  `inject:""`
}
type lc589 struct {
	lcBase
	A *lc588 `inject:""`
	B *lc488 `inject:""`
}
type lc590 struct {
	lcBase
	A *lc589 `inject:""`
	B *lc403 `inject:""`
}
type lc591 struct {
	lcBase
	A *lc590 `inject:""`
	B *lc323 `inject:""`
}
type lc592 struct {
	lcBase
	A *lc591 `inject:""`
	B *lc566 `inject:""`
}
type lc593 struct {
	lcBase
	A *lc592 `inject:""`
	B *lc262 `inject:""`
}
type lc594 struct {
	lcBase
	A *lc593 `inject:""`
	B *lc409 `inject:""`
}
type lc595 struct {
	lcBase
	A *lc594 `inject:""`
	B *lc295 `inject:""`
}
type lc596 struct {
	lcBase
	A *lc595 `inject:""`
	B *lc565 `inject:""`
}
type lc597 struct {
	lcBase
	A *lc596 `inject:""`
	B *lc397 `inject:""`
}
type lc598 struct {
	lcBase
	A *lc597 `inject:""`
	B *lc10  `inject:""`
}
type lc599 struct {
	lcBase
	A *lc598 `inject:""`
	B *lc426 `inject:""`
}
type lc600 struct {
	lcBase
	A *lc599 `inject:""`
	B *lc557 `inject:""`
}
type lc601 struct {
	lcBase
	A *lc600 `inject:""`
	B *lc427 `inject:""`
}
type lc602 struct {
	lcBase
	A *lc601 `inject:""`
	B *lc534 `inject:""`
}
type lc603 struct {
	lcBase
	A *lc602 `inject:""`
	B *lc207 `inject:""`
}
type lc604 struct {
	lcBase
	A *lc603 `inject:""`
	B *lc250 `inject:""`
}
type lc605 struct {
	lcBase
	A *lc604 `inject:""`
	B *lc178 `inject:""`
}
type lc606 struct {
	lcBase
	A *lc605 `inject:""`
	B *lc240 `inject:""`
}
type lc607 struct {
	lcBase
	A *lc606 `inject:""`
	B *lc367 `inject:""`
}
type lc608 struct {
	lcBase
	A *lc607 `inject:""`
	B *lc252 `inject:""`
}
type lc609 struct {
	lcBase
	A *lc608 `inject:""`
	B *lc129 `inject:""`
}
type lc610 struct {
	lcBase
	A *lc609 `inject:""`
	B *lc256 `inject:""`
}
type lc611 struct {
	lcBase
	A *lc610 `inject:""`
	B *lc250 `inject:""`
}
type lc612 struct {
	lcBase
	A *lc611 `inject:""`
	B *lc341 `inject:""`
}
type lc613 struct {
	lcBase
	A *lc612 `inject:""`
	B *lc403 `inject:""`
}
type lc614 struct {
	lcBase
	A *lc613 `inject:""`
	B *lc75  `inject:""`
}
type lc615 struct {
	lcBase
	A *lc614 `inject:""`
	B *lc524 `inject:""`
}
type lc616 struct {
	lcBase
	A *lc615 `inject:""`
	B *lc487 `inject:""`
}
type lc617 struct {
	lcBase
	A *lc616 `inject:""`
	B *lc54  `inject:""`
}
type lc618 struct {
	lcBase
	A *lc617 `inject:""`
	B *lc113 `inject:""`
}
type lc619 struct {
	lcBase
	A *lc618 `inject:""`
	B *lc601 `inject:""`
}
type lc620 struct {
	lcBase
	A *lc619 `inject:""`
	B *lc334 `inject:""`
}
type lc621 struct {
	lcBase
	A *lc620 `inject:""`
	B *lc184 `inject:""`
}
type lc622 struct {
	lcBase
	A *lc621 `inject:""`
	B *lc25  `inject:""`
}
type lc623 struct {
	lcBase
	A *lc622 `inject:""`
	B *lc224 `inject:""`
}
type lc624 struct {
	lcBase
	A *lc623 `inject:""`
	B *lc388 `inject:""`
}
type lc625 struct {
	lcBase
	A *lc624 `inject:""`
	B *lc331 `inject:""`
}
type lc626 struct {
	lcBase
	A *lc625 `inject:""`
	B *lc337 `inject:""`
}
type lc627 struct {
	lcBase
	A *lc626 `inject:""`
	B *lc172 `inject:""`
}
type lc628 struct {
	lcBase
	A *lc627 `inject:""`
	B *lc427 `inject:""`
}
type lc629 struct {
	lcBase
	A *lc628 `inject:""`
	B *lc526 `inject:""`
}
type lc630 struct {
	lcBase
	A *lc629 `inject:""`
	B *lc37  `inject:""`
}
type lc631 struct {
	lcBase
	A *lc630 `inject:""`
	B *lc277 `inject:""`
}
type lc632 struct {
	lcBase
	A *lc631 `inject:""`
	B *lc387 `inject:""`
}
type lc633 struct {
	lcBase
	A *lc632 `inject:""`
	B *lc304 `inject:""`
}
type lc634 struct {
	lcBase
	A *lc633 `inject:""`
	B *lc298 `inject:""`
}
type lc635 struct {
	lcBase
	A *lc634 `inject:""`
	B *lc579 `inject:""`
}
type lc636 struct {
	lcBase
	A *lc635 `inject:""`
	B *lc479 `inject:""`
}
type lc637 struct {
	lcBase
	A *lc636 `inject:""`
	B *lc103 `inject:""`
}
type lc638 struct {
	lcBase
	A *lc637 `inject:""`
	B *lc310 `inject:""`
}
type lc639 struct {
	lcBase
	A *lc638 `inject:""`
	B *lc514 `inject:""`
}
type lc640 struct {
	lcBase
	A *lc639 `inject:""`
	B *lc403 `inject:""`
}
type lc641 struct {
	lcBase
	A *lc640 `inject:""`
	B *lc501 `inject:""`
}
type lc642 struct {
	lcBase
	A *lc641 `inject:""`
	B *lc181 `inject:""`
}
type lc643 struct {
	lcBase
	A *lc642 `inject:""`
	B *lc469 `inject:""`
}
type lc644 struct {
	lcBase
	A *lc643 `inject:""`
	B *lc620 `inject:""`
}
type lc645 struct {
	lcBase
	A *lc644 `inject:""`
	B *lc360 `inject:""`
}
type lc646 struct {
	lcBase
	A *lc645 `inject:""`
	B *lc37  `inject:""`
}
type lc647 struct {
	lcBase
	A *lc646 `inject:""`
	B *lc589 `inject:""`
}
type lc648 struct {
	lcBase
	A *lc647 `inject:""`
	B *lc481 `inject:""`
}
type lc649 struct {
	lcBase
	A *lc648 `inject:""`
	B *lc619 `inject:""`
}
type lc650 struct {
	lcBase
	A *lc649 `inject:""`
	B *lc150 `inject:""`
}
type lc651 struct {
	lcBase
	A *lc650 `inject:""`
	B *lc444 `inject:""`
}
type lc652 struct {
	lcBase
	A *lc651 `inject:""`
	B *lc338 `inject:""`
}
type lc653 struct {
	lcBase
	A *lc652 `inject:""`
	B *lc169 `inject:""`
}
type lc654 struct {
	lcBase
	A *lc653 `inject:""`
	B *lc634 `inject:""`
}
type lc655 struct {
	lcBase
	A *lc654 `inject:""`
	B *lc310 `inject:""`
}
type lc656 struct {
	lcBase
	A *lc655 `inject:""`
	B *lc46  `inject:""`
}
type lc657 struct {
	lcBase
	A *lc656 `inject:""`
	B *lc624 `inject:""`
}
type lc658 struct {
	lcBase
	A *lc657 `inject:""`
	B *lc256 `inject:""`
}
type lc659 struct {
	lcBase
	A *lc658 `inject:""`
	B *lc317 `inject:""`
}
type lc660 struct {
	lcBase
	A *lc659 `inject:""`
	B *lc478 `inject:""`
}
type lc661 struct {
	lcBase
	A *lc660 `inject:""`
	B *lc358 `inject:""`
}
type lc662 struct {
	lcBase
	A *lc661 `inject:""`
	B *lc40  `inject:""`
}
type lc663 struct {
	lcBase
	A *lc662 `inject:""`
	B *lc104 `inject:""`
}
type lc664 struct {
	lcBase
	A *lc663 `inject:""`
	B *lc631 `inject:""`
}
type lc665 struct {
	lcBase
	A *lc664 `inject:""`
	B *lc85  `inject:""`
}
type lc666 struct {
	lcBase
	A *lc665 `inject:""`
	B *lc584 `inject:""`
}
type lc667 struct {
	lcBase
	A *lc666 `inject:""`
	B *lc256 `inject:""`
}
type lc668 struct {
	lcBase
	A *lc667 `inject:""`
	B *lc511 `inject:""`
}
type lc669 struct {
	lcBase
	A *lc668 `inject:""`
	B *lc196 `inject:""`
}
type lc670 struct {
	lcBase
	A *lc669 `inject:""`
	B *lc241 `inject:""`
}
type lc671 struct {
	lcBase
	A *lc670 `inject:""`
	B *lc551 `inject:""`
}
type lc672 struct {
	lcBase
	A *lc671 `inject:""`
	B *lc392 `inject:""`
}
type lc673 struct {
	lcBase
	A *lc672 `inject:""`
	B *lc106 `inject:""`
}
type lc674 struct {
	lcBase
	A *lc673 `inject:""`
	B *lc616 `inject:""`
}
type lc675 struct {
	lcBase
	A *lc674 `inject:""`
	B *lc485 `inject:""`
}
type lc676 struct {
	lcBase
	A *lc675 `inject:""`
	B *lc553 `inject:""`
}
type lc677 struct {
	lcBase
	A *lc676 `inject:""`
	B *lc297 `inject:""`
}
type lc678 struct {
	lcBase
	A *lc677 `inject:""`
	B *lc306 `inject:""`
}
type lc679 struct {
	lcBase
	A *lc678 `inject:""`
	B *lc106 `inject:""`
}
type lc680 struct {
	lcBase
	A *lc679 `inject:""`
	B *lc387 `inject:""`
}
type lc681 struct {
	lcBase
	A *lc680 `inject:""`
	B *lc95  `inject:""`
}
type lc682 struct {
	lcBase
	A *lc681 `inject:""`
	B *lc514 `inject:""`
}
type lc683 struct {
	lcBase
	A *lc682 `inject:""`
	B *lc183 `inject:""`
}
type lc684 struct {
	lcBase
	A *lc683 `inject:""`
	B *lc643 `inject:""`
}
type lc685 struct {
	lcBase
	A *lc684 `inject:""`
	B *lc670 `inject:""`
}
type lc686 struct {
	lcBase
	A *lc685 `inject:""`
	B *lc196 `inject:""`
}
type lc687 struct {
	lcBase
	A *lc686 `inject:""`
	B *lc35  `inject:""`
}
type lc688 struct {
	lcBase
	A *lc687 `inject:""`
	B *lc673 `inject:""`
}
type lc689 struct {
	lcBase
	A *lc688 `inject:""`
	B *lc117 `inject:""`
}
type lc690 struct {
	lcBase
	A *lc689 `inject:""`
	B *lc3   `inject:""`
}
type lc691 struct {
	lcBase
	A *lc690 `inject:""`
	B *lc478 `inject:""`
}
type lc692 struct {
	lcBase
	A *lc691 `inject:""`
	B *lc183 `inject:""`
}
type lc693 struct {
	lcBase
	A *lc692 `inject:""`
	B *lc83  `inject:""`
}
type lc694 struct {
	lcBase
	A *lc693 `inject:""`
	B *lc589 `inject:""`
}
type lc695 struct {
	lcBase
	A *lc694 `inject:""`
	B *lc502 `inject:""`
}
type lc696 struct {
	lcBase
	A *lc695 `inject:""`
	B *lc350 `inject:""`
}
type lc697 struct {
	lcBase
	A *lc696 `inject:""`
	B *lc682 `inject:""`
}
type lc698 struct {
	lcBase
	A *lc697 `inject:""`
	B *lc350 `inject:""`
}
type lc699 struct {
	lcBase
	A *lc698 `inject:""`
	B *lc37  `inject:""`
}
type lc700 struct {
	lcBase
	A *lc699 `inject:""`
	B *lc289 `inject:""`
}
type lc701 struct {
	lcBase
	A *lc700 `inject:""`
	B *lc260 `inject:""`
}
type lc702 struct {
	lcBase
	A *lc701 `inject:""`
	B *lc324 `inject:""`
}
type lc703 struct {
	lcBase
	A *lc702 `inject:""`
	B *lc202 `inject:""`
}
type lc704 struct {
	lcBase
	A *lc703 `inject:""`
	B *lc645 `inject:""`
}
type lc705 struct {
	lcBase
	A *lc704 `inject:""`
	B *lc159 `inject:""`
}
type lc706 struct {
	lcBase
	A *lc705 `inject:""`
	B *lc388 `inject:""`
}
type lc707 struct {
	lcBase
	A *lc706 `inject:""`
	B *lc386 `inject:""`
}
type lc708 struct {
	lcBase
	A *lc707 `inject:""`
	B *lc455 `inject:""`
}
type lc709 struct {
	lcBase
	A *lc708 `inject:""`
	B *lc682 `inject:""`
}
type lc710 struct {
	lcBase
	A *lc709 `inject:""`
	B *lc418 `inject:""`
}
type lc711 struct {
	lcBase
	A *lc710 `inject:""`
	B *lc585 `inject:""`
}
type lc712 struct {
	lcBase
	A *lc711 `inject:""`
	B *lc75  `inject:""`
}
type lc713 struct {
	lcBase
	A *lc712 `inject:""`
	B *lc60  `inject:""`
}
type lc714 struct {
	lcBase
	A *lc713 `inject:""`
	B *lc491 `inject:""`
}
type lc715 struct {
	lcBase
	A *lc714 `inject:""`
	B *lc273 `inject:""`
}
type lc716 struct {
	lcBase
	A *lc715 `inject:""`
	B *lc532 `inject:""`
}
type lc717 struct {
	lcBase
	A *lc716 `inject:""`
	B *lc699 `inject:""`
}
type lc718 struct {
	lcBase
	A *lc717 `inject:""`
	B *lc15  `inject:""`
}
type lc719 struct {
	lcBase
	A *lc718 `inject:""`
	B *lc456 `inject:""`
}
type lc720 struct {
	lcBase
	A *lc719 `inject:""`
	B *lc177 `inject:""`
}
type lc721 struct {
	lcBase
	A *lc720 `inject:""`
	B *lc57  `inject:""`
}
type lc722 struct {
	lcBase
	A *lc721 `inject:""`
	B *lc461 `inject:""`
}
type lc723 struct {
	lcBase
	A *lc722 `inject:""`
	B *lc637 `inject:""`
}
type lc724 struct {
	lcBase
	A *lc723 `inject:""`
	B *lc324 `inject:""`
}
type lc725 struct {
	lcBase
	A *lc724 `inject:""`
	B *lc332 `inject:""`
}
type lc726 struct {
	lcBase
	A *lc725 `inject:""`
	B *lc70  `inject:""`
}
type lc727 struct {
	lcBase
	A *lc726 `inject:""`
	B *lc621 `inject:""`
}
type lc728 struct {
	lcBase
	A *lc727 `inject:""`
	B *lc449 `inject:""`
}
type lc729 struct {
	lcBase
	A *lc728 `inject:""`
	B *lc679 `inject:""`
}
type lc730 struct {
	lcBase
	A *lc729 `inject:""`
	B *lc633 `inject:""`
}
type lc731 struct {
	lcBase
	A *lc730 `inject:""`
	B *lc342 `inject:""`
}
type lc732 struct {
	lcBase
	A *lc731 `inject:""`
	B *lc196 `inject:""`
}
type lc733 struct {
	lcBase
	A *lc732 `inject:""`
	B *lc657 `inject:""`
}
type lc734 struct {
	lcBase
	A *lc733 `inject:""`
	B *lc142 `inject:""`
}
type lc735 struct {
	lcBase
	A *lc734 `inject:""`
	B *lc604 `inject:""`
}
type lc736 struct {
	lcBase
	A *lc735 `inject:""`
	B *lc147 `inject:""`
}
type lc737 struct {
	lcBase
	A *lc736 `inject:""`
	B *lc596 `inject:""`
}
type lc738 struct {
	lcBase
	A *lc737 `inject:""`
	B *lc114 `inject:""`
}
type lc739 struct {
	lcBase
	A *lc738 `inject:""`
	B *lc325 `inject:""`
}
type lc740 struct {
	lcBase
	A *lc739 `inject:""`
	B *lc126 `inject:""`
}
type lc741 struct {
	lcBase
	A *lc740 `inject:""`
	B *lc494 `inject:""`
}
type lc742 struct {
	lcBase
	A *lc741 `inject:""`
	B *lc229 `inject:""`
}
type lc743 struct {
	lcBase
	A *lc742 `inject:""`
	B *lc720 `inject:""`
}
type lc744 struct {
	lcBase
	A *lc743 `inject:""`
	B *lc456 `inject:""`
}
type lc745 struct {
	lcBase
	A *lc744 `inject:""`
	B *lc241 `inject:""`
}
type lc746 struct {
	lcBase
	A *lc745 `inject:""`
	B *lc557 `inject:""`
}
type lc747 struct {
	lcBase
	A *lc746 `inject:""`
	B *lc72  `inject:""`
}
type lc748 struct {
	lcBase
	A *lc747 `inject:""`
	B *lc226 `inject:""`
}
type lc749 struct {
	lcBase
	A *lc748 `inject:""`
	B *lc664 `inject:""`
}
type lc750 struct {
	lcBase
	A *lc749 `inject:""`
	B *lc55  `inject:""`
}
type lc751 struct {
	lcBase
	A *lc750 `inject:""`
	B *lc679 `inject:""`
}
type lc752 struct {
	lcBase
	A *lc751 `inject:""`
	B *lc469 `inject:""`
}
type lc753 struct {
	lcBase
	A *lc752 `inject:""`
	B *lc270 `inject:""`
}
type lc754 struct {
	lcBase
	A *lc753 `inject:""`
	B *lc481 `inject:""`
}
type lc755 struct {
	lcBase
	A *lc754 `inject:""`
	B *lc37  `inject:""`
}
type lc756 struct {
	lcBase
	A *lc755 `inject:""`
	B *lc474 `inject:""`
}
type lc757 struct {
	lcBase
	A *lc756 `inject:""`
	B *lc649 `inject:""`
}
type lc758 struct {
	lcBase
	A *lc757 `inject:""`
	B *lc79  `inject:""`
}
type lc759 struct {
	lcBase
	A *lc758 `inject:""`
	B *lc316 `inject:""`
}
type lc760 struct {
	lcBase
	A *lc759 `inject:""`
	B *lc586 `inject:""`
}
type lc761 struct {
	lcBase
	A *lc760 `inject:""`
	B *lc451 `inject:""`
}
type lc762 struct {
	lcBase
	A *lc761 `inject:""`
	B *lc98  `inject:""`
}
type lc763 struct {
	lcBase
	A *lc762 `inject:""`
	B *lc337 `inject:""`
}
type lc764 struct {
	lcBase
	A *lc763 `inject:""`
	B *lc138 `inject:""`
}
type lc765 struct {
	lcBase
	A *lc764 `inject:""`
	B *lc430 `inject:""`
}
type lc766 struct {
	lcBase
	A *lc765 `inject:""`
	B *lc604 `inject:""`
}
type lc767 struct {
	lcBase
	A *lc766 `inject:""`
	B *lc303 `inject:""`
}
type lc768 struct {
	lcBase
	A *lc767 `inject:""`
	B *lc745 `inject:""`
}
type lc769 struct {
	lcBase
	A *lc768 `inject:""`
	B *lc457 `inject:""`
}
type lc770 struct {
	lcBase
	A *lc769 `inject:""`
	B *lc487 `inject:""`
}
type lc771 struct {
	lcBase
	A *lc770 `inject:""`
	B *lc46  `inject:""`
}
type lc772 struct {
	lcBase
	A *lc771 `inject:""`
	B *lc387 `inject:""`
}
type lc773 struct {
	lcBase
	A *lc772 `inject:""`
	B *lc123 `inject:""`
}
type lc774 struct {
	lcBase
	A *lc773 `inject:""`
	B *lc553 `inject:""`
}
type lc775 struct {
	lcBase
	A *lc774 `inject:""`
	B *lc18  `inject:""`
}
type lc776 struct {
	lcBase
	A *lc775 `inject:""`
	B *lc86  `inject:""`
}
type lc777 struct {
	lcBase
	A *lc776 `inject:""`
	B *lc534 `inject:""`
}
type lc778 struct {
	lcBase
	A *lc777 `inject:""`
	B *lc417 `inject:""`
}
type lc779 struct {
	lcBase
	A *lc778 `inject:""`
	B *lc389 `inject:""`
}
type lc780 struct {
	lcBase
	A *lc779 `inject:""`
	B *lc462 `inject:""`
}
type lc781 struct {
	lcBase
	A *lc780 `inject:""`
	B *lc228 `inject:""`
}
type lc782 struct {
	lcBase
	A *lc781 `inject:""`
	B *lc168 `inject:""`
}
type lc783 struct {
	lcBase
	A *lc782 `inject:""`
	B *lc714 `inject:""`
}
type lc784 struct {
	lcBase
	A *lc783 `inject:""`
	B *lc324 `inject:""`
}
type lc785 struct {
	lcBase
	A *lc784 `inject:""`
	B *lc19  `inject:""`
}
type lc786 struct {
	lcBase
	A *lc785 `inject:""`
	B *lc1   `inject:""`
}
type lc787 struct {
	lcBase
	A *lc786 `inject:""`
	B *lc708 `inject:""`
}
type lc788 struct {
	lcBase
	A *lc787 `inject:""`
	B *lc454 `inject:""`
}
type lc789 struct {
	lcBase
	A *lc788 `inject:""`
	B *lc66  `inject:""`
}
type lc790 struct {
	lcBase
	A *lc789 `inject:""`
	B *lc498 `inject:""`
}
type lc791 struct {
	lcBase
	A *lc790 `inject:""`
	B *lc321 `inject:""`
}
type lc792 struct {
	lcBase
	A *lc791 `inject:""`
	B *lc206 `inject:""`
}
type lc793 struct {
	lcBase
	A *lc792 `inject:""`
	B *lc288 `inject:""`
}
type lc794 struct {
	lcBase
	A *lc793 `inject:""`
	B *lc741 `inject:""`
}
type lc795 struct {
	lcBase
	A *lc794 `inject:""`
	B *lc407 `inject:""`
}
type lc796 struct {
	lcBase
	A *lc795 `inject:""`
	B *lc588 `inject:""`
}
type lc797 struct {
	lcBase
	A *lc796 `inject:""`
	B *lc543 `inject:""`
}
type lc798 struct {
	lcBase
	A *lc797 `inject:""`
	B *lc556 `inject:""`
}
type lc799 struct {
	lcBase
	A *lc798 `inject:""`
	B *lc228 `inject:""`
}
type lc800 struct {
	lcBase
	A *lc799 `inject:""`
	B *lc790 `inject:""`
}
type lc801 struct {
	lcBase
	A *lc800 `inject:""`
	B *lc445 `inject:""`
}
type lc802 struct {
	lcBase
	A *lc801 `inject:""`
	B *lc333 `inject:""`
}
type lc803 struct {
	lcBase
	A *lc802 `inject:""`
	B *lc645 `inject:""`
}
type lc804 struct {
	lcBase
	A *lc803 `inject:""`
	B *lc573 `inject:""`
}
type lc805 struct {
	lcBase
	A *lc804 `inject:""`
	B *lc348 `inject:""`
}
type lc806 struct {
	lcBase
	A *lc805 `inject:""`
	B *lc773 `inject:""`
}
type lc807 struct {
	lcBase
	A *lc806 `inject:""`
	B *lc549 `inject:""`
}
type lc808 struct {
	lcBase
	A *lc807 `inject:""`
	B *lc429 `inject:""`
}
type lc809 struct {
	lcBase
	A *lc808 `inject:""`
	B *lc138 `inject:""`
}
type lc810 struct {
	lcBase
	A *lc809 `inject:""`
	B *lc695 `inject:""`
}
type lc811 struct {
	lcBase
	A *lc810 `inject:""`
	B *lc648 `inject:""`
}
type lc812 struct {
	lcBase
	A *lc811 `inject:""`
	B *lc32  `inject:""`
}
type lc813 struct {
	lcBase
	A *lc812 `inject:""`
	B *lc437 `inject:""`
}
type lc814 struct {
	lcBase
	A *lc813 `inject:""`
	B *lc180 `inject:""`
}
type lc815 struct {
	lcBase
	A *lc814 `inject:""`
	B *lc44  `inject:""`
}
type lc816 struct {
	lcBase
	A *lc815 `inject:""`
	B *lc735 `inject:""`
}
type lc817 struct {
	lcBase
	A *lc816 `inject:""`
	B *lc552 `inject:""`
}
type lc818 struct {
	lcBase
	A *lc817 `inject:""`
	B *lc485 `inject:""`
}
type lc819 struct {
	lcBase
	A *lc818 `inject:""`
	B *lc23  `inject:""`
}
type lc820 struct {
	lcBase
	A *lc819 `inject:""`
	B *lc774 `inject:""`
}
type lc821 struct {
	lcBase
	A *lc820 `inject:""`
	B *lc762 `inject:""`
}
type lc822 struct {
	lcBase
	A *lc821 `inject:""`
	B *lc732 `inject:""`
}
type lc823 struct {
	lcBase
	A *lc822 `inject:""`
	B *lc154 `inject:""`
}
type lc824 struct {
	lcBase
	A *lc823 `inject:""`
	B *lc186 `inject:""`
}
type lc825 struct {
	lcBase
	A *lc824 `inject:""`
	B *lc301 `inject:""`
}
type lc826 struct {
	lcBase
	A *lc825 `inject:""`
	B *lc55  `inject:""`
}
type lc827 struct {
	lcBase
	A *lc826 `inject:""`
	B *lc450 `inject:""`
}
type lc828 struct {
	lcBase
	A *lc827 `inject:""`
	B *lc184 `inject:""`
}
type lc829 struct {
	lcBase
	A *lc828 `inject:""`
	B *lc555 `inject:""`
}
type lc830 struct {
	lcBase
	A *lc829 `inject:""`
	B *lc700 `inject:""`
}
type lc831 struct {
	lcBase
	A *lc830 `inject:""`
	B *lc115 `inject:""`
}
type lc832 struct {
	lcBase
	A *lc831 `inject:""`
	B *lc117 `inject:""`
}
type lc833 struct {
	lcBase
	A *lc832 `inject:""`
	B *lc818 `inject:""`
}
type lc834 struct {
	lcBase
	A *lc833 `inject:""`
	B *lc577 `inject:""`
}
type lc835 struct {
	lcBase
	A *lc834 `inject:""`
	B *lc429 `inject:""`
}
type lc836 struct {
	lcBase
	A *lc835 `inject:""`
	B *lc602 `inject:""`
}
type lc837 struct {
	lcBase
	A *lc836 `inject:""`
	B *lc309 `inject:""`
}
type lc838 struct {
	lcBase
	A *lc837 `inject:""`
	B *lc609 `inject:""`
}
type lc839 struct {
	lcBase
	A *lc838 `inject:""`
	B *lc604 `inject:""`
}
type lc840 struct {
	lcBase
	A *lc839 `inject:""`
	B *lc471 `inject:""`
}
type lc841 struct {
	lcBase
	A *lc840 `inject:""`
	B *lc519 `inject:""`
}
type lc842 struct {
	lcBase
	A *lc841 `inject:""`
	B *lc463 `inject:""`
}
type lc843 struct {
	lcBase
	A *lc842 `inject:""`
	B *lc479 `inject:""`
}
type lc844 struct {
	lcBase
	A *lc843 `inject:""`
	B *lc780 `inject:""`
}
type lc845 struct {
	lcBase
	A *lc844 `inject:""`
	B *lc578 `inject:""`
}
type lc846 struct {
	lcBase
	A *lc845 `inject:""`
	B *lc510 `inject:""`
}
type lc847 struct {
	lcBase
	A *lc846 `inject:""`
	B *lc249 `inject:""`
}
type lc848 struct {
	lcBase
	A *lc847 `inject:""`
	B *lc429 `inject:""`
}
type lc849 struct {
	lcBase
	A *lc848 `inject:""`
	B *lc668 `inject:""`
}
type lc850 struct {
	lcBase
	A *lc849 `inject:""`
	B *lc234 `inject:""`
}
type lc851 struct {
	lcBase
	A *lc850 `inject:""`
	B *lc262 `inject:""`
}
type lc852 struct {
	lcBase
	A *lc851 `inject:""`
	B *lc522 `inject:""`
}
type lc853 struct {
	lcBase
	A *lc852 `inject:""`
	B *lc279 `inject:""`
}
type lc854 struct {
	lcBase
	A *lc853 `inject:""`
	B *lc251 `inject:""`
}
type lc855 struct {
	lcBase
	A *lc854 `inject:""`
	B *lc700 `inject:""`
}
type lc856 struct {
	lcBase
	A *lc855 `inject:""`
	B *lc699 `inject:""`
}
type lc857 struct {
	lcBase
	A *lc856 `inject:""`
	B *lc498 `inject:""`
}
type lc858 struct {
	lcBase
	A *lc857 `inject:""`
	B *lc833 `inject:""`
}
type lc859 struct {
	lcBase
	A *lc858 `inject:""`
	B *lc21  `inject:""`
}
type lc860 struct {
	lcBase
	A *lc859 `inject:""`
	B *lc174 `inject:""`
}
type lc861 struct {
	lcBase
	A *lc860 `inject:""`
	B *lc436 `inject:""`
}
type lc862 struct {
	lcBase
	A *lc861 `inject:""`
	B *lc120 `inject:""`
}
type lc863 struct {
	lcBase
	A *lc862 `inject:""`
	B *lc90  `inject:""`
}
type lc864 struct {
	lcBase
	A *lc863 `inject:""`
	B *lc666 `inject:""`
}
type lc865 struct {
	lcBase
	A *lc864 `inject:""`
	B *lc231 `inject:""`
}
type lc866 struct {
	lcBase
	A *lc865 `inject:""`
	B *lc132 `inject:""`
}
type lc867 struct {
	lcBase
	A *lc866 `inject:""`
	B *lc22  `inject:""`
}
type lc868 struct {
	lcBase
	A *lc867 `inject:""`
	B *lc372 `inject:""`
}
type lc869 struct {
	lcBase
	A *lc868 `inject:""`
	B *lc113 `inject:""`
}
type lc870 struct {
	lcBase
	A *lc869 `inject:""`
	B *lc383 `inject:""`
}
type lc871 struct {
	lcBase
	A *lc870 `inject:""`
	B *lc489 `inject:""`
}
type lc872 struct {
	lcBase
	A *lc871 `inject:""`
	B *lc648 `inject:""`
}
type lc873 struct {
	lcBase
	A *lc872 `inject:""`
	B *lc92  `inject:""`
}
type lc874 struct {
	lcBase
	A *lc873 `inject:""`
	B *lc456 `inject:""`
}
type lc875 struct {
	lcBase
	A *lc874 `inject:""`
	B *lc541 `inject:""`
}
type lc876 struct {
	lcBase
	A *lc875 `inject:""`
	B *lc21  `inject:""`
}
type lc877 struct {
	lcBase
	A *lc876 `inject:""`
	B *lc75  `inject:""`
}
type lc878 struct {
	lcBase
	A *lc877 `inject:""`
	B *lc267 `inject:""`
}
type lc879 struct {
	lcBase
	A *lc878 `inject:""`
	B *lc104 `inject:""`
}
type lc880 struct {
	lcBase
	A *lc879 `inject:""`
	B *lc834 `inject:""`
}
type lc881 struct {
	lcBase
	A *lc880 `inject:""`
	B *lc833 `inject:""`
}
type lc882 struct {
	lcBase
	A *lc881 `inject:""`
	B *lc203 `inject:""`
}
type lc883 struct {
	lcBase
	A *lc882 `inject:""`
	B *lc645 `inject:""`
}
type lc884 struct {
	lcBase
	A *lc883 `inject:""`
	B *lc543 `inject:""`
}
type lc885 struct {
	lcBase
	A *lc884 `inject:""`
	B *lc108 `inject:""`
}
type lc886 struct {
	lcBase
	A *lc885 `inject:""`
	B *lc864 `inject:""`
}
type lc887 struct {
	lcBase
	A *lc886 `inject:""`
	B *lc129 `inject:""`
}
type lc888 struct {
	lcBase
	A *lc887 `inject:""`
	B *lc424 `inject:""`
}
type lc889 struct {
	lcBase
	A *lc888 `inject:""`
	B *lc134 `inject:""`
}
type lc890 struct {
	lcBase
	A *lc889 `inject:""`
	B *lc321 `inject:""`
}
type lc891 struct {
	lcBase
	A *lc890 `inject:""`
	B *lc806 `inject:""`
}
type lc892 struct {
	lcBase
	A *lc891 `inject:""`
	B *lc581 `inject:""`
}
type lc893 struct {
	lcBase
	A *lc892 `inject:""`
	B *lc5   `inject:""`
}
type lc894 struct {
	lcBase
	A *lc893 `inject:""`
	B *lc837 `inject:""`
}
type lc895 struct {
	lcBase
	A *lc894 `inject:""`
	B *lc716 `inject:""`
}
type lc896 struct {
	lcBase
	A *lc895 `inject:""`
	B *lc668 `inject:""`
}
type lc897 struct {
	lcBase
	A *lc896 `inject:""`
	B *lc28  `inject:""`
}
type lc898 struct {
	lcBase
	A *lc897 `inject:""`
	B *lc761 `inject:""`
}
type lc899 struct {
	lcBase
	A *lc898 `inject:""`
	B *lc157 `inject:""`
}
type lc900 struct {
	lcBase
	A *lc899 `inject:""`
	B *lc515 `inject:""`
}
type lc901 struct {
	lcBase
	A *lc900 `inject:""`
	B *lc878 `inject:""`
}
type lc902 struct {
	lcBase
	A *lc901 `inject:""`
	B *lc728 `inject:""`
}
type lc903 struct {
	lcBase
	A *lc902 `inject:""`
	B *lc790 `inject:""`
}
type lc904 struct {
	lcBase
	A *lc903 `inject:""`
	B *lc266 `inject:""`
}
type lc905 struct {
	lcBase
	A *lc904 `inject:""`
	B *lc81  `inject:""`
}
type lc906 struct {
	lcBase
	A *lc905 `inject:""`
	B *lc166 `inject:""`
}
type lc907 struct {
	lcBase
	A *lc906 `inject:""`
	B *lc770 `inject:""`
}
type lc908 struct {
	lcBase
	A *lc907 `inject:""`
	B *lc355 `inject:""`
}
type lc909 struct {
	lcBase
	A *lc908 `inject:""`
	B *lc607 `inject:""`
}
type lc910 struct {
	lcBase
	A *lc909 `inject:""`
	B *lc327 `inject:""`
}
type lc911 struct {
	lcBase
	A *lc910 `inject:""`
	B *lc13  `inject:""`
}
type lc912 struct {
	lcBase
	A *lc911 `inject:""`
	B *lc400 `inject:""`
}
type lc913 struct {
	lcBase
	A *lc912 `inject:""`
	B *lc486 `inject:""`
}
type lc914 struct {
	lcBase
	A *lc913 `inject:""`
	B *lc173 `inject:""`
}
type lc915 struct {
	lcBase
	A *lc914 `inject:""`
	B *lc487 `inject:""`
}
type lc916 struct {
	lcBase
	A *lc915 `inject:""`
	B *lc660 `inject:""`
}
type lc917 struct {
	lcBase
	A *lc916 `inject:""`
	B *lc73  `inject:""`
}
type lc918 struct {
	lcBase
	A *lc917 `inject:""`
	B *lc846 `inject:""`
}
type lc919 struct {
	lcBase
	A *lc918 `inject:""`
	B *lc192 `inject:""`
}
type lc920 struct {
	lcBase
	A *lc919 `inject:""`
	B *lc717 `inject:""`
}
type lc921 struct {
	lcBase
	A *lc920 `inject:""`
	B *lc475 `inject:""`
}
type lc922 struct {
	lcBase
	A *lc921 `inject:""`
	B *lc195 `inject:""`
}
type lc923 struct {
	lcBase
	A *lc922 `inject:""`
	B *lc295 `inject:""`
}
type lc924 struct {
	lcBase
	A *lc923 `inject:""`
	B *lc146 `inject:""`
}
type lc925 struct {
	lcBase
	A *lc924 `inject:""`
	B *lc810 `inject:""`
}
type lc926 struct {
	lcBase
	A *lc925 `inject:""`
	B *lc612 `inject:""`
}
type lc927 struct {
	lcBase
	A *lc926 `inject:""`
	B *lc583 `inject:""`
}
type lc928 struct {
	lcBase
	A *lc927 `inject:""`
	B *lc264 `inject:""`
}
type lc929 struct {
	lcBase
	A *lc928 `inject:""`
	B *lc656 `inject:""`
}
type lc930 struct {
	lcBase
	A *lc929 `inject:""`
	B *lc604 `inject:""`
}
type lc931 struct {
	lcBase
	A *lc930 `inject:""`
	B *lc420 `inject:""`
}
type lc932 struct {
	lcBase
	A *lc931 `inject:""`
	B *lc271 `inject:""`
}
type lc933 struct {
	lcBase
	A *lc932 `inject:""`
	B *lc819 `inject:""`
}
type lc934 struct {
	lcBase
	A *lc933 `inject:""`
	B *lc306 `inject:""`
}
type lc935 struct {
	lcBase
	A *lc934 `inject:""`
	B *lc176 `inject:""`
}
type lc936 struct {
	lcBase
	A *lc935 `inject:""`
	B *lc855 `inject:""`
}
type lc937 struct {
	lcBase
	A *lc936 `inject:""`
	B *lc750 `inject:""`
}
type lc938 struct {
	lcBase
	A *lc937 `inject:""`
	B *lc105 `inject:""`
}
type lc939 struct {
	lcBase
	A *lc938 `inject:""`
	B *lc95  `inject:""`
}
type lc940 struct {
	lcBase
	A *lc939 `inject:""`
	B *lc654 `inject:""`
}
type lc941 struct {
	lcBase
	A *lc940 `inject:""`
	B *lc672 `inject:""`
}
type lc942 struct {
	lcBase
	A *lc941 `inject:""`
	B *lc221 `inject:""`
}
type lc943 struct {
	lcBase
	A *lc942 `inject:""`
	B *lc732 `inject:""`
}
type lc944 struct {
	lcBase
	A *lc943 `inject:""`
	B *lc557 `inject:""`
}
type lc945 struct {
	lcBase
	A *lc944 `inject:""`
	B *lc219 `inject:""`
}
type lc946 struct {
	lcBase
	A *lc945 `inject:""`
	B *lc704 `inject:""`
}
type lc947 struct {
	lcBase
	A *lc946 `inject:""`
	B *lc260 `inject:""`
}
type lc948 struct {
	lcBase
	A *lc947 `inject:""`
	B *lc855 `inject:""`
}
type lc949 struct {
	lcBase
	A *lc948 `inject:""`
	B *lc233 `inject:""`
}
type lc950 struct {
	lcBase
	A *lc949 `inject:""`
	B *lc233 `inject:""`
}
type lc951 struct {
	lcBase
	A *lc950 `inject:""`
	B *lc947 `inject:""`
}
type lc952 struct {
	lcBase
	A *lc951 `inject:""`
	B *lc821 `inject:""`
}
type lc953 struct {
	lcBase
	A *lc952 `inject:""`
	B *lc880 `inject:""`
}
type lc954 struct {
	lcBase
	A *lc953 `inject:""`
	B *lc194 `inject:""`
}
type lc955 struct {
	lcBase
	A *lc954 `inject:""`
	B *lc119 `inject:""`
}
type lc956 struct {
	lcBase
	A *lc955 `inject:""`
	B *lc647 `inject:""`
}
type lc957 struct {
	lcBase
	A *lc956 `inject:""`
	B *lc147 `inject:""`
}
type lc958 struct {
	lcBase
	A *lc957 `inject:""`
	B *lc479 `inject:""`
}
type lc959 struct {
	lcBase
	A *lc958 `inject:""`
	B *lc782 `inject:""`
}
type lc960 struct {
	lcBase
	A *lc959 `inject:""`
	B *lc403 `inject:""`
}
type lc961 struct {
	lcBase
	A *lc960 `inject:""`
	B *lc389 `inject:""`
}
type lc962 struct {
	lcBase
	A *lc961 `inject:""`
	B *lc575 `inject:""`
}
type lc963 struct {
	lcBase
	A *lc962 `inject:""`
	B *lc499 `inject:""`
}
type lc964 struct {
	lcBase
	A *lc963 `inject:""`
	B *lc191 `inject:""`
}
type lc965 struct {
	lcBase
	A *lc964 `inject:""`
	B *lc92  `inject:""`
}
type lc966 struct {
	lcBase
	A *lc965 `inject:""`
	B *lc876 `inject:""`
}
type lc967 struct {
	lcBase
	A *lc966 `inject:""`
	B *lc179 `inject:""`
}
type lc968 struct {
	lcBase
	A *lc967 `inject:""`
	B *lc805 `inject:""`
}
type lc969 struct {
	lcBase
	A *lc968 `inject:""`
	B *lc962 `inject:""`
}
type lc970 struct {
	lcBase
	A *lc969 `inject:""`
	B *lc599 `inject:""`
}
type lc971 struct {
	lcBase
	A *lc970 `inject:""`
	B *lc894 `inject:""`
}
type lc972 struct {
	lcBase
	A *lc971 `inject:""`
	B *lc122 `inject:""`
}
type lc973 struct {
	lcBase
	A *lc972 `inject:""`
	B *lc677 `inject:""`
}
type lc974 struct {
	lcBase
	A *lc973 `inject:""`
	B *lc787 `inject:""`
}
type lc975 struct {
	lcBase
	A *lc974 `inject:""`
	B *lc584 `inject:""`
}
type lc976 struct {
	lcBase
	A *lc975 `inject:""`
	B *lc554 `inject:""`
}
type lc977 struct {
	lcBase
	A *lc976 `inject:""`
	B *lc864 `inject:""`
}
type lc978 struct {
	lcBase
	A *lc977 `inject:""`
	B *lc644 `inject:""`
}
type lc979 struct {
	lcBase
	A *lc978 `inject:""`
	B *lc323 `inject:""`
}
type lc980 struct {
	lcBase
	A *lc979 `inject:""`
	B *lc478 `inject:""`
}
type lc981 struct {
	lcBase
	A *lc980 `inject:""`
	B *lc486 `inject:""`
}
type lc982 struct {
	lcBase
	A *lc981 `inject:""`
	B *lc29  `inject:""`
}
type lc983 struct {
	lcBase
	A *lc982 `inject:""`
	B *lc886 `inject:""`
}
type lc984 struct {
	lcBase
	A *lc983 `inject:""`
	B *lc246 `inject:""`
}
type lc985 struct {
	lcBase
	A *lc984 `inject:""`
	B *lc653 `inject:""`
}
type lc986 struct {
	lcBase
	A *lc985 `inject:""`
	B *lc353 `inject:""`
}
type lc987 struct {
	lcBase
	A *lc986 `inject:""`
	B *lc12  `inject:""`
}
type lc988 struct {
	lcBase
	A *lc987 `inject:""`
	B *lc179 `inject:""`
}
type lc989 struct {
	lcBase
	A *lc988 `inject:""`
	B *lc39  `inject:""`
}
type lc990 struct {
	lcBase
	A *lc989 `inject:""`
	B *lc813 `inject:""`
}
type lc991 struct {
	lcBase
	A *lc990 `inject:""`
	B *lc479 `inject:""`
}
type lc992 struct {
	lcBase
	A *lc991 `inject:""`
	B *lc74  `inject:""`
}
type lc993 struct {
	lcBase
	A *lc992 `inject:""`
	B *lc666 `inject:""`
}
type lc994 struct {
	lcBase
	A *lc993 `inject:""`
	B *lc420 `inject:""`
}
type lc995 struct {
	lcBase
	A *lc994 `inject:""`
	B *lc541 `inject:""`
}
type lc996 struct {
	lcBase
	A *lc995 `inject:""`
	B *lc501 `inject:""`
}
type lc997 struct {
	lcBase
	A *lc996 `inject:""`
	B *lc729 `inject:""`
}
type lc998 struct {
	lcBase
	A *lc997 `inject:""`
	B *lc478 `inject:""`
}
type lc999 struct {
	lcBase
	A *lc998 `inject:""`
	B *lc214 `inject:""`
}

// lcZero holds a nil pointer to each type, in order.
var lcZero = [1000]any{
	(*lc0)(nil),
	(*lc1)(nil),
	(*lc2)(nil),
	(*lc3)(nil),
	(*lc4)(nil),
	(*lc5)(nil),
	(*lc6)(nil),
	(*lc7)(nil),
	(*lc8)(nil),
	(*lc9)(nil),
	(*lc10)(nil),
	(*lc11)(nil),
	(*lc12)(nil),
	(*lc13)(nil),
	(*lc14)(nil),
	(*lc15)(nil),
	(*lc16)(nil),
	(*lc17)(nil),
	(*lc18)(nil),
	(*lc19)(nil),
	(*lc20)(nil),
	(*lc21)(nil),
	(*lc22)(nil),
	(*lc23)(nil),
	(*lc24)(nil),
	(*lc25)(nil),
	(*lc26)(nil),
	(*lc27)(nil),
	(*lc28)(nil),
	(*lc29)(nil),
	(*lc30)(nil),
	(*lc31)(nil),
	(*lc32)(nil),
	(*lc33)(nil),
	(*lc34)(nil),
	(*lc35)(nil),
	(*lc36)(nil),
	(*lc37)(nil),
	(*lc38)(nil),
	(*lc39)(nil),
	(*lc40)(nil),
	(*lc41)(nil),
	(*lc42)(nil),
	(*lc43)(nil),
	(*lc44)(nil),
	(*lc45)(nil),
	(*lc46)(nil),
	(*lc47)(nil),
	(*lc48)(nil),
	(*lc49)(nil),
	(*lc50)(nil),
	(*lc51)(nil),
	(*lc52)(nil),
	(*lc53)(nil),
	(*lc54)(nil),
	(*lc55)(nil),
	(*lc56)(nil),
	(*lc57)(nil),
	(*lc58)(nil),
	(*lc59)(nil),
	(*lc60)(nil),
	(*lc61)(nil),
	(*lc62)(nil),
	(*lc63)(nil),
	(*lc64)(nil),
	(*lc65)(nil),
	(*lc66)(nil),
	(*lc67)(nil),
	(*lc68)(nil),
	(*lc69)(nil),
	(*lc70)(nil),
	(*lc71)(nil),
	(*lc72)(nil),
	(*lc73)(nil),
	(*lc74)(nil),
	(*lc75)(nil),
	(*lc76)(nil),
	(*lc77)(nil),
	(*lc78)(nil),
	(*lc79)(nil),
	(*lc80)(nil),
	(*lc81)(nil),
	(*lc82)(nil),
	(*lc83)(nil),
	(*lc84)(nil),
	(*lc85)(nil),
	(*lc86)(nil),
	(*lc87)(nil),
	(*lc88)(nil),
	(*lc89)(nil),
	(*lc90)(nil),
	(*lc91)(nil),
	(*lc92)(nil),
	(*lc93)(nil),
	(*lc94)(nil),
	(*lc95)(nil),
	(*lc96)(nil),
	(*lc97)(nil),
	(*lc98)(nil),
	(*lc99)(nil),
	(*lc100)(nil),
	(*lc101)(nil),
	(*lc102)(nil),
	(*lc103)(nil),
	(*lc104)(nil),
	(*lc105)(nil),
	(*lc106)(nil),
	(*lc107)(nil),
	(*lc108)(nil),
	(*lc109)(nil),
	(*lc110)(nil),
	(*lc111)(nil),
	(*lc112)(nil),
	(*lc113)(nil),
	(*lc114)(nil),
	(*lc115)(nil),
	(*lc116)(nil),
	(*lc117)(nil),
	(*lc118)(nil),
	(*lc119)(nil),
	(*lc120)(nil),
	(*lc121)(nil),
	(*lc122)(nil),
	(*lc123)(nil),
	(*lc124)(nil),
	(*lc125)(nil),
	(*lc126)(nil),
	(*lc127)(nil),
	(*lc128)(nil),
	(*lc129)(nil),
	(*lc130)(nil),
	(*lc131)(nil),
	(*lc132)(nil),
	(*lc133)(nil),
	(*lc134)(nil),
	(*lc135)(nil),
	(*lc136)(nil),
	(*lc137)(nil),
	(*lc138)(nil),
	(*lc139)(nil),
	(*lc140)(nil),
	(*lc141)(nil),
	(*lc142)(nil),
	(*lc143)(nil),
	(*lc144)(nil),
	(*lc145)(nil),
	(*lc146)(nil),
	(*lc147)(nil),
	(*lc148)(nil),
	(*lc149)(nil),
	(*lc150)(nil),
	(*lc151)(nil),
	(*lc152)(nil),
	(*lc153)(nil),
	(*lc154)(nil),
	(*lc155)(nil),
	(*lc156)(nil),
	(*lc157)(nil),
	(*lc158)(nil),
	(*lc159)(nil),
	(*lc160)(nil),
	(*lc161)(nil),
	(*lc162)(nil),
	(*lc163)(nil),
	(*lc164)(nil),
	(*lc165)(nil),
	(*lc166)(nil),
	(*lc167)(nil),
	(*lc168)(nil),
	(*lc169)(nil),
	(*lc170)(nil),
	(*lc171)(nil),
	(*lc172)(nil),
	(*lc173)(nil),
	(*lc174)(nil),
	(*lc175)(nil),
	(*lc176)(nil),
	(*lc177)(nil),
	(*lc178)(nil),
	(*lc179)(nil),
	(*lc180)(nil),
	(*lc181)(nil),
	(*lc182)(nil),
	(*lc183)(nil),
	(*lc184)(nil),
	(*lc185)(nil),
	(*lc186)(nil),
	(*lc187)(nil),
	(*lc188)(nil),
	(*lc189)(nil),
	(*lc190)(nil),
	(*lc191)(nil),
	(*lc192)(nil),
	(*lc193)(nil),
	(*lc194)(nil),
	(*lc195)(nil),
	(*lc196)(nil),
	(*lc197)(nil),
	(*lc198)(nil),
	(*lc199)(nil),
	(*lc200)(nil),
	(*lc201)(nil),
	(*lc202)(nil),
	(*lc203)(nil),
	(*lc204)(nil),
	(*lc205)(nil),
	(*lc206)(nil),
	(*lc207)(nil),
	(*lc208)(nil),
	(*lc209)(nil),
	(*lc210)(nil),
	(*lc211)(nil),
	(*lc212)(nil),
	(*lc213)(nil),
	(*lc214)(nil),
	(*lc215)(nil),
	(*lc216)(nil),
	(*lc217)(nil),
	(*lc218)(nil),
	(*lc219)(nil),
	(*lc220)(nil),
	(*lc221)(nil),
	(*lc222)(nil),
	(*lc223)(nil),
	(*lc224)(nil),
	(*lc225)(nil),
	(*lc226)(nil),
	(*lc227)(nil),
	(*lc228)(nil),
	(*lc229)(nil),
	(*lc230)(nil),
	(*lc231)(nil),
	(*lc232)(nil),
	(*lc233)(nil),
	(*lc234)(nil),
	(*lc235)(nil),
	(*lc236)(nil),
	(*lc237)(nil),
	(*lc238)(nil),
	(*lc239)(nil),
	(*lc240)(nil),
	(*lc241)(nil),
	(*lc242)(nil),
	(*lc243)(nil),
	(*lc244)(nil),
	(*lc245)(nil),
	(*lc246)(nil),
	(*lc247)(nil),
	(*lc248)(nil),
	(*lc249)(nil),
	(*lc250)(nil),
	(*lc251)(nil),
	(*lc252)(nil),
	(*lc253)(nil),
	(*lc254)(nil),
	(*lc255)(nil),
	(*lc256)(nil),
	(*lc257)(nil),
	(*lc258)(nil),
	(*lc259)(nil),
	(*lc260)(nil),
	(*lc261)(nil),
	(*lc262)(nil),
	(*lc263)(nil),
	(*lc264)(nil),
	(*lc265)(nil),
	(*lc266)(nil),
	(*lc267)(nil),
	(*lc268)(nil),
	(*lc269)(nil),
	(*lc270)(nil),
	(*lc271)(nil),
	(*lc272)(nil),
	(*lc273)(nil),
	(*lc274)(nil),
	(*lc275)(nil),
	(*lc276)(nil),
	(*lc277)(nil),
	(*lc278)(nil),
	(*lc279)(nil),
	(*lc280)(nil),
	(*lc281)(nil),
	(*lc282)(nil),
	(*lc283)(nil),
	(*lc284)(nil),
	(*lc285)(nil),
	(*lc286)(nil),
	(*lc287)(nil),
	(*lc288)(nil),
	(*lc289)(nil),
	(*lc290)(nil),
	(*lc291)(nil),
	(*lc292)(nil),
	(*lc293)(nil),
	(*lc294)(nil),
	(*lc295)(nil),
	(*lc296)(nil),
	(*lc297)(nil),
	(*lc298)(nil),
	(*lc299)(nil),
	(*lc300)(nil),
	(*lc301)(nil),
	(*lc302)(nil),
	(*lc303)(nil),
	(*lc304)(nil),
	(*lc305)(nil),
	(*lc306)(nil),
	(*lc307)(nil),
	(*lc308)(nil),
	(*lc309)(nil),
	(*lc310)(nil),
	(*lc311)(nil),
	(*lc312)(nil),
	(*lc313)(nil),
	(*lc314)(nil),
	(*lc315)(nil),
	(*lc316)(nil),
	(*lc317)(nil),
	(*lc318)(nil),
	(*lc319)(nil),
	(*lc320)(nil),
	(*lc321)(nil),
	(*lc322)(nil),
	(*lc323)(nil),
	(*lc324)(nil),
	(*lc325)(nil),
	(*lc326)(nil),
	(*lc327)(nil),
	(*lc328)(nil),
	(*lc329)(nil),
	(*lc330)(nil),
	(*lc331)(nil),
	(*lc332)(nil),
	(*lc333)(nil),
	(*lc334)(nil),
	(*lc335)(nil),
	(*lc336)(nil),
	(*lc337)(nil),
	(*lc338)(nil),
	(*lc339)(nil),
	(*lc340)(nil),
	(*lc341)(nil),
	(*lc342)(nil),
	(*lc343)(nil),
	(*lc344)(nil),
	(*lc345)(nil),
	(*lc346)(nil),
	(*lc347)(nil),
	(*lc348)(nil),
	(*lc349)(nil),
	(*lc350)(nil),
	(*lc351)(nil),
	(*lc352)(nil),
	(*lc353)(nil),
	(*lc354)(nil),
	(*lc355)(nil),
	(*lc356)(nil),
	(*lc357)(nil),
	(*lc358)(nil),
	(*lc359)(nil),
	(*lc360)(nil),
	(*lc361)(nil),
	(*lc362)(nil),
	(*lc363)(nil),
	(*lc364)(nil),
	(*lc365)(nil),
	(*lc366)(nil),
	(*lc367)(nil),
	(*lc368)(nil),
	(*lc369)(nil),
	(*lc370)(nil),
	(*lc371)(nil),
	(*lc372)(nil),
	(*lc373)(nil),
	(*lc374)(nil),
	(*lc375)(nil),
	(*lc376)(nil),
	(*lc377)(nil),
	(*lc378)(nil),
	(*lc379)(nil),
	(*lc380)(nil),
	(*lc381)(nil),
	(*lc382)(nil),
	(*lc383)(nil),
	(*lc384)(nil),
	(*lc385)(nil),
	(*lc386)(nil),
	(*lc387)(nil),
	(*lc388)(nil),
	(*lc389)(nil),
	(*lc390)(nil),
	(*lc391)(nil),
	(*lc392)(nil),
	(*lc393)(nil),
	(*lc394)(nil),
	(*lc395)(nil),
	(*lc396)(nil),
	(*lc397)(nil),
	(*lc398)(nil),
	(*lc399)(nil),
	(*lc400)(nil),
	(*lc401)(nil),
	(*lc402)(nil),
	(*lc403)(nil),
	(*lc404)(nil),
	(*lc405)(nil),
	(*lc406)(nil),
	(*lc407)(nil),
	(*lc408)(nil),
	(*lc409)(nil),
	(*lc410)(nil),
	(*lc411)(nil),
	(*lc412)(nil),
	(*lc413)(nil),
	(*lc414)(nil),
	(*lc415)(nil),
	(*lc416)(nil),
	(*lc417)(nil),
	(*lc418)(nil),
	(*lc419)(nil),
	(*lc420)(nil),
	(*lc421)(nil),
	(*lc422)(nil),
	(*lc423)(nil),
	(*lc424)(nil),
	(*lc425)(nil),
	(*lc426)(nil),
	(*lc427)(nil),
	(*lc428)(nil),
	(*lc429)(nil),
	(*lc430)(nil),
	(*lc431)(nil),
	(*lc432)(nil),
	(*lc433)(nil),
	(*lc434)(nil),
	(*lc435)(nil),
	(*lc436)(nil),
	(*lc437)(nil),
	(*lc438)(nil),
	(*lc439)(nil),
	(*lc440)(nil),
	(*lc441)(nil),
	(*lc442)(nil),
	(*lc443)(nil),
	(*lc444)(nil),
	(*lc445)(nil),
	(*lc446)(nil),
	(*lc447)(nil),
	(*lc448)(nil),
	(*lc449)(nil),
	(*lc450)(nil),
	(*lc451)(nil),
	(*lc452)(nil),
	(*lc453)(nil),
	(*lc454)(nil),
	(*lc455)(nil),
	(*lc456)(nil),
	(*lc457)(nil),
	(*lc458)(nil),
	(*lc459)(nil),
	(*lc460)(nil),
	(*lc461)(nil),
	(*lc462)(nil),
	(*lc463)(nil),
	(*lc464)(nil),
	(*lc465)(nil),
	(*lc466)(nil),
	(*lc467)(nil),
	(*lc468)(nil),
	(*lc469)(nil),
	(*lc470)(nil),
	(*lc471)(nil),
	(*lc472)(nil),
	(*lc473)(nil),
	(*lc474)(nil),
	(*lc475)(nil),
	(*lc476)(nil),
	(*lc477)(nil),
	(*lc478)(nil),
	(*lc479)(nil),
	(*lc480)(nil),
	(*lc481)(nil),
	(*lc482)(nil),
	(*lc483)(nil),
	(*lc484)(nil),
	(*lc485)(nil),
	(*lc486)(nil),
	(*lc487)(nil),
	(*lc488)(nil),
	(*lc489)(nil),
	(*lc490)(nil),
	(*lc491)(nil),
	(*lc492)(nil),
	(*lc493)(nil),
	(*lc494)(nil),
	(*lc495)(nil),
	(*lc496)(nil),
	(*lc497)(nil),
	(*lc498)(nil),
	(*lc499)(nil),
	(*lc500)(nil),
	(*lc501)(nil),
	(*lc502)(nil),
	(*lc503)(nil),
	(*lc504)(nil),
	(*lc505)(nil),
	(*lc506)(nil),
	(*lc507)(nil),
	(*lc508)(nil),
	(*lc509)(nil),
	(*lc510)(nil),
	(*lc511)(nil),
	(*lc512)(nil),
	(*lc513)(nil),
	(*lc514)(nil),
	(*lc515)(nil),
	(*lc516)(nil),
	(*lc517)(nil),
	(*lc518)(nil),
	(*lc519)(nil),
	(*lc520)(nil),
	(*lc521)(nil),
	(*lc522)(nil),
	(*lc523)(nil),
	(*lc524)(nil),
	(*lc525)(nil),
	(*lc526)(nil),
	(*lc527)(nil),
	(*lc528)(nil),
	(*lc529)(nil),
	(*lc530)(nil),
	(*lc531)(nil),
	(*lc532)(nil),
	(*lc533)(nil),
	(*lc534)(nil),
	(*lc535)(nil),
	(*lc536)(nil),
	(*lc537)(nil),
	(*lc538)(nil),
	(*lc539)(nil),
	(*lc540)(nil),
	(*lc541)(nil),
	(*lc542)(nil),
	(*lc543)(nil),
	(*lc544)(nil),
	(*lc545)(nil),
	(*lc546)(nil),
	(*lc547)(nil),
	(*lc548)(nil),
	(*lc549)(nil),
	(*lc550)(nil),
	(*lc551)(nil),
	(*lc552)(nil),
	(*lc553)(nil),
	(*lc554)(nil),
	(*lc555)(nil),
	(*lc556)(nil),
	(*lc557)(nil),
	(*lc558)(nil),
	(*lc559)(nil),
	(*lc560)(nil),
	(*lc561)(nil),
	(*lc562)(nil),
	(*lc563)(nil),
	(*lc564)(nil),
	(*lc565)(nil),
	(*lc566)(nil),
	(*lc567)(nil),
	(*lc568)(nil),
	(*lc569)(nil),
	(*lc570)(nil),
	(*lc571)(nil),
	(*lc572)(nil),
	(*lc573)(nil),
	(*lc574)(nil),
	(*lc575)(nil),
	(*lc576)(nil),
	(*lc577)(nil),
	(*lc578)(nil),
	(*lc579)(nil),
	(*lc580)(nil),
	(*lc581)(nil),
	(*lc582)(nil),
	(*lc583)(nil),
	(*lc584)(nil),
	(*lc585)(nil),
	(*lc586)(nil),
	(*lc587)(nil),
	(*lc588)(nil),
	(*lc589)(nil),
	(*lc590)(nil),
	(*lc591)(nil),
	(*lc592)(nil),
	(*lc593)(nil),
	(*lc594)(nil),
	(*lc595)(nil),
	(*lc596)(nil),
	(*lc597)(nil),
	(*lc598)(nil),
	(*lc599)(nil),
	(*lc600)(nil),
	(*lc601)(nil),
	(*lc602)(nil),
	(*lc603)(nil),
	(*lc604)(nil),
	(*lc605)(nil),
	(*lc606)(nil),
	(*lc607)(nil),
	(*lc608)(nil),
	(*lc609)(nil),
	(*lc610)(nil),
	(*lc611)(nil),
	(*lc612)(nil),
	(*lc613)(nil),
	(*lc614)(nil),
	(*lc615)(nil),
	(*lc616)(nil),
	(*lc617)(nil),
	(*lc618)(nil),
	(*lc619)(nil),
	(*lc620)(nil),
	(*lc621)(nil),
	(*lc622)(nil),
	(*lc623)(nil),
	(*lc624)(nil),
	(*lc625)(nil),
	(*lc626)(nil),
	(*lc627)(nil),
	(*lc628)(nil),
	(*lc629)(nil),
	(*lc630)(nil),
	(*lc631)(nil),
	(*lc632)(nil),
	(*lc633)(nil),
	(*lc634)(nil),
	(*lc635)(nil),
	(*lc636)(nil),
	(*lc637)(nil),
	(*lc638)(nil),
	(*lc639)(nil),
	(*lc640)(nil),
	(*lc641)(nil),
	(*lc642)(nil),
	(*lc643)(nil),
	(*lc644)(nil),
	(*lc645)(nil),
	(*lc646)(nil),
	(*lc647)(nil),
	(*lc648)(nil),
	(*lc649)(nil),
	(*lc650)(nil),
	(*lc651)(nil),
	(*lc652)(nil),
	(*lc653)(nil),
	(*lc654)(nil),
	(*lc655)(nil),
	(*lc656)(nil),
	(*lc657)(nil),
	(*lc658)(nil),
	(*lc659)(nil),
	(*lc660)(nil),
	(*lc661)(nil),
	(*lc662)(nil),
	(*lc663)(nil),
	(*lc664)(nil),
	(*lc665)(nil),
	(*lc666)(nil),
	(*lc667)(nil),
	(*lc668)(nil),
	(*lc669)(nil),
	(*lc670)(nil),
	(*lc671)(nil),
	(*lc672)(nil),
	(*lc673)(nil),
	(*lc674)(nil),
	(*lc675)(nil),
	(*lc676)(nil),
	(*lc677)(nil),
	(*lc678)(nil),
	(*lc679)(nil),
	(*lc680)(nil),
	(*lc681)(nil),
	(*lc682)(nil),
	(*lc683)(nil),
	(*lc684)(nil),
	(*lc685)(nil),
	(*lc686)(nil),
	(*lc687)(nil),
	(*lc688)(nil),
	(*lc689)(nil),
	(*lc690)(nil),
	(*lc691)(nil),
	(*lc692)(nil),
	(*lc693)(nil),
	(*lc694)(nil),
	(*lc695)(nil),
	(*lc696)(nil),
	(*lc697)(nil),
	(*lc698)(nil),
	(*lc699)(nil),
	(*lc700)(nil),
	(*lc701)(nil),
	(*lc702)(nil),
	(*lc703)(nil),
	(*lc704)(nil),
	(*lc705)(nil),
	(*lc706)(nil),
	(*lc707)(nil),
	(*lc708)(nil),
	(*lc709)(nil),
	(*lc710)(nil),
	(*lc711)(nil),
	(*lc712)(nil),
	(*lc713)(nil),
	(*lc714)(nil),
	(*lc715)(nil),
	(*lc716)(nil),
	(*lc717)(nil),
	(*lc718)(nil),
	(*lc719)(nil),
	(*lc720)(nil),
	(*lc721)(nil),
	(*lc722)(nil),
	(*lc723)(nil),
	(*lc724)(nil),
	(*lc725)(nil),
	(*lc726)(nil),
	(*lc727)(nil),
	(*lc728)(nil),
	(*lc729)(nil),
	(*lc730)(nil),
	(*lc731)(nil),
	(*lc732)(nil),
	(*lc733)(nil),
	(*lc734)(nil),
	(*lc735)(nil),
	(*lc736)(nil),
	(*lc737)(nil),
	(*lc738)(nil),
	(*lc739)(nil),
	(*lc740)(nil),
	(*lc741)(nil),
	(*lc742)(nil),
	(*lc743)(nil),
	(*lc744)(nil),
	(*lc745)(nil),
	(*lc746)(nil),
	(*lc747)(nil),
	(*lc748)(nil),
	(*lc749)(nil),
	(*lc750)(nil),
	(*lc751)(nil),
	(*lc752)(nil),
	(*lc753)(nil),
	(*lc754)(nil),
	(*lc755)(nil),
	(*lc756)(nil),
	(*lc757)(nil),
	(*lc758)(nil),
	(*lc759)(nil),
	(*lc760)(nil),
	(*lc761)(nil),
	(*lc762)(nil),
	(*lc763)(nil),
	(*lc764)(nil),
	(*lc765)(nil),
	(*lc766)(nil),
	(*lc767)(nil),
	(*lc768)(nil),
	(*lc769)(nil),
	(*lc770)(nil),
	(*lc771)(nil),
	(*lc772)(nil),
	(*lc773)(nil),
	(*lc774)(nil),
	(*lc775)(nil),
	(*lc776)(nil),
	(*lc777)(nil),
	(*lc778)(nil),
	(*lc779)(nil),
	(*lc780)(nil),
	(*lc781)(nil),
	(*lc782)(nil),
	(*lc783)(nil),
	(*lc784)(nil),
	(*lc785)(nil),
	(*lc786)(nil),
	(*lc787)(nil),
	(*lc788)(nil),
	(*lc789)(nil),
	(*lc790)(nil),
	(*lc791)(nil),
	(*lc792)(nil),
	(*lc793)(nil),
	(*lc794)(nil),
	(*lc795)(nil),
	(*lc796)(nil),
	(*lc797)(nil),
	(*lc798)(nil),
	(*lc799)(nil),
	(*lc800)(nil),
	(*lc801)(nil),
	(*lc802)(nil),
	(*lc803)(nil),
	(*lc804)(nil),
	(*lc805)(nil),
	(*lc806)(nil),
	(*lc807)(nil),
	(*lc808)(nil),
	(*lc809)(nil),
	(*lc810)(nil),
	(*lc811)(nil),
	(*lc812)(nil),
	(*lc813)(nil),
	(*lc814)(nil),
	(*lc815)(nil),
	(*lc816)(nil),
	(*lc817)(nil),
	(*lc818)(nil),
	(*lc819)(nil),
	(*lc820)(nil),
	(*lc821)(nil),
	(*lc822)(nil),
	(*lc823)(nil),
	(*lc824)(nil),
	(*lc825)(nil),
	(*lc826)(nil),
	(*lc827)(nil),
	(*lc828)(nil),
	(*lc829)(nil),
	(*lc830)(nil),
	(*lc831)(nil),
	(*lc832)(nil),
	(*lc833)(nil),
	(*lc834)(nil),
	(*lc835)(nil),
	(*lc836)(nil),
	(*lc837)(nil),
	(*lc838)(nil),
	(*lc839)(nil),
	(*lc840)(nil),
	(*lc841)(nil),
	(*lc842)(nil),
	(*lc843)(nil),
	(*lc844)(nil),
	(*lc845)(nil),
	(*lc846)(nil),
	(*lc847)(nil),
	(*lc848)(nil),
	(*lc849)(nil),
	(*lc850)(nil),
	(*lc851)(nil),
	(*lc852)(nil),
	(*lc853)(nil),
	(*lc854)(nil),
	(*lc855)(nil),
	(*lc856)(nil),
	(*lc857)(nil),
	(*lc858)(nil),
	(*lc859)(nil),
	(*lc860)(nil),
	(*lc861)(nil),
	(*lc862)(nil),
	(*lc863)(nil),
	(*lc864)(nil),
	(*lc865)(nil),
	(*lc866)(nil),
	(*lc867)(nil),
	(*lc868)(nil),
	(*lc869)(nil),
	(*lc870)(nil),
	(*lc871)(nil),
	(*lc872)(nil),
	(*lc873)(nil),
	(*lc874)(nil),
	(*lc875)(nil),
	(*lc876)(nil),
	(*lc877)(nil),
	(*lc878)(nil),
	(*lc879)(nil),
	(*lc880)(nil),
	(*lc881)(nil),
	(*lc882)(nil),
	(*lc883)(nil),
	(*lc884)(nil),
	(*lc885)(nil),
	(*lc886)(nil),
	(*lc887)(nil),
	(*lc888)(nil),
	(*lc889)(nil),
	(*lc890)(nil),
	(*lc891)(nil),
	(*lc892)(nil),
	(*lc893)(nil),
	(*lc894)(nil),
	(*lc895)(nil),
	(*lc896)(nil),
	(*lc897)(nil),
	(*lc898)(nil),
	(*lc899)(nil),
	(*lc900)(nil),
	(*lc901)(nil),
	(*lc902)(nil),
	(*lc903)(nil),
	(*lc904)(nil),
	(*lc905)(nil),
	(*lc906)(nil),
	(*lc907)(nil),
	(*lc908)(nil),
	(*lc909)(nil),
	(*lc910)(nil),
	(*lc911)(nil),
	(*lc912)(nil),
	(*lc913)(nil),
	(*lc914)(nil),
	(*lc915)(nil),
	(*lc916)(nil),
	(*lc917)(nil),
	(*lc918)(nil),
	(*lc919)(nil),
	(*lc920)(nil),
	(*lc921)(nil),
	(*lc922)(nil),
	(*lc923)(nil),
	(*lc924)(nil),
	(*lc925)(nil),
	(*lc926)(nil),
	(*lc927)(nil),
	(*lc928)(nil),
	(*lc929)(nil),
	(*lc930)(nil),
	(*lc931)(nil),
	(*lc932)(nil),
	(*lc933)(nil),
	(*lc934)(nil),
	(*lc935)(nil),
	(*lc936)(nil),
	(*lc937)(nil),
	(*lc938)(nil),
	(*lc939)(nil),
	(*lc940)(nil),
	(*lc941)(nil),
	(*lc942)(nil),
	(*lc943)(nil),
	(*lc944)(nil),
	(*lc945)(nil),
	(*lc946)(nil),
	(*lc947)(nil),
	(*lc948)(nil),
	(*lc949)(nil),
	(*lc950)(nil),
	(*lc951)(nil),
	(*lc952)(nil),
	(*lc953)(nil),
	(*lc954)(nil),
	(*lc955)(nil),
	(*lc956)(nil),
	(*lc957)(nil),
	(*lc958)(nil),
	(*lc959)(nil),
	(*lc960)(nil),
	(*lc961)(nil),
	(*lc962)(nil),
	(*lc963)(nil),
	(*lc964)(nil),
	(*lc965)(nil),
	(*lc966)(nil),
	(*lc967)(nil),
	(*lc968)(nil),
	(*lc969)(nil),
	(*lc970)(nil),
	(*lc971)(nil),
	(*lc972)(nil),
	(*lc973)(nil),
	(*lc974)(nil),
	(*lc975)(nil),
	(*lc976)(nil),
	(*lc977)(nil),
	(*lc978)(nil),
	(*lc979)(nil),
	(*lc980)(nil),
	(*lc981)(nil),
	(*lc982)(nil),
	(*lc983)(nil),
	(*lc984)(nil),
	(*lc985)(nil),
	(*lc986)(nil),
	(*lc987)(nil),
	(*lc988)(nil),
	(*lc989)(nil),
	(*lc990)(nil),
	(*lc991)(nil),
	(*lc992)(nil),
	(*lc993)(nil),
	(*lc994)(nil),
	(*lc995)(nil),
	(*lc996)(nil),
	(*lc997)(nil),
	(*lc998)(nil),
	(*lc999)(nil),
}
