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

// buildOrder condenses g's objects into units with Tarjan's algorithm, which
// emits each strongly connected set after every set it can reach: a start
// order. It is linear in objects plus fields. perr, the error of Populate,
// is kept with the cycles found.
func buildOrder(g *Graph, perr error) *order {
	n := len(g.objs)
	var (
		index   = make([]int32, n) // visit order + 1; 0 is unvisited
		low     = make([]int32, n)
		onStack = make([]bool, n)
		stack   = make([]int32, 0, 16)
		members = make([]int32, 0, n)
		memOff  = []int32{0}
		calls   []frame
		next    int32 = 1
	)
	o := &order{unitOf: make([]int32, n)}
	for s := range n {
		if index[s] != 0 {
			continue
		}
		index[s], low[s] = next, next
		next++
		stack = append(stack, int32(s))
		onStack[s] = true
		calls = append(calls, frame{int32(s), 0})
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if ds := g.deps[v]; int(f.e) < len(ds) {
				w := int32(ds[f.e].to)
				f.e++
				switch {
				case index[w] == 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			u := int32(len(memOff) - 1)
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				o.unitOf[w] = u
				members = append(members, w)
				if w == v {
					break
				}
			}
			memOff = append(memOff, int32(len(members)))
		}
	}

	nu := len(memOff) - 1
	o.units = make([]unit, nu)
	var failures []error
	if perr != nil {
		failures = append(failures, perr)
	}
	// Components, allocated together: find them first, then fill them in.
	var ms []methods
	nc := 0
	for i, obj := range g.objs {
		if m := methodsOf(obj.Value); m.any() {
			if ms == nil {
				ms = make([]methods, n)
			}
			ms[i] = m
			nc++
		}
	}
	slab := make([]component, nc)
	o.comps = make([]*component, 0, nc)
	var comps []int32
	for u := range nu {
		mem := members[memOff[u]:memOff[u+1]]
		un := &o.units[u]
		un.first = slices.Min(mem)
		comps = comps[:0]
		for _, m := range mem {
			if ms != nil && ms[m].any() {
				if un.comp == nil {
					un.comp = &slab[0]
					slab = slab[1:]
					un.comp.obj = g.objs[m]
					un.comp.methods = ms[m]
				}
				comps = append(comps, m)
			}
		}
		if len(comps) > 1 {
			slices.Sort(comps) // begin the cycle with the first provided
			failures = append(failures, cycleError(g, o, int32(u), comps))
		} else if un.comp != nil {
			o.comps = append(o.comps, un.comp)
		}
	}
	o.err = joinErrors(failures)
	if o.err != nil {
		return o
	}

	// Unit edges, without duplicates or self-loops.
	mark := make([]int32, nu)
	for i := range mark {
		mark[i] = -1
	}
	o.depOff = make([]int32, 1, nu+1)
	count := make([]int32, nu+1)
	for u := range int32(nu) {
		for _, m := range members[memOff[u]:memOff[u+1]] {
			for _, d := range g.deps[m] {
				w := o.unitOf[d.to]
				if w != u && mark[w] != u {
					mark[w] = u
					o.depIdx = append(o.depIdx, w)
					count[w+1]++
				}
			}
		}
		o.depOff = append(o.depOff, int32(len(o.depIdx)))
	}
	for u := 1; u <= nu; u++ {
		count[u] += count[u-1]
	}
	o.revOff = slices.Clone(count)
	o.revIdx = make([]int32, len(o.depIdx))
	for u := range int32(nu) {
		for _, w := range o.deps(u) {
			o.revIdx[count[w]] = u
			count[w]++
		}
	}
	return o
}

type frame struct {
	v int32 // the object
	e int32 // the next of its edges to follow
}

// cycleError describes a cycle through the first two components of unit u.
func cycleError(g *Graph, o *order, u int32, comps []int32) error {
	a, b := comps[0], comps[1]
	there := shortestPath(g, o, u, a, b)
	back := shortestPath(g, o, u, b, a)
	steps := append(there, back...)
	var names, fields strings.Builder
	names.WriteString(g.objs[a].String())
	for i, s := range steps {
		names.WriteString(" -> ")
		names.WriteString(g.objs[s.to].String())
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
func shortestPath(g *Graph, o *order, u, a, b int32) []step {
	prev := map[int32]step{a: {}}
	queue := []int32{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v == b {
			break
		}
		for _, d := range g.deps[v] {
			w := int32(d.to)
			if _, seen := prev[w]; seen || o.unitOf[w] != u {
				continue
			}
			prev[w] = step{g.objs[v], d.field, d.to}
			queue = append(queue, w)
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
