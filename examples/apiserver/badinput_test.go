package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// TestBadInput sends every kind of bad request the server must refuse, and
// checks that each gets its 4xx JSON error and leaves the store as it was.
func TestBadInput(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		const maxBody = 1024
		s := startServer(t, b.newStore(t), func(c *Config) { c.MaxBody = maxBody })
		id := s.create(t, "Thing", `{"name": "kept", "n": 1}`)
		r := s.do(t, http.MethodPost, "/v1/events", `{"name": "Seen"}`)
		r.want(t, http.StatusAccepted, 0)
		before := dump(t, s.store)

		obj := "/v1/classes/Thing/" + id
		where := func(w string) string { return "/v1/classes/Thing?" + url.Values{"where": {w}}.Encode() }
		long := strings.Repeat("a", maxNameLen+1)
		deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)

		for _, tc := range []struct {
			name         string
			method, path string
			body         string
			status, code int
		}{
			// Malformed bodies, on create and on update of an existing object.
			{"create: malformed JSON", "POST", "/v1/classes/Thing", `{"a":`, 400, 107},
			{"create: not an object", "POST", "/v1/classes/Thing", `[1, 2]`, 400, 107},
			{"create: null", "POST", "/v1/classes/Thing", `null`, 400, 107},
			{"create: string", "POST", "/v1/classes/Thing", `"a"`, 400, 107},
			{"create: whitespace body", "POST", "/v1/classes/Thing", ` \n`, 400, 107}, // no body at all is an empty object, as in Parse
			{"create: trailing data", "POST", "/v1/classes/Thing", `{"a": 1} {"b": 2}`, 400, 107},
			{"create: not UTF-8", "POST", "/v1/classes/Thing", "{\"a\": \"\xff\"}", 400, 107},
			{"create: NUL escape", "POST", "/v1/classes/Thing", `{"a": "x\u0000y"}`, 400, 107},
			{"create: NUL escape in a nested key", "POST", "/v1/classes/Thing", `{"a": {"\u0000": 1}}`, 400, 107},
			{"create: lone high surrogate", "POST", "/v1/classes/Thing", `{"a": "\ud800"}`, 400, 107},
			{"create: lone low surrogate", "POST", "/v1/classes/Thing", `{"a": "\udc00x"}`, 400, 107},
			{"create: too deep", "POST", "/v1/classes/Thing", `{"a": ` + deep + `}`, 400, 107},
			{"create: number too large", "POST", "/v1/classes/Thing", `{"a": 1e400}`, 400, 107},
			{"create: number too small", "POST", "/v1/classes/Thing", `{"a": 1e-400}`, 400, 107},
			{"create: number too long", "POST", "/v1/classes/Thing", `{"a": 1` + strings.Repeat("0", maxNumberLen) + `}`, 400, 107},
			{"create: reserved objectId", "POST", "/v1/classes/Thing", `{"objectId": "x"}`, 400, 105},
			{"create: reserved createdAt", "POST", "/v1/classes/Thing", `{"createdAt": "x"}`, 400, 105},
			{"create: field name with dash", "POST", "/v1/classes/Thing", `{"a-b": 1}`, 400, 105},
			{"create: field name with quote", "POST", "/v1/classes/Thing", `{"a'); DROP TABLE objects; --": 1}`, 400, 105},
			{"create: field name starting with digit", "POST", "/v1/classes/Thing", `{"1a": 1}`, 400, 105},
			{"create: empty field name", "POST", "/v1/classes/Thing", `{"": 1}`, 400, 105},
			{"create: field name too long", "POST", "/v1/classes/Thing", `{"` + long + `": 1}`, 400, 105},
			{"create: body too large", "POST", "/v1/classes/Thing", `{"a": "` + strings.Repeat("x", maxBody) + `"}`, 413, 116},
			{"create: duplicate field", "POST", "/v1/classes/Thing", `{"a": 1, "a": 2}`, 400, 107},
			{"create: duplicate field, escaped", "POST", "/v1/classes/Thing", `{"a": 1, "\u0061": 2}`, 400, 107},
			{"create: duplicate nested key", "POST", "/v1/classes/Thing", `{"a": [{"x": 1, "y": {}, "x": 2}]}`, 400, 107},
			{"create: duplicate among many keys", "POST", "/v1/classes/Thing", `{"a": {` + manyKeys(40) + `, "k7": 0}}`, 400, 107},
			{"create: unknown __op", "POST", "/v1/classes/Thing", `{"n": {"__op": "Batch", "ops": []}}`, 400, 107},
			{"create: nested __op", "POST", "/v1/classes/Thing", `{"n": {"x": {"__op": "Increment", "amount": 5}}}`, 400, 107},
			{"create: Increment without amount", "POST", "/v1/classes/Thing", `{"n": {"__op": "Increment"}}`, 400, 107},
			{"create: Increment by a string", "POST", "/v1/classes/Thing", `{"n": {"__op": "Increment", "amount": "5"}}`, 400, 107},
			{"create: Add without objects", "POST", "/v1/classes/Thing", `{"n": {"__op": "Add"}}`, 400, 107},
			{"create: unknown __type", "POST", "/v1/classes/Thing", `{"d": {"__type": "GeoPoint", "latitude": 1, "longitude": 2}}`, 400, 107},
			{"create: bad Date", "POST", "/v1/classes/Thing", `{"d": {"__type": "Date", "iso": "yesterday"}}`, 400, 107},
			{"create: Date with more", "POST", "/v1/classes/Thing", `{"d": {"__type": "Date", "iso": "2026-01-01T00:00:00.000Z", "x": 1}}`, 400, 107},
			{"create: Pointer nested, incomplete", "POST", "/v1/classes/Thing", `{"d": [1, {"x": {"__type": "Pointer"}}]}`, 400, 107},
			{"create: field starting with _", "POST", "/v1/classes/Thing", `{"_ApplicationId": "x"}`, 400, 105},
			{"update: Increment of a string", "PUT", obj, `{"name": {"__op": "Increment", "amount": 5}}`, 400, 111},
			{"update: Add to a string", "PUT", obj, `{"name": {"__op": "Add", "objects": [1]}}`, 400, 111},
			{"update: duplicate field", "PUT", obj, `{"name": "a", "name": "b"}`, 400, 107},
			{"event: duplicate dimension", "POST", "/v1/events", `{"name": "A", "dimensions": {"x": "1", "x": "2"}}`, 400, 107},
			{"event: duplicate name", "POST", "/v1/events", `{"name": "A", "name": "B"}`, 400, 107},
			{"update: malformed JSON", "PUT", obj, `{"name": "changed"`, 400, 107},
			{"update: not an object", "PUT", obj, `["name"]`, 400, 107},
			{"update: reserved field", "PUT", obj, `{"updatedAt": "2000-01-01T00:00:00.000Z"}`, 400, 105},
			{"update: bad value", "PUT", obj, `{"name": "\ud800"}`, 400, 107},
			{"update: body too large", "PUT", obj, `{"name": "` + strings.Repeat("x", maxBody) + `"}`, 413, 116},

			// Class names: letters, digits, _, starting with a letter, at most 64.
			{"class with dash", "POST", "/v1/classes/Game-Score", `{}`, 400, 103},
			{"class starting with digit", "POST", "/v1/classes/1Game", `{}`, 400, 103},
			{"class starting with underscore", "POST", "/v1/classes/_User", `{}`, 400, 103},
			{"class too long", "POST", "/v1/classes/" + long, `{}`, 400, 103},
			{"class with space", "GET", "/v1/classes/A%20B", ``, 400, 103},
			{"class with SQL", "GET", "/v1/classes/Thing%27%3B%20DROP%20TABLE%20objects%3B--", ``, 400, 103},
			{"class with SQL on get", "GET", "/v1/classes/Thing%27--/" + id, ``, 400, 103},
			{"class unicode", "POST", "/v1/classes/%C3%89t%C3%A9", `{}`, 400, 103},

			// Ids: unknown, or not an id at all.
			{"get unknown id", "GET", "/v1/classes/Thing/AAAAAAAAAA", ``, 404, 101},
			{"update unknown id", "PUT", "/v1/classes/Thing/AAAAAAAAAA", `{"a": 1}`, 404, 101},
			{"delete unknown id", "DELETE", "/v1/classes/Thing/AAAAAAAAAA", ``, 404, 101},
			{"id in another class", "GET", "/v1/classes/Other/" + id, ``, 404, 101},
			{"id with SQL", "GET", "/v1/classes/Thing/x%27%20OR%20%271%27%3D%271", ``, 404, 101},
			{"delete id with SQL", "DELETE", "/v1/classes/Thing/x%27%20OR%201%3D1--", ``, 404, 101},
			{"id too long", "GET", "/v1/classes/Thing/" + strings.Repeat("A", maxIDLen+1), ``, 404, 101},

			// List queries.
			{"where not JSON", "GET", where(`{name: "a"}`), ``, 400, 102},
			{"where not an object", "GET", where(`["a"]`), ``, 400, 102},
			{"where unknown operator", "GET", where(`{"n": {"$near": 0}}`), ``, 400, 102},
			{"where $gt of a boolean", "GET", where(`{"n": {"$gt": true}}`), ``, 400, 102},
			{"where $in not an array", "GET", where(`{"n": {"$in": 1}}`), ``, 400, 102},
			{"where $exists not a boolean", "GET", where(`{"n": {"$exists": 1}}`), ``, 400, 102},
			{"where $or not an array", "GET", where(`{"$or": {"a": 1}}`), ``, 400, 102},
			{"where $or empty", "GET", where(`{"$or": []}`), ``, 400, 102},
			{"where unknown top operator", "GET", where(`{"$nor": [{"a": 1}]}`), ``, 400, 102},
			{"where object value", "GET", where(`{"n": {"a": 1}}`), ``, 400, 102},
			{"where bad Date", "GET", where(`{"d": {"$lt": {"__type": "Date", "iso": "x"}}}`), ``, 400, 102},
			{"where createdAt not a Date", "GET", where(`{"createdAt": {"$lt": 5}}`), ``, 400, 102},
			{"where array value", "GET", where(`{"n": [1]}`), ``, 400, 102},
			{"where bad field", "GET", where(`{"n) OR 1=1 --": 1}`), ``, 400, 105},
			{"where field path", "GET", where(`{"a.b": 1}`), ``, 400, 105},
			{"where createdAt", "GET", where(`{"createdAt": "x"}`), ``, 400, 102},
			{"where objectId number", "GET", where(`{"objectId": 1}`), ``, 400, 102},
			{"where NUL", "GET", where(`{"name": "\u0000"}`), ``, 400, 102},
			{"where huge number", "GET", where(`{"n": 1e999}`), ``, 400, 102},
			{"limit negative", "GET", "/v1/classes/Thing?limit=-1", ``, 400, 102},
			{"limit too large", "GET", "/v1/classes/Thing?limit=1001", ``, 400, 102},
			{"limit not a number", "GET", "/v1/classes/Thing?limit=1%3B%20DROP%20TABLE%20objects", ``, 400, 102},
			{"limit twice", "GET", "/v1/classes/Thing?limit=1&limit=2", ``, 400, 102},
			{"order bad field", "GET", "/v1/classes/Thing?order=na-me", ``, 400, 102},
			{"order too many keys", "GET", "/v1/classes/Thing?order=a,b,c,d,e,f,g,h,i", ``, 400, 102},
			{"skip negative", "GET", "/v1/classes/Thing?skip=-1", ``, 400, 102},
			{"count not a flag", "GET", "/v1/classes/Thing?count=yes", ``, 400, 102},
			{"keys nested", "GET", "/v1/classes/Thing?keys=a.b", ``, 400, 102},
			{"order with SQL", "GET", "/v1/classes/Thing?order=created_at%3B%20DROP%20TABLE%20objects", ``, 400, 102},
			{"unknown parameter", "GET", "/v1/classes/Thing?excludeKeys=a", ``, 400, 102},
			{"malformed query string", "GET", "/v1/classes/Thing?where=%zz", ``, 400, 102},

			// Events.
			{"event: malformed JSON", "POST", "/v1/events", `{"name": `, 400, 107},
			{"event: no name", "POST", "/v1/events", `{"dimensions": {}}`, 400, 160},
			{"event: bad name", "POST", "/v1/events", `{"name": "a b"}`, 400, 160},
			{"event: name not a string", "POST", "/v1/events", `{"name": 1}`, 400, 160},
			{"event: unknown field", "POST", "/v1/events", `{"name": "A", "at": 1}`, 400, 160},
			{"event: dimensions not an object", "POST", "/v1/events", `{"name": "A", "dimensions": [1]}`, 400, 160},
			{"event: bad dimension", "POST", "/v1/events", `{"name": "A", "dimensions": {"x": "\u0000"}}`, 400, 160},
			{"event: too large", "POST", "/v1/events", `{"name": "A", "dimensions": {"x": "` + strings.Repeat("x", maxBody) + `"}}`, 413, 116},

			// Routes and methods.
			{"PATCH a class", "PATCH", "/v1/classes/Thing", `{}`, 405, -1},
			{"DELETE a class", "DELETE", "/v1/classes/Thing", ``, 405, -1},
			{"POST an object", "POST", obj, `{}`, 405, -1},
			{"GET events", "GET", "/v1/events", ``, 405, -1},
			{"POST healthz", "POST", "/healthz", ``, 405, -1},
			{"POST readyz", "POST", "/readyz", ``, 405, -1},
			{"DELETE debug errors", "DELETE", "/debug/errors", ``, 405, -1},
			{"POST debug lifecycle", "POST", "/debug/lifecycle", ``, 405, -1},
			{"unknown route", "GET", "/v1/nothing", ``, 404, -1},
			{"too deep a path", "GET", obj + "/more", ``, 404, -1},
			{"no class", "POST", "/v1/classes/", `{}`, 404, -1},
			{"root", "GET", "/", ``, 404, -1},
			{"dot-dot path", "GET", "/v1/classes/../../etc/passwd", ``, 404, -1},
			{"doubled slashes", "GET", "//v1//classes//A", ``, 404, -1},
			{"dot segment", "POST", "/v1/./classes/Thing", `{}`, 404, -1},
			{"escaped dot-dot", "GET", "/v1/classes/%2e%2e/Thing", ``, 404, -1},
			{"debug lifecycle bad format", "GET", "/debug/lifecycle?format=xml", ``, 400, 102},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := s.do(t, tc.method, tc.path, tc.body)
				r.want(t, tc.status, tc.code)
				if tc.status == http.StatusMethodNotAllowed && r.header.Get("Allow") == "" {
					t.Errorf("405 without an Allow header")
				}
				if after := dump(t, s.store); after != before {
					t.Fatalf("%s %s changed the store:\nbefore:\n%s\nafter:\n%s", tc.method, tc.path, before, after)
				}
			})
		}

		// A body too large with no Content-Length is cut off while read.
		req, err := http.NewRequest(http.MethodPost, s.url+"/v1/classes/Thing", strings.NewReader(`{"a": "`+strings.Repeat("x", 2*maxBody)+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = -1 // chunked
		s.send(t, req).want(t, http.StatusRequestEntityTooLarge, 116)
		if after := dump(t, s.store); after != before {
			t.Fatalf("a chunked oversize body changed the store:\nbefore:\n%s\nafter:\n%s", before, after)
		}
		// And the tables are all still there.
		s.do(t, http.MethodGet, obj, "").want(t, http.StatusOK, 0)
	})
}

// failingStore fails every call about the class Boom, or an event named
// Boom, as a store whose disk is gone would.
type failingStore struct {
	Store
}

var errDisk = errors.New("disk on fire: /var/lib/secret/path")

func (f *failingStore) fail(class string) error {
	if class == "Boom" {
		return errs.Wrap(errDisk)
	}
	return nil
}

func (f *failingStore) Create(ctx context.Context, o *Object) error {
	if err := f.fail(o.Class); err != nil {
		return err
	}
	return f.Store.Create(ctx, o)
}

func (f *failingStore) CreateMany(ctx context.Context, objs []*Object) error {
	for _, o := range objs {
		if err := f.fail(o.Class); err != nil {
			return err // the whole batch fails, none stored
		}
	}
	return f.Store.CreateMany(ctx, objs)
}

func (f *failingStore) Get(ctx context.Context, class, id string) (*Object, error) {
	if err := f.fail(class); err != nil {
		return nil, err
	}
	return f.Store.Get(ctx, class, id)
}

func (f *failingStore) Update(ctx context.Context, class, id string, fields map[string]json.RawMessage, at time.Time) (*Object, error) {
	if err := f.fail(class); err != nil {
		return nil, err
	}
	return f.Store.Update(ctx, class, id, fields, at)
}

func (f *failingStore) Delete(ctx context.Context, class, id string) error {
	if err := f.fail(class); err != nil {
		return err
	}
	return f.Store.Delete(ctx, class, id)
}

func (f *failingStore) List(ctx context.Context, class string, q listQuery) ([]*Object, error) {
	if err := f.fail(class); err != nil {
		return nil, err
	}
	return f.Store.List(ctx, class, q)
}

func (f *failingStore) InsertEvents(ctx context.Context, events []Event) error {
	for _, ev := range events {
		if err := f.fail(ev.Name); err != nil {
			return err
		}
	}
	return f.Store.InsertEvents(ctx, events)
}

// TestStoreError checks that a store's error is a bare 500 for the client,
// its detail recorded at /debug/errors.
func TestStoreError(t *testing.T) {
	store := &failingStore{newSQLiteStore(t.TempDir())}
	s := startServer(t, store)
	before := dump(t, store)
	requests := []struct{ method, path, body string }{
		{"POST", "/v1/classes/Boom", `{"a": 1}`},
		{"GET", "/v1/classes/Boom/AAAAAAAAAA", ``},
		{"PUT", "/v1/classes/Boom/AAAAAAAAAA", `{"a": 1}`},
		{"DELETE", "/v1/classes/Boom/AAAAAAAAAA", ``},
		{"GET", "/v1/classes/Boom", ``},
		{"POST", "/v1/events", `{"name": "Boom"}`},
	}
	for _, req := range requests {
		r := s.do(t, req.method, req.path, req.body)
		r.want(t, http.StatusInternalServerError, 1)
		if string(r.body) != `{"code":1,"error":"internal server error"}` {
			t.Errorf("%s %s = %s, want the bare internal server error", req.method, req.path, r.body)
		}
	}
	if after := dump(t, store); after != before {
		t.Errorf("failed requests changed the store:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	var report struct {
		Groups []errs.Group `json:"groups"`
	}
	r := s.do(t, http.MethodGet, "/debug/errors?format=json", "")
	if err := json.Unmarshal(r.body, &report); err != nil {
		t.Fatalf("/debug/errors?format=json = %s: %v", r.body, err)
	}
	var total int64
	for _, g := range report.Groups {
		if !strings.Contains(g.Message, "disk on fire") {
			t.Errorf("/debug/errors group %q: want only the store's errors", g.Message)
		}
		total += g.Count
	}
	if total != int64(len(requests)) {
		t.Errorf("/debug/errors counts %d errors, want %d: %s", total, len(requests), r.body)
	}
}

// manyKeys returns n distinct "kI": I members of a JSON object.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	return b.String()
}

// A body cut short (the client declared 100 bytes, sent 10 and stopped
// sending) gets a 400 that says so and names no socket address; so does a
// read that timed out, whose *net.OpError names both sockets.
func TestBodyReadFailureNamesNoAddress(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()))
	addr := strings.TrimPrefix(s.url, "http://")
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	io.WriteString(c, "POST /v1/classes/Thing HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\": 1, ")
	c.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	host, _, _ := net.SplitHostPort(addr)
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(body), host) || !strings.Contains(string(body), "ended before") {
		t.Errorf("cut-short body: %s %s; want a 400 saying it ended early, with no address", resp.Status, body)
	}

	// A read that timed out, from a real socket.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cc, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	cc.SetReadDeadline(time.Now())
	_, rerr := cc.Read(make([]byte, 1))
	if !strings.Contains(rerr.Error(), "127.0.0.1") {
		t.Fatalf("the timeout %q names no address: the check below would prove nothing", rerr)
	}
	if got := bodyReadFailure(rerr); strings.Contains(got, "127.0.0.1") || !strings.Contains(got, "too long") {
		t.Errorf("bodyReadFailure(%q) = %q, want a timeout without address", rerr, got)
	}
}

// The operators' endpoints are on the admin listener, which needs no key,
// and on the API's for the master key alone; the API's /readyz does not
// show a component's error, the admin's does.
func TestOperatorEndpoints(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()))
	for _, path := range []string{"/debug/errors", "/debug/errors?format=json", "/debug/lifecycle", "/debug/errors?scope=fleet", "/debug/readyz"} {
		r := s.do(t, http.MethodGet, s.url+path, "") // the application id alone
		r.want(t, http.StatusForbidden, 0)
		if msg := r.object(t)["error"]; msg != "unauthorized: master key is required" {
			t.Errorf("GET %s on the API's listener without the master key: error %q", path, msg)
		}
		for _, key := range []string{"wrong", testMasterKey + "x", testAppID} {
			if r := s.do(t, http.MethodGet, s.url+path, "", "X-Parse-Master-Key", key); r.status != http.StatusForbidden {
				t.Errorf("GET %s on the API's listener with a wrong master key = %d, want 403", path, r.status)
			}
		}
		if r := s.do(t, http.MethodGet, s.url+path, "", "X-Parse-Master-Key", testMasterKey); r.status != http.StatusOK {
			t.Errorf("GET %s on the API's listener with the master key = %d %s, want 200", path, r.status, r.body)
		}
		if r := s.do(t, http.MethodGet, path, ""); r.status != http.StatusOK {
			t.Errorf("GET %s on the admin listener = %d, want 200", path, r.status)
		}
	}
	resp, err := s.client.Get(s.admin + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "ok\n" {
		t.Errorf("admin /readyz = %d %q, want 200 ok", resp.StatusCode, b)
	}
	resp, err = s.client.Get(s.admin + "/v1/classes/Thing")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("the API on the admin listener = %d, want 404", resp.StatusCode)
	}
}
