package lifecycle

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

type (
	store     interface{ Get(key string) string }
	memStore  struct{ data map[string]string }
	diskStore struct{ dir string }
	settings  struct{ DSN string }
	// logger has a size, so that distinct values have distinct addresses.
	logger struct {
		prefix string //lint:ignore U1000 gives the type a size
	}
	options struct {
		Log   *logger `inject:""`
		Level int
	}
	cacheT struct {
		Log *logger `inject:""`
	}
	app struct {
		Store   store     `inject:""`
		Config  *settings `inject:""`
		Primary *settings `inject:"primary"`
		Cache   *cacheT   `inject:"private"`
		Opts    options   `inject:"inline"`
		Hooks   []func()  `inject:"hooks"`
		Manual  *settings // untagged: never touched
	}
)

func (m *memStore) Get(k string) string  { return m.data[k] }
func (d *diskStore) Get(k string) string { return d.dir + "/" + k }

func TestPopulate(t *testing.T) {
	a := &app{}
	mem := &memStore{}
	cfg := &settings{DSN: "unnamed"}
	primary := &settings{DSN: "primary"}
	hooks := []func(){func() {}}
	g := New()
	err := g.Provide(
		&Object{Value: a},
		&Object{Value: mem},
		&Object{Value: cfg},
		&Object{Value: primary, Name: "primary"},
		&Object{Value: hooks, Name: "hooks"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	if a.Store != mem {
		t.Errorf("Store = %v, want the one implementation %v", a.Store, mem)
	}
	if a.Config != cfg {
		t.Errorf("Config = %v, want the unnamed *settings", a.Config)
	}
	if a.Primary != primary {
		t.Errorf("Primary = %v, want the *settings named primary", a.Primary)
	}
	if len(a.Hooks) != 1 {
		t.Errorf("Hooks = %v, want the named slice", a.Hooks)
	}
	if a.Manual != nil {
		t.Errorf("untagged Manual = %v, want nil", a.Manual)
	}
	if a.Cache == nil || a.Opts.Log == nil {
		t.Fatalf("Cache = %v, Opts.Log = %v; want both set", a.Cache, a.Opts.Log)
	}
	if a.Cache.Log != a.Opts.Log {
		t.Errorf("the created *logger is not shared: %p and %p", a.Cache.Log, a.Opts.Log)
	}

	// Objects: the provided ones in order, then those created, in the order
	// their fields were met.
	var got []string
	for _, o := range g.Objects() {
		got = append(got, o.String()+" "+errText(errors.New(o.where())))
	}
	want := []string{
		"*lifecycle.app provided at FILE",
		"*lifecycle.memStore provided at FILE",
		"*lifecycle.settings provided at FILE",
		"*lifecycle.settings(primary) provided at FILE",
		"[]func()(hooks) provided at FILE",
		"*lifecycle.cacheT(private *lifecycle.app.Cache) private to *lifecycle.app.Cache",
		"*lifecycle.logger created for *lifecycle.app.Opts.Log",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Objects() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A second Populate has nothing to do and changes nothing.
	before := *a
	if err := g.Populate(); err != nil || !reflect.DeepEqual(before.Cache, a.Cache) || before.Cache != a.Cache {
		t.Errorf("second Populate = %v, and changed the fields", err)
	}
}

type privatePair struct {
	A *cacheT `inject:"private"`
	B *cacheT `inject:"private"`
	C *cacheT `inject:""`
}

func TestPopulatePrivate(t *testing.T) {
	p := &privatePair{}
	g := New()
	if err := g.Provide(&Object{Value: p}); err != nil {
		t.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	if p.A == p.B || p.A == p.C || p.B == p.C {
		t.Errorf("private fields share a value: A=%p B=%p C=%p", p.A, p.B, p.C)
	}
	if p.A.Log == nil || p.A.Log != p.B.Log || p.B.Log != p.C.Log {
		t.Errorf("private objects are not populated with the shared *logger")
	}
}

// inject:"private" on a map makes a new, empty map per field, as
// facebookgo/inject does, and leaves a map set before Populate alone.
func TestPopulatePrivateMap(t *testing.T) {
	type counts map[string]int
	type withMaps struct {
		A   map[string]int `inject:"private"`
		B   map[string]int `inject:"private"`
		C   counts         `inject:"private"`
		Set map[int]bool   `inject:"private"`
	}
	preset := map[int]bool{1: true}
	a, b := &withMaps{Set: preset}, &withMaps{}
	g := New()
	if err := g.Provide(&Object{Value: a}, &Object{Value: b, Name: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	for _, m := range []map[string]int{a.A, a.B, a.C, b.A, b.B, b.C} {
		if m == nil || len(m) != 0 {
			t.Fatalf("private map %v: want a new, empty map", m)
		}
	}
	a.A["x"] = 1
	if len(a.B) != 0 || len(b.A) != 0 || len(a.C) != 0 {
		t.Error("private maps are shared")
	}
	if len(a.Set) != 1 || !a.Set[1] {
		t.Errorf("a map set before Populate was replaced: %v", a.Set)
	}
	if len(g.Objects()) != 2 {
		t.Errorf("%d objects, want 2: a private map is not an object", len(g.Objects()))
	}
}

type preset struct {
	Config *settings `inject:""`
	Store  store     `inject:""`
}

func TestPopulateKeepsSetFields(t *testing.T) {
	mine := &settings{DSN: "mine"}
	d := &diskStore{}
	p := &preset{Config: mine, Store: d}
	g := New()
	if err := g.Provide(&Object{Value: p}, &Object{Value: &settings{}}, &Object{Value: &memStore{}}); err != nil {
		t.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	if p.Config != mine || p.Store != d {
		t.Errorf("Populate replaced fields set before it: Config=%v Store=%v", p.Config, p.Store)
	}
}

func TestPopulateComplete(t *testing.T) {
	a := &app{}
	g := New()
	if err := g.Provide(&Object{Value: a, Complete: true}); err != nil {
		t.Fatal(err)
	}
	// The unsatisfiable interface and named fields are not an error: a
	// Complete object is not populated.
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	if a.Config != nil || a.Cache != nil {
		t.Errorf("Complete object was populated: %+v", a)
	}
	if n := len(g.Objects()); n != 1 {
		t.Errorf("Populate created %d objects for a Complete one, want none", n-1)
	}
}

// A Complete component that points to another by hand still starts after it.
func TestCompleteOrdersByItsFields(t *testing.T) {
	rec := &recorder{}
	d := &testDB{part: part{name: "db", rec: rec}}
	s := &testServer{part: part{name: "server", rec: rec}, DB: d, Cache: &testCache{part: part{name: "cache", rec: rec}, DB: d}}
	g := New(WithConcurrency(1))
	if err := g.Provide(&Object{Value: s, Complete: true}, &Object{Value: s.Cache, Complete: true}, &Object{Value: d}); err != nil {
		t.Fatal(err)
	}
	if err := g.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"start db", "start cache", "start server", "stop server", "stop cache", "stop db"}
	if got := rec.get(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q, want %q", got, want)
	}
}

// Types whose fields cannot be populated, one problem each.
type (
	needsName struct {
		DB *settings `inject:"db"`
	}
	needsStore struct {
		Store store `inject:""`
	}
	needsConfig struct {
		Config *settings `inject:""`
	}
	wrongNamed struct {
		DB *logger `inject:"db"`
	}
	unexportedField struct {
		db *settings `inject:""` //lint:ignore U1000 the tagged unexported field under test
	}
	badTag struct {
		DB *settings `inject:"a b"`
	}
	inlineNonStruct struct {
		Log *logger `inject:"inline"`
	}
	structNoInline struct {
		Opts options `inject:""`
	}
	privateIface struct {
		Store store `inject:"private"`
	}
	byTypeInt struct {
		Port int `inject:""`
	}
	nested struct {
		Opts deepOpts `inject:"inline"`
	}
	deepOpts struct {
		Store store `inject:""`
	}
	privA struct {
		B *privB `inject:"private"`
	}
	privB struct {
		A *privA `inject:"private"`
	}
	twoProblems struct {
		X *settings `inject:"x"`
		y *settings `inject:""` //lint:ignore U1000 the tagged unexported field under test
	}
	selfish struct {
		Store store `inject:""`
		data  map[string]string
	}
)

func (s *selfish) Get(k string) string { return s.data[k] }

// withTag returns a new struct with one field, DB *settings, tagged tag.
// It is made with reflect because go vet rightly rejects such tags in
// source.
func withTag(tag string) any {
	t := reflect.StructOf([]reflect.StructField{{Name: "DB", Type: reflect.TypeFor[*settings](), Tag: reflect.StructTag(tag)}})
	return reflect.New(t).Interface()
}

func TestPopulateErrors(t *testing.T) {
	tests := []struct {
		name string
		objs []*Object
		want string
	}{
		{"missing name", []*Object{{Value: &needsName{}}},
			`lifecycle: *lifecycle.needsName.DB: no object named "db"`},
		{"named of wrong type", []*Object{{Value: &wrongNamed{}}, {Value: &settings{}, Name: "db"}},
			`lifecycle: *lifecycle.wrongNamed.DB: object named "db" is a *lifecycle.settings, provided at FILE; the field needs *lifecycle.logger`},
		{"no implementation", []*Object{{Value: &needsStore{}}},
			`lifecycle: *lifecycle.needsStore.Store: no object implements lifecycle.store`},
		{"ambiguous", []*Object{{Value: &needsStore{}}, {Value: &memStore{}}, {Value: &diskStore{}}},
			`lifecycle: *lifecycle.needsStore.Store: 2 unnamed objects implement lifecycle.store: *lifecycle.memStore (provided at FILE), *lifecycle.diskStore (provided at FILE); name the one to use`},
		{"only named implementations", []*Object{{Value: &needsStore{}}, {Value: &memStore{}, Name: "mem"}},
			`lifecycle: *lifecycle.needsStore.Store: no unnamed object implements lifecycle.store, only named ones: *lifecycle.memStore(mem) (provided at FILE); add a name to the tag`},
		{"only named of the type", []*Object{{Value: &needsConfig{}}, {Value: &settings{}, Name: "a"}, {Value: &settings{}, Name: "b"}},
			`lifecycle: *lifecycle.needsConfig.Config: no unnamed *lifecycle.settings, only named ones: *lifecycle.settings(a) (provided at FILE), *lifecycle.settings(b) (provided at FILE); add a name to the tag`},
		{"self is no candidate", []*Object{{Value: &selfish{}}},
			`lifecycle: *lifecycle.selfish.Store: no object implements lifecycle.store`},
		{"unexported", []*Object{{Value: &unexportedField{}}},
			`lifecycle: *lifecycle.unexportedField.db: inject:"" on an unexported field; export it or remove the tag`},
		{"bad tag", []*Object{{Value: &badTag{}}},
			`lifecycle: *lifecycle.badTag.DB: bad inject tag "a b": character ' ' not allowed in a name`},
		{"malformed tag", []*Object{{Value: withTag(`inject:db`)}},
			`lifecycle: *struct { DB *lifecycle.settings "inject:db" }.DB: malformed struct tag near "inject:db": want inject:"..."`},
		{"two keys", []*Object{{Value: withTag(`inject:"" inject:"x"`)}},
			`lifecycle: *struct { DB *lifecycle.settings "inject:\"\" inject:\"x\"" }.DB: two inject keys`},
		{"inline on pointer", []*Object{{Value: &inlineNonStruct{}}},
			`lifecycle: *lifecycle.inlineNonStruct.Log: inject:"inline" on a field of type *lifecycle.logger, not a struct`},
		{"struct without inline", []*Object{{Value: &structNoInline{}}},
			`lifecycle: *lifecycle.structNoInline.Opts: inject:"" on a struct field of type lifecycle.options; use inject:"inline" or a pointer`},
		{"private interface", []*Object{{Value: &privateIface{}}},
			`lifecycle: *lifecycle.privateIface.Store: inject:"private" on a field of type lifecycle.store; it needs a pointer to a struct, or a map`},
		{"by type on int", []*Object{{Value: &byTypeInt{}}},
			`lifecycle: *lifecycle.byTypeInt.Port: inject:"" on a field of type int; it needs a pointer to a struct or an interface, a slice or map[string] of those, or a name`},
		{"path through inline", []*Object{{Value: &nested{}, Name: "n"}},
			`lifecycle: *lifecycle.nested(n).Opts.Store: no object implements lifecycle.store`},
		{"private without end", []*Object{{Value: &privA{}}},
			`lifecycle: *lifecycle.privA.B.A: inject:"private" *lifecycle.privA inside a private *lifecycle.privA never ends`},
		{"all problems, in order", []*Object{{Value: &twoProblems{}}, {Value: &needsName{}}},
			"lifecycle: *lifecycle.twoProblems.X: no object named \"x\"\n" +
				"lifecycle: *lifecycle.twoProblems.y: inject:\"\" on an unexported field; export it or remove the tag\n" +
				"lifecycle: *lifecycle.needsName.DB: no object named \"db\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New()
			if err := g.Provide(tt.objs...); err != nil {
				t.Fatalf("Provide: %v", err)
			}
			err := g.Populate()
			if got := errText(err); got != tt.want {
				t.Fatalf("Populate() = %s\nwant %s", got, tt.want)
			}
			// A failed Populate is final, and Start reports the same.
			if again := g.Populate(); errText(again) != tt.want {
				t.Errorf("second Populate() = %s, want the same error", errText(again))
			}
			if err := g.Start(context.Background()); errText(err) != tt.want {
				t.Errorf("Start() = %s, want the Populate error", errText(err))
			}
		})
	}
}

func TestProvideErrors(t *testing.T) {
	cfg := &settings{}
	again := &Object{Value: &logger{}}
	tests := []struct {
		name string
		objs []*Object
		want string
	}{
		{"nil Object", []*Object{nil},
			`lifecycle: provide argument 1: nil *Object at FILE`},
		{"nil Value", []*Object{{Value: &settings{}}, {}},
			`lifecycle: provide argument 2: nil Value at FILE`},
		{"struct value", []*Object{{Value: settings{}}},
			`lifecycle: provide lifecycle.settings: value at FILE is a struct, not a pointer to one`},
		{"named struct value", []*Object{{Value: settings{}, Name: "c"}},
			`lifecycle: provide lifecycle.settings(c): value at FILE is a struct, not a pointer to one`},
		{"unnamed pointer to int", []*Object{{Value: new(int)}},
			`lifecycle: provide *int: unnamed value at FILE is not a pointer to a struct; name it to inject it by name`},
		{"unnamed map", []*Object{{Value: map[string]int{}}},
			`lifecycle: provide map[string]int: unnamed value at FILE is not a pointer to a struct; name it to inject it by name`},
		{"nil pointer", []*Object{{Value: (*settings)(nil)}},
			`lifecycle: provide *lifecycle.settings: nil *lifecycle.settings at FILE`},
		{"two unnamed of a type", []*Object{{Value: &settings{}}, {Value: &settings{}}},
			`lifecycle: provide *lifecycle.settings: second unnamed *lifecycle.settings at FILE; the first was provided at FILE; name one of them`},
		{"a name twice", []*Object{{Value: &settings{}, Name: "c"}, {Value: &logger{}, Name: "c"}},
			`lifecycle: provide *lifecycle.logger(c): name "c" at FILE already taken by *lifecycle.settings(c) provided at FILE`},
		{"a value twice", []*Object{{Value: cfg}, {Value: cfg, Name: "c"}},
			`lifecycle: provide *lifecycle.settings(c): value at FILE already provided as *lifecycle.settings provided at FILE`},
		{"an Object twice", []*Object{again, again},
			`lifecycle: provide *lifecycle.logger: value at FILE already provided as *lifecycle.logger provided at FILE`},
		{"bad name", []*Object{{Value: &settings{}, Name: "a b"}},
			`lifecycle: provide *lifecycle.settings(a b): bad name "a b" at FILE: character ' ' not allowed in a name`},
		{"reserved name", []*Object{{Value: &settings{}, Name: "private"}},
			`lifecycle: provide *lifecycle.settings(private): name "private" at FILE is reserved for inject:"private"`},
		{"every problem", []*Object{nil, {Value: settings{}}},
			"lifecycle: provide argument 1: nil *Object at FILE\n" +
				"lifecycle: provide lifecycle.settings: value at FILE is a struct, not a pointer to one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New()
			err := g.Provide(tt.objs...)
			if got := errText(err); got != tt.want {
				t.Fatalf("Provide() = %s\nwant %s", got, tt.want)
			}
			// Provide adds all or nothing.
			if n := len(g.Objects()); n != 0 {
				t.Errorf("failed Provide added %d objects, want 0", n)
			}
		})
	}
}

func TestProvideAtomic(t *testing.T) {
	g := New()
	cfg := &settings{}
	if err := g.Provide(&Object{Value: cfg}, &Object{Value: new(int)}); err == nil {
		t.Fatal("Provide of a bad object succeeded")
	}
	// The good object of the failed call was not kept: providing it again
	// works.
	if err := g.Provide(&Object{Value: cfg}); err != nil {
		t.Fatalf("Provide after a failed Provide = %v, want nil", err)
	}
}

func TestProvideAfterStart(t *testing.T) {
	g := New()
	if err := g.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := g.Provide(&Object{Value: &settings{}}); errText(err) != "lifecycle: provide after start" {
		t.Errorf("Provide after Start = %v", err)
	}
	if err := g.Populate(); errText(err) != "lifecycle: populate after start" {
		t.Errorf("Populate after Start = %v", err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := g.Provide(&Object{Value: &settings{}}); !errors.Is(err, ErrStopped) {
		t.Errorf("Provide after Stop = %v, want ErrStopped", err)
	}
}

// storeUser takes the one unnamed store.
type storeUser struct {
	Store store `inject:""`
}

// Provide keeps its own copy of each Object: changing the caller's Object
// afterwards, or an Object returned by Objects, changes nothing in the graph.
func TestObjectChangedAfterProvide(t *testing.T) {
	t.Run("Objects", func(t *testing.T) {
		v := &settings{}
		want := Object{Value: v, Name: "a", Complete: true, StartTimeout: time.Second, StopTimeout: 2 * time.Second}
		o := want
		g := New()
		if err := g.Provide(&o); err != nil {
			t.Fatal(err)
		}
		o = Object{Value: &settings{}, Name: "b", StartTimeout: 3 * time.Second, StopTimeout: 4 * time.Second}
		g.Objects()[0].Name = "c"
		got := g.Objects()[0]
		if got.Value != v {
			t.Errorf("Objects()[0].Value = %p, want the provided %p", got.Value, v)
		}
		// Every other exported field, including any added later.
		gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(&want).Elem()
		for i := range gv.NumField() {
			f := gv.Type().Field(i)
			if !f.IsExported() || f.Name == "Value" {
				continue
			}
			if have, w := gv.Field(i).Interface(), wv.Field(i).Interface(); !reflect.DeepEqual(have, w) {
				t.Errorf("Objects()[0].%s = %v, want the provided %v", f.Name, have, w)
			}
		}
	})
	t.Run("Name", func(t *testing.T) {
		// A named store is injected only by name; unnaming the Object
		// afterwards does not make it a candidate for an inject:"" field.
		o := &Object{Value: &memStore{}, Name: "primary"}
		g := New()
		if err := g.Provide(o, &Object{Value: &storeUser{}}); err != nil {
			t.Fatal(err)
		}
		o.Name = ""
		want := "lifecycle: *lifecycle.storeUser.Store: no unnamed object implements lifecycle.store, " +
			"only named ones: *lifecycle.memStore(primary) (provided at FILE); add a name to the tag"
		if err := g.Populate(); errText(err) != want {
			t.Errorf("Populate() = %s\nwant %s", errText(err), want)
		}
	})
	t.Run("Value", func(t *testing.T) {
		rec := &recorder{}
		d1, d2 := &testDB{part{name: "db1", rec: rec}}, &testDB{part{name: "db2", rec: rec}}
		c := &testCache{part: part{name: "cache", rec: rec}}
		o := &Object{Value: d1}
		g := New(WithConcurrency(1))
		if err := g.Provide(o, &Object{Value: c}); err != nil {
			t.Fatal(err)
		}
		o.Value = d2
		startStop(t, g)
		if c.DB != d1 {
			t.Errorf("cache.DB = %s, want the provided db1", c.DB.name)
		}
		if got, want := rec.get(), []string{"start db1", "start cache", "stop cache", "stop db1"}; !slices.Equal(got, want) {
			t.Errorf("calls = %q, want %q", got, want)
		}
	})
	t.Run("Complete", func(t *testing.T) {
		c := &testCache{}
		o := &Object{Value: c, Complete: true}
		g := New()
		if err := g.Provide(o, &Object{Value: &testDB{}}); err != nil {
			t.Fatal(err)
		}
		o.Complete = false
		if err := g.Populate(); err != nil {
			t.Fatal(err)
		}
		if c.DB != nil {
			t.Error("Populate filled a field of an Object provided Complete")
		}
	})
	t.Run("StartTimeout", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			d := &testDB{part{name: "db", rec: &recorder{}, hang: make(chan struct{})}}
			defer close(d.hang)
			o := &Object{Value: d, StartTimeout: time.Second}
			g := New()
			if err := g.Provide(o); err != nil {
				t.Fatal(err)
			}
			o.StartTimeout = 0
			want := "start *lifecycle.testDB after 1.1s: did not return: start timeout 1s: context deadline exceeded"
			if err := g.Start(context.Background()); errText(err) != want {
				t.Errorf("Start() = %s\nwant %s", errText(err), want)
			}
		})
	})
	t.Run("StopTimeout", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			d := &testDB{part{name: "db", rec: &recorder{}, stopHang: make(chan struct{})}}
			defer close(d.stopHang)
			o := &Object{Value: d, StopTimeout: time.Second}
			g := New()
			if err := g.Provide(o); err != nil {
				t.Fatal(err)
			}
			o.StopTimeout = 0
			if err := g.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			want := "stop *lifecycle.testDB after 1.1s: did not return: stop timeout 1s: context deadline exceeded"
			if err := g.Stop(context.Background()); errText(err) != want {
				t.Errorf("Stop() = %s\nwant %s", errText(err), want)
			}
		})
	})
}

// Components in a cycle.
type (
	cycA struct {
		part
		B *cycB `inject:""`
	}
	cycB struct {
		part
		P *cycPlain `inject:""`
	}
	cycPlain struct {
		A *cycA `inject:""`
	}
	// A component and a plain object that point at each other are fine.
	loopComp struct {
		part
		P *loopPlain `inject:""`
	}
	loopPlain struct {
		C *loopComp `inject:""`
	}
)

func TestCycle(t *testing.T) {
	g := New()
	if err := g.Provide(&Object{Value: &cycA{}}); err != nil {
		t.Fatal(err)
	}
	want := "lifecycle: dependency cycle: *lifecycle.cycA -> *lifecycle.cycB -> *lifecycle.cycPlain -> *lifecycle.cycA " +
		"(through *lifecycle.cycA.B, *lifecycle.cycB.P, *lifecycle.cycPlain.A); components in a cycle cannot start in order"
	if err := g.Populate(); errText(err) != want {
		t.Errorf("Populate() = %s\nwant %s", errText(err), want)
	}

	rec := &recorder{}
	g = New()
	if err := g.Provide(&Object{Value: &loopComp{part: part{name: "comp", rec: rec}}}); err != nil {
		t.Fatal(err)
	}
	if err := g.Start(context.Background()); err != nil {
		t.Fatalf("Start with a cycle through one component = %v, want nil", err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := rec.get(); len(got) != 2 {
		t.Errorf("calls = %q, want one start and one stop", got)
	}
}

// Populate gives the same objects, fields and errors every time.
func TestPopulateDeterministic(t *testing.T) {
	build := func() (string, error) {
		g := New()
		err := g.Provide(&Object{Value: &app{}}, &Object{Value: &twoProblems{}}, &Object{Value: &needsStore{}},
			&Object{Value: &memStore{}}, &Object{Value: &diskStore{}})
		if err != nil {
			return "", err
		}
		err = g.Populate()
		var b strings.Builder
		for _, o := range g.Objects() {
			b.WriteString(o.String() + "\n")
		}
		return b.String(), err
	}
	objs0, err0 := build()
	for range 20 {
		objs, err := build()
		if objs != objs0 || errText(err) != errText(err0) {
			t.Fatalf("Populate differs between runs:\n%s%s\nvs\n%s%s", objs0, errText(err0), objs, errText(err))
		}
	}
}

// stateless has no fields: distinct values of it may share an address.
type stateless struct{}

func (s *stateless) Start(ctx context.Context) error { return nil }

func TestProvideZeroSize(t *testing.T) {
	g := New()
	a, b := &stateless{}, &stateless{}
	if err := g.Provide(&Object{Value: a, Name: "a"}, &Object{Value: b, Name: "b"}); err != nil {
		t.Fatalf("Provide of two zero-size values = %v, want nil", err)
	}
	startStop(t, g)
	if n := len(g.Report().Components); n != 2 {
		t.Errorf("Report() has %d components, want 2", n)
	}
}

// Named pointer types (type P *T) take the *T object: the unnamed one, or
// one created for them and shared with *T fields.
type (
	settingsPtr *settings
	viaNamedPtr struct {
		Named settingsPtr `inject:""`
		Plain *settings   `inject:""`
	}
	loggerPtr   *logger
	createdPair struct {
		Named loggerPtr `inject:""`
		Plain *logger   `inject:""`
	}
	privLoopPtr *privLoop
	privLoop    struct {
		Next privLoopPtr `inject:"private"`
	}
	privNamedPtr struct {
		P loggerPtr `inject:"private"`
		Q *logger   `inject:""`
	}
)

func TestPopulateNamedPointerTypes(t *testing.T) {
	t.Run("provided", func(t *testing.T) {
		cfg := &settings{}
		v := &viaNamedPtr{}
		g := New()
		if err := g.Provide(&Object{Value: v}, &Object{Value: cfg}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatalf("Populate() = %v", err)
		}
		if (*settings)(v.Named) != cfg || v.Plain != cfg {
			t.Errorf("Named, Plain = %p, %p; want both the provided %p", v.Named, v.Plain, cfg)
		}
		if n := len(g.Objects()); n != 2 {
			t.Errorf("len(Objects()) = %d, want 2: nothing created", n)
		}
	})
	t.Run("created", func(t *testing.T) {
		v := &createdPair{}
		g := New()
		if err := g.Provide(&Object{Value: v}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatalf("Populate() = %v", err)
		}
		if v.Named == nil || (*logger)(v.Named) != v.Plain {
			t.Errorf("Named, Plain = %p, %p; want one shared *logger", v.Named, v.Plain)
		}
		if n := len(g.Objects()); n != 2 {
			t.Errorf("len(Objects()) = %d, want 2: one created *logger", n)
		}
	})
	t.Run("private", func(t *testing.T) {
		v := &privNamedPtr{}
		g := New()
		if err := g.Provide(&Object{Value: v}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatalf("Populate() = %v", err)
		}
		if v.P == nil || v.Q == nil || (*logger)(v.P) == v.Q {
			t.Errorf("P, Q = %p, %p; want two distinct *logger", v.P, v.Q)
		}
	})
	t.Run("private loop", func(t *testing.T) {
		g := New()
		if err := g.Provide(&Object{Value: &privLoop{}}); err != nil {
			t.Fatal(err)
		}
		want := `lifecycle: *lifecycle.privLoop.Next: inject:"private" *lifecycle.privLoop inside a private *lifecycle.privLoop never ends`
		if err := g.Populate(); errText(err) != want {
			t.Errorf("Populate() = %s, want %s", errText(err), want)
		}
	})
}

// A field set by hand to a named pointer type still orders its object after
// the component it points to.
type (
	dbPtr       *testDB
	handWiredTo struct {
		part
		DB dbPtr `inject:""`
	}
)

func TestCompleteNamedPointerOrders(t *testing.T) {
	rec := &recorder{}
	d := &testDB{part{name: "db", rec: rec}}
	h := &handWiredTo{part: part{name: "hand", rec: rec}, DB: d}
	g := New(WithConcurrency(1)) // provided first, hand would start first but for the edge
	if err := g.Provide(&Object{Value: h, Complete: true}, &Object{Value: d}); err != nil {
		t.Fatal(err)
	}
	startStop(t, g)
	want := []string{"start db", "start hand", "stop hand", "stop db"}
	if got := rec.get(); !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q, want %q", got, want)
	}
}

// withOptional has an optional field of each kind.
type withOptional struct {
	Store   store     `inject:",optional"`
	Log     *logger   `inject:",optional"`
	Primary *settings `inject:"primary,optional"`
}

// needsLog makes Populate create a *logger for its field.
type needsLog struct {
	Log *logger `inject:""`
}

// An optional field stays nil when nothing provides it, and takes what
// would fill it without the option when something does: a provided object,
// or one that Populate created for another field, whatever the order of
// the fields. Two implementations are still an error, and a name that
// names an object of the wrong type.
func TestPopulateOptional(t *testing.T) {
	t.Run("nothing provides them", func(t *testing.T) {
		o := &withOptional{}
		g := New()
		if err := g.Provide(&Object{Value: o}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatal(err)
		}
		if o.Store != nil || o.Log != nil || o.Primary != nil || len(g.Objects()) != 1 {
			t.Errorf("fields %+v, %d objects; want nil fields and no object created", o, len(g.Objects()))
		}
	})
	t.Run("provided", func(t *testing.T) {
		o := &withOptional{}
		mem, log, primary := &memStore{}, &logger{}, &settings{DSN: "p"}
		g := New()
		if err := g.Provide(&Object{Value: o}, &Object{Value: mem}, &Object{Value: log}, &Object{Value: primary, Name: "primary"}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatal(err)
		}
		if o.Store != mem || o.Log != log || o.Primary != primary {
			t.Errorf("fields %+v, want the provided objects", o)
		}
		var dot strings.Builder
		if err := g.WriteDOT(&dot); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"Store", "Log", "Primary"} {
			if !strings.Contains(dot.String(), `[label="`+f+`", style=dashed]`) {
				t.Errorf("DOT: no dashed edge for the optional %s:\n%s", f, dot.String())
			}
		}
	})
	for _, order := range []string{"optional first", "optional last"} {
		t.Run("created for another field, "+order, func(t *testing.T) {
			o, n := &withOptional{}, &needsLog{}
			objs := []*Object{{Value: o}, {Value: n}}
			if order == "optional last" {
				objs[0], objs[1] = objs[1], objs[0]
			}
			g := New()
			if err := g.Provide(objs...); err != nil {
				t.Fatal(err)
			}
			if err := g.Populate(); err != nil {
				t.Fatal(err)
			}
			if o.Log == nil || o.Log != n.Log {
				t.Errorf("optional Log = %p, the created one %p: want the same", o.Log, n.Log)
			}
		})
	}
	for _, c := range []struct {
		name string
		objs []*Object
		want string
	}{
		{"two implementations", []*Object{{Value: &withOptional{}}, {Value: &memStore{}}, {Value: &diskStore{}}},
			`lifecycle: *lifecycle.withOptional.Store: 2 unnamed objects implement lifecycle.store`},
		{"a name of another type", []*Object{{Value: &withOptional{}}, {Value: &memStore{}, Name: "primary"}},
			`lifecycle: *lifecycle.withOptional.Primary: object named "primary" is a *lifecycle.memStore`},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := New()
			if err := g.Provide(c.objs...); err != nil {
				t.Fatal(err)
			}
			if err := g.Populate(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("Populate() = %v, want %s...", err, c.want)
			}
		})
	}
	t.Run("only named implementations", func(t *testing.T) {
		o := &withOptional{}
		g := New()
		if err := g.Provide(&Object{Value: o}, &Object{Value: &memStore{}, Name: "cache"}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil || o.Store != nil {
			t.Errorf("Populate() = %v, Store = %v; want nil, nil: the optional field takes no named object", err, o.Store)
		}
	})
}
