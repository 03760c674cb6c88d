package lifecycle

import (
	"context"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// A Graph wires objects together and starts and stops them in dependency
// order. Make one with [New], give it objects with [Graph.Provide], and
// either call [Graph.Run] from main or call [Graph.Start] and [Graph.Stop].
//
// A Graph is safe for concurrent use, but it is built once: Provide and
// Populate come before Start, Start comes once, and after Stop the graph is
// done. Stop, or the return of Run, is the caller's cleanup duty once Start
// has been called. A lifecycle method must not call Start or Stop on its own
// graph: Stop waits for the method to return.
type Graph struct {
	cfg config

	mu    sync.Mutex
	state state

	// The wiring half: objects, injection and the order, under mu. The
	// rest of Graph is the running half: Start, Stop, Run, Health, Report.
	wiring

	// Set by Start, read by Stop, Health, Report.
	run      *phaseRun
	starting chan struct{} // closed when Start returns
	cancel   context.CancelCauseFunc
	stopping chan struct{} // closed when Stop returns
	exit     chan struct{} // closed once the graph is done; see Done
	exitErr  error
	report   Report
}

// wiring is the half of a Graph that turns objects into a checked start
// order: the objects, their indexes, the fields injected, and the order
// built from them (Provide, Populate, Replace). It knows nothing of
// starting and stopping, which the Graph does with the order it builds.
// The Graph's mutex guards it.
type wiring struct {
	// The objects, in the order they were provided or created. An object's
	// index is its identity everywhere below.
	objs  []*Object
	deps  [][]dep                    // deps[i]: what object i's fields point to
	types map[reflect.Type]*Object   // unnamed objects by type
	named map[string]*Object         // named objects by name
	tnamd map[reflect.Type][]*Object // named objects by type, for messages
	ptrs  map[any]*Object            // objects that are pointers, by value
	plans map[reflect.Type]*plan     // struct field plans, by struct type
	ifcs  map[reflect.Type]*impls    // candidates per interface, per Populate
	done  int                        // objects [0:done) are populated
	order *order                     // the start order, built by Populate
}

func newWiring() wiring {
	return wiring{
		types: make(map[reflect.Type]*Object),
		named: make(map[string]*Object),
		tnamd: make(map[reflect.Type][]*Object),
		ptrs:  make(map[any]*Object),
		plans: make(map[reflect.Type]*plan),
	}
}

type state uint8

const (
	stateNew state = iota
	stateStarting
	stateStarted
	stateStopping
	stateStopped
)

// New returns an empty graph.
func New(opts ...Option) *Graph {
	g := &Graph{
		cfg:    defaultConfig(),
		wiring: newWiring(),
		exit:   make(chan struct{}),
	}
	for _, o := range opts {
		o(&g.cfg)
	}
	return g
}

// An Object is a value in a [Graph]: a component to start and stop, a
// dependency to inject into others, or both.
//
// Unnamed objects are injected by type: into inject:"" fields of their
// pointer type, and of interfaces they alone implement. Named objects are
// injected only into fields tagged with their name.
//
// [Graph.Provide] keeps a copy of each Object, so changing an Object after
// Provide changes nothing in the graph. The value it holds is not copied:
// that is what the graph injects, starts and stops.
type Object struct {
	// Value is the object. It must be a non-nil pointer, to a struct when the
	// object is unnamed. A named object may also be a map, slice, func or
	// channel, or any other non-struct value.
	Value any

	// Name, when set, makes this a named object: injected only into fields
	// tagged inject:"Name". Names are made of letters, digits and _-.:/, and
	// are unique within a graph.
	Name string

	// Complete marks a value that is already wired: Populate does not fill
	// its fields. Its tagged fields that already point to objects of the
	// graph still order it after them.
	Complete bool

	// StartTimeout bounds this component's Start, within the bound of the
	// whole of Start ([WithStartTimeout]): its context is done once
	// StartTimeout has passed, and a Start that has not returned shortly
	// after is abandoned and reported as a failed start. The default is no
	// bound of its own; 0 and a negative value mean the default.
	StartTimeout time.Duration

	// StopTimeout bounds this component's Stop, within the bound of the
	// whole of Stop ([WithStopTimeout]): its context is done once
	// StopTimeout has passed, and a Stop that has not returned shortly after
	// is abandoned and reported, and the components it depends on are
	// stopped. The default is no bound of its own; 0 and a negative value
	// mean the default.
	StopTimeout time.Duration

	// Bookkeeping, set in the graph's own copy of an Object.
	index  int
	origin origin
	site   string  // the Provide call, or the field an object was made for
	parent *Object // for private objects: the object whose field holds it
}

// origin says where an object came from.
type origin uint8

const (
	provided    origin = iota
	created            // made for an inject:"" field, shared by type
	privateCopy        // made for one inject:"private" field
)

// dep is an edge of the object graph: a tagged field of one object that
// points to another.
type dep struct {
	to    int    // the object pointed to
	field *field // the field, for paths and labels
}

// String returns the object's type and, when it has one, its name, the way
// errors and reports name it: "*app.DB" or "*app.DB(replica)".
func (o *Object) String() string {
	if o.Value == nil {
		return "<nil>"
	}
	if o.origin == privateCopy {
		return reflect.TypeOf(o.Value).String() + "(private " + o.site + ")"
	}
	s := reflect.TypeOf(o.Value).String()
	if o.Name != "" {
		s += "(" + o.Name + ")"
	}
	return s
}

// path is the prefix of the paths of this object's fields in messages:
// "*app.Server" or, for a private object, the field that holds it.
func (o *Object) path() string {
	if o.origin == privateCopy {
		return o.site
	}
	return o.String()
}

// where says where an object came from, for messages.
func (o *Object) where() string {
	switch o.origin {
	case created:
		return "created for " + o.site
	case privateCopy:
		return "private to " + o.site
	}
	return "provided at " + o.site
}

// Provide adds objects to the graph. It checks each one and adds none of them
// if any is wrong: a nil or non-pointer value, an unnamed value that is not a
// pointer to a struct, a second unnamed value of one type, a second use of a
// name, a pointer given twice (under two names, say), or a bad name. The
// error names each wrong object and where it was provided. Pointers to
// zero-size values may share an address, so only those are not checked for
// being given twice.
//
// Provide keeps a copy of each Object, not the pointer: later changes to an
// Object (its Name, say, or its timeouts) have no effect on the graph.
// [Graph.Objects] reports the copies.
//
// Provide is not allowed once Start has been called.
func (g *Graph) Provide(objs ...*Object) error {
	site := callerSite(2)
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state != stateNew {
		if g.state >= stateStopping {
			return errs.Errorf("lifecycle: provide after stop: %w", ErrStopped)
		}
		return errs.New("lifecycle: provide after start")
	}
	n := len(g.objs)
	if n == 0 && len(objs) > 8 {
		// Size the indexes once rather than grow them step by step.
		g.types = make(map[reflect.Type]*Object, len(objs))
		g.ptrs = make(map[any]*Object, len(objs))
		g.objs = make([]*Object, 0, len(objs))
		g.deps = make([][]dep, 0, len(objs))
	}
	var failures []error
	own := make([]Object, len(objs)) // the graph's copies, allocated together
	for i, o := range objs {
		var err error
		if o == nil {
			err = errs.Errorf("nil *Object at %s", site)
		} else {
			own[i] = o.exported()
			err = g.add(&own[i], site)
		}
		if err != nil {
			failures = append(failures, errs.Errorf("lifecycle: provide %s: %w", describe(o, i), err))
		}
	}
	if failures != nil {
		g.truncate(n)
		return joinErrors(failures)
	}
	return nil
}

// describe names the i'th argument of Provide for messages.
func describe(o *Object, i int) string {
	if o == nil || o.Value == nil {
		return "argument " + strconv.Itoa(i+1)
	}
	return o.String()
}

// exported returns a copy of o's exported fields, without the bookkeeping
// that an Object from [Graph.Objects] carries.
func (o *Object) exported() Object {
	return Object{Value: o.Value, Name: o.Name, Complete: o.Complete, StartTimeout: o.StartTimeout, StopTimeout: o.StopTimeout}
}

// check checks o, the graph's copy of an Object to provide, against the
// graph, and marks it provided at site. Its errors do not repeat the
// object.
func (w *wiring) check(o *Object, site string) error {
	if o.Value == nil {
		return errs.Errorf("nil Value at %s", site)
	}
	v := reflect.ValueOf(o.Value)
	t := v.Type()
	switch k := t.Kind(); {
	case k == reflect.Struct:
		return errs.Errorf("value at %s is a struct, not a pointer to one", site)
	case o.Name == "" && (k != reflect.Pointer || t.Elem().Kind() != reflect.Struct):
		return errs.Errorf("unnamed value at %s is not a pointer to a struct; name it to inject it by name", site)
	case nillable(k) && v.IsNil():
		return errs.Errorf("nil %s at %s", t, site)
	}
	if identifiable(t) {
		if p := w.ptrs[o.Value]; p != nil {
			return errs.Errorf("value at %s already provided as %s %s", site, p, p.where())
		}
	}
	if o.Name != "" {
		if err := checkName(o.Name); err != nil {
			return errs.Errorf("bad name %q at %s: %v", o.Name, site, err)
		}
		if o.Name == "private" || o.Name == "inline" {
			return errs.Errorf("name %q at %s is reserved for inject:%q", o.Name, site, o.Name)
		}
		if p := w.named[o.Name]; p != nil {
			return errs.Errorf("name %q at %s already taken by %s %s", o.Name, site, p, p.where())
		}
	} else if p := w.types[t]; p != nil {
		return errs.Errorf("second unnamed %s at %s; the first was %s; name one of them", t, site, p.where())
	}
	o.site = site
	o.origin = provided
	return nil
}

// add checks o, the graph's copy of a provided Object, and adds it. Its
// errors do not repeat the object.
func (w *wiring) add(o *Object, site string) error {
	if err := w.check(o, site); err != nil {
		return err
	}
	w.insert(o)
	return nil
}

// insert appends o, the graph's own Object, to the graph and indexes it.
func (w *wiring) insert(o *Object) {
	o.index = len(w.objs)
	w.objs = append(w.objs, o)
	w.deps = append(w.deps, nil)
	w.index(o)
}

// index adds o to the indexes by type, name and pointer.
func (w *wiring) index(o *Object) {
	t := reflect.TypeOf(o.Value)
	switch {
	case o.Name != "":
		w.named[o.Name] = o
		w.tnamd[t] = append(w.tnamd[t], o)
	case o.origin != privateCopy:
		w.types[t] = o
	}
	if identifiable(t) {
		w.ptrs[o.Value] = o
	}
}

// identifiable reports whether a value of type t is known by its address:
// it is a pointer to something that has a size. Pointers to distinct
// zero-size values may be equal, so they say nothing about identity.
func identifiable(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Size() > 0
}

// truncate removes the objects added after the first n.
func (w *wiring) truncate(n int) {
	for _, o := range w.objs[n:] {
		w.unindex(o)
	}
	clear(w.objs[n:])
	w.objs = w.objs[:n]
	w.deps = w.deps[:n]
}

// unindex removes o from the indexes by type, name and pointer.
func (w *wiring) unindex(o *Object) {
	t := reflect.TypeOf(o.Value)
	switch {
	case o.Name != "":
		delete(w.named, o.Name)
		w.tnamd[t] = slices.DeleteFunc(w.tnamd[t], func(p *Object) bool { return p == o })
		if len(w.tnamd[t]) == 0 {
			delete(w.tnamd, t)
		}
	case o.origin != privateCopy:
		delete(w.types, t)
	}
	if identifiable(t) {
		delete(w.ptrs, o.Value)
	}
}

// Objects returns the graph's objects in the order they were provided, or,
// for those Populate made, created. Each is a new copy of the graph's own:
// changing it changes nothing in the graph. Its Value is the value the
// graph holds.
func (g *Graph) Objects() []*Object {
	g.mu.Lock()
	defer g.mu.Unlock()
	copies := make([]Object, len(g.objs))
	out := make([]*Object, len(g.objs))
	for i, o := range g.objs {
		copies[i] = *o
		copies[i].parent = nil // keep the graph's own objects to itself
		out[i] = &copies[i]
	}
	return out
}

func nillable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return true
	}
	return false
}

// callerSite returns "file.go:line" for the caller skip frames up.
func callerSite(skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "unknown"
	}
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}
