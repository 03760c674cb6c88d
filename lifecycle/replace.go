package lifecycle

import (
	"reflect"

	"github.com/lifekit/lifekit/errs"
)

// Replace swaps a provided object for v before Populate, so that a test can
// run the graph its program builds with a fake in one place: the real store
// swapped for an in-memory one, say, without rebuilding the rest. The object
// replaced is the one unnamed object that T matches: the object of type T,
// or, for an interface T, the one that implements T.
//
//	g, err := app.NewGraph(cfg) // provides the real *PostgresStore, among others
//	err = lifecycle.Replace[app.Store](g, &memStore{})
//
// v takes the place of the object it replaces: in the order of the
// objects, with its timeouts. It must be a pointer to a struct, not
// provided already, and not of the type of another unnamed object.
//
// Replace fails instead of guessing: when nothing provided matches T (an
// object that Populate would create does not count), when several do, and
// once Populate has run. The graph is then unchanged.
func Replace[T any](g *Graph, v T) error {
	t := reflect.TypeFor[T]()
	what := t.String()
	match := func(o *Object) bool {
		if o.Name != "" {
			return false
		}
		if t.Kind() == reflect.Interface {
			return reflect.TypeOf(o.Value).Implements(t)
		}
		return reflect.TypeOf(o.Value) == t
	}
	return g.replace(match, what, any(v), callerSite(2))
}

// ReplaceNamed swaps the object provided with name for v before Populate,
// as [Replace] does for an unnamed one. v keeps the name. It fails when no
// object has that name, and once Populate has run.
func (g *Graph) ReplaceNamed(name string, v any) error {
	return g.replace(func(o *Object) bool { return o.Name == name }, "named "+name, v, callerSite(2))
}

func (g *Graph) replace(match func(*Object) bool, what string, v any, site string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state != stateNew || g.order != nil || g.done > 0 {
		return errs.Errorf("lifecycle: replace %s at %s: the graph is populated already; replace before Populate and Start", what, site)
	}
	var found []*Object
	for _, o := range g.objs {
		if o.origin == provided && match(o) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return errs.Errorf("lifecycle: replace %s at %s: no provided object matches", what, site)
	case 1:
	default:
		return errs.Errorf("lifecycle: replace %s at %s: %d provided objects match: %s; replace a named one with ReplaceNamed", what, site, len(found), list(found))
	}
	old := found[0]
	o := &Object{Value: v, Name: old.Name, StartTimeout: old.StartTimeout, StopTimeout: old.StopTimeout}
	g.unindex(old)
	if err := g.check(o, site); err != nil {
		g.index(old)
		return errs.Errorf("lifecycle: replace %s with %s: %w", old, o, err)
	}
	o.index = old.index
	g.objs[o.index] = o
	g.index(o)
	return nil
}
