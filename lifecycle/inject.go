package lifecycle

import (
	"cmp"
	"reflect"
	"slices"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

// A plan lists the injectable fields of a struct type, inline structs
// flattened, so that a type is read with reflect once however many objects
// of it there are.
type plan struct {
	fields   []field
	problems []problem // tags that cannot be honoured, reported once per type
	reported bool
	tagged   int // tagged fields seen so far, to number them
}

// field is an injectable field of a struct type.
type field struct {
	num   int    // the field's number, when index is nil
	index []int  // for reflect.Value.FieldByIndex, through inline structs
	path  string // "Store", or "Options.Store" through inline structs
	// typ is the field's type, or for a named pointer type (type P *T)
	// the *T it takes: objects are indexed by their own type, never P, and
	// a *T is assignable to a P.
	typ reflect.Type
	tag tag
	seq int // its place among the tagged fields, for ordering errors
	// group: an inject:"" slice or map of an interface or of pointers to
	// structs, filled with every object that fits (see fillGroup).
	group bool
}

// problem is a field whose tag cannot be honoured.
type problem struct {
	path string
	msg  string
	seq  int
}

// plan returns the plan of struct type t.
func (w *wiring) plan(t reflect.Type) *plan {
	if p := w.plans[t]; p != nil {
		return p
	}
	p := &plan{fields: make([]field, 0, t.NumField())}
	p.build(t, nil, "", 0)
	w.plans[t] = p
	return p
}

func (p *plan) build(t reflect.Type, index []int, prefix string, depth int) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tg, ok, err := parseTag(string(sf.Tag))
		if !ok && err == nil {
			continue
		}
		path := prefix + sf.Name
		seq := p.tagged
		p.tagged++
		if err != nil {
			p.problems = append(p.problems, problem{path, err.Error(), seq})
			continue
		}
		if !sf.IsExported() {
			p.problems = append(p.problems, problem{path, tg.String() + " on an unexported field; export it or remove the tag", seq})
			continue
		}
		var idx []int
		if index != nil || tg.kind == inline {
			idx = append(index[:len(index):len(index)], i)
		}
		ft := sf.Type
		switch {
		case tg.kind == inline && ft.Kind() != reflect.Struct:
			p.problems = append(p.problems, problem{path, `inject:"inline" on a field of type ` + ft.String() + `, not a struct`, seq})
		case tg.kind == inline:
			p.build(ft, idx, path+".", depth+1)
		case ft.Kind() == reflect.Struct:
			p.problems = append(p.problems, problem{path, tg.String() + " on a struct field of type " + ft.String() + `; use inject:"inline" or a pointer`, seq})
		case tg.kind == private && !isStructPtr(ft) && ft.Kind() != reflect.Map:
			p.problems = append(p.problems, problem{path, `inject:"private" on a field of type ` + ft.String() + `; it needs a pointer to a struct, or a map`, seq})
		case tg.kind == byType && isGroup(ft):
			if tg.optional {
				p.problems = append(p.problems, problem{path, `inject:",optional" on a group of type ` + ft.String() + `; a group is never missing, only empty: remove the option`, seq})
				continue
			}
			p.fields = append(p.fields, field{num: i, index: idx, path: path, typ: ft, tag: tg, seq: seq, group: true})
		case tg.kind == byType && !isStructPtr(ft) && ft.Kind() != reflect.Interface:
			p.problems = append(p.problems, problem{path, `inject:"" on a field of type ` + ft.String() + `; it needs a pointer to a struct or an interface, a slice or map[string] of those, or a name`, seq})
		default:
			if ft.Kind() == reflect.Pointer && ft.Name() != "" {
				ft = reflect.PointerTo(ft.Elem())
			}
			p.fields = append(p.fields, field{num: i, index: idx, path: path, typ: ft, tag: tg, seq: seq})
		}
	}
}

// value returns the field of struct s.
func (f *field) value(s reflect.Value) reflect.Value {
	if f.index == nil {
		return s.Field(f.num)
	}
	return s.FieldByIndex(f.index)
}

func isStructPtr(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct
}

// isGroup reports whether t can hold a group: a slice, or a map with
// string keys, of an interface or of pointers to structs.
func isGroup(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return false
		}
	case reflect.Slice:
	default:
		return false
	}
	e := t.Elem()
	return e.Kind() == reflect.Interface || isStructPtr(e)
}

// Populate fills the tagged fields of every object provided since the last
// Populate, and of every object it creates on the way:
//
//   - inject:"" on a pointer to a struct takes the unnamed object of that
//     type; when there is none and no named one either, Populate creates one,
//     adds it to the graph and populates it.
//   - inject:"" on an interface takes the one unnamed object that implements
//     it, other than the object itself.
//   - inject:"name" takes the object named name.
//   - inject:"private" takes a new object made for this field alone, or on
//     a map, a new empty map.
//   - inject:"inline" populates the fields of an embedded struct value.
//   - inject:"" on a slice, or a map with string keys, of an interface or
//     of pointers to structs takes a group: every object that fits, named
//     or not, in the order of the objects; for a map, every named one, by
//     name. None is an empty group.
//   - inject:",optional" and inject:"name,optional" take what the forms
//     without the option take, but leave the field nil when nothing
//     provides it: no object is created for an optional pointer (it takes
//     one that Populate created for another field), and no implementation
//     or name is not an error. Two implementations still are.
//
// Fields that are already set are left alone. Populate fails instead of
// guessing: an error names the full path of each field it cannot fill
// (*app.Server.Store), and every candidate with where it was provided. It
// also reports cycles among components. A failed Populate is final: later
// calls, and Start, return the same error.
//
// Start calls Populate when it is needed, so calling it is optional; it is
// useful to fail early, or to inspect the objects before Start.
func (g *Graph) Populate() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state != stateNew {
		return errs.New("lifecycle: populate after start")
	}
	return g.populate()
}

// fieldError is an error of Populate, with its place for sorting.
type fieldError struct {
	obj, seq int
	err      error
}

// pending is an interface field, or an optional pointer field, left for
// the second pass, when every object that can be created has been.
type pending struct {
	obj   *Object
	field *field
}

func (w *wiring) populate() error {
	if w.order != nil && w.order.err != nil {
		return w.order.err
	}
	if w.done == len(w.objs) && w.order != nil {
		return nil
	}
	var (
		failures []fieldError
		later    []pending
	)
	// First pass: everything else. Created objects join w.objs and
	// are populated in turn, in the order they were created.
	for i := w.done; i < len(w.objs); i++ {
		failures = w.fill(w.objs[i], &later, failures)
	}
	// Second pass: interfaces, groups and optional pointers, against the
	// final set of objects.
	w.ifcs = nil
	for _, p := range later {
		failures = w.fillLate(p.obj, p.field, failures)
	}
	w.done = len(w.objs)
	// Report in object order, and in field order within an object.
	slices.SortStableFunc(failures, func(a, b fieldError) int {
		return cmp.Or(cmp.Compare(a.obj, b.obj), cmp.Compare(a.seq, b.seq))
	})
	var list []error
	for _, f := range failures {
		list = append(list, f.err)
	}
	err := joinErrors(list)
	w.order = buildOrder(w, err)
	return w.order.err
}

// fill populates the fields of o other than those left for the second pass
// (see pending), appending what it cannot fill to failures.
func (w *wiring) fill(o *Object, later *[]pending, failures []fieldError) []fieldError {
	v := reflect.ValueOf(o.Value)
	if !isStructPtr(v.Type()) {
		return failures
	}
	p := w.plan(v.Type().Elem())
	if !o.Complete && !p.reported && p.problems != nil {
		p.reported = true
		for _, pr := range p.problems {
			failures = append(failures, fieldError{o.index, pr.seq, errs.Errorf("lifecycle: %s.%s: %s", o.path(), pr.path, pr.msg)})
		}
	}
	s := v.Elem()
	if w.deps[o.index] == nil && len(p.fields) > 0 {
		w.deps[o.index] = make([]dep, 0, len(p.fields))
	}
	for i := range p.fields {
		f := &p.fields[i]
		fv := f.value(s)
		if !fv.IsZero() {
			// Set by hand, or by an earlier Populate: leave it, but order o
			// after the object it points to.
			if d := w.objectOf(fv); d != nil {
				w.deps[o.index] = append(w.deps[o.index], dep{d.index, f})
			}
			continue
		}
		if o.Complete {
			continue
		}
		var (
			d   *Object
			err error
		)
		switch f.tag.kind {
		case byName:
			if f.tag.optional && w.named[f.tag.name] == nil {
				continue // nothing provides it: the field stays nil
			}
			d, err = w.lookupName(f)
		case private:
			if f.typ.Kind() == reflect.Map {
				// facebookgo/inject's private map: a new, empty map of
				// the field's own, not an object of the graph.
				fv.Set(reflect.MakeMap(f.typ))
				continue
			}
			d, err = w.makePrivate(o, f)
		case byType:
			if f.typ.Kind() == reflect.Interface || f.tag.optional || f.group {
				// Against the final set of objects: an optional field
				// takes an object that another field made Populate create.
				*later = append(*later, pending{o, f})
				continue
			}
			d, err = w.lookupType(o, f)
		}
		if err != nil {
			failures = append(failures, fieldError{o.index, f.seq, errs.Errorf("lifecycle: %s.%s: %w", o.path(), f.path, err)})
			continue
		}
		fv.Set(reflect.ValueOf(d.Value))
		w.deps[o.index] = append(w.deps[o.index], dep{d.index, f})
	}
	return failures
}

// objectOf returns the object that the set field fv holds, if any.
func (w *wiring) objectOf(fv reflect.Value) *Object {
	if fv.Kind() == reflect.Interface {
		fv = fv.Elem()
	}
	t := fv.Type()
	if !identifiable(t) {
		return nil
	}
	if t.Name() != "" {
		// A named pointer type: objects are indexed by the unnamed one.
		fv = fv.Convert(reflect.PointerTo(t.Elem()))
	}
	return w.ptrs[fv.Interface()]
}

func (w *wiring) lookupName(f *field) (*Object, error) {
	d := w.named[f.tag.name]
	if d == nil {
		return nil, errs.Errorf("no object named %q", f.tag.name)
	}
	if t := reflect.TypeOf(d.Value); !t.AssignableTo(f.typ) {
		return nil, errs.Errorf("object named %q is a %s, %s; the field needs %s", f.tag.name, t, d.where(), f.typ)
	}
	return d, nil
}

func (w *wiring) lookupType(o *Object, f *field) (*Object, error) {
	if d := w.types[f.typ]; d != nil {
		return d, nil
	}
	if named := w.tnamd[f.typ]; named != nil {
		return nil, errs.Errorf("no unnamed %s, only named ones: %s; add a name to the tag", f.typ, list(named))
	}
	d := &Object{
		Value:  reflect.New(f.typ.Elem()).Interface(),
		origin: created,
		site:   o.path() + "." + f.path,
	}
	w.insert(d)
	return d, nil
}

func (w *wiring) makePrivate(o *Object, f *field) (*Object, error) {
	for a := o; a != nil; a = a.parent {
		if reflect.TypeOf(a.Value) == f.typ {
			return nil, errs.Errorf(`inject:"private" %s inside a private %s never ends`, f.typ, f.typ)
		}
	}
	d := &Object{
		Value:  reflect.New(f.typ.Elem()).Interface(),
		origin: privateCopy,
		site:   o.path() + "." + f.path,
		parent: o,
	}
	w.insert(d)
	return d, nil
}

// fillLate fills a field left for the second pass, against the final set
// of objects: a group, an optional pointer, or an interface.
func (w *wiring) fillLate(o *Object, f *field, failures []fieldError) []fieldError {
	if f.group {
		w.fillGroup(o, f)
		return failures
	}
	if f.typ.Kind() != reflect.Interface {
		// An optional pointer: the unnamed object of its type, if any; never
		// a new one.
		if d := w.types[f.typ]; d != nil {
			f.value(reflect.ValueOf(o.Value).Elem()).Set(reflect.ValueOf(d.Value))
			w.deps[o.index] = append(w.deps[o.index], dep{d.index, f})
		}
		return failures
	}
	unnamed, named := w.implementers(f.typ)
	var d *Object
	n := 0
	for _, c := range unnamed {
		if c != o {
			d = c
			n++
		}
	}
	var err error
	switch {
	case n == 1:
		f.value(reflect.ValueOf(o.Value).Elem()).Set(reflect.ValueOf(d.Value))
		w.deps[o.index] = append(w.deps[o.index], dep{d.index, f})
		return failures
	case n > 1:
		others := make([]*Object, 0, n)
		for _, c := range unnamed {
			if c != o {
				others = append(others, c)
			}
		}
		err = errs.Errorf("%d unnamed objects implement %s: %s; name the one to use", n, f.typ, list(others))
	case f.tag.optional:
		return failures // nothing unnamed implements it: the field stays nil
	case named != nil:
		err = errs.Errorf("no unnamed object implements %s, only named ones: %s; add a name to the tag", f.typ, list(named))
	default:
		err = errs.Errorf("no object implements %s", f.typ)
	}
	return append(failures, fieldError{o.index, f.seq, errs.Errorf("lifecycle: %s.%s: %w", o.path(), f.path, err)})
}

// fillGroup fills a group field of o: a slice with every object of the
// graph that fits its element type (implements the interface, or is of the
// pointer type), named or not, in the order of the objects (Provide order,
// then creation order); a map[string] with the named ones, by name. The
// object itself and private objects are not members. No member is an empty
// group, not an error: the slice or map is made empty.
func (w *wiring) fillGroup(o *Object, f *field) {
	elem := f.typ.Elem()
	isMap := f.typ.Kind() == reflect.Map
	var members []*Object
	for _, c := range w.objs {
		if c == o || c.origin == privateCopy || isMap && c.Name == "" {
			continue
		}
		t := reflect.TypeOf(c.Value)
		if elem.Kind() == reflect.Interface && t.Implements(elem) || t == elem {
			members = append(members, c)
		}
	}
	fv := f.value(reflect.ValueOf(o.Value).Elem())
	if isMap {
		m := reflect.MakeMapWithSize(f.typ, len(members))
		for _, c := range members {
			m.SetMapIndex(reflect.ValueOf(c.Name), reflect.ValueOf(c.Value))
		}
		fv.Set(m)
	} else {
		sl := reflect.MakeSlice(f.typ, len(members), len(members))
		for i, c := range members {
			sl.Index(i).Set(reflect.ValueOf(c.Value))
		}
		fv.Set(sl)
	}
	for _, c := range members {
		w.deps[o.index] = append(w.deps[o.index], dep{c.index, f})
	}
}

// implementers returns the objects that implement interface t, unnamed and
// named, in graph order. Private objects are never candidates. The answer is
// cached for the rest of the Populate: this is the one scan of all objects,
// done once per interface type.
func (w *wiring) implementers(t reflect.Type) (unnamed, named []*Object) {
	if w.ifcs == nil {
		w.ifcs = make(map[reflect.Type]*impls)
	}
	im := w.ifcs[t]
	if im == nil {
		im = new(impls)
		for _, o := range w.objs {
			switch {
			case o.origin == privateCopy || !reflect.TypeOf(o.Value).Implements(t):
			case o.Name == "":
				im.unnamed = append(im.unnamed, o)
			default:
				im.named = append(im.named, o)
			}
		}
		w.ifcs[t] = im
	}
	return im.unnamed, im.named
}

// impls is the answer of implementers.
type impls struct{ unnamed, named []*Object }

// list names objects and where they come from, for messages.
func list(objs []*Object) string {
	var b strings.Builder
	for i, o := range objs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(o.String())
		b.WriteString(" (")
		b.WriteString(o.where())
		b.WriteString(")")
	}
	return b.String()
}
