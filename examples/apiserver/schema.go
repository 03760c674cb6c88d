package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"slices"
	"sync"
)

// A field keeps the type of the first value stored in it, as in Parse: a
// string where a number was stored is a 400 with code 111, not a silent
// change that breaks every client that reads the field. The types live in
// the store (Store.FieldTypes) and so hold across a fleet; each server
// caches the ones it has seen, which is safe because a type, once set,
// never changes.

// typeOf returns the Parse type of a field's value in a create or an
// update, or "" for none (null, or Delete, which set nothing).
func typeOf(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if op, ok := isOp(v); ok {
		switch op.Op {
		case "Increment":
			return "Number"
		case "Add", "AddUnique", "Remove":
			return "Array"
		}
		return ""
	}
	switch v[0] {
	case 'n':
		return ""
	case 't', 'f':
		return "Boolean"
	case '"':
		return "String"
	case '[':
		return "Array"
	case '{':
		var typed struct {
			Type      string `json:"__type"`
			ClassName string `json:"className"`
		}
		json.Unmarshal(v, &typed)
		switch typed.Type {
		case "Date":
			return "Date"
		case "Pointer":
			return "Pointer<" + typed.ClassName + ">"
		}
		return "Object"
	}
	return "Number"
}

// A typeCache checks fields against the types of their class, kept in a
// store.
type typeCache struct {
	mu    sync.RWMutex
	types map[string]map[string]string // class -> field -> type
}

// check returns an *apiError (111) if a field of fields has a value of
// another type than the one its class keeps for it, and records the types
// of the fields that have none yet.
func (c *typeCache) check(ctx context.Context, store Store, class string, fields map[string]json.RawMessage) error {
	var unknown map[string]string
	c.mu.RLock()
	known := c.types[class]
	for k, v := range fields {
		t := typeOf(v)
		if t == "" {
			continue
		}
		if have, ok := known[k]; ok {
			if have != t {
				c.mu.RUnlock()
				return mismatch(class, k, have, t)
			}
			continue
		}
		if unknown == nil {
			unknown = make(map[string]string)
		}
		unknown[k] = t
	}
	c.mu.RUnlock()
	if unknown == nil {
		return nil
	}
	// The store sets the types that are not set yet, and returns those of
	// every field asked for, set by this request or by another before it.
	have, err := store.FieldTypes(ctx, class, unknown)
	if err != nil {
		return err
	}
	if txFrom(ctx) != nil {
		// Set in a transaction that may yet roll back: not cached.
		return checkAgainst(class, unknown, have)
	}
	c.mu.Lock()
	if c.types == nil {
		c.types = make(map[string]map[string]string)
	}
	if c.types[class] == nil {
		c.types[class] = make(map[string]string)
	}
	for k, t := range have {
		c.types[class][k] = t
	}
	c.mu.Unlock()
	return checkAgainst(class, unknown, have)
}

// checkAgainst returns the 111 of the first field, by name, whose type in
// want is not the one have keeps.
func checkAgainst(class string, want, have map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if have[k] != want[k] {
			return mismatch(class, k, have[k], want[k])
		}
	}
	return nil
}

func mismatch(class, field, have, got string) error {
	return errIncorrectType.with("schema mismatch for %s.%s; expected %s but got %s", class, field, have, got)
}
