package lifecycle

import (
	"strings"
	"testing"
)

// The wiring half alone, without a Graph: objects in, a checked order out.
func TestWiringAlone(t *testing.T) {
	rec := &recorder{}
	w := newWiring()
	s, c, d := &testServer{part: part{name: "server", rec: rec}}, &testCache{part: part{name: "cache", rec: rec}}, &testDB{part{name: "db", rec: rec}}
	for _, o := range []*Object{{Value: s}, {Value: c}, {Value: d}} {
		if err := w.add(o, "wiring_test.go"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.populate(); err != nil {
		t.Fatal(err)
	}
	if s.DB != d || s.Cache != c || c.DB != d {
		t.Fatalf("wired %+v %+v", s, c)
	}
	// The order: each component after what it depends on.
	pos := map[string]int{}
	for i, u := range w.order.units {
		if u.comp != nil {
			pos[u.comp.obj.String()] = i
		}
	}
	if !(pos["*lifecycle.testDB"] < pos["*lifecycle.testCache"] && pos["*lifecycle.testCache"] < pos["*lifecycle.testServer"]) {
		t.Errorf("unit positions %v: want db, cache, server", pos)
	}
	if len(rec.get()) != 0 {
		t.Errorf("wiring called lifecycle methods: %q", rec.get())
	}

	// A cycle is the order's error, kept for every later populate.
	w2 := newWiring()
	for _, o := range []*Object{{Value: &cycA{}}} {
		if err := w2.add(o, "wiring_test.go"); err != nil {
			t.Fatal(err)
		}
	}
	err := w2.populate()
	if err == nil || !strings.Contains(err.Error(), "cycle") || w2.populate() != err {
		t.Errorf("populate of a cycle = %v, then %v; want the same cycle error", err, w2.populate())
	}
}
