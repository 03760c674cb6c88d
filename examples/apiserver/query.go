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
)

// A listQuery is a parsed GET /v1/classes/{class}: Parse's where, limit and
// order, reduced to what the stores can run with bound parameters only.
type listQuery struct {
	Where []condition // sorted by field, so the same query gives the same SQL
	Limit int
	Order order
	// MaxBytes bounds the objects' data a List may hold (0: no bound): the
	// store stops reading, with errListTooLarge, as soon as it is passed.
	MaxBytes int
}

// errListTooLarge is a List's answer when the objects passed MaxBytes.
var errListTooLarge = errors.New("the objects passed the size bound of a list")

// An order is one of a fixed set of sort orders. The stores map each to a
// constant SQL fragment: no part of the request reaches ORDER BY.
type order int

const (
	orderCreatedAsc order = iota
	orderCreatedDesc
	orderUpdatedAsc
	orderUpdatedDesc
)

var orders = map[string]order{
	"createdAt":  orderCreatedAsc,
	"-createdAt": orderCreatedDesc,
	"updatedAt":  orderUpdatedAsc,
	"-updatedAt": orderUpdatedDesc,
}

// A condition is one equality of a where filter: a top-level field (or the
// object's id, Field "objectId") equal to a JSON scalar.
type condition struct {
	Field string
	Kind  kind
	// JSON is the value as canonical JSON text, for PostgreSQL's jsonb
	// equality; Str, Int, Float and Bool hold it decoded, for SQLite's.
	JSON  string
	Str   string
	Int   int64
	Float float64
	IsInt bool // the number is an integer that fits an int64: use Int
	Bool  bool
}

type kind int

const (
	kindNull kind = iota // matches a field that is null or missing
	kindBool
	kindNumber
	kindString
)

const (
	defaultLimit = 100
	maxLimit     = 1000
)

// parseListQuery parses the query string of a list request. Unknown
// parameters are refused rather than ignored: a client that asks for skip
// or keys would otherwise get wrong results silently.
func parseListQuery(v url.Values) (listQuery, error) {
	q := listQuery{Limit: defaultLimit, Order: orderCreatedAsc}
	for name, vals := range v {
		switch name {
		case "where", "limit", "order":
			if len(vals) > 1 {
				return q, errInvalidQuery.with("parameter %q given %d times", name, len(vals))
			}
		default:
			return q, errInvalidQuery.with("unsupported parameter %q: want where, limit or order", clip(name))
		}
	}
	if s := v.Get("where"); s != "" {
		where, err := parseWhere(s)
		if err != nil {
			return q, err
		}
		q.Where = where
	}
	if s, ok := v["limit"]; ok {
		n, err := strconv.Atoi(s[0])
		if err != nil || n < 0 || n > maxLimit {
			return q, errInvalidQuery.with("limit %q: want an integer from 0 to %d", clip(s[0]), maxLimit)
		}
		q.Limit = n
	}
	if s, ok := v["order"]; ok {
		o, ok := orders[s[0]]
		if !ok {
			return q, errInvalidQuery.with("order %q: want createdAt, -createdAt, updatedAt or -updatedAt", clip(s[0]))
		}
		q.Order = o
	}
	return q, nil
}

// parseWhere parses Parse's where parameter: a JSON object of equalities on
// top-level fields, such as {"score":1337,"name":"Sean"}. Values must be
// scalars; Parse's operators ({"$gt": 3}) and comparisons of nested values
// are refused, as are createdAt and updatedAt, which Parse compares as dates.
func parseWhere(s string) ([]condition, error) {
	fields, err := decodeObject([]byte(s), "where")
	if err != nil {
		return nil, errInvalidQuery.with("%v", err)
	}
	if len(fields) > maxConditions {
		return nil, errInvalidQuery.with("where: more than %d fields", maxConditions)
	}
	conds := make([]condition, 0, len(fields))
	for field, raw := range fields {
		c, err := parseCondition(field, raw)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	slices.SortFunc(conds, func(a, b condition) int { return strings.Compare(a.Field, b.Field) })
	return conds, nil
}

func parseCondition(field string, raw json.RawMessage) (condition, error) {
	c := condition{Field: field}
	switch {
	case field == "createdAt" || field == "updatedAt":
		return c, errInvalidQuery.with("where: %s cannot be filtered on; use order", field)
	case field != "objectId" && !validName(field):
		return c, errInvalidKey.with("where: invalid field name %q", clip(field))
	}
	if err := checkValue(raw); err != nil {
		return c, errInvalidQuery.with("where: field %q: %v", field, err)
	}
	raw = bytes.TrimSpace(raw)
	switch raw[0] {
	case '{':
		return c, errInvalidQuery.with("where: field %q: operators and object values are not supported, only equality with a string, number, boolean or null", field)
	case '[':
		return c, errInvalidQuery.with("where: field %q: array values are not supported, only equality with a string, number, boolean or null", field)
	case 'n':
		c.Kind, c.JSON = kindNull, "null"
	case 't', 'f':
		c.Kind, c.Bool = kindBool, raw[0] == 't'
		c.JSON = strconv.FormatBool(c.Bool)
	case '"':
		c.Kind = kindString
		if err := json.Unmarshal(raw, &c.Str); err != nil {
			return c, errInvalidQuery.with("where: field %q: %v", field, err)
		}
		b, _ := json.Marshal(c.Str) // a Go string always marshals
		c.JSON = string(b)
	default:
		c.Kind, c.JSON = kindNumber, string(raw)
		if i, err := strconv.ParseInt(c.JSON, 10, 64); err == nil {
			c.Int, c.IsInt = i, true
		} else {
			f, err := strconv.ParseFloat(c.JSON, 64)
			if err != nil || math.IsInf(f, 0) { // checkValue rules it out; kept for safety
				return c, errInvalidQuery.with("where: field %q: number out of range", field)
			}
			c.Float = f
		}
	}
	if field == "objectId" && c.Kind != kindString {
		return c, errInvalidQuery.with("where: objectId must be a string")
	}
	return c, nil
}
