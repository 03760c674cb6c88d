package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ids maps one server's generated ids to placeholders, so that the two
// servers' answers can be compared: the same object has a different
// objectId on each. An id is labelled <name> if a case saved it under a
// name (and request templates use it as {{name}}), else <idN> in the order
// the server's answers first showed it. Labels are per server; an id the
// two servers show in the same place, in the same order, gets the same
// label on both.
//
// The zero value is not usable; make one with newIDs.
type ids struct {
	label map[string]string // raw id to label
	named map[string]string // name to raw id
	next  int
}

func newIDs() *ids {
	return &ids{label: map[string]string{}, named: map[string]string{}}
}

// save records raw under name, for {{name}} in later requests. An id
// already labelled keeps its label.
func (m *ids) save(name, raw string) {
	m.named[name] = raw
	if _, ok := m.label[raw]; !ok {
		m.label[raw] = "<" + name + ">"
	}
}

// labelOf is raw's label, made on first sight.
func (m *ids) labelOf(raw string) string {
	if l, ok := m.label[raw]; ok {
		return l
	}
	m.next++
	l := fmt.Sprintf("<id%d>", m.next)
	m.label[raw] = l
	return l
}

// idKeys are the fields whose string values are server-generated ids.
var idKeys = map[string]bool{"objectId": true, "eventId": true}

// normaliser turns a server's decoded answer into the form both servers'
// answers are compared in:
//
//   - the string value of a field in idKeys, at any depth (objects,
//     pointers, batch results), becomes its label (see ids), and so does a
//     known id inside any other string (an error message naming an object);
//   - a string that is an RFC 3339 time within the run (createdAt,
//     updatedAt, an event's time, an "iso" the server made) becomes
//     "<time>": times the cases send are years before the run and stay;
//   - the API prefix in a string ("/parse/", "/v1/") becomes "/<api>/", for
//     error messages that quote the path.
//
// Numbers are compared by value (both are decoded as float64), objects
// regardless of key order (they are printed with sorted keys). Fields are
// walked in sorted key order, so that new ids are labelled in the same
// order whatever order a server writes its keys in.
type normaliser struct {
	ids      *ids
	prefix   string    // "/parse" or "/v1"
	from, to time.Time // the run's window, for times
}

func (n *normaliser) value(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if s, ok := v[k].(string); ok && idKeys[k] {
				out[k] = n.ids.labelOf(s)
				continue
			}
			out[k] = n.value(v[k])
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = n.value(e)
		}
		return out
	case string:
		return n.text(v)
	default:
		return v
	}
}

// text normalises a string: a time of the run, known ids, the prefix.
func (n *normaliser) text(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil && !t.Before(n.from) && !t.After(n.to) {
		return "<time>"
	}
	// Known ids as substrings, longest first so that no id's label
	// replaces part of a longer one.
	if len(s) >= minIDLen {
		raws := make([]string, 0, len(n.ids.label))
		for raw := range n.ids.label {
			if len(raw) >= minIDLen && strings.Contains(s, raw) {
				raws = append(raws, raw)
			}
		}
		slices.SortFunc(raws, func(a, b string) int { return len(b) - len(a) })
		for _, raw := range raws {
			s = strings.ReplaceAll(s, raw, n.ids.label[raw])
		}
	}
	return strings.ReplaceAll(s, n.prefix+"/", "/<api>/")
}

// minIDLen is the shortest id replaced inside other strings: shorter ones
// could match ordinary words. Both servers make ids of 10 characters.
const minIDLen = 8

// body is a normalised answer body: the decoded, normalised JSON, or the
// normalised text of a body that is not JSON (an HTML error page).
type body struct {
	json any
	text string
	isJS bool
}

func (n *normaliser) body(raw []byte) body {
	trimmed := bytes.TrimSpace(raw)
	var v any
	if len(trimmed) > 0 && json.Unmarshal(trimmed, &v) == nil {
		return body{json: n.value(v), isJS: true}
	}
	return body{text: n.text(string(trimmed))}
}

// String prints a body as compact JSON with sorted keys, or as its text.
func (b body) String() string {
	if !b.isJS {
		return b.text
	}
	return canonical(b.json)
}

// indented prints a body for the report's details.
func (b body) indented() string {
	if !b.isJS {
		return b.text
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(b.json)
	return strings.TrimSuffix(buf.String(), "\n")
}

// canonical is v as compact JSON with sorted keys and no HTML escaping.
func canonical(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSuffix(buf.String(), "\n")
}

// withoutErrors is b with the "error" message of every Parse error
// ({"code":..., "error":"..."}, also inside batch results) taken out, and
// whether there was one. Two answers that agree but for those agree on
// what went wrong, which is what a client acts on; the wording is reported
// apart.
func (b body) withoutErrors() (string, bool) {
	if !b.isJS {
		return "", false
	}
	found := false
	var strip func(v any) any
	strip = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(v))
			for k, e := range v {
				if _, ok := e.(string); ok && k == "error" {
					found = true
					continue
				}
				out[k] = strip(e)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = strip(e)
			}
			return out
		default:
			return v
		}
	}
	rest := strip(b.json)
	return canonical(rest), found
}
