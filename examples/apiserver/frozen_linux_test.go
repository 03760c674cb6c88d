//go:build linux

package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// A frozen PostgreSQL (SIGSTOP of every process of the test's own server)
// fails requests with a 503 within -store-timeout instead of holding them,
// /readyz says not ready within -ready-timeout, and both recover without
// a restart once it thaws (SIGCONT).
func TestFrozenPostgres(t *testing.T) {
	url := postgresURL(t) // skips without a server
	data := os.Getenv("PGTEST_DATA")
	if data == "" {
		t.Skip("PGTEST_DATA is not set: the server is not the test's own to freeze (run under testdata/with-postgres.sh)")
	}
	b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	postmaster, err := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}

	s := startServer(t, newPostgresStore(url), func(c *Config) {
		c.StoreTimeout = 500 * time.Millisecond
		c.ReadyTimeout = 500 * time.Millisecond
	})
	id := s.create(t, "Thing", `{"n": 1}`)

	// The postmaster and its children (the backends serving our pool).
	pids := []int{postmaster}
	for _, p := range proctest.ChildrenOf(postmaster) {
		pids = append(pids, p.PID)
	}
	signal := func(sig syscall.Signal) {
		for _, pid := range pids {
			syscall.Kill(pid, sig)
		}
	}
	signal(syscall.SIGSTOP)
	thawed := false
	thaw := func() {
		if !thawed {
			thawed = true
			signal(syscall.SIGCONT)
		}
	}
	defer thaw()

	for _, req := range []struct{ method, path, body string }{
		{http.MethodGet, "/v1/classes/Thing/" + id, ""},
		{http.MethodPost, "/v1/classes/Thing", `{"n": 2}`},
	} {
		start := time.Now()
		r := s.do(t, req.method, req.path, req.body)
		took := time.Since(start)
		t.Logf("%s %s with the database frozen: %d after %v", req.method, req.path, r.status, took.Round(time.Millisecond))
		if r.status != http.StatusServiceUnavailable || took > 10*time.Second {
			t.Errorf("%s %s with the database frozen = %d %s after %v; want a 503 near the 500ms bound", req.method, req.path, r.status, r.body, took)
		}
	}
	start := time.Now()
	r := s.do(t, http.MethodGet, "/readyz", "")
	took := time.Since(start)
	t.Logf("/readyz with the database frozen: %d %q after %v", r.status, r.body, took.Round(time.Millisecond))
	if r.status != http.StatusServiceUnavailable || took > 10*time.Second {
		t.Errorf("/readyz with the database frozen = %d %q after %v; want 503 near the 500ms bound", r.status, r.body, took)
	}

	thaw()
	for i := 0; ; i++ {
		r := s.do(t, http.MethodGet, "/readyz", "")
		if r.status == http.StatusOK {
			break
		}
		if i == 200 {
			t.Fatalf("/readyz after the thaw = %d %q, still not ready", r.status, r.body)
		}
	}
	s.do(t, http.MethodGet, "/v1/classes/Thing/"+id, "").want(t, http.StatusOK, 0)
}
