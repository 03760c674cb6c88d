package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A listQuery is a parsed GET /v1/classes/{class}: Parse's where, order,
// limit, skip, count, keys and include, reduced to what the stores can run
// with bound parameters only.
type listQuery struct {
	Where []condition // all must hold; sorted, so the same query gives the same SQL
	Order []orderKey  // then by objectId, so that pages are stable
	Limit int
	Skip  int
	Count bool     // also count every match (count=1)
	Keys  []string // the fields to return besides objectId, createdAt and updatedAt; nil for all
	// Include names pointer fields whose objects replace the pointers in
	// the results (one level deep).
	Include []string
	// MaxBytes bounds the objects' data a List may hold (0: no bound): the
	// store stops reading, with errListTooLarge, as soon as it is passed.
	MaxBytes int
}

// errListTooLarge is a List's answer when the objects passed MaxBytes.
var errListTooLarge = errors.New("the objects passed the size bound of a list")

// An orderKey is one key of a sort: a field, or objectId, createdAt or
// updatedAt, which are columns.
type orderKey struct {
	Field string
	Desc  bool
}

// A condition is one test of a where filter on a top-level field (or
// objectId, createdAt, updatedAt): a comparison with one value, $in and
// $nin with several, $exists, or $or and $and of whole filters (Field "").
type condition struct {
	Field string
	Op    op
	value
	Values  []value       // $in, $nin
	Clauses [][]condition // $or, $and
}

// A value is one JSON value of a where filter, decoded. JSON is its
// canonical text, for PostgreSQL's jsonb comparisons; the other fields hold
// it decoded, for SQLite's and for the columns.
type value struct {
	Kind  kind
	JSON  string
	Str   string // a string; a date's ISO text; a pointer's class
	ID    string // a pointer's objectId
	Int   int64  // an integer that fits an int64 (IsInt); a date's Unix milliseconds
	Float float64
	IsInt bool
	Bool  bool
}

type kind int

const (
	kindNull    kind = iota // matches a field that is null or missing
	kindBool                // true, false
	kindNumber              // a JSON number
	kindString              // a JSON string
	kindDate                // {"__type": "Date", "iso": ...}
	kindPointer             // {"__type": "Pointer", "className": ..., "objectId": ...}
)

// An op is a condition's test. Its SQL is one of a fixed set of fragments.
type op int

const (
	opEq op = iota
	opNe
	opLt
	opLte
	opGt
	opGte
	opIn
	opNin
	opExists    // Bool: the field is there (and not null), or not
	opOr        // any of Clauses
	opAnd       // all of Clauses
	opNotExists // internal: $exists false
)

// operators maps Parse's query operators to ops.
var operators = map[string]op{
	"$ne": opNe, "$lt": opLt, "$lte": opLte, "$gt": opGt, "$gte": opGte,
	"$in": opIn, "$nin": opNin, "$exists": opExists,
}

// comparison is the SQL of each comparison op.
var comparison = map[op]string{opEq: "=", opNe: "<>", opLt: "<", opLte: "<=", opGt: ">", opGte: ">="}

const (
	defaultLimit  = 100
	maxLimit      = 1000
	maxSkip       = 100_000
	maxOrderKeys  = 8
	maxInValues   = 100
	maxLeaves     = 128 // comparisons in one where, $in values included
	maxWhereDepth = 4   // nesting of $or and $and
)

// columns are the fields that are columns of the objects table.
var columns = map[string]bool{"objectId": true, "createdAt": true, "updatedAt": true}

// parseListQuery parses the parameters of a list request: the query
// string, or the body of a JavaScript SDK request (see keyring.envelope).
// Unknown parameters are refused rather than ignored: a client that asks
// for something this server does not do would otherwise get wrong results
// silently.
func parseListQuery(v url.Values) (listQuery, error) {
	q := listQuery{Limit: defaultLimit}
	for name, vals := range v {
		switch name {
		case "where", "limit", "skip", "order", "count", "keys", "include":
			if len(vals) > 1 {
				return q, errInvalidQuery.with("parameter %q given %d times", name, len(vals))
			}
		default:
			return q, errInvalidQuery.with("unsupported parameter %q: want where, order, limit, skip, count, keys or include", clip(name))
		}
	}
	if s := v.Get("where"); s != "" {
		where, err := parseWhere(s)
		if err != nil {
			return q, err
		}
		q.Where = where
	}
	var err error
	if q.Limit, err = intParam(v, "limit", defaultLimit, maxLimit); err != nil {
		return q, err
	}
	if q.Skip, err = intParam(v, "skip", 0, maxSkip); err != nil {
		return q, err
	}
	if s, ok := v["count"]; ok {
		switch s[0] {
		case "1", "true":
			q.Count = true
		case "0", "false", "":
		default:
			return q, errInvalidQuery.with("count %q: want 1 or 0", clip(s[0]))
		}
	}
	if s := v.Get("order"); s != "" {
		for _, key := range strings.Split(s, ",") {
			k := orderKey{Field: strings.TrimSpace(key)}
			if after, ok := strings.CutPrefix(k.Field, "-"); ok {
				k.Field, k.Desc = after, true
			}
			if !columns[k.Field] && !validName(k.Field) {
				return q, errInvalidQuery.with("order: invalid field name %q", clip(k.Field))
			}
			if len(q.Order) == maxOrderKeys {
				return q, errInvalidQuery.with("order: more than %d keys", maxOrderKeys)
			}
			q.Order = append(q.Order, k)
		}
	}
	for _, p := range []struct {
		name string
		dst  *[]string
	}{{"keys", &q.Keys}, {"include", &q.Include}} {
		s, ok := v[p.name]
		if !ok {
			continue
		}
		*p.dst = []string{}
		for _, f := range strings.Split(s[0], ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			if !columns[f] && !validName(f) {
				return q, errInvalidQuery.with("%s: invalid field name %q (nested fields are not supported)", p.name, clip(f))
			}
			*p.dst = append(*p.dst, f)
		}
	}
	return q, nil
}

// intParam returns the integer parameter name, from 0 to max, or def.
func intParam(v url.Values, name string, def, max int) (int, error) {
	s, ok := v[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(s[0])
	if err != nil || n < 0 || n > max {
		return 0, errInvalidQuery.with("%s %q: want an integer from 0 to %d", name, clip(s[0]), max)
	}
	return n, nil
}

// parseWhere parses Parse's where parameter: a JSON object whose keys are
// top-level fields, each equal to a value ({"score": 1337}) or tested with
// operators ({"score": {"$gt": 10, "$lte": 20}}), or $or and $and with an
// array of such objects. Values are strings, numbers, booleans, null, and
// Parse's Date and Pointer.
func parseWhere(s string) ([]condition, error) {
	leaves := 0
	return parseWhereObject([]byte(s), 0, &leaves)
}

func parseWhereObject(data []byte, depth int, leaves *int) ([]condition, error) {
	fields, err := decodeObject(data, "where")
	if err != nil {
		return nil, errInvalidQuery.with("%v", err)
	}
	conds := make([]condition, 0, len(fields))
	for field, raw := range fields {
		if field == "$or" || field == "$and" {
			c, err := parseClauses(field, raw, depth, leaves)
			if err != nil {
				return nil, err
			}
			conds = append(conds, c)
			continue
		}
		cs, err := parseField(field, raw, leaves)
		if err != nil {
			return nil, err
		}
		conds = append(conds, cs...)
	}
	slices.SortFunc(conds, func(a, b condition) int {
		if c := strings.Compare(a.Field, b.Field); c != 0 {
			return c
		}
		return int(a.Op) - int(b.Op)
	})
	return conds, nil
}

// parseClauses parses the array of filters of $or or $and.
func parseClauses(name string, raw json.RawMessage, depth int, leaves *int) (condition, error) {
	c := condition{Op: opOr}
	if name == "$and" {
		c.Op = opAnd
	}
	if depth == maxWhereDepth {
		return c, errInvalidQuery.with("where: $or and $and nested more than %d deep", maxWhereDepth)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil || len(list) == 0 {
		return c, errInvalidQuery.with("where: %s wants a non-empty array of filters", name)
	}
	for _, item := range list {
		sub, err := parseWhereObject(item, depth+1, leaves)
		if err != nil {
			return c, err
		}
		c.Clauses = append(c.Clauses, sub)
	}
	return c, nil
}

// parseField parses the test of one field: a value, or an object of
// operators.
func parseField(field string, raw json.RawMessage, leaves *int) ([]condition, error) {
	if strings.HasPrefix(field, "$") {
		return nil, errInvalidQuery.with("where: unsupported operator %q at the top level: want $or or $and", clip(field))
	}
	if !columns[field] && !validName(field) {
		return nil, errInvalidKey.with("where: invalid field name %q", clip(field))
	}
	if err := checkValue(raw); err != nil {
		return nil, errInvalidQuery.with("where: field %q: %v", field, err)
	}
	raw = bytes.TrimSpace(raw)
	if raw[0] != '{' || bytes.Contains(raw, []byte(`"__type"`)) && !bytes.Contains(raw, []byte(`"$`)) {
		v, err := parseValue(field, raw)
		if err != nil {
			return nil, err
		}
		*leaves++
		if *leaves > maxLeaves {
			return nil, errInvalidQuery.with("where: more than %d conditions", maxLeaves)
		}
		return []condition{{Field: field, Op: opEq, value: v}}, nil
	}
	ops, err := decodeObject(raw, "where")
	if err != nil {
		return nil, errInvalidQuery.with("%v", err)
	}
	var conds []condition
	for name, arg := range ops {
		o, ok := operators[name]
		if !ok {
			if strings.HasPrefix(name, "$") {
				return nil, errInvalidQuery.with("where: field %q: unsupported operator %q", field, clip(name))
			}
			return nil, errInvalidQuery.with("where: field %q: object values are not supported, only operators, Dates and Pointers", field)
		}
		c := condition{Field: field, Op: o}
		switch o {
		case opExists:
			var b bool
			if err := json.Unmarshal(arg, &b); err != nil {
				return nil, errInvalidQuery.with("where: field %q: $exists wants true or false", field)
			}
			if !b {
				c.Op = opNotExists
			}
			*leaves++
		case opIn, opNin:
			var list []json.RawMessage
			if err := json.Unmarshal(arg, &list); err != nil {
				return nil, errInvalidQuery.with("where: field %q: %s wants an array", field, name)
			}
			if len(list) > maxInValues {
				return nil, errInvalidQuery.with("where: field %q: %s with more than %d values", field, name, maxInValues)
			}
			for _, item := range list {
				v, err := parseValue(field, bytes.TrimSpace(item))
				if err != nil {
					return nil, err
				}
				c.Values = append(c.Values, v)
			}
			slices.SortFunc(c.Values, func(a, b value) int { return strings.Compare(a.JSON, b.JSON) })
			*leaves += len(list)
		default:
			v, err := parseValue(field, bytes.TrimSpace(arg))
			if err != nil {
				return nil, err
			}
			if o != opNe && (v.Kind == kindNull || v.Kind == kindBool || v.Kind == kindPointer) {
				return nil, errInvalidQuery.with("where: field %q: %s compares numbers, strings and dates only", field, name)
			}
			c.value = v
			*leaves++
		}
		if *leaves > maxLeaves {
			return nil, errInvalidQuery.with("where: more than %d conditions", maxLeaves)
		}
		conds = append(conds, c)
	}
	return conds, nil
}

// parseValue decodes one value of a filter on field. objectId takes
// strings only, createdAt and updatedAt Dates only.
func parseValue(field string, raw []byte) (value, error) {
	var v value
	switch raw[0] {
	case '[':
		return v, errInvalidQuery.with("where: field %q: array values are not supported", field)
	case '{':
		var typed struct {
			Type      string `json:"__type"`
			ISO       string `json:"iso"`
			ClassName string `json:"className"`
			ObjectID  string `json:"objectId"`
		}
		if err := json.Unmarshal(raw, &typed); err != nil {
			return v, errInvalidQuery.with("where: field %q: %v", field, err)
		}
		switch typed.Type {
		case "Date":
			t, err := parseISO(typed.ISO)
			if err != nil {
				return v, errInvalidQuery.with("where: field %q: %v", field, err)
			}
			v.Kind, v.Str, v.Int = kindDate, formatTime(t), t.UnixMilli()
			b, _ := json.Marshal(map[string]string{"__type": "Date", "iso": v.Str})
			v.JSON = string(b)
		case "Pointer":
			if !validName(typed.ClassName) || !validID(typed.ObjectID) {
				return v, errInvalidQuery.with("where: field %q: a Pointer wants a className and an objectId", field)
			}
			v.Kind, v.Str, v.ID = kindPointer, typed.ClassName, typed.ObjectID
			b, _ := json.Marshal(map[string]string{"__type": "Pointer", "className": v.Str, "objectId": v.ID})
			v.JSON = string(b)
		default:
			return v, errInvalidQuery.with("where: field %q: object values are not supported, only operators, Dates and Pointers", field)
		}
	case 'n':
		v.Kind, v.JSON = kindNull, "null"
	case 't', 'f':
		v.Kind, v.Bool = kindBool, raw[0] == 't'
		v.JSON = strconv.FormatBool(v.Bool)
	case '"':
		v.Kind = kindString
		if err := json.Unmarshal(raw, &v.Str); err != nil {
			return v, errInvalidQuery.with("where: field %q: %v", field, err)
		}
		b, _ := json.Marshal(v.Str) // a Go string always marshals
		v.JSON = string(b)
	default:
		v.Kind, v.JSON = kindNumber, string(raw)
		if i, err := strconv.ParseInt(v.JSON, 10, 64); err == nil {
			v.Int, v.IsInt = i, true
		} else {
			f, err := strconv.ParseFloat(v.JSON, 64)
			if err != nil || math.IsInf(f, 0) { // checkValue rules it out; kept for safety
				return v, errInvalidQuery.with("where: field %q: number out of range", field)
			}
			v.Float = f
		}
	}
	switch {
	case field == "objectId" && v.Kind != kindString:
		return v, errInvalidQuery.with("where: objectId must be compared with strings")
	case (field == "createdAt" || field == "updatedAt") && v.Kind != kindDate:
		return v, errInvalidQuery.with(`where: %s must be compared with Dates ({"__type": "Date", "iso": ...})`, field)
	}
	return v, nil
}

// parseISO parses a Date's iso text: RFC 3339, as Parse's clients send it.
func parseISO(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, errors.New("a Date's iso must be an RFC 3339 time, such as 2026-12-04T05:15:12.454Z")
	}
	return t.UTC().Truncate(time.Millisecond), nil
}
