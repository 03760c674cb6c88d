//go:build linux

package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// TestUpgradeUnderLoad builds the server, runs it on SQLite, drives mixed
// reads and writes at it from clients that never retry, upgrades it in
// place ten times (SIGUSR2, each time waiting for the new generation and the
// exit of the old one), then stops it with SIGTERM. Not one request may fail,
// every generation must exit 0, and every object and event acknowledged must
// be in the database afterwards.
//
// The test makes itself a child subreaper (Linux), so that each generation,
// orphaned when the one that started it exits, becomes its child and can be
// waited for.
func TestUpgradeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server: skipped in -short mode")
	}
	start := time.Now()
	data := filepath.Join(t.TempDir(), "data")
	procs, logs, logsDone := startGenerations(t, "-data", data, "-lame-duck", "300ms")

	ev := logs.next(t, "serving", 0)
	pid, addr := ev.PID, ev.Addr
	procs.add(pid)
	base := "http://" + addr
	t.Logf("generation 0: pid %d on %s (%v after start)", pid, addr, time.Since(start).Round(time.Millisecond))

	// Load: mixed reads and writes until stopped.
	load := newLoad(base)
	load.start(8)

	for gen := 1; gen <= 10; gen++ {
		<-load.after(150) // requests served by this generation first
		if err := syscall.Kill(pid, syscall.SIGUSR2); err != nil {
			t.Fatalf("SIGUSR2 to %d: %v", pid, err)
		}
		next := logs.next(t, "serving", pid)
		if next.Addr != addr {
			t.Errorf("generation %d serves on %s, want %s", gen, next.Addr, addr)
		}
		procs.add(next.PID)
		logs.exitOf(t, pid)
		procs.wait(pid)
		if b, err := os.ReadFile(filepath.Join(data, "apiserver.pid")); err != nil || strings.TrimSpace(string(b)) != strconv.Itoa(next.PID) {
			t.Errorf("PID file after upgrade %d = %q (%v), want %d", gen, b, err, next.PID)
		}
		t.Logf("generation %d: pid %d (%d requests so far)", gen, next.PID, load.count())
		pid = next.PID
	}
	<-load.after(150)
	load.stop()

	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM to %d: %v", pid, err)
	}
	logs.exitOf(t, pid)
	procs.wait(pid)
	<-logsDone
	if _, err := os.Stat(filepath.Join(data, "apiserver.pid")); !os.IsNotExist(err) {
		t.Errorf("PID file still there after SIGTERM: %v", err)
	}

	load.check(t, filepath.Join(data, sqliteFile))
	t.Logf("%d requests, 10 upgrades, in %v", load.count(), time.Since(start).Round(time.Millisecond))
}

// startGenerations builds the server, makes the test the child subreaper
// (so that it can wait for every generation), and starts the first
// generation on 127.0.0.1:0 with JSON logs and args. logsDone is closed
// once every generation's output has ended.
func startGenerations(t *testing.T, args ...string) (procs *generations, logs *logWatch, logsDone <-chan struct{}) {
	t.Helper()
	var flags []string
	if raceEnabled { // share the test's build cache
		flags = append(flags, "-race")
	}
	bin := proctest.Build(t, ".", flags...)
	proctest.BecomeSubreaper(t)

	logs = &logWatch{t: t, events: make(chan logEvent, 100)}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-admin-addr", "127.0.0.1:0", "-log-format", "json", "-upgrade-timeout", "20s",
		"-app-id", testAppID, "-master-key", testMasterKey}, args...)...)
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close() // the generations hold the write end; EOF once all exited
	procs = &generations{t: t, first: cmd}
	t.Cleanup(procs.killAll)
	t.Cleanup(func() {
		if t.Failed() {
			logs.mu.Lock()
			t.Logf("server output:\n%s", strings.Join(logs.lines, "\n"))
			logs.mu.Unlock()
		}
	})
	done := make(chan struct{})
	go func() { defer close(done); logs.read(pr) }()
	return procs, logs, done
}

// generations tracks the server processes, waits for each one's exit, and
// kills (by PID) the ones still running if the test fails half way.
type generations struct {
	t      *testing.T
	first  *exec.Cmd
	mu     sync.Mutex
	living map[int]bool
}

func (g *generations) add(pid int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.living == nil {
		g.living = make(map[int]bool)
	}
	g.living[pid] = true
}

// wait waits for pid to exit and checks it exited 0.
func (g *generations) wait(pid int) {
	g.t.Helper()
	var state *os.ProcessState
	var err error
	if pid == g.first.Process.Pid {
		err = g.first.Wait()
		state = g.first.ProcessState
	} else {
		var p *os.Process
		if p, err = os.FindProcess(pid); err == nil {
			state, err = p.Wait() // our child since its parent exited: we are its subreaper
		}
	}
	g.mu.Lock()
	delete(g.living, pid)
	g.mu.Unlock()
	if err != nil && state == nil {
		g.t.Fatalf("wait for %d: %v", pid, err)
	}
	if code := state.ExitCode(); code != 0 {
		g.t.Errorf("generation %d exited %v, want 0", pid, state)
	}
}

func (g *generations) killAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for pid := range g.living {
		syscall.Kill(pid, syscall.SIGKILL)
		if p, err := os.FindProcess(pid); err == nil {
			p.Wait()
		}
	}
}

// logWatch reads the JSON log lines of the generations and passes on the
// ones the test waits for.
type logWatch struct {
	t      *testing.T
	events chan logEvent
	mu     sync.Mutex
	lines  []string // all of them, printed if the test fails
}

type logEvent struct {
	Msg   string `json:"msg"`
	PID   int    `json:"pid"`
	Addr  string `json:"addr"`
	Level string `json:"level"`
	line  string
}

func (w *logWatch) read(r io.ReadCloser) {
	defer r.Close()
	defer close(w.events)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var ev logEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			ev.Msg = "unparsed"
		}
		ev.line = sc.Text()
		w.mu.Lock()
		w.lines = append(w.lines, ev.line)
		w.mu.Unlock()
		if ev.Level == "ERROR" || ev.Level == "WARN" || ev.Msg == "unparsed" {
			w.t.Logf("server: %s", ev.line)
		}
		if ev.Msg == "serving" || ev.Msg == "exit" || ev.Msg == handedOverMsg || ev.Msg == "stopped" || ev.Level == "ERROR" {
			w.events <- ev
		}
	}
}

// next returns the next "serving" or "exit" event with msg, from a process
// other than notPID, failing on errors and after a deadline.
func (w *logWatch) next(t *testing.T, msg string, notPID int) logEvent {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev, ok := <-w.events:
			if !ok {
				t.Fatalf("the server's output ended waiting for %q", msg)
			}
			if ev.Level == "ERROR" {
				t.Fatalf("server error: %s", ev.line)
			}
			if ev.Msg == msg && ev.PID != notPID {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %q in 30s", msg)
		}
	}
}

// exitOf waits for the "exit" line of pid.
func (w *logWatch) exitOf(t *testing.T, pid int) {
	t.Helper()
	for {
		ev := w.next(t, "exit", 0)
		if ev.PID == pid {
			return
		}
	}
}

// serverLoad is a set of clients that send a mix of requests until
// stopped, remembering what the server acknowledged.
type serverLoad struct {
	base   string
	client *http.Client
	quit   chan struct{}
	wg     sync.WaitGroup

	mu       sync.Mutex
	n        int
	waiters  map[int][]chan struct{}
	failures []string
	objects  map[string]int // acknowledged objects: id -> the last acknowledged v
	deleted  map[string]bool
	events   []string
}

func newLoad(base string) *serverLoad {
	return &serverLoad{
		base: base,
		// A plain client: no retries of ours. The transport's own replay of
		// a request on a dead keep-alive connection is caught by the trace
		// in do and counted as a failure too.
		client:  &http.Client{Transport: withAppID{&http.Transport{MaxIdleConnsPerHost: 16}}, Timeout: 30 * time.Second},
		quit:    make(chan struct{}),
		waiters: make(map[int][]chan struct{}),
		objects: make(map[string]int),
		deleted: make(map[string]bool),
	}
}

func (l *serverLoad) start(clients int) {
	for c := range clients {
		l.wg.Go(func() { l.run(c) })
	}
}

func (l *serverLoad) stop() {
	close(l.quit)
	l.wg.Wait()
	l.client.CloseIdleConnections()
}

func (l *serverLoad) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// after returns a channel closed once n more requests are done.
func (l *serverLoad) after(n int) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	ch := make(chan struct{})
	target := l.n + n
	l.waiters[target] = append(l.waiters[target], ch)
	return ch
}

func (l *serverLoad) done(failure string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	if failure != "" && len(l.failures) < 1000 {
		l.failures = append(l.failures, failure)
	}
	for _, ch := range l.waiters[l.n] {
		close(ch)
	}
	delete(l.waiters, l.n)
}

// run is one client: create an object, then read, update, list and send
// events about it, and now and then delete one.
func (l *serverLoad) run(c int) {
	var mine []string
	v := 0
	for i := 0; ; i++ {
		select {
		case <-l.quit:
			return
		default:
		}
		switch {
		case i%6 == 0 || len(mine) == 0:
			body, status, fail := l.do(http.MethodPost, "/v1/classes/Load", fmt.Sprintf(`{"client": %d, "v": 0}`, c))
			var m map[string]string
			if fail == "" && (status != http.StatusCreated || json.Unmarshal(body, &m) != nil || m["objectId"] == "") {
				fail = fmt.Sprintf("create: %d %s", status, body)
			}
			if fail == "" {
				mine = append(mine, m["objectId"])
				l.mu.Lock()
				l.objects[m["objectId"]] = 0
				l.mu.Unlock()
			}
			l.done(fail)
		case i%6 == 1:
			id := mine[i%len(mine)]
			body, status, fail := l.do(http.MethodGet, "/v1/classes/Load/"+id, "")
			var m map[string]any
			if fail == "" && (status != http.StatusOK || json.Unmarshal(body, &m) != nil || m["objectId"] != id) {
				fail = fmt.Sprintf("get %s: %d %s", id, status, body)
			}
			l.done(fail)
		case i%6 == 2:
			id := mine[len(mine)-1]
			v++
			body, status, fail := l.do(http.MethodPut, "/v1/classes/Load/"+id, fmt.Sprintf(`{"v": %d}`, v))
			if fail == "" && status != http.StatusOK {
				fail = fmt.Sprintf("update %s: %d %s", id, status, body)
			}
			if fail == "" {
				l.mu.Lock()
				l.objects[id] = v
				l.mu.Unlock()
			}
			l.done(fail)
		case i%6 == 3:
			where := url.QueryEscape(fmt.Sprintf(`{"client": %d}`, c))
			body, status, fail := l.do(http.MethodGet, "/v1/classes/Load?limit=5&order=-createdAt&where="+where, "")
			if fail == "" && (status != http.StatusOK || !strings.HasPrefix(string(body), `{"results":[`)) {
				fail = fmt.Sprintf("list: %d %s", status, body)
			}
			l.done(fail)
		case i%6 == 4:
			body, status, fail := l.do(http.MethodPost, "/v1/events", fmt.Sprintf(`{"name": "Tick", "dimensions": {"client": %d}}`, c))
			var m map[string]string
			if fail == "" && (status != http.StatusAccepted || json.Unmarshal(body, &m) != nil || m["eventId"] == "") {
				fail = fmt.Sprintf("event: %d %s", status, body)
			}
			if fail == "" {
				l.mu.Lock()
				l.events = append(l.events, m["eventId"])
				l.mu.Unlock()
			}
			l.done(fail)
		case i%6 == 5 && len(mine) > 3:
			id := mine[0]
			body, status, fail := l.do(http.MethodDelete, "/v1/classes/Load/"+id, "")
			if fail == "" && status != http.StatusOK {
				fail = fmt.Sprintf("delete %s: %d %s", id, status, body)
			}
			if fail == "" {
				mine = mine[1:]
				l.mu.Lock()
				l.deleted[id] = true
				l.mu.Unlock()
			}
			l.done(fail)
		}
	}
}

// do sends one request, once. It returns a failure if the request failed,
// or if the transport sent it more than once.
func (l *serverLoad) do(method, path, body string) ([]byte, int, string) {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	conns := 0
	var info httptrace.GotConnInfo
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { conns++; info = i }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), method, l.base+path, r)
	if err != nil {
		return nil, 0, err.Error()
	}
	t0 := time.Now()
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Sprintf("%s %s at %s after %v on a connection reused=%v idle=%v: %v",
			method, path, t0.Format("15:04:05.000000"), time.Since(t0), info.Reused, info.IdleTime, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, fmt.Sprintf("%s %s: reading body: %v", method, path, err)
	}
	if conns != 1 {
		return b, resp.StatusCode, fmt.Sprintf("%s %s: sent %d times", method, path, conns)
	}
	return b, resp.StatusCode, ""
}

// check fails the test for every failed request, and for every
// acknowledged write missing from the database.
func (l *serverLoad) check(t *testing.T, dbFile string) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.failures) > 0 {
		t.Errorf("%d of %d requests failed; the first: %s", len(l.failures), l.n, strings.Join(l.failures[:min(10, len(l.failures))], "\n"))
	}
	db, err := sql.Open("sqlite", dbFile+"?_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := make(map[string]int)
	rows, err := db.Query(`SELECT id, json_extract(data, '$.v') FROM objects WHERE class = 'Load'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var v int
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		got[id] = v
	}
	rows.Close()
	missing, stale := 0, 0
	for id, v := range l.objects {
		gv, ok := got[id]
		switch {
		case l.deleted[id] && ok:
			t.Errorf("object %s was deleted (acknowledged) but is in the database", id)
		case l.deleted[id]:
		case !ok:
			missing++
		case gv != v:
			stale++
		}
	}
	if missing+stale > 0 {
		t.Errorf("of %d acknowledged objects, %d are missing and %d lack their last acknowledged update", len(l.objects), missing, stale)
	}
	events := make(map[string]bool)
	rows, err = db.Query(`SELECT id FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		events[id] = true
	}
	rows.Close()
	lost := 0
	for _, id := range l.events {
		if !events[id] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged events are not in the database", lost, len(l.events))
	}
	t.Logf("checked %d objects (%d deleted) and %d events", len(l.objects), len(l.deleted), len(l.events))
}
