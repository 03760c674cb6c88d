package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

// request is one case of the table in cases.go: a request sent to both
// servers. Path, the query's values and Body are templates: {{name}} is
// the id a case saved as name on that server (see ids), {{appId}} and
// {{masterKey}} the keys, {{prefix}} the API's path (/parse or /v1, for
// the paths inside a batch).
type request struct {
	What   string   // what the case checks, in a few words
	Method string   // GET, POST, ...
	Path   string   // below the API's prefix: /classes/GameScore/{{g1}}
	Query  []string // name, value, name, value, ...
	Body   string   // sent as is, so that it may be malformed JSON
	Type   string   // Content-Type; application/json if empty and there is a Body
	Keys   keys     // which keys go in headers

	// Save names the id the answer returns, at SaveAt: a path of object
	// keys and array indexes separated by dots, "objectId" if empty.
	Save, SaveAt string

	// IDOrder is "objectId" or "-objectId" for a list ordered by objectId.
	// The servers' ids differ, and so does the order of their objects: each
	// server's own order is checked (a note says whether it holds), and
	// the results are compared as a set.
	IDOrder string
}

// keys says which of Parse's key headers a request carries.
type keys int

const (
	appKey      keys = iota // X-Parse-Application-Id, as every client sends
	noKeys                  // none: the keys may be in the body (the JavaScript SDK's way)
	wrongApp                // another application id
	masterKeys              // the application id and X-Parse-Master-Key
	wrongMaster             // the application id and a wrong master key
)

// answer is one server's answer to a request.
type answer struct {
	status int
	ctype  string // media type, without parameters
	body   body
	notes  []string // facts checked outside the body (IDOrder), compared too
	err    error    // the request got no answer
}

func (a answer) String() string {
	if a.err != nil {
		return "no answer: " + a.err.Error()
	}
	return strconv.Itoa(a.status) + " " + a.body.String()
}

// verdict is how two answers compare.
type verdict int

const (
	agree        verdict = iota // same status, same normalised body
	agreeButText                // same status and codes, other error messages
	differ
)

// result is a request and both servers' answers.
type result struct {
	n      int // 1-based, as in the report
	req    request
	parse  answer
	ours   answer
	result verdict
}

// target is one server with what the comparison keeps about it.
type target struct {
	*pair.Server
	norm normaliser
}

// compare sends each request to Parse Server, then to lifekit, and
// compares the answers. It stops early only if ctx is done.
func compare(ctx context.Context, parse, ours *pair.Server, reqs []request) ([]result, error) {
	from := time.Now().Add(-time.Minute)
	to := time.Now().Add(24 * time.Hour) // the end of the window is the run's end; a day covers any run
	targets := []*target{
		{Server: parse, norm: normaliser{ids: newIDs(), prefix: parse.Prefix, from: from, to: to}},
		{Server: ours, norm: normaliser{ids: newIDs(), prefix: ours.Prefix, from: from, to: to}},
	}
	client := &http.Client{
		// A connection per request: Parse Server (node) closes some
		// connections after an error answer without saying so, and a
		// POST sent on such a connection fails with EOF, which would be
		// reported as no answer.
		Transport: &http.Transport{DisableKeepAlives: true},
		Timeout:   20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // an answer is compared as given
		},
	}
	results := make([]result, 0, len(reqs))
	for i, req := range reqs {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		r := result{n: i + 1, req: req}
		r.parse = send(ctx, client, targets[0], req)
		r.ours = send(ctx, client, targets[1], req)
		r.result = judge(r.parse, r.ours)
		results = append(results, r)
	}
	return results, nil
}

func judge(p, o answer) verdict {
	if p.err != nil || o.err != nil || p.status != o.status || !slices.Equal(p.notes, o.notes) {
		return differ
	}
	if p.body.isJS == o.body.isJS && p.body.String() == o.body.String() {
		return agree
	}
	pb, pok := p.body.withoutErrors()
	ob, ook := o.body.withoutErrors()
	if pok && ook && pb == ob {
		return agreeButText
	}
	return differ
}

var templateRE = regexp.MustCompile(`\{\{([A-Za-z0-9_]+)\}\}`)

// expand fills a template for t; a name t has no id for (the case that
// should have made it failed there) becomes MISSING_name, and a note says
// so.
func (t *target) expand(s string, notes *[]string) string {
	return templateRE.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-2]
		switch name {
		case "appId":
			return appID
		case "masterKey":
			return masterKey
		case "prefix":
			return t.Prefix
		}
		if raw, ok := t.norm.ids.named[name]; ok {
			return raw
		}
		*notes = append(*notes, "no id saved as "+name)
		return "MISSING_" + name
	})
}

// send makes req to t and normalises the answer.
func send(ctx context.Context, client *http.Client, t *target, req request) answer {
	var a answer
	url := t.Base + t.expand(req.Path, &a.notes)
	if q := req.query(func(s string) string { return t.expand(s, &a.notes) }); q != "" {
		url += "?" + q
	}
	var body io.Reader
	if req.Body != "" {
		body = strings.NewReader(t.expand(req.Body, &a.notes))
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, url, body)
	if err != nil {
		a.err = err
		return a
	}
	switch ct := req.Type; {
	case ct != "":
		hr.Header.Set("Content-Type", ct)
	case req.Body != "":
		hr.Header.Set("Content-Type", "application/json")
	}
	switch req.Keys {
	case appKey:
		hr.Header.Set("X-Parse-Application-Id", appID)
	case wrongApp:
		hr.Header.Set("X-Parse-Application-Id", "not"+appID)
	case masterKeys:
		hr.Header.Set("X-Parse-Application-Id", appID)
		hr.Header.Set("X-Parse-Master-Key", masterKey)
	case wrongMaster:
		hr.Header.Set("X-Parse-Application-Id", appID)
		hr.Header.Set("X-Parse-Master-Key", "not"+masterKey)
	}
	resp, err := client.Do(hr)
	if err != nil {
		a.err = err
		return a
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		a.err = fmt.Errorf("read the answer: %w", err)
		return a
	}
	a.status = resp.StatusCode
	a.ctype, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))

	var decoded any
	isJSON := json.Unmarshal(raw, &decoded) == nil
	if req.Save != "" && isJSON {
		at := req.SaveAt
		if at == "" {
			at = "objectId"
		}
		if id, ok := lookup(decoded, at).(string); ok {
			t.norm.ids.save(req.Save, id)
		}
	}
	if req.IDOrder != "" && isJSON {
		a.notes = append(a.notes, idOrder(decoded, req.IDOrder))
	}
	a.body = t.norm.body(raw)
	if req.IDOrder != "" {
		if m, ok := a.body.json.(map[string]any); ok {
			if list, ok := m["results"].([]any); ok {
				slices.SortFunc(list, func(x, y any) int { return strings.Compare(canonical(x), canonical(y)) })
			}
		}
	}
	return a
}

// query encodes the request's query, its values expanded, in the table's
// order.
func (r request) query(expand func(string) string) string {
	var b strings.Builder
	for i := 0; i+1 < len(r.Query); i += 2 {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(queryEscape(r.Query[i]))
		b.WriteByte('=')
		b.WriteString(queryEscape(expand(r.Query[i+1])))
	}
	return b.String()
}

// queryEscape escapes a query component like url.QueryEscape, but keeps
// the characters of a JSON where that need no escaping, for readable
// logs.
func queryEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-_.~:,$", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// lookup follows a dotted path of object keys and array indexes.
func lookup(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// idOrder says whether a list answer's results are in order of their
// (raw) objectIds, compared as bytes: the test databases use the C
// collation.
func idOrder(decoded any, order string) string {
	list, ok := lookup(decoded, "results").([]any)
	if !ok {
		return "no results"
	}
	var got []string
	for _, o := range list {
		id, _ := lookup(o, "objectId").(string)
		got = append(got, id)
	}
	want := slices.Clone(got)
	slices.Sort(want)
	if strings.HasPrefix(order, "-") {
		slices.Reverse(want)
	}
	if slices.Equal(got, want) {
		return "results in " + order + " order"
	}
	return "results NOT in " + order + " order"
}

// display is the request line for the report: method, path and query,
// unescaped, with their templates.
func (r request) display() string {
	s := r.Method + " " + r.Path
	if q := r.query(func(s string) string { return s }); q != "" {
		var parts []string
		for i := 0; i+1 < len(r.Query); i += 2 {
			parts = append(parts, r.Query[i]+"="+r.Query[i+1])
		}
		s += "?" + strings.Join(parts, "&")
	}
	return s
}

// compactBody is the request's body for the report: compact if it is
// JSON, else as sent.
func (r request) compactBody() string {
	var buf bytes.Buffer
	if json.Compact(&buf, []byte(r.Body)) == nil {
		return buf.String()
	}
	return r.Body
}
