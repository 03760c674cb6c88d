package lifecycle

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// checker is what the members of the groups below implement.
type checker interface{ Check() string }

type (
	diskCheck struct{ part }
	dbCheck   struct{ part }
	// selfCheck is a member of the group it holds.
	selfCheck struct {
		All []checker `inject:""`
	}
	registry struct {
		part
		All    []checker             `inject:""`
		ByName map[string]checker    `inject:""`
		Stores []*memStore           `inject:""`
		None   []interface{ Nope() } `inject:""`
	}
)

func (c *diskCheck) Check() string { return "disk" }
func (c *dbCheck) Check() string   { return "db" }
func (c *selfCheck) Check() string { return "self" }

// A group takes every object that fits, named or not, in the order of the
// objects; a map, the named ones by name; no member is an empty group. Its
// holder starts after every member, and stops before them.
func TestGroups(t *testing.T) {
	rec := &recorder{}
	disk, db, named := &diskCheck{part{name: "disk", rec: rec}}, &dbCheck{part{name: "db", rec: rec}}, &dbCheck{part{name: "replica", rec: rec}}
	mem := &memStore{}
	r := &registry{part: part{name: "registry", rec: rec}}
	self := &selfCheck{}
	g := New(WithConcurrency(1))
	err := g.Provide(&Object{Value: r}, &Object{Value: disk}, &Object{Value: mem}, &Object{Value: named, Name: "replica"},
		&Object{Value: db}, &Object{Value: self})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Populate(); err != nil {
		t.Fatal(err)
	}
	if want := []checker{disk, named, db, self}; !reflect.DeepEqual(r.All, want) {
		t.Errorf("All = %v, want every checker in Provide order", r.All)
	}
	if len(r.ByName) != 1 || r.ByName["replica"] != named {
		t.Errorf("ByName = %v, want the named checker alone", r.ByName)
	}
	if len(r.Stores) != 1 || r.Stores[0] != mem {
		t.Errorf("Stores = %v, want the *memStore", r.Stores)
	}
	if r.None == nil || len(r.None) != 0 {
		t.Errorf("None = %#v, want an empty, non-nil slice", r.None)
	}
	if want := []checker{disk, named, db}; !reflect.DeepEqual(self.All, want) {
		t.Errorf("a member's own group = %v, want the others", self.All)
	}
	if err := g.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	calls := rec.get()
	if len(calls) != 8 || calls[3] != "start registry" || calls[4] != "stop registry" {
		t.Errorf("calls = %q: want the registry started after its 3 members, and stopped first", calls)
	}
	var dot strings.Builder
	if err := g.WriteDOT(&dot); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(dot.String(), `[label="All"]`); n != 4+3 {
		t.Errorf("DOT has %d edges labelled All, want one per member of each group:\n%s", n, dot.String())
	}
}

// A group's tag takes no option, and a group of something that cannot be
// an object is a field error.
func TestGroupErrors(t *testing.T) {
	type (
		optionalGroup struct {
			All []checker `inject:",optional"`
		}
		intGroup struct {
			Ports []int `inject:""`
		}
		intKeys struct {
			ByPort map[int]checker `inject:""`
		}
	)
	for _, c := range []struct {
		v    any
		want string
	}{
		{&optionalGroup{}, `inject:",optional" on a group of type []lifecycle.checker; a group is never missing, only empty: remove the option`},
		{&intGroup{}, `inject:"" on a field of type []int; it needs`},
		{&intKeys{}, `inject:"" on a field of type map[int]lifecycle.checker; it needs`},
	} {
		g := New()
		if err := g.Provide(&Object{Value: c.v}); err != nil {
			t.Fatal(err)
		}
		if err := g.Populate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Populate(%T) = %v, want %s", c.v, err, c.want)
		}
	}
}
