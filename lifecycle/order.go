package lifecycle

import (
	"slices"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

// An order is the graph condensed for starting and stopping: each unit is a
// strongly connected set of objects (most often one object) holding at most
// one component. Objects may point at each other in cycles, but two
// components in one cycle could never start in an order that honours both.
type order struct {
	err    error
	units  []unit  // dependencies before dependents
	unitOf []int32 // object index -> unit
	// units[u] depends on depIdx[depOff[u]:depOff[u+1]], and revIdx
	// [revOff[u]:revOff[u+1]] depend on it. Both lists have no duplicates.
	depOff, depIdx []int32
	revOff, revIdx []int32
	comps          []*component // the components, in unit order
}

type unit struct {
	comp  *component // nil when the unit has nothing to start or stop
	first int32      // the smallest object index in the unit: its priority
}

func (o *order) deps(u int32) []int32 { return o.depIdx[o.depOff[u]:o.depOff[u+1]] }
func (o *order) revs(u int32) []int32 { return o.revIdx[o.revOff[u]:o.revOff[u+1]] }

// buildOrder condenses g's objects into units, places the components in
// them, and links the units. It is linear in objects plus fields. perr, the
// error of Populate, is kept with the cycles found.
func buildOrder(w *wiring, perr error) *order {
	o := &order{}
	mem := o.condense(w.deps)
	failures := o.placeComponents(w, mem)
	if perr != nil {
		failures = append([]error{perr}, failures...)
	}
	if o.err = joinErrors(failures); o.err != nil {
		return o
	}
	o.linkDeps(w.deps, mem)
	o.linkRevs()
	return o
}

// members lists the objects of each unit: unit u holds
// idx[off[u]:off[u+1]].
type members struct {
	idx []int32
	off []int32
}

func (m *members) of(u int32) []int32 { return m.idx[m.off[u]:m.off[u+1]] }
func (m *members) units() int         { return len(m.off) - 1 }

// condense finds the strongly connected sets of the object graph with
// Tarjan's algorithm, which emits each set after every set it can reach:
// a start order. It numbers them as units in that order, fills o.unitOf,
// and returns each unit's objects.
func (o *order) condense(deps [][]dep) members {
	n := len(deps)
	t := tarjan{
		deps:    deps,
		index:   make([]int32, n),
		low:     make([]int32, n),
		onStack: make([]bool, n),
		next:    1,
		unitOf:  make([]int32, n),
		mem:     members{idx: make([]int32, 0, n), off: make([]int32, 1, n+1)},
	}
	for s := range int32(n) {
		if t.index[s] == 0 {
			t.search(s)
		}
	}
	o.unitOf = t.unitOf
	return t.mem
}

// tarjan is the state of Tarjan's algorithm, run without recursion so that
// a long chain of objects cannot exhaust the stack.
type tarjan struct {
	deps    [][]dep
	index   []int32 // visit order + 1; 0 is unvisited
	low     []int32
	onStack []bool
	stack   []int32 // the objects visited and not yet placed in a unit
	calls   []frame // the depth-first search's own stack
	next    int32

	unitOf []int32
	mem    members
}

type frame struct {
	v int32 // the object
	e int32 // the next of its edges to follow
}

// search runs the depth-first search from object s.
func (t *tarjan) search(s int32) {
	t.visit(s)
	for len(t.calls) > 0 {
		f := &t.calls[len(t.calls)-1]
		v := f.v
		if ds := t.deps[v]; int(f.e) < len(ds) {
			w := int32(ds[f.e].to)
			f.e++
			switch {
			case t.index[w] == 0:
				t.visit(w)
			case t.onStack[w]:
				t.low[v] = min(t.low[v], t.index[w])
			}
			continue
		}
		// Every edge of v followed: return to its caller.
		t.calls = t.calls[:len(t.calls)-1]
		if len(t.calls) > 0 {
			p := t.calls[len(t.calls)-1].v
			t.low[p] = min(t.low[p], t.low[v])
		}
		if t.low[v] == t.index[v] {
			t.emit(v)
		}
	}
}

// visit numbers object v and pushes it on both stacks.
func (t *tarjan) visit(v int32) {
	t.index[v], t.low[v] = t.next, t.next
	t.next++
	t.stack = append(t.stack, v)
	t.onStack[v] = true
	t.calls = append(t.calls, frame{v, 0})
}

// emit makes a unit of v, the root of a strongly connected set, and the
// objects above it on the stack.
func (t *tarjan) emit(v int32) {
	u := int32(t.mem.units())
	for {
		w := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		t.onStack[w] = false
		t.unitOf[w] = u
		t.mem.idx = append(t.mem.idx, w)
		if w == v {
			break
		}
	}
	t.mem.off = append(t.mem.off, int32(len(t.mem.idx)))
}

// placeComponents makes the units, gives each unit the component among its
// objects, and returns an error for each unit that holds more than one: a
// cycle through components. o.comps lists the components in unit order.
func (o *order) placeComponents(w *wiring, mem members) []error {
	ms, nc := findMethods(w.objs)
	slab := make([]component, nc) // allocated together
	o.units = make([]unit, mem.units())
	o.comps = make([]*component, 0, nc)
	var (
		failures []error
		comps    []int32
	)
	for u := range int32(len(o.units)) {
		objs := mem.of(u)
		un := &o.units[u]
		un.first = slices.Min(objs)
		comps = comps[:0]
		for _, m := range objs {
			if ms != nil && ms[m].any() {
				comps = append(comps, m)
			}
		}
		switch {
		case len(comps) == 1:
			un.comp = &slab[0]
			slab = slab[1:]
			un.comp.obj = w.objs[comps[0]]
			un.comp.methods = ms[comps[0]]
			o.comps = append(o.comps, un.comp)
		case len(comps) > 1:
			slices.Sort(comps) // begin the cycle with the first provided
			failures = append(failures, cycleError(w, o, u, comps))
		}
	}
	return failures
}

// findMethods returns the lifecycle methods of each object, or nil when no
// object has any, and how many objects have some.
func findMethods(objs []*Object) (ms []methods, n int) {
	for i, obj := range objs {
		if m := methodsOf(obj.Value); m.any() {
			if ms == nil {
				ms = make([]methods, len(objs))
			}
			ms[i] = m
			n++
		}
	}
	return ms, n
}

// linkDeps lists the units each unit depends on, from its objects' fields,
// without duplicates or self-loops.
func (o *order) linkDeps(deps [][]dep, mem members) {
	nu := len(o.units)
	last := make([]int32, nu) // last[w] == u+1: u already depends on w
	o.depOff = make([]int32, 1, nu+1)
	for u := range int32(nu) {
		for _, m := range mem.of(u) {
			for _, d := range deps[m] {
				if w := o.unitOf[d.to]; w != u && last[w] != u+1 {
					last[w] = u + 1
					o.depIdx = append(o.depIdx, w)
				}
			}
		}
		o.depOff = append(o.depOff, int32(len(o.depIdx)))
	}
}

// linkRevs inverts the dependency lists: the units that depend on each unit,
// in unit order, by counting sort.
func (o *order) linkRevs() {
	nu := len(o.units)
	o.revOff = make([]int32, nu+1)
	for _, w := range o.depIdx {
		o.revOff[w+1]++
	}
	for u := 1; u <= nu; u++ {
		o.revOff[u] += o.revOff[u-1]
	}
	next := slices.Clone(o.revOff[:nu]) // where each unit's next dependent goes
	o.revIdx = make([]int32, len(o.depIdx))
	for u := range int32(nu) {
		for _, w := range o.deps(u) {
			o.revIdx[next[w]] = u
			next[w]++
		}
	}
}

// cycleError describes a cycle through the first two components of unit u.
func cycleError(w *wiring, o *order, u int32, comps []int32) error {
	a, b := comps[0], comps[1]
	there := shortestPath(w, o, u, a, b)
	back := shortestPath(w, o, u, b, a)
	steps := append(there, back...)
	var names, fields strings.Builder
	names.WriteString(w.objs[a].String())
	for i, s := range steps {
		names.WriteString(" -> ")
		names.WriteString(w.objs[s.to].String())
		if i > 0 {
			fields.WriteString(", ")
		}
		fields.WriteString(s.from.path())
		fields.WriteByte('.')
		fields.WriteString(s.field.path)
	}
	return errs.Errorf("lifecycle: dependency cycle: %s (through %s); components in a cycle cannot start in order", names.String(), fields.String())
}

type step struct {
	from  *Object
	field *field
	to    int
}

// shortestPath returns the edges of a shortest path from object a to object
// b within unit u, by breadth-first search.
func shortestPath(w *wiring, o *order, u, a, b int32) []step {
	prev := map[int32]step{a: {}}
	queue := []int32{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v == b {
			break
		}
		for _, d := range w.deps[v] {
			next := int32(d.to)
			if _, seen := prev[next]; seen || o.unitOf[next] != u {
				continue
			}
			prev[next] = step{w.objs[v], d.field, d.to}
			queue = append(queue, next)
		}
	}
	var path []step
	for v := b; v != a; {
		s := prev[v]
		path = append(path, s)
		v = int32(s.from.index)
	}
	slices.Reverse(path)
	return path
}
