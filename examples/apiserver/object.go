package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// An Object is one stored object of a class: Parse's objectId, createdAt and
// updatedAt, and the client's own fields.
type Object struct {
	Class     string
	ID        string
	CreatedAt time.Time
	UpdatedAt time.Time
	// Data holds the client's fields as one JSON object, without the three
	// above. Written by encodeFields; read back as the store returns it
	// (PostgreSQL reformats jsonb), so it is spliced, never compared.
	Data []byte
}

// timeLayout is Parse's timestamp format: UTC, milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// now returns the current time at the precision the store keeps, so that
// what a client is told equals what it reads back.
func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// appendJSON appends the object as Parse returns it: objectId, createdAt,
// updatedAt, then the client's fields.
func (o *Object) appendJSON(b []byte) []byte {
	b = append(b, `{"objectId":`...)
	b = strconv.AppendQuote(b, o.ID) // ids are alphanumeric: Go and JSON quoting agree
	b = append(b, `,"createdAt":"`...)
	b = o.CreatedAt.UTC().AppendFormat(b, timeLayout)
	b = append(b, `","updatedAt":"`...)
	b = o.UpdatedAt.UTC().AppendFormat(b, timeLayout)
	b = append(b, '"')
	inner := bytes.TrimSpace(o.Data)
	if len(inner) >= 2 && inner[0] == '{' {
		inner = bytes.TrimSpace(inner[1:]) // the fields and the closing brace
		if len(inner) > 0 && inner[0] != '}' {
			b = append(b, ',')
		}
		return append(b, inner...)
	}
	return append(b, '}')
}

// only returns a copy of o with the fields of keys alone (Parse's keys):
// objectId, createdAt and updatedAt stay in any case.
func (o *Object) only(keys []string) *Object {
	var data map[string]json.RawMessage
	if json.Unmarshal(o.Data, &data) != nil {
		return o // stored data is an object: unreachable
	}
	kept := make(map[string]json.RawMessage, len(keys))
	for _, k := range keys {
		if v, ok := data[k]; ok {
			kept[k] = v
		}
	}
	c := *o
	c.Data = encodeFields(kept)
	return &c
}

// MarshalJSON implements json.Marshaler, for the webhook's payload.
func (o *Object) MarshalJSON() ([]byte, error) { return o.appendJSON(nil), nil }

// Limits on what a client may store. They keep every value within what both
// SQLite and PostgreSQL accept, so that bad input is a 400, never a 500.
const (
	maxNameLen    = 64  // class, field and event names
	maxIDLen      = 32  // object ids a client may ask for
	maxDepth      = 32  // nesting of arrays and objects in a value
	maxNumberLen  = 100 // characters of a number literal
	maxConditions = 32  // fields in a where filter
)

// reserved are the fields the server sets; a client may not write them.
var reserved = map[string]bool{"objectId": true, "createdAt": true, "updatedAt": true}

// validName reports whether s is a valid class, field or event name: a
// letter, then letters, digits and underscores, at most maxNameLen in all.
// Names are also bound as SQL parameters; the rule keeps them readable and
// keeps field names usable as JSON paths without quoting.
func validName(s string) bool {
	if len(s) == 0 || len(s) > maxNameLen || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return true
}

// validID reports whether s could be an object id: 1 to maxIDLen letters and
// digits. Anything else cannot name an object, so the store is not asked.
func validID(s string) bool {
	if len(s) == 0 || len(s) > maxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !isDigit(c) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newID returns n random letters and digits, as Parse's object ids (n = 10).
func newID(n int) string {
	id := make([]byte, 0, n)
	var buf [32]byte
	for len(id) < n {
		rand.Read(buf[:]) // never fails (crypto/rand since Go 1.24)
		for _, c := range buf {
			// 248 = 4*62: rejecting the rest keeps every character equally likely.
			if c < 248 && len(id) < n {
				id = append(id, idAlphabet[c%62])
			}
		}
	}
	return string(id)
}

// decodeFields reads a request body that must be one JSON object of
// top-level fields, as for create and update. It checks the field names and
// every value (see checkValue) and returns an *apiError for bad input.
func decodeFields(body []byte) (map[string]json.RawMessage, error) {
	m, err := decodeObject(body, "body")
	if err != nil {
		return nil, err
	}
	for k, v := range m {
		if reserved[k] {
			return nil, errInvalidKey.with("field %q is set by the server", k)
		}
		if !validName(k) {
			return nil, errInvalidKey.with("invalid field name %q: want a letter, then letters, digits or _, at most %d", clip(k), maxNameLen)
		}
		if err := checkValue(v); err != nil {
			return nil, errInvalidJSON.with("field %q: %v", k, err)
		}
		nv, err := checkField(k, v)
		if err != nil {
			return nil, err
		}
		m[k] = nv
	}
	return m, nil
}

// decodeObject parses data, which the errors call what, as one JSON object,
// keeping each field's value as it came. Names and values are not checked.
func decodeObject(data []byte, what string) (map[string]json.RawMessage, error) {
	if !utf8.Valid(data) {
		return nil, errInvalidJSON.with("%s is not valid UTF-8", what)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errInvalidJSON.with("%s is empty: want a JSON object", what)
	}
	if trimmed[0] != '{' {
		return nil, errInvalidJSON.with("%s must be a JSON object", what)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, errInvalidJSON.with("%s: malformed JSON: %v", what, err)
	}
	if err := checkKeys(data); err != nil {
		return nil, errInvalidJSON.with("%s: %v", what, err)
	}
	return m, nil
}

// checkKeys reports a key that appears twice in one object, anywhere in
// data, which must be valid JSON: json.Unmarshal would keep the last value
// and PostgreSQL's jsonb the last too, while the text a client sent says
// both, so the request is refused instead of guessing.
func checkKeys(data []byte) error {
	type frame struct {
		object, expectKey bool
		keys              [][]byte        // the keys so far, as sent (unescaped if they had escapes)
		set               map[string]bool // once keys grows past linearKeys
	}
	const linearKeys = 16
	stack := make([]frame, 0, 8)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			stack = append(stack, frame{object: data[i] == '{', expectKey: data[i] == '{'})
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if top := &stack[len(stack)-1]; top.object {
				top.expectKey = true
			}
		case '"':
			end, escaped := i+1, false
			for data[end] != '"' { // valid JSON: the string ends
				if data[end] == '\\' {
					end, escaped = end+1, true
				}
				end++
			}
			if len(stack) > 0 && stack[len(stack)-1].expectKey {
				top := &stack[len(stack)-1]
				top.expectKey = false
				key := data[i+1 : end]
				if escaped {
					var k string
					if err := json.Unmarshal(data[i:end+1], &k); err != nil {
						return err
					}
					key = []byte(k)
				}
				dup := false
				if top.set != nil {
					dup = top.set[string(key)]
					top.set[string(key)] = true
				} else {
					dup = slices.ContainsFunc(top.keys, func(k []byte) bool { return bytes.Equal(k, key) })
					if top.keys = append(top.keys, key); len(top.keys) > linearKeys {
						top.set = make(map[string]bool, 2*len(top.keys))
						for _, k := range top.keys {
							top.set[string(k)] = true
						}
					}
				}
				if dup {
					return fmt.Errorf("duplicate key %q", clip(string(key)))
				}
			}
			i = end
		}
	}
	return nil
}

// encodeFields returns the fields as one compact JSON object, keys sorted,
// the form the stores keep.
func encodeFields(m map[string]json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k)) // names are ASCII letters, digits and _
		b.WriteByte(':')
		if err := json.Compact(&b, m[k]); err != nil {
			// Values come from json.Unmarshal or the store: valid JSON.
			panic(fmt.Sprintf("encodeFields: field %q: %v", k, err))
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

// checkValue reports a JSON value, already known to be valid JSON, that a
// store could not keep as it is: text that is not UTF-8, a \u0000 escape or
// an unpaired surrogate (PostgreSQL's jsonb refuses both), nesting deeper than
// maxDepth, or a number outside float64's range (too large for PostgreSQL's
// numeric, or silently rounded to zero). The same rules apply to both stores,
// so that a value one of them accepts, the other accepts too.
func checkValue(v []byte) error {
	if !utf8.Valid(v) {
		return fmt.Errorf("not valid UTF-8")
	}
	depth := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '{' || c == '[':
			if depth++; depth > maxDepth {
				return fmt.Errorf("nested deeper than %d", maxDepth)
			}
		case c == '}' || c == ']':
			depth--
		case c == '"':
			end, err := checkString(v, i+1)
			if err != nil {
				return err
			}
			i = end
		case c == '-' || isDigit(c):
			end := i + 1
			for end < len(v) && bytes.IndexByte([]byte("0123456789+-.eE"), v[end]) >= 0 {
				end++
			}
			if err := checkNumber(v[i:end]); err != nil {
				return err
			}
			i = end - 1
		}
	}
	return nil
}

// checkString checks the escapes of the JSON string whose contents begin at
// v[i], and returns the index of its closing quote.
func checkString(v []byte, i int) (int, error) {
	for ; i < len(v); i++ {
		switch v[i] {
		case '"':
			return i, nil
		case '\\':
			i++
			if i >= len(v) || v[i] != 'u' {
				continue
			}
			r, ok := hex4(v, i+1)
			if !ok {
				return 0, fmt.Errorf("bad \\u escape")
			}
			i += 4
			switch {
			case r == 0:
				return 0, fmt.Errorf("\\u0000 is not allowed in strings")
			case 0xDC00 <= r && r <= 0xDFFF:
				return 0, fmt.Errorf("unpaired surrogate \\u%04x", r)
			case 0xD800 <= r && r <= 0xDBFF:
				var lo rune
				if i+2 < len(v) && v[i+1] == '\\' && v[i+2] == 'u' {
					lo, ok = hex4(v, i+3)
				} else {
					ok = false
				}
				if !ok || lo < 0xDC00 || lo > 0xDFFF {
					return 0, fmt.Errorf("unpaired surrogate \\u%04x", r)
				}
				i += 6
			}
		}
	}
	return 0, fmt.Errorf("unterminated string")
}

// hex4 decodes the four hexadecimal digits at v[i:i+4].
func hex4(v []byte, i int) (rune, bool) {
	if i+4 > len(v) {
		return 0, false
	}
	var r rune
	for _, c := range v[i : i+4] {
		var d byte
		switch {
		case isDigit(c):
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// checkNumber checks a JSON number literal.
func checkNumber(n []byte) error {
	if len(n) > maxNumberLen {
		return fmt.Errorf("number longer than %d characters", maxNumberLen)
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return fmt.Errorf("number %s out of range", n)
	}
	if f == 0 {
		mantissa, _, _ := bytes.Cut(bytes.ToLower(n), []byte("e"))
		if bytes.ContainsAny(mantissa, "123456789") {
			return fmt.Errorf("number %s out of range", n)
		}
	}
	return nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= maxNameLen+16 {
		return s
	}
	for i := maxNameLen; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "..."
		}
	}
	return s[:maxNameLen] + "..."
}
