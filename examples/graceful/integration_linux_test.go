package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

const upgrades, clients = 20, 50

// Twenty upgrades under keep-alive load from 50 clients that never retry:
// no request fails, no connection is refused, each new generation serves,
// every generation exits 0 and is reaped, and the last one holds exactly
// the descriptors the first one started with, its listener the very same
// socket, still non-blocking. Three ways: plain HTTP/1.1 with
// graceful.Handler (the example's default); plain HTTP/1.1 with the
// listener alone (-drain-handler=false), as a server that does not wrap its
// handler drains; and TLS, where 25 clients speak HTTP/1.1 and 25 HTTP/2
// (net/http's client, which retries at once what a GOAWAY refused; the
// log counts those, and none fails).
func TestUpgradeUnderLoad(t *testing.T) {
	plain := []proctest.LoadConfig{{Clients: clients}}
	for _, tc := range []struct {
		name string
		// setup returns the server's flags and the loads to put on it.
		setup func(t *testing.T) ([]string, []proctest.LoadConfig)
	}{
		{"plain", func(*testing.T) ([]string, []proctest.LoadConfig) { return nil, plain }},
		{"plain/listener-only", func(*testing.T) ([]string, []proctest.LoadConfig) {
			return []string{"-drain-handler=false"}, plain
		}},
		{"tls", func(t *testing.T) ([]string, []proctest.LoadConfig) {
			cert := proctest.NewCert(t)
			certFile, keyFile := cert.WriteFiles(t, t.TempDir())
			return []string{"-tls-cert", certFile, "-tls-key", keyFile}, []proctest.LoadConfig{
				{Clients: clients / 2, TLS: cert.Client},
				{Clients: clients / 2, TLS: cert.Client, HTTP2: true},
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags, loads := tc.setup(t)
			upgradeUnderLoad(t, flags, loads)
		})
	}
}

// upgradeUnderLoad runs the server with flags and upgrades it under the
// loads, all at once.
func upgradeUnderLoad(t *testing.T, flags []string, loads []proctest.LoadConfig) {
	proctest.BecomeSubreaper(t)
	bin := proctest.Build(t, ".")
	srv := proctest.StartServer(t, bin, append([]string{"-pidfile", filepath.Join(t.TempDir(), "app.pid")}, flags...)...)
	_, portStr, _ := net.SplitHostPort(srv.Addr())
	var port int
	fmt.Sscan(portStr, &port)
	inode := proctest.ListenInode(t, port)
	baseline := proctest.FDTargets(srv.First())
	if !slices.Contains(baseline, "socket:["+inode+"]") {
		t.Fatalf("first generation's descriptors %q lack the listener socket:[%s]", baseline, inode)
	}

	start := time.Now()
	var lds []*proctest.Load
	for _, cfg := range loads {
		lds = append(lds, proctest.StartLoadWith(t, srv.Addr(), cfg))
	}
	for _, ld := range lds {
		ld.WaitServed(t, srv.First(), 30*time.Second)
	}
	for i := range upgrades {
		sent := time.Now()
		next := srv.Upgrade()
		for j, ld := range lds {
			first := ld.WaitServed(t, next, 30*time.Second)
			t.Logf("upgrade %d: %d answered load %d %v after the signal", i+1, next, j, first.Sub(sent).Round(time.Millisecond))
		}
	}
	for j, ld := range lds {
		t.Logf("load %d: %s", j, describe(loads[j]))
		res := ld.Finish(t)
		for _, pid := range srv.Generations() {
			if res.ByPID[pid] == 0 {
				t.Errorf("generation %d served no request of load %d (%s)", pid, j, describe(loads[j]))
			}
		}
	}
	last := srv.Current()

	// Once the clients are gone, the last generation holds what the first
	// did: no inherited descriptor, pipe or duplicate left over.
	var got []string
	if !proctest.Poll(20*time.Second, func() bool { got = proctest.FDTargets(last); return slices.Equal(got, baseline) }) {
		t.Errorf("descriptors of generation %d = %q, want those of the first: %q", last, got, baseline)
	}
	if flags, ok := proctest.SocketFlags(last, inode); !ok || flags&syscall.O_NONBLOCK == 0 {
		t.Errorf("listener of generation %d: flags %#o (found %v), want O_NONBLOCK", last, flags, ok)
	}
	srv.Stop()
	t.Logf("%d upgrades under load in %v; %s", upgrades, time.Since(start).Round(time.Millisecond), lameDucks(srv))
}

// describe names the clients of a load, for the log.
func describe(cfg proctest.LoadConfig) string {
	switch {
	case cfg.HTTP2:
		return fmt.Sprintf("%d HTTP/2 clients", cfg.Clients)
	case cfg.TLS != nil:
		return fmt.Sprintf("%d HTTP/1.1 clients over TLS", cfg.Clients)
	}
	return fmt.Sprintf("%d HTTP/1.1 clients", cfg.Clients)
}

// lameDucks says how the drains' lame ducks ended, from the generations'
// logs: every client told, or ran out with connections still open.
func lameDucks(srv *proctest.Server) string {
	log := srv.Log()
	return fmt.Sprintf("lame ducks: %d told every client, %d ran out",
		strings.Count(log, `msg="lame duck over"`)-strings.Count(log, "told=false"), strings.Count(log, "told=false"))
}

// A next generation that exits, crashes or hangs before Ready, or whose
// executable has vanished, does not take over: the upgrade fails with a
// reason, the failed process is reaped, no request fails, the listener
// stays non-blocking, and the next upgrade succeeds.
func TestFailedUpgradesUnderLoad(t *testing.T) {
	proctest.BecomeSubreaper(t)
	bin := proctest.Build(t, ".")
	hook := filepath.Join(t.TempDir(), "hook")
	srv := proctest.StartServer(t, bin, "-test-hook", hook, "-upgrade-timeout", "5s")
	_, portStr, _ := net.SplitHostPort(srv.Addr())
	var port int
	fmt.Sscan(portStr, &port)
	inode := proctest.ListenInode(t, port)
	ld := proctest.StartLoad(t, srv.Addr(), clients)
	ld.WaitServed(t, srv.First(), 30*time.Second)

	for _, tc := range []struct {
		name, want string
		setup      func(t *testing.T) (undo func())
	}{
		{"exit", "exited with status 3 before it was ready", writeHook(hook, "exit")},
		{"crash", "exited with status 2 before it was ready", writeHook(hook, "crash")},
		{"hang", "was not ready within 5s; killed", writeHook(hook, "hang")},
		{"executable gone", "is gone", func(t *testing.T) func() {
			// A deploy moves the running build aside...
			if err := os.Rename(bin, bin+".old"); err != nil {
				t.Fatal(err)
			}
			// ... and puts a new one (here: a copy, a new file) in its place.
			return func() {
				b, err := os.ReadFile(bin + ".old")
				if err == nil {
					err = os.WriteFile(bin, b, 0o755)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			undo := tc.setup(t)
			defer undo()
			served := ld.OK()
			if err := syscall.Kill(srv.First(), syscall.SIGUSR2); err != nil {
				t.Fatal(err)
			}
			line := srv.ExpectOneOf([]string{"upgrade failed:", "ready "}, 30*time.Second)
			if !strings.HasPrefix(line, "upgrade failed:") || !strings.Contains(line, tc.want) {
				t.Errorf("after SIGUSR2: %q, want a failed upgrade saying %q", line, tc.want)
			}
			if kids := proctest.ChildrenOf(srv.First()); len(kids) != 0 {
				t.Errorf("processes left by the failed upgrade: %+v", kids)
			}
			if flags, ok := proctest.SocketFlags(srv.First(), inode); !ok || flags&syscall.O_NONBLOCK == 0 {
				t.Errorf("listener flags %#o (found %v), want O_NONBLOCK", flags, ok)
			}
			// The old generation goes on serving.
			ld.WaitFor(t, 20*time.Second, func(ok, _, _ int64) bool { return ok >= served+clients })
		})
	}

	next := srv.Upgrade()
	ld.WaitServed(t, next, 30*time.Second)
	// The new build at the path ran, not the old one moved aside.
	if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", next)); err != nil || exe != bin {
		t.Errorf("next generation runs %q (%v), want the file now at %s", exe, err, bin)
	}
	ld.Finish(t)
	srv.Stop()
	t.Log(lameDucks(srv))
}

// writeHook returns a setup that makes the next generation misbehave.
func writeHook(path, what string) func(t *testing.T) func() {
	return func(t *testing.T) func() {
		if err := os.WriteFile(path, []byte(what), 0o644); err != nil {
			t.Fatal(err)
		}
		return func() { os.Remove(path) }
	}
}

// SIGTERM drains: the request in flight completes, a connection that sent
// nothing is closed at the end of the lame duck instead of holding the
// drain, new connections are refused, and the process exits 0.
func TestTermDrains(t *testing.T) {
	proctest.BecomeSubreaper(t)
	bin := proctest.Build(t, ".")
	srv := proctest.StartServer(t, bin, "-lame-duck", "300ms")

	silent, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	slow, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.SetDeadline(time.Now().Add(30 * time.Second))
	io.WriteString(slow, "GET /slow?d=3s HTTP/1.1\r\nHost: test\r\n\r\n")
	// The handler flushes its first line at once: the request is in flight.
	buf := make([]byte, 4096)
	n, err := slow.Read(buf)
	if err != nil || !strings.Contains(string(buf[:n]), "started pid") {
		t.Fatalf("slow request: %q, %v", buf[:n], err)
	}
	head := string(buf[:n])

	if err := syscall.Kill(srv.First(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	slowDone := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(slow) // the server closes after the response
		slowDone <- head + string(b)
	}()

	silent.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := silent.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("silent connection: read %d, %v; want EOF", n, err)
	}
	var body string
	select {
	case body = <-slowDone:
		t.Errorf("the request in flight ended (%q) before the silent connection was closed", body)
	default:
		if c, err := net.Dial("tcp", srv.Addr()); err == nil {
			c.Close()
			t.Error("new connection accepted while draining")
		}
		body = <-slowDone
	}
	if !strings.Contains(body, "done pid") {
		t.Errorf("request in flight got %q, want it complete", body)
	}
	srv.Expect("exit pid=", 30*time.Second)
	srv.Finish()
}

// A next generation that dies right after Ready, before it took a
// connection, while the old one drains, under load from 50 clients that
// never retry: the dead generation is reaped, the old one serves again and
// says so, the clients it told to go elsewhere are served by it again from
// the socket's queue, a keep-alive connection that was idle throughout is
// answered on it as before, a later upgrade succeeds, and no request
// fails.
//
// The idle connection also makes the order certain: the old generation's
// lame duck cannot end before its client has been told, which only its
// next request can do, so the next generation dies while it still runs.
func TestNextGenerationDiesAfterReadyUnderLoad(t *testing.T) {
	proctest.BecomeSubreaper(t)
	bin := proctest.Build(t, ".")
	hook := filepath.Join(t.TempDir(), "hook")
	srv := proctest.StartServer(t, bin, "-test-hook", hook)
	first := srv.First()

	idle, err := proctest.DialKeepAlive(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	if pid, closing, err := idle.Get(); err != nil || pid != first || closing {
		t.Fatalf("idle client's first request: pid %d, closing %v, %v; want %d keeping the connection", pid, closing, err, first)
	}
	ld := proctest.StartLoad(t, srv.Addr(), clients)
	ld.WaitServed(t, first, 30*time.Second)

	if err := os.WriteFile(hook, []byte("die-after-ready"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(first, syscall.SIGUSR2); err != nil {
		t.Fatal(err)
	}
	var dead int
	if line := srv.Expect("ready ", 30*time.Second); !scanPID(line, "ready pid=%d", &dead) {
		t.Fatalf("after SIGUSR2: %q, want the next generation ready", line)
	}
	if line := srv.Expect("serving again", 30*time.Second); line != fmt.Sprintf("serving again pid=%d", first) {
		t.Fatalf("after the next generation died: %q, want the first serving again", line)
	}
	os.Remove(hook)
	// The first generation logs the death once it reaped the dead one,
	// before it serves again.
	if want := fmt.Sprintf(`next=%d status="exited with status 5"`, dead); !strings.Contains(srv.Log(), want) {
		t.Errorf("log lacks %q; log:\n%s", want, srv.LogTail())
	}
	if st := proctest.State(dead); st != "" {
		t.Errorf("dead generation %d: state %q, want reaped", dead, st)
	}

	if pid, closing, err := idle.Get(); err != nil || pid != first || closing {
		t.Errorf("idle client's next request: pid %d, closing %v, %v; want %d keeping the connection", pid, closing, err, first)
	}
	idle.Close() // else the next lame duck waits for it
	served := ld.OK()
	ld.WaitFor(t, 20*time.Second, func(ok, _, _ int64) bool { return ok >= served+clients })

	next := srv.Upgrade()
	ld.WaitServed(t, next, 30*time.Second)
	res := ld.Finish(t)
	if res.ByPID[first] == 0 || res.ByPID[next] == 0 || len(res.ByPID) != 2 {
		t.Errorf("requests by PID %v; want %d and %d only", res.ByPID, first, next)
	}
	srv.Stop()
	t.Log(lameDucks(srv))
}

// scanPID reads a PID from line, in format, and reports whether it could.
func scanPID(line, format string, pid *int) bool {
	_, err := fmt.Sscanf(line, format, pid)
	return err == nil
}
