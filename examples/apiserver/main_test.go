package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/lifekit/lifekit/lifecycle"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(stopUpgrader{m})
}

// A backend makes fresh, empty stores of one kind.
type backend struct {
	name     string
	newStore func(t testing.TB) Store
}

var backends = []backend{
	{"sqlite", func(t testing.TB) Store { return newSQLiteStore(t.TempDir()) }},
	{"postgres", func(t testing.TB) Store { return newPostgresStore(postgresURL(t)) }},
}

// eachBackend runs f once per backend, as subtests named after them.
func eachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	t.Helper()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

// postgresURL returns the URL of a fresh schema in the database of
// LIFEKIT_TEST_POSTGRES, dropped when the test ends, or skips the test.
func postgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("LIFEKIT_TEST_POSTGRES")
	if base == "" {
		t.Skip("LIFEKIT_TEST_POSTGRES is not set: skipping the PostgreSQL run " +
			"(set it to a postgres:// URL, or run examples/apiserver/testdata/with-postgres.sh go test ./examples/apiserver/)")
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := "test_" + strings.ToLower(newID(12)) // our own letters and digits: safe to splice
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("LIFEKIT_TEST_POSTGRES: create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// The keys of the servers the tests start in their process.
const (
	testAppID     = "testapp"
	testMasterKey = "test-master-key-0123456789"
)

// testServer is a server started in the test's process, as main would start
// it, listening on 127.0.0.1:0.
type testServer struct {
	url    string
	admin  string // the admin server's URL, where do sends /debug/ requests
	client *http.Client
	graph  *lifecycle.Graph
	store  Store
	// internal are strings of the server's own that no response of the
	// API may show: its socket address, its data directory.
	internal []string
}

// startServer starts a server on store, with configure applied to its
// configuration, and stops it when the test ends.
func startServer(t testing.TB, store Store, configure ...func(*Config)) *testServer {
	t.Helper()
	return startServerOn(t, &localProcess{}, store, configure...)
}

// startServerOn is startServer with the Process to listen through.
func startServerOn(t testing.TB, proc Process, store Store, configure ...func(*Config)) *testServer {
	t.Helper()
	return startServerLogging(t, proc, store, nil, configure...)
}

// startServerLogging is startServerOn with the server's log, at debug
// level, going to logs; nil for the errors only, to the test's output.
func startServerLogging(t testing.TB, proc Process, store Store, logs io.Writer, configure ...func(*Config)) *testServer {
	t.Helper()
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:0", "-admin-addr", "127.0.0.1:0", "-data", t.TempDir(), "-lame-duck", "0",
		"-app-id", testAppID, "-master-key", testMasterKey},
		func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range configure {
		f(cfg)
	}
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelError}))
	if logs != nil {
		logger = newLogger(&Config{LogLevel: slog.LevelDebug, LogFormat: "text"}, logs)
	}
	g, err := newGraph(cfg, logger, proc, store)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := g.Stop(context.Background()); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	srv := component[*Server](t, g)
	return &testServer{
		url:    "http://" + srv.Addr().String(),
		admin:  "http://" + srv.AdminAddr().String(),
		client: &http.Client{Transport: withAppID{tr}},
		graph:  g,
		store:  store,
		internal: []string{
			srv.Addr().String(), srv.AdminAddr().String(), cfg.DataDir, cfg.Keys.MasterKey,
		},
	}
}

// withAppID sends the test servers' application id with every request that
// names none, as every client of the API must.
type withAppID struct{ http.RoundTripper }

func (t withAppID) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("X-Parse-Application-Id") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("X-Parse-Application-Id", testAppID)
	}
	return t.RoundTripper.RoundTrip(req)
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the
// transport.
func (t withAppID) CloseIdleConnections() {
	if c, ok := t.RoundTripper.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// bare returns s with a client that sends no key of its own.
func (s *testServer) bare(t testing.TB) *testServer {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	b := *s
	b.client = &http.Client{Transport: tr}
	return &b
}

// component returns the graph's object of type T.
func component[T any](t testing.TB, g *lifecycle.Graph) T {
	t.Helper()
	for _, o := range g.Objects() {
		if v, ok := o.Value.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T in the graph", zero)
	return zero
}

// A response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
	close  bool // the server said Connection: close
}

// do sends a request with body (none if "") and headers (name, value, ...)
// and returns the response. A path alone goes to the API's listener, or
// for /debug/ to the admin's; a URL goes where it says.
func (s *testServer) do(t testing.TB, method, path, body string, headers ...string) response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	url := s.url + path
	switch {
	case strings.HasPrefix(path, "http://"):
		url = path
	case strings.HasPrefix(path, "/debug/"):
		url = s.admin + path // where operators go, with no key
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.send(t, req)
}

// concurrently sends a request from a goroutine of its own (do and send
// may not: they end the test on a failure) and returns its status and
// body; a request that fails is a test error, and status 0.
func (s *testServer) concurrently(t testing.TB, method, path, body string) (int, []byte) {
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return 0, nil
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Errorf("%s %s: reading the body: %v", method, path, err)
	}
	return resp.StatusCode, b
}

func (s *testServer) send(t testing.TB, req *http.Request) response {
	t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	if leak := s.leak(req.URL.Path, b); leak != "" {
		t.Errorf("%s %s: the response shows %s: %.300s", req.Method, req.URL.Path, leak, b)
	}
	return response{resp.StatusCode, resp.Header, b, resp.Close}
}

// leak returns what of the server's internals a response body of the API
// shows, or "": its address or data directory, a source file, a stack
// frame, a database URL. Every response of every test goes through it.
// The admin server's /debug/ is the operators' view, and shows stacks on
// purpose.
func (s *testServer) leak(path string, body []byte) string {
	if strings.HasPrefix(path, "/debug/") {
		return "" // the operators' view, with the master key or on the admin listener
	}
	text := string(body)
	for _, v := range s.internal {
		if v != "" && strings.Contains(text, v) {
			return fmt.Sprintf("%q", v)
		}
	}
	for _, v := range []string{".go:", "github.com/lifekit", "goroutine ", "postgres://", "postgresql://", "127.0.0.1:"} {
		if strings.Contains(text, v) {
			return fmt.Sprintf("%q", v)
		}
	}
	return ""
}

// object decodes a JSON object body, failing the test if it is not one.
func (r response) object(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil || m == nil {
		t.Fatalf("body %s: want a JSON object (%v)", r.body, err)
	}
	return m
}

// want fails the test unless the response has the status, and, when the
// status is an error, unless its body is {"code": code, "error": "..."},
// or {"error": "..."} for code 0.
func (r response) want(t testing.TB, status, code int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if status < 400 {
		return
	}
	m := r.object(t)
	if code == 0 {
		// Parse's "unauthorized" has no code.
		if _, ok := m["code"]; ok || len(m) != 1 {
			t.Errorf("error body %s: want exactly error", r.body)
		}
	} else {
		if len(m) != 2 {
			t.Errorf("error body %s: want exactly code and error", r.body)
		}
		if got, ok := m["code"].(float64); !ok || int(got) != code {
			t.Errorf("code = %v, want %d; body %s", m["code"], code, r.body)
		}
	}
	if msg, ok := m["error"].(string); !ok || msg == "" {
		t.Errorf("error = %v, want a message; body %s", m["error"], r.body)
	}
}

// create creates an object of class from the JSON fields and returns its id.
func (s *testServer) create(t testing.TB, class, fields string) string {
	t.Helper()
	r := s.do(t, http.MethodPost, "/v1/classes/"+class, fields)
	r.want(t, http.StatusCreated, 0)
	id, _ := r.object(t)["objectId"].(string)
	if id == "" {
		t.Fatalf("create %s: no objectId in %s", class, r.body)
	}
	return id
}

// dump returns every row of the store, for comparing before and after.
func dump(t testing.TB, st Store) string {
	t.Helper()
	if f, ok := st.(*failingStore); ok {
		st = f.Store
	}
	s := st.(*sqlStore)
	var b strings.Builder
	for _, q := range []string{
		"SELECT class, id, created_at, updated_at, data FROM objects ORDER BY class, id",
		"SELECT 'event', id, at, at, data FROM events ORDER BY id",
	} {
		rows, err := s.r.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var class, id, data string
			var created, updated int64
			if err := rows.Scan(&class, &id, &created, &updated, &data); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s %d %d %s\n", class, id, created, updated, data)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

var (
	idPattern   = regexp.MustCompile(`^[A-Za-z0-9]{10}$`)
	timePattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
)

func TestObjectLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))

		// Create: 201, Parse's names, a Location.
		r := s.do(t, http.MethodPost, "/v1/classes/GameScore", `{"score": 1337, "playerName": "Sean Plott", "cheatMode": false, "tags": ["a", {"b": null}], "ratio": 0.5}`)
		r.want(t, http.StatusCreated, 0)
		created := r.object(t)
		id, _ := created["objectId"].(string)
		createdAt, _ := created["createdAt"].(string)
		if !idPattern.MatchString(id) || !timePattern.MatchString(createdAt) || len(created) != 2 {
			t.Fatalf("POST = %s, want {objectId: 10 letters and digits, createdAt: Parse's time}", r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("Content-Type = %q, want Parse's application/json; charset=utf-8", ct)
		}
		if loc := r.header.Get("Location"); loc != s.url+"/v1/classes/GameScore/"+id {
			t.Errorf("Location = %q, want %s/v1/classes/GameScore/%s (absolute, as Parse's)", loc, s.url, id)
		}

		// Get: the fields, with objectId, createdAt and updatedAt.
		r = s.do(t, http.MethodGet, "/v1/classes/GameScore/"+id, "")
		r.want(t, http.StatusOK, 0)
		want := map[string]any{
			"objectId": id, "createdAt": createdAt, "updatedAt": createdAt,
			"score": 1337.0, "playerName": "Sean Plott", "cheatMode": false,
			"tags": []any{"a", map[string]any{"b": nil}}, "ratio": 0.5,
		}
		if got := r.object(t); !jsonEqual(got, want) {
			t.Fatalf("GET = %s, want %v", r.body, want)
		}

		// Update: the fields given replace theirs, the others stay.
		r = s.do(t, http.MethodPut, "/v1/classes/GameScore/"+id, `{"score": 1338, "cheatMode": null, "level": "hard"}`)
		r.want(t, http.StatusOK, 0)
		updatedAt, _ := r.object(t)["updatedAt"].(string)
		if !timePattern.MatchString(updatedAt) || updatedAt < createdAt || len(r.object(t)) != 1 {
			t.Fatalf("PUT = %s, want {updatedAt: a time not before %s}", r.body, createdAt)
		}
		want["score"], want["level"], want["updatedAt"] = 1338.0, "hard", updatedAt
		delete(want, "cheatMode") // set to null: left out, as Parse Server on PostgreSQL does
		r = s.do(t, http.MethodGet, "/v1/classes/GameScore/"+id, "")
		r.want(t, http.StatusOK, 0)
		if got := r.object(t); !jsonEqual(got, want) {
			t.Fatalf("GET after PUT = %s, want %v", r.body, want)
		}

		// HEAD is GET without a body.
		if r := s.do(t, http.MethodHead, "/v1/classes/GameScore/"+id, ""); r.status != http.StatusOK || len(r.body) != 0 {
			t.Errorf("HEAD = %d %q, want 200 and no body", r.status, r.body)
		}

		// Delete: 200 {}, then the object is gone.
		r = s.do(t, http.MethodDelete, "/v1/classes/GameScore/"+id, "")
		r.want(t, http.StatusOK, 0)
		if string(r.body) != "{}" {
			t.Errorf("DELETE body = %s, want {}", r.body)
		}
		s.do(t, http.MethodGet, "/v1/classes/GameScore/"+id, "").want(t, http.StatusNotFound, 101)
		s.do(t, http.MethodPut, "/v1/classes/GameScore/"+id, `{}`).want(t, http.StatusNotFound, 101)
		s.do(t, http.MethodDelete, "/v1/classes/GameScore/"+id, "").want(t, http.StatusNotFound, 101)

		// Classes are separate: the same id in another class is another object.
		other := s.create(t, "Other", `{}`)
		s.do(t, http.MethodGet, "/v1/classes/GameScore/"+other, "").want(t, http.StatusNotFound, 101)
	})
}

// jsonEqual compares two decoded JSON values.
func jsonEqual(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

func TestList(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		fields := []string{
			`{"name": "ada", "score": 10, "ok": true, "tag": "x"}`,
			`{"name": "bob", "score": 10.0, "ok": false, "tag": null}`,
			`{"name": "cy", "score": "10", "ok": 1}`,
			`{"name": "dee", "score": 2.5, "nested": {"name": "ada"}}`,
			`{"name": "x' OR '1'='1", "score": -3}`,
		}
		var ids []string
		for _, f := range fields {
			if strings.Contains(f, `"cy"`) {
				// Another type in a field than its first value's: the API
				// refuses it (111), but data stored before fields kept
				// their types may hold it, and where must still tell
				// types apart. Written to the store directly.
				at := now()
				o := &Object{Class: "Player", CreatedAt: at, UpdatedAt: at, Data: []byte(f)}
				if err := s.store.Create(context.Background(), o); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, o.ID)
				continue
			}
			ids = append(ids, s.create(t, "Player", f))
		}
		s.create(t, "Team", `{"name": "ada"}`)
		// The order the server keeps: by createdAt, then id. Objects created
		// in the same millisecond tie on createdAt.
		all := s.do(t, http.MethodGet, "/v1/classes/Player", "")
		all.want(t, http.StatusOK, 0)
		byCreated := resultIDs(t, all)
		if len(byCreated) != len(ids) {
			t.Fatalf("list = %v, want %d objects", byCreated, len(ids))
		}
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		if got := slices.Sorted(slices.Values(byCreated)); !slices.Equal(got, sorted) {
			t.Fatalf("list ids = %v, want %v", got, sorted)
		}
		pick := func(names ...int) []string {
			var out []string
			for _, id := range byCreated {
				for _, n := range names {
					if id == ids[n] {
						out = append(out, id)
					}
				}
			}
			return out
		}

		for _, tc := range []struct {
			name  string
			query url.Values
			want  []string
		}{
			{"all", nil, byCreated},
			{"string", url.Values{"where": {`{"name": "ada"}`}}, pick(0)},
			{"number equals int and float", url.Values{"where": {`{"score": 10}`}}, pick(0, 1)},
			{"number as float", url.Values{"where": {`{"score": 1e1}`}}, pick(0, 1)},
			{"string is not number", url.Values{"where": {`{"score": "10"}`}}, pick(2)},
			{"fraction", url.Values{"where": {`{"score": 2.5}`}}, pick(3)},
			{"negative", url.Values{"where": {`{"score": -3}`}}, pick(4)},
			{"true is not 1", url.Values{"where": {`{"ok": true}`}}, pick(0)},
			{"false", url.Values{"where": {`{"ok": false}`}}, pick(1)},
			{"1 is not true", url.Values{"where": {`{"ok": 1}`}}, pick(2)},
			{"null matches null and missing", url.Values{"where": {`{"tag": null}`}}, pick(1, 2, 3, 4)},
			{"two fields", url.Values{"where": {`{"score": 10, "ok": false}`}}, pick(1)},
			{"objectId", url.Values{"where": {`{"objectId": "` + ids[3] + `"}`}}, pick(3)},
			{"top level only", url.Values{"where": {`{"nested": "ada"}`}}, nil},
			{"missing field", url.Values{"where": {`{"nope": 1}`}}, nil},
			{"empty where", url.Values{"where": {`{}`}}, byCreated},
			{"injection in value is a value", url.Values{"where": {`{"name": "x' OR '1'='1"}`}}, pick(4)},
			{"injection in value finds nothing", url.Values{"where": {`{"name": "' OR 1=1 --"}`}}, nil},
			{"limit", url.Values{"limit": {"2"}}, byCreated[:2]},
			{"limit 0", url.Values{"limit": {"0"}}, nil},
			{"order desc", url.Values{"order": {"-createdAt"}}, reversed(byCreated)},
			{"order asc", url.Values{"order": {"createdAt"}}, byCreated},
			{"order and limit", url.Values{"order": {"-createdAt"}, "limit": {"1"}}, reversed(byCreated)[:1]},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := s.do(t, http.MethodGet, "/v1/classes/Player?"+tc.query.Encode(), "")
				r.want(t, http.StatusOK, 0)
				if got := resultIDs(t, r); !slices.Equal(got, tc.want) {
					t.Errorf("list(%s) = %v, want %v", tc.query.Encode(), got, tc.want)
				}
			})
		}

		// updatedAt order follows updates.
		r := s.do(t, http.MethodPut, "/v1/classes/Player/"+byCreated[0], `{"touched": true}`)
		r.want(t, http.StatusOK, 0)
		r = s.do(t, http.MethodGet, "/v1/classes/Player?order=-updatedAt&limit=1", "")
		r.want(t, http.StatusOK, 0)
		if got := resultIDs(t, r); len(got) != 1 || got[0] != byCreated[0] {
			t.Errorf("list(order=-updatedAt) = %v, want the updated %s first", got, byCreated[0])
		}
		// A class with no objects is an empty list, not an error.
		r = s.do(t, http.MethodGet, "/v1/classes/Nobody", "")
		r.want(t, http.StatusOK, 0)
		if string(r.body) != `{"results":[]}` {
			t.Errorf("list(Nobody) = %s, want {\"results\":[]}", r.body)
		}
	})
}

func resultIDs(t testing.TB, r response) []string {
	t.Helper()
	var body struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || body.Results == nil {
		t.Fatalf("list body %s: want {\"results\": [...]} (%v)", r.body, err)
	}
	var ids []string
	for _, o := range body.Results {
		id, _ := o["objectId"].(string)
		_, c := o["createdAt"].(string)
		_, u := o["updatedAt"].(string)
		if id == "" || !c || !u {
			t.Fatalf("list result %v: want objectId, createdAt and updatedAt", o)
		}
		ids = append(ids, id)
	}
	return ids
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func TestEvents(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		r := s.do(t, http.MethodPost, "/v1/events", `{"name": "AppOpened", "dimensions": {"source": "web", "n": 2}}`)
		r.want(t, http.StatusAccepted, 0)
		m := r.object(t)
		id, _ := m["eventId"].(string)
		at, _ := m["at"].(string)
		if id == "" || !timePattern.MatchString(at) || len(m) != 2 {
			t.Fatalf("POST /v1/events = %s, want {eventId, at}", r.body)
		}
		// The 202 came after the commit: the event is in the store now.
		if d := dump(t, s.store); !strings.Contains(d, "event "+id+" ") || !strings.Contains(d, `"source"`) {
			t.Fatalf("store after 202 =\n%s\nwant event %s with its dimensions", d, id)
		}

		// Concurrent events share commits, and each is acknowledged once stored.
		const n = 64
		acks := make(chan string, n)
		errc := make(chan error, n)
		for i := range n {
			go func() {
				body := fmt.Sprintf(`{"name": "Tap", "dimensions": {"i": %d}}`, i)
				resp, err := s.client.Post(s.url+"/v1/events", "application/json", strings.NewReader(body))
				if err != nil {
					errc <- err
					return
				}
				defer resp.Body.Close()
				var m map[string]string
				if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || resp.StatusCode != http.StatusAccepted {
					errc <- fmt.Errorf("status %d, %v", resp.StatusCode, err)
					return
				}
				acks <- m["eventId"]
			}()
		}
		d := ""
		for range n {
			select {
			case id := <-acks:
				if d == "" || !strings.Contains(d, "event "+id+" ") {
					d = dump(t, s.store)
				}
				if !strings.Contains(d, "event "+id+" ") {
					t.Errorf("event %s acknowledged but not in the store", id)
				}
			case err := <-errc:
				t.Error(err)
			}
		}
		st := component[*Events](t, s.graph).Stats()
		if st.Committed != n+1 || st.Failed != 0 {
			t.Errorf("batcher stats: committed %d, failed %d; want %d and 0", st.Committed, st.Failed, n+1)
		}
		t.Logf("%d events in %d commits", st.Committed, st.Batches.Total())
	})
}

func TestHealthAndDebug(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()))
	for _, tc := range []struct {
		path, want string
	}{
		{"/healthz", "ok\n"},
		{"/readyz", "ok"},
		{"/debug/lifecycle", "*main.Server"},
		{"/debug/lifecycle?format=json", `"CriticalPath"`},
		{"/debug/lifecycle?format=dot", "digraph"},
		{"/debug/errors?format=json", `"groups"`},
		{"/debug/errors", "<html"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := s.do(t, http.MethodGet, tc.path, "")
			if r.status != http.StatusOK || !strings.Contains(string(r.body), tc.want) {
				t.Errorf("GET %s = %d %q, want 200 with %q", tc.path, r.status, r.body, tc.want)
			}
		})
	}
	// The start report names every component, in the order they started.
	var rep lifecycle.Report
	if err := json.Unmarshal(s.do(t, http.MethodGet, "/debug/lifecycle?format=json", "").body, &rep); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range rep.Components {
		names = append(names, c.Component)
	}
	if len(names) == 0 || names[len(names)-1] != "*main.Server" || !slices.Contains(names, "*main.sqlStore") || !slices.Contains(names, "*main.Events") {
		t.Errorf("/debug/lifecycle components = %v, want the store and events, and the server last", names)
	}
}

// TestReadyzWhileStopping checks that a stopping server reports not ready
// while it still serves (its lame duck), so a load balancer takes it out
// before it goes, and that it tells keep-alive clients to reconnect.
func TestReadyzWhileStopping(t *testing.T) {
	const lameDuck = 2 * time.Second // the checks below take milliseconds
	s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) { c.LameDuck = lameDuck })
	if r := s.do(t, http.MethodGet, "/readyz", ""); r.status != http.StatusOK {
		t.Fatalf("GET /readyz = %d %q, want 200", r.status, r.body)
	}

	stopped := make(chan error, 1)
	go func() { stopped <- s.graph.Stop(context.Background()) }()
	<-s.graph.Done()
	r := s.do(t, http.MethodGet, "/readyz", "")
	if r.status != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz while stopping = %d %q, want 503", r.status, r.body)
	}
	// Stop calls the server's Stop, which begins the lame duck, a moment
	// after Done is closed: ask until it has begun, a bounded number of times.
	for i := 0; ; i++ {
		r = s.do(t, http.MethodGet, "/v1/classes/A", "")
		r.want(t, http.StatusOK, 0)
		if r.close {
			break
		}
		if i == 1000 {
			t.Fatal("no Connection: close during the lame duck")
		}
	}
	if err := <-stopped; err != nil {
		t.Errorf("Stop: %v", err)
	}
}

// TestConcurrentUpdates checks that updates of one object at the same time
// each keep the others' fields: PUT reads, merges and writes atomically.
func TestConcurrentUpdates(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		id := s.create(t, "Counter", `{"start": true}`)
		const n = 20
		errc := make(chan error, n)
		for i := range n {
			go func() {
				req, err := http.NewRequest(http.MethodPut, s.url+"/v1/classes/Counter/"+id, strings.NewReader(fmt.Sprintf(`{"f%d": %d}`, i, i)))
				if err != nil {
					errc <- err
					return
				}
				resp, err := s.client.Do(req)
				if err != nil {
					errc <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("PUT f%d: status %d", i, resp.StatusCode)
				}
				errc <- err
			}()
		}
		for range n {
			if err := <-errc; err != nil {
				t.Error(err)
			}
		}
		got := s.do(t, http.MethodGet, "/v1/classes/Counter/"+id, "").object(t)
		for i := range n {
			if got[fmt.Sprintf("f%d", i)] != float64(i) {
				t.Errorf("after %d concurrent updates, f%d = %v, want %d: %v", n, i, got[fmt.Sprintf("f%d", i)], i, got)
			}
		}
	})
}
