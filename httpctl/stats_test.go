package httpctl_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/httpctl"
)

// TestStatsComposesCallerTrace checks that a ClientTrace the caller put in
// the request's context still sees every attempt exactly once, next to the
// Transport's own tracing.
func TestStatsComposesCallerTrace(t *testing.T) {
	srv := newServer(t, &script{statuses: []int{503, 200}})
	var stats *httpctl.Stats
	c := client(t, &httpctl.Transport{Backoff: noWait, Stats: func(st *httpctl.Stats) { stats = st.Clone() }})
	var firstBytes, gotConns atomic.Int32
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		GotFirstResponseByte: func() { firstBytes.Add(1) },
		GotConn:              func(httptrace.GotConnInfo) { gotConns.Add(1) },
	})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if firstBytes.Load() != 2 || gotConns.Load() != 2 {
		t.Errorf("caller's trace saw %d first bytes and %d connections over 2 attempts, want 2 and 2",
			firstBytes.Load(), gotConns.Load())
	}
	if len(stats.Attempts) != 2 || stats.Attempts[0].FirstByte <= 0 || stats.Attempts[1].FirstByte <= 0 {
		t.Errorf("Stats.Attempts = %+v, want 2 attempts with a first byte each", stats.Attempts)
	}
}

// TestStatsPerRequest sends many requests, sequential and concurrent, and
// checks that each Stats describes its own request only, although the
// Transport reuses what it traces them with.
func TestStatsPerRequest(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		w.WriteHeader(code)
		io.WriteString(w, "body")
	}))
	var (
		mu   sync.Mutex
		seen = map[*http.Request]*httpctl.Stats{}
	)
	c := client(t, &httpctl.Transport{MaxTries: 1, Stats: func(st *httpctl.Stats) {
		mu.Lock()
		defer mu.Unlock()
		if seen[st.Request] != nil {
			t.Errorf("Stats hook called twice for %s", st.Request.URL)
		}
		seen[st.Request] = st.Clone()
	}})

	send := func(i int) *http.Request {
		code := []int{200, 201, 404, 503}[i%4]
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/?code=%d", srv.URL, code), nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Errorf("GET %s: %v", req.URL, err)
			return req
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return req
	}
	check := func(req *http.Request, reused bool) {
		t.Helper()
		mu.Lock()
		st := seen[req]
		mu.Unlock()
		want, _ := strconv.Atoi(req.URL.Query().Get("code"))
		switch {
		case st == nil:
			t.Errorf("no Stats for %s", req.URL)
		case st.StatusCode != want || len(st.Attempts) != 1 || st.Attempts[0].StatusCode != want:
			t.Errorf("Stats for %s = status %d, %d attempts %+v; want status %d, 1 attempt",
				req.URL, st.StatusCode, len(st.Attempts), st.Attempts, want)
		case reused && (!st.Attempts[0].Reused || st.Attempts[0].Connect != 0):
			t.Errorf("Stats for %s = %+v, want a reused connection and no connect phase", req.URL, st.Attempts[0])
		case st.Attempts[0].FirstByte <= 0 || st.Attempts[0].Body < 0 || st.Duration <= 0:
			t.Errorf("Stats for %s = %+v, want positive first byte and duration", req.URL, st)
		}
	}

	for i := range 20 {
		check(send(i), i > 0) // one connection, kept alive
	}
	var wg sync.WaitGroup
	reqs := make([]*http.Request, 64)
	for i := range reqs {
		wg.Go(func() { reqs[i] = send(i) })
	}
	wg.Wait()
	for _, req := range reqs {
		check(req, false)
	}
}

// TestStatsAllocs checks the cost of a Stats hook on a request that
// succeeds on a kept-alive connection: at most two allocations more than
// the same Transport without the hook. (The side-by-side figure against a
// plain http.Transport is in bench/.)
func TestStatsAllocs(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures allocations (not under -short or -race)")
	}
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	measure := func(tr *httpctl.Transport) float64 {
		c := client(t, tr)
		req, _ := http.NewRequest("GET", srv.URL, nil)
		get := func() {
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		get() // dial once
		return testing.AllocsPerRun(200, get)
	}
	timeouts := func() *httpctl.Transport {
		return &httpctl.Transport{DialTimeout: time.Second, TLSHandshakeTimeout: time.Second,
			ResponseHeaderTimeout: time.Minute, AttemptTimeout: time.Minute, RequestTimeout: time.Minute}
	}
	without := measure(timeouts())
	tr := timeouts()
	tr.Stats = func(*httpctl.Stats) {}
	with := measure(tr)
	if with > without+2 {
		t.Errorf("a request allocates %v times with a Stats hook, %v without; want at most 2 more", with, without)
	}
}
