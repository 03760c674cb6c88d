package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Parse's typed values and field operations.
//
// A field's value may be, or hold, a typed value: {"__type": "Date", "iso":
// ...} or {"__type": "Pointer", "className": ..., "objectId": ...}. They are
// stored as they are (a Date's iso in one format, so that text order is
// time order); other types (GeoPoint, File, Bytes, Relation...) are refused
// until implemented, rather than stored as literal objects that a Parse
// client would misread.
//
// A field's value in a create or an update may also be an operation,
// applied with the object's row locked (in one UPDATE on PostgreSQL, see
// postgresUpdate, or in the update's transaction), so that two concurrent
// increments both count: {"__op": "Increment", "amount": n}, "Add", "AddUnique" and
// "Remove" with "objects": [...], and "Delete". A field set to null is
// deleted, as Parse Server on PostgreSQL leaves it out of the object.

// A fieldOp is one operation on a field.
type fieldOp struct {
	Op      string            `json:"__op"`
	Amount  json.RawMessage   `json:"amount"`
	Objects []json.RawMessage `json:"objects"`
}

// The supported operations.
var fieldOps = map[string]bool{"Increment": true, "Add": true, "AddUnique": true, "Remove": true, "Delete": true}

// errIncorrectType is Parse's 111: a value of the wrong type for a field.
var errIncorrectType = &apiError{400, 111, "incorrect type"}

// isOp reports whether a field's value is an operation, and decodes it.
func isOp(v json.RawMessage) (*fieldOp, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || v[0] != '{' || !bytes.Contains(v, []byte(`"__op"`)) {
		return nil, false
	}
	var op fieldOp
	if json.Unmarshal(v, &op) != nil || op.Op == "" {
		return nil, false
	}
	return &op, true
}

// checkField checks the value of one field of a create or an update: an
// operation, whose objects are checked as values, or a value (see
// checkTyped). It returns the value to store: a top-level Date with its iso
// in the server's format.
func checkField(name string, v json.RawMessage) (json.RawMessage, error) {
	if op, ok := isOp(v); ok {
		if !fieldOps[op.Op] {
			return nil, errInvalidJSON.with("field %q: __op %q is not supported by this server: want Increment, Add, AddUnique, Remove or Delete", name, clip(op.Op))
		}
		switch op.Op {
		case "Increment":
			if _, _, err := number(op.Amount); err != nil {
				return nil, errInvalidJSON.with("field %q: Increment wants a number amount", name)
			}
		case "Add", "AddUnique", "Remove":
			if op.Objects == nil {
				return nil, errInvalidJSON.with("field %q: %s wants an objects array", name, op.Op)
			}
			for _, o := range op.Objects {
				if err := checkTyped(o); err != nil {
					return nil, errInvalidJSON.with("field %q: %v", name, err)
				}
			}
		}
		return v, nil
	}
	if err := checkTyped(v); err != nil {
		return nil, errInvalidJSON.with("field %q: %v", name, err)
	}
	return normalizeDate(v), nil
}

// checkTyped refuses a value that holds an operation (checkField takes
// one that is a field's whole value before) or a typed value this server
// does not implement, or a Date or Pointer that is malformed.
func checkTyped(v []byte) error {
	if !bytes.Contains(v, []byte(`"__`)) {
		return nil // the common case: no such key can be there
	}
	var walk func(x any) error
	walk = func(x any) error {
		switch x := x.(type) {
		case map[string]any:
			if t, ok := x["__op"]; ok {
				return fmt.Errorf("__op %s is only allowed as a field's whole value", clip(fmt.Sprint(t)))
			}
			if t, ok := x["__type"]; ok {
				return checkTypedValue(t, x)
			}
			for _, e := range x {
				if err := walk(e); err != nil {
					return err
				}
			}
		case []any:
			for _, e := range x {
				if err := walk(e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return err
	}
	return walk(x)
}

// checkTypedValue checks one object with a __type key.
func checkTypedValue(t any, x map[string]any) error {
	str := func(k string) string { s, _ := x[k].(string); return s }
	switch t {
	case "Date":
		if len(x) != 2 {
			return fmt.Errorf("a Date has __type and iso, nothing else")
		}
		if _, err := parseISO(str("iso")); err != nil {
			return err
		}
	case "Pointer":
		if len(x) != 3 || !validName(str("className")) || !validID(str("objectId")) {
			return fmt.Errorf("a Pointer has __type, a className and an objectId, nothing else")
		}
	default:
		return fmt.Errorf("__type %s is not supported by this server: want Date or Pointer", clip(fmt.Sprint(t)))
	}
	return nil
}

// normalizeDate returns v, or if v is a Date, the same Date with its iso in
// the server's format (UTC, milliseconds), so that dates compare as text.
func normalizeDate(v json.RawMessage) json.RawMessage {
	if !bytes.Contains(v, []byte(`"Date"`)) {
		return v
	}
	var d struct {
		Type string `json:"__type"`
		ISO  string `json:"iso"`
	}
	if json.Unmarshal(v, &d) != nil || d.Type != "Date" {
		return v
	}
	t, err := parseISO(d.ISO)
	if err != nil {
		return v // checkTyped refused it already
	}
	b, _ := json.Marshal(map[string]string{"__type": "Date", "iso": formatTime(t)})
	return b
}

// applyChanges applies the fields of a create or an update to the fields
// m of an object: a value replaces the field, null or Delete removes it,
// the other operations combine with what is there. It returns the names of
// the fields an operation changed other than by Delete, whose new values a
// Parse client expects in the answer.
func applyChanges(m, changes map[string]json.RawMessage) ([]string, error) {
	var changed []string
	for k, v := range changes {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			delete(m, k)
			continue
		}
		op, ok := isOp(v)
		if !ok {
			m[k] = v
			continue
		}
		cur, has := m[k]
		if has && bytes.Equal(bytes.TrimSpace(cur), []byte("null")) {
			has = false
		}
		switch op.Op {
		case "Delete":
			delete(m, k)
			continue
		case "Increment":
			sum, err := increment(cur, has, op.Amount)
			if err != nil {
				return nil, errIncorrectType.with("field %q: %v", k, err)
			}
			m[k] = sum
		default: // Add, AddUnique, Remove
			var list []json.RawMessage
			if has {
				if err := json.Unmarshal(cur, &list); err != nil {
					return nil, errIncorrectType.with("field %q: %s works on an array, and it holds %s", k, op.Op, kindOf(cur))
				}
			}
			list = combine(op.Op, list, op.Objects)
			b, err := json.Marshal(list)
			if err != nil {
				return nil, err
			}
			m[k] = b
		}
		changed = append(changed, k)
	}
	return changed, nil
}

// increment returns cur + amount: an integer if both are integers and the
// sum fits, a float otherwise. A missing field counts as 0.
func increment(cur json.RawMessage, has bool, amount json.RawMessage) (json.RawMessage, error) {
	ai, af, err := number(amount)
	if err != nil {
		return nil, err
	}
	if !has {
		return amount, nil
	}
	ci, cf, err := number(cur)
	if err != nil {
		return nil, fmt.Errorf("an Increment works on a number, and the field holds %s", kindOf(cur))
	}
	if ci != nil && ai != nil {
		if s := *ci + *ai; (s > *ci) == (*ai > 0) || *ai == 0 {
			return json.RawMessage(strconv.FormatInt(s, 10)), nil
		}
	}
	f := cf + af
	if math.IsInf(f, 0) {
		return nil, fmt.Errorf("the sum is out of range")
	}
	return json.RawMessage(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

// number decodes a JSON number: as an int64 too if it is one.
func number(v json.RawMessage) (*int64, float64, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || !(v[0] == '-' || '0' <= v[0] && v[0] <= '9') {
		return nil, 0, fmt.Errorf("not a number")
	}
	if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
		return &i, float64(i), nil
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return nil, 0, fmt.Errorf("not a number in range")
	}
	return nil, f, nil
}

// combine applies Add, AddUnique or Remove to list. Values are compared by
// their compact JSON text.
func combine(op string, list, objects []json.RawMessage) []json.RawMessage {
	key := func(v json.RawMessage) string {
		var b bytes.Buffer
		if json.Compact(&b, v) != nil {
			return string(v)
		}
		return b.String()
	}
	switch op {
	case "Add":
		return append(list, objects...)
	case "AddUnique":
		seen := make(map[string]bool, len(list))
		for _, v := range list {
			seen[key(v)] = true
		}
		for _, v := range objects {
			if k := key(v); !seen[k] {
				seen[k] = true
				list = append(list, v)
			}
		}
		return list
	default: // Remove
		drop := make(map[string]bool, len(objects))
		for _, v := range objects {
			drop[key(v)] = true
		}
		kept := list[:0]
		for _, v := range list {
			if !drop[key(v)] {
				kept = append(kept, v)
			}
		}
		if kept == nil {
			kept = []json.RawMessage{}
		}
		return kept
	}
}

// kindOf names the JSON kind of v, for messages.
func kindOf(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
