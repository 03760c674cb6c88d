package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// failure returns an error from one of two sites in one function, each
// with a value in its message: two groups, whatever the values.
//
//go:noinline
func failure(timeout bool, id int) error {
	if timeout {
		return errs.Errorf("charge %d: card network timed out", id)
	}
	return errs.Errorf("charge %d: card declined", id)
}

// record records n errors from the given site in s's Aggregator and
// returns their fingerprint, which is the same for every caller in one
// function.
func (s *testServer) record(t testing.TB, timeout bool, n int) (fingerprint string) {
	t.Helper()
	agg := component[*errs.Aggregator](t, s.graph)
	for i := range n {
		fingerprint = agg.Record(failure(timeout, i))
	}
	return fingerprint
}

// flush shares s's error counts now, rather than at the next interval.
func (s *testServer) flush(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := component[*Fleet](t, s.graph).Flush(ctx); err != nil {
		t.Fatalf("Fleet.Flush: %v", err)
	}
}

// fleet returns the fleet's groups as s serves them, by fingerprint.
func (s *testServer) fleet(t testing.TB) map[string]FleetGroup {
	t.Helper()
	r := s.do(t, http.MethodGet, "/debug/errors?scope=fleet&format=json", "")
	r.want(t, http.StatusOK, 0)
	var body struct{ Groups []FleetGroup }
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("fleet view %s: %v", r.body, err)
	}
	m := make(map[string]FleetGroup)
	for _, g := range body.Groups {
		m[g.Fingerprint] = g
	}
	return m
}

// wantGroup fails the test unless groups holds fp with count and instances.
func wantGroup(t testing.TB, groups map[string]FleetGroup, fp string, count int64, instances ...string) {
	t.Helper()
	g, ok := groups[fp]
	if !ok {
		t.Fatalf("fleet view lacks group %s: %v", fp, groups)
	}
	if g.Count != count || !slices.Equal(g.Instances, instances) {
		t.Errorf("group %s (%s) = count %d on %v, want %d on %v", fp, g.Message, g.Count, g.Instances, count, instances)
	}
	if len(g.Stack) == 0 || !strings.HasSuffix(g.Stack[0].Function, ".failure") {
		t.Errorf("group %s stack = %v, want the origin's, from failure", fp, g.Stack)
	}
}

func TestFleetErrorsOneServer(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t), func(c *Config) { c.Instance = "a" })
		if n := len(s.fleet(t)); n != 0 {
			t.Fatalf("fleet view of a new server has %d groups, want none", n)
		}
		declinedFP := s.record(t, false, 3)
		timeoutFP := s.record(t, true, 2)
		s.flush(t)
		groups := s.fleet(t)
		if len(groups) != 2 {
			t.Fatalf("fleet view has %d groups, want 2 (two sites in one function)", len(groups))
		}
		wantGroup(t, groups, declinedFP, 3, "a")
		wantGroup(t, groups, timeoutFP, 2, "a")

		// A flush with nothing new writes nothing; new errors add up.
		fleet := component[*Fleet](t, s.graph)
		before := fleet.b.Stats().Added
		s.flush(t)
		if added := fleet.b.Stats().Added - before; added != 0 {
			t.Errorf("a flush with nothing new wrote %d counts, want 0", added)
		}
		s.record(t, false, 4)
		s.flush(t)
		wantGroup(t, s.fleet(t), declinedFP, 7, "a")

		// The HTML view names the instance and escapes messages.
		component[*errs.Aggregator](t, s.graph).Record(errs.New("<script>alert(1)</script>"))
		s.flush(t)
		r := s.do(t, http.MethodGet, "/debug/errors?scope=fleet", "")
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Fatalf("HTML fleet view: %d %s", r.status, r.header.Get("Content-Type"))
		}
		html := string(r.body)
		if !strings.Contains(html, "<td>a</td>") || !strings.Contains(html, declinedFP) {
			t.Errorf("HTML fleet view lacks the instance or a fingerprint:\n%s", html)
		}
		if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
			t.Errorf("HTML fleet view does not escape messages:\n%s", html)
		}

		if r.header.Get("Cache-Control") != "no-store" || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("fleet view headers = %v, want Cache-Control: no-store and nosniff", r.header)
		}

		// JSON by Accept, as the Aggregator's view decides it.
		for accept, wantJSON := range map[string]bool{
			"application/json":                  true,
			"text/html;q=0.5, application/json": true,
			"text/html, application/json":       false,
			"application/json;q=0, text/plain":  false,
			"*/*":                               false,
		} {
			req, err := http.NewRequest(http.MethodGet, s.admin+"/debug/errors?scope=fleet", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Accept", accept)
			r := s.send(t, req)
			if got := strings.HasPrefix(r.header.Get("Content-Type"), "application/json"); r.status != http.StatusOK || got != wantJSON {
				t.Errorf("Accept: %s: %d %s, want JSON: %v", accept, r.status, r.header.Get("Content-Type"), wantJSON)
			}
		}
		s.do(t, http.MethodGet, "/debug/errors?scope=fleet&format=xml", "").want(t, http.StatusBadRequest, errInvalidQuery.Code)
		s.do(t, http.MethodGet, "/debug/errors?scope=galaxy", "").want(t, http.StatusBadRequest, errInvalidQuery.Code)
		r = s.do(t, http.MethodGet, "/debug/errors?scope=server&format=json", "")
		if r.status != http.StatusOK || !strings.Contains(string(r.body), `"max_groups"`) {
			t.Errorf("scope=server: %s, want the Aggregator's JSON", r.body)
		}
	})
}

// TestFleetErrorsTwoServers runs two servers on one PostgreSQL database,
// as a fleet does.
func TestFleetErrorsTwoServers(t *testing.T) {
	url := postgresURL(t)
	a := startServer(t, newPostgresStore(url), func(c *Config) { c.Instance = "a" })
	b := startServer(t, newPostgresStore(url), func(c *Config) { c.Instance = "b" })

	declinedFP := a.record(t, false, 3)
	if fp := b.record(t, false, 5); fp != declinedFP {
		t.Fatalf("one site, two servers: fingerprints %s and %s", declinedFP, fp)
	}
	timeoutFP := b.record(t, true, 1)
	a.flush(t)
	b.flush(t)
	for name, s := range map[string]*testServer{"a": a, "b": b} {
		groups := s.fleet(t)
		if len(groups) != 2 {
			t.Fatalf("server %s: fleet view has %d groups, want 2: %v", name, len(groups), groups)
		}
		wantGroup(t, groups, declinedFP, 8, "a", "b")
		wantGroup(t, groups, timeoutFP, 1, "b")
	}
	if g := a.fleet(t)[declinedFP]; !strings.Contains(g.Message, "card declined") {
		t.Errorf("sample message = %q, want one of the group's", g.Message)
	}

	// Stopping a server shares what it saw last.
	a.record(t, true, 2)
	if err := a.graph.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantGroup(t, b.fleet(t), timeoutFP, 3, "a", "b")
}

// TestPutErrorCounts checks the store's side: a count written again, or a
// smaller one, changes nothing (so a failed write may be retried), runs
// add up, and rows last seen before the expiry go.
func TestPutErrorCounts(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := b.newStore(t)
		ctx := context.Background()
		if err := st.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Stop(ctx) })
		now := time.Now().UTC().Truncate(time.Millisecond)
		row := func(run string, count int64, last time.Time) ErrorCount {
			return ErrorCount{Fingerprint: "v2:1", Instance: "a", Run: run, Count: count,
				First: now.Add(-time.Hour), Last: last, Message: "m", Stack: []errs.Frame{{Function: "f", File: "f.go", Line: 1}}}
		}
		steps := []struct {
			name   string
			put    []ErrorCount
			expire time.Time
			want   int64 // summed count of v2:1
			rows   int
		}{
			{"first write", []ErrorCount{row("r1", 5, now)}, time.Time{}, 5, 1},
			{"same count again", []ErrorCount{row("r1", 5, now)}, time.Time{}, 5, 1},
			{"smaller count", []ErrorCount{row("r1", 2, now)}, time.Time{}, 5, 1},
			{"larger count", []ErrorCount{row("r1", 9, now)}, time.Time{}, 9, 1},
			{"one key twice in a write", []ErrorCount{row("r1", 10, now), row("r1", 11, now)}, time.Time{}, 11, 1},
			{"another run adds up", []ErrorCount{row("r2", 4, now.Add(-2*fleetRetention))}, time.Time{}, 15, 2},
			{"expiry deletes old rows", nil, now.Add(-fleetRetention), 11, 1},
		}
		for _, s := range steps {
			if err := st.PutErrorCounts(ctx, s.put, s.expire); err != nil {
				t.Fatalf("%s: PutErrorCounts: %v", s.name, err)
			}
			counts, err := st.ErrorCounts(ctx, time.Time{})
			if err != nil {
				t.Fatalf("%s: ErrorCounts: %v", s.name, err)
			}
			var sum int64
			for _, c := range counts {
				sum += c.Count
			}
			if sum != s.want || len(counts) != s.rows {
				t.Errorf("%s: %d rows summing to %d, want %d rows summing to %d", s.name, len(counts), sum, s.rows, s.want)
			}
		}
		counts, _ := st.ErrorCounts(ctx, time.Time{})
		if want := row("r1", 11, now); len(counts) != 1 || fmt.Sprint(counts[0]) != fmt.Sprint(want) {
			t.Errorf("stored row = %+v, want %+v", counts, want)
		}

		// An error's text may hold anything; PostgreSQL's text and jsonb
		// take neither NUL nor invalid UTF-8. Such a row is stored with
		// those bytes replaced rather than failing every later write.
		odd := row("r3", 1, now)
		odd.Fingerprint = "v2:2"
		odd.Message = "read \x00\xff\xfe: bad"
		odd.Stack = []errs.Frame{{Function: "main.read\x00", File: "/src/\xffa.go", Line: 7}}
		if err := st.PutErrorCounts(ctx, []ErrorCount{odd}, time.Time{}); err != nil {
			t.Fatalf("PutErrorCounts of a message with NUL and invalid UTF-8: %v", err)
		}
		counts, err := st.ErrorCounts(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(counts, func(c ErrorCount) bool { return c.Fingerprint == "v2:2" })
		if i < 0 {
			t.Fatalf("row with odd bytes not stored: %+v", counts)
		}
		got := counts[i]
		if got.Message != "read \ufffd\ufffd: bad" || got.Stack[0].Function != "main.read\ufffd" || got.Stack[0].File != "/src/\ufffda.go" {
			t.Errorf("stored %q, %+v; want the odd bytes replaced by U+FFFD", got.Message, got.Stack)
		}
	})
}

// TestFleetKeepsShutdownErrors stops a server while a webhook call is on
// the wire and then fails: the stop succeeds (the failure was recorded, as
// every webhook failure is), and the fleet table has the failure, because
// the fleet writes its last counts after the webhook's last calls.
func TestFleetKeepsShutdownErrors(t *testing.T) {
	got, release := make(chan struct{}, 10), make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- struct{}{}
		<-release
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer hook.Close()
	dir := t.TempDir()
	s := startServer(t, newSQLiteStore(dir), func(c *Config) {
		c.Instance = "a"
		c.WebhookURL = hook.URL
		c.WebhookTimeout = 10 * time.Second
	})
	s.create(t, "Score", `{"points": 3}`)
	<-got // the call is on the wire

	stopped := make(chan error, 1)
	go func() { stopped <- s.graph.Stop(context.Background()) }()
	close(release)
	if err := <-stopped; err != nil {
		t.Errorf("Stop with a webhook failing in the drain: %v, want nil (the failure is recorded)", err)
	}

	st := newSQLiteStore(dir)
	ctx := context.Background()
	if err := st.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Stop(ctx)
	counts, err := st.ErrorCounts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 1 || !strings.Contains(counts[0].Message, "answered 500") || counts[0].Count != 1 {
		t.Errorf("fleet table after the stop = %+v, want the webhook's failure", counts)
	}
}

// TestFleetEvictedGroup counts a group the Aggregator evicted and saw
// again: its new count, which starts from 1, adds to the one written
// before the eviction instead of hiding under it.
func TestFleetEvictedGroup(t *testing.T) {
	ctx := context.Background()
	st := newSQLiteStore(t.TempDir())
	if err := st.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Stop(ctx)
	agg := errs.NewAggregator(errs.WithMaxGroups(1))
	f := &Fleet{Config: &Config{Instance: "a"}, Logger: slog.New(slog.DiscardHandler), Errors: agg, Store: st}
	if err := f.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer f.Stop(ctx)
	record := func(timeout bool, n int) (fp string) {
		for i := range n {
			fp = agg.Record(failure(timeout, i))
		}
		if err := f.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		return fp
	}
	declined := record(false, 3)
	timeout := record(true, 1) // evicts declined
	record(false, 2)           // evicts timeout; declined starts again
	if agg.Evicted() != 2 {
		t.Fatalf("Evicted() = %d, want 2", agg.Evicted())
	}
	counts, err := st.ErrorCounts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]int64{}
	for _, g := range fleetGroups(counts) {
		sums[g.Fingerprint] = g.Count
	}
	if sums[declined] != 5 || sums[timeout] != 1 {
		t.Errorf("fleet counts = %v, want %s: 5 and %s: 1", sums, declined, timeout)
	}
}
