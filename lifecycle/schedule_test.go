package lifecycle

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// dagState checks, as components start and stop, that every edge of a graph
// is honoured.
type dagState struct {
	started  []atomic.Bool
	stopped  []atomic.Int32 // Stop calls per component
	inflight atomic.Int32
	maxSeen  atomic.Int32

	mu         sync.Mutex
	violations []string
}

func (s *dagState) violate(format string, args ...any) {
	s.mu.Lock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}

func (s *dagState) enter() {
	n := s.inflight.Add(1)
	for {
		m := s.maxSeen.Load()
		if n <= m || s.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	runtime.Gosched() // let others interleave
}

// dagComp is a component of a random graph. below lists every component it
// depends on, directly or not; above every component that depends on it.
type dagComp struct {
	id        int
	s         *dagState
	below     []int
	above     []int
	failStart bool
}

type dagPlain struct{ id int }

func (c *dagComp) Start(ctx context.Context) error {
	c.s.enter()
	defer c.s.inflight.Add(-1)
	for _, d := range c.below {
		if !c.s.started[d].Load() {
			c.s.violate("%d started before its dependency %d", c.id, d)
		}
		if c.s.stopped[d].Load() != 0 {
			c.s.violate("%d started after its dependency %d stopped", c.id, d)
		}
	}
	if c.failStart {
		return errBoom
	}
	c.s.started[c.id].Store(true)
	return nil
}

func (c *dagComp) Stop(ctx context.Context) error {
	c.s.enter()
	defer c.s.inflight.Add(-1)
	if !c.s.started[c.id].Load() {
		c.s.violate("%d stopped but never started", c.id)
	}
	for _, d := range c.above {
		if c.s.started[d].Load() && c.s.stopped[d].Load() == 0 {
			c.s.violate("%d stopped before its dependent %d", c.id, d)
		}
	}
	for _, d := range c.below {
		if c.s.stopped[d].Load() != 0 {
			c.s.violate("%d stopped after its dependency %d", c.id, d)
		}
	}
	c.s.stopped[c.id].Add(1)
	return nil
}

// randomGraph builds a graph of n objects, about a third of them plain, each
// depending on up to four earlier ones; some pairs of plain objects point at
// each other. It sets the edges directly, as Populate would.
func randomGraph(t *testing.T, rng *rand.Rand, n int, fail bool, opts ...Option) (*Graph, *dagState, []*dagComp) {
	t.Helper()
	s := &dagState{started: make([]atomic.Bool, n), stopped: make([]atomic.Int32, n)}
	g := New(opts...)
	comps := make([]*dagComp, n)
	plain := make([]bool, n)
	for i := range n {
		var v any
		if rng.IntN(3) == 0 {
			plain[i] = true
			v = &dagPlain{id: i}
		} else {
			comps[i] = &dagComp{id: i, s: s}
			v = comps[i]
		}
		if err := g.Provide(&Object{Value: v, Name: fmt.Sprint("n", i)}); err != nil {
			t.Fatal(err)
		}
	}
	f := &field{path: "F"}
	edges := make([][]int, n)
	for i := 1; i < n; i++ {
		if j := rng.IntN(i); plain[i] && plain[j] && rng.IntN(2) == 0 {
			// A plain object that points only to another, which points
			// back: a cycle without components, which is allowed.
			edges[i] = append(edges[i], j)
			g.deps[i] = append(g.deps[i], dep{j, f})
			g.deps[j] = append(g.deps[j], dep{i, f})
			continue
		}
		for range rng.IntN(5) {
			j := rng.IntN(i)
			edges[i] = append(edges[i], j)
			g.deps[i] = append(g.deps[i], dep{j, f})
		}
	}
	if fail {
		for range 2 {
			if c := comps[rng.IntN(n)]; c != nil {
				c.failStart = true
			}
		}
	}
	// below: every component reachable through the forward edges.
	for i, c := range comps {
		if c == nil {
			continue
		}
		seen := make([]bool, n)
		stack := append([]int(nil), edges[i]...)
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[j] {
				continue
			}
			seen[j] = true
			if comps[j] != nil {
				c.below = append(c.below, j)
				comps[j].above = append(comps[j].above, i)
			}
			stack = append(stack, edges[j]...)
		}
	}
	g.done = len(g.objs)
	if g.order = buildOrder(&g.wiring, nil); g.order.err != nil {
		t.Fatalf("buildOrder: %v", g.order.err)
	}
	return g, s, comps
}

// TestRandomGraphs starts and stops many random graphs with several
// concurrency bounds, some with failing components, and checks every edge,
// the bound, and that each component that started is stopped exactly once.
func TestRandomGraphs(t *testing.T) {
	rounds := 300
	if testing.Short() {
		rounds = 50
	}
	for round := range rounds {
		seed := uint64(round)
		rng := rand.New(rand.NewPCG(seed, 42))
		n := 1 + rng.IntN(80)
		limit := []int{0, 1, 2, 7}[rng.IntN(4)]
		fail := rng.IntN(3) == 0
		g, s, comps := randomGraph(t, rng, n, fail, WithConcurrency(limit))
		ctx := context.Background()
		startErr := g.Start(ctx)
		stopErr := g.Stop(ctx)
		if stopErr != nil {
			t.Fatalf("seed %d: Stop() = %v", seed, stopErr)
		}
		failing := false
		for _, c := range comps {
			if c != nil && c.failStart {
				failing = true
			}
		}
		if failing != (startErr != nil) {
			t.Fatalf("seed %d: Start() = %v with failing components: %v", seed, startErr, failing)
		}
		for _, v := range s.violations {
			t.Errorf("seed %d, n=%d, concurrency %d: %s", seed, n, limit, v)
		}
		for i, c := range comps {
			if c == nil {
				continue
			}
			want := int32(0)
			if s.started[i].Load() {
				want = 1
			}
			if got := s.stopped[i].Load(); got != want {
				t.Errorf("seed %d: component %d (started %v) stopped %d times", seed, i, s.started[i].Load(), got)
			}
		}
		if limit > 0 && s.maxSeen.Load() > int32(limit) {
			t.Errorf("seed %d: %d calls in flight at once, bound %d", seed, s.maxSeen.Load(), limit)
		}
		if t.Failed() {
			return
		}
	}
}

// With no bound, components that do not depend on each other really do run
// at the same time: every one of n independent Starts is in flight before
// any returns. Each Start waits for the last to arrive; if they were called
// one at a time, the first would wait alone until the start timeout, which
// synctest's clock reaches at once, and the test fails naming how many
// arrived.
func TestIndependentComponentsOverlap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 8
		m := &meeting{n: n, all: make(chan struct{})}
		g := New()
		for i := range n {
			if err := g.Provide(&Object{Value: &attendee{m}, Name: fmt.Sprint("b", i)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Start(context.Background()); err != nil {
			t.Fatalf("Start() = %v\nwant all %d independent Starts in flight at once, saw at most %d", err, n, m.most())
		}
		if err := g.Stop(context.Background()); err != nil {
			t.Fatalf("Stop() = %v", err)
		}
	})
}

// A meeting is held once all n attendees have arrived.
type meeting struct {
	n   int
	all chan struct{} // closed when the last arrives

	mu      sync.Mutex
	present int // Starts in flight
	max     int // the most Starts in flight at once
}

func (m *meeting) most() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.max
}

type attendee struct{ m *meeting }

// Start arrives at the meeting and waits for the others, or for ctx.
func (a *attendee) Start(ctx context.Context) error {
	m := a.m
	m.mu.Lock()
	m.present++
	m.max = max(m.max, m.present)
	if m.present == m.n {
		close(m.all)
	}
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.present--
		m.mu.Unlock()
	}()
	select {
	case <-m.all:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestUnitHeap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	q := unitHeap{key: make([]int32, 100)}
	for i := range q.key {
		q.key[i] = int32(rng.IntN(10))
	}
	for _, u := range rng.Perm(100) {
		q.push(int32(u))
	}
	prev := int32(-1)
	for !q.empty() {
		u := q.pop()
		if prev >= 0 && q.less(u, prev) {
			t.Fatalf("pop() = %d (key %d) after %d (key %d)", u, q.key[u], prev, q.key[prev])
		}
		prev = u
	}
}
