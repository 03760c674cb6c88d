package lifecycle

import (
	"strings"
	"testing"
)

// replaceable takes a store by interface and settings by type and by name.
type replaceable struct {
	Store   store     `inject:""`
	Config  *settings `inject:""`
	Primary *settings `inject:"primary"`
}

func TestReplace(t *testing.T) {
	build := func(t *testing.T) (*Graph, *replaceable, *memStore) {
		t.Helper()
		n, mem := &replaceable{}, &memStore{}
		g := New()
		err := g.Provide(&Object{Value: n}, &Object{Value: mem, StopTimeout: 7}, &Object{Value: &settings{DSN: "real"}},
			&Object{Value: &settings{DSN: "primary"}, Name: "primary"})
		if err != nil {
			t.Fatal(err)
		}
		return g, n, mem
	}

	t.Run("by interface, by type, by name", func(t *testing.T) {
		g, n, _ := build(t)
		disk, cfg, primary := &diskStore{dir: "/tmp"}, &settings{DSN: "fake"}, &settings{DSN: "fake primary"}
		if err := Replace[store](g, disk); err != nil {
			t.Fatal(err)
		}
		if err := Replace(g, cfg); err != nil {
			t.Fatal(err)
		}
		if err := g.ReplaceNamed("primary", primary); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err != nil {
			t.Fatal(err)
		}
		if n.Store != disk || n.Config != cfg || n.Primary != primary {
			t.Errorf("injected %+v, want the replacements", n)
		}
		objs := g.Objects()
		if len(objs) != 4 || objs[1].Value != disk || objs[1].StopTimeout != 7 || objs[2].Value != cfg || objs[3].Value != primary || objs[3].Name != "primary" {
			t.Errorf("objects %v: want each replacement in its place, with its timeouts and name", objs)
		}
	})

	for _, c := range []struct {
		name string
		do   func(g *Graph) error
		want string
	}{
		{"nothing matches", func(g *Graph) error { return Replace(g, &logger{}) },
			"lifecycle: replace *lifecycle.logger at replace_test.go:"},
		{"an interface nothing implements", func(g *Graph) error { return Replace[interface{ Close() }](g, nil) },
			"lifecycle: replace interface { Close() } at replace_test.go:"},
		{"no such name", func(g *Graph) error { return g.ReplaceNamed("secondary", &settings{}) },
			"lifecycle: replace named secondary at replace_test.go:"},
		{"two implement it", func(g *Graph) error {
			if err := g.Provide(&Object{Value: &diskStore{}}); err != nil {
				return err
			}
			return Replace[store](g, &memStore{})
		}, "lifecycle: replace lifecycle.store at replace_test.go:"},
		{"a value already provided", func(g *Graph) error {
			return Replace(g, g.Objects()[3].Value.(*settings))
		}, "lifecycle: replace *lifecycle.settings with *lifecycle.settings: value at replace_test.go:"},
		{"not a pointer to a struct", func(g *Graph) error {
			return Replace[store](g, &fakeMapStore{})
		}, "lifecycle: replace *lifecycle.memStore with *lifecycle.fakeMapStore: unnamed value at replace_test.go:"},
		{"after Populate", func(g *Graph) error {
			if err := g.Populate(); err != nil {
				return err
			}
			return Replace(g, &settings{})
		}, "lifecycle: replace *lifecycle.settings at replace_test.go:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, n, mem := build(t)
			err := c.do(g)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("err = %v, want %s...", err, c.want)
			}
			// Nothing changed: the real objects are injected.
			if err := g.Populate(); err != nil && c.name != "two implement it" {
				t.Fatal(err)
			}
			if c.name != "two implement it" && (n.Store != mem || n.Config.DSN != "real" || n.Primary.DSN != "primary") {
				t.Errorf("after a failed replace, injected %+v", n)
			}
		})
	}
}

// fakeMapStore is a store that is not a pointer to a struct.
type fakeMapStore map[string]string

func (m *fakeMapStore) Get(k string) string { return (*m)[k] }
