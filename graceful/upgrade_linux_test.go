package graceful

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// pidAt asks the HTTP server at network and address which process it is,
// on a new connection.
func pidAt(network, address string) (int, error) {
	tr := &http.Transport{
		DisableKeepAlives: true,
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, address)
		},
	}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	resp, err := c.Get("http://test/")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return strconv.Atoi(resp.Header.Get("X-Pid"))
}

// nextPIDAt returns the PID of the process that answers at network and
// address once the old generation old stopped accepting. The old one may
// accept one last connection that reaches the socket as it stops (see
// listener.drain), never more: then every connection goes to the next.
func nextPIDAt(t *testing.T, network, address string, old int) int {
	t.Helper()
	next := mustPIDAt(t, network, address)
	if next == old {
		next = mustPIDAt(t, network, address)
	}
	if next == old {
		t.Fatalf("the old generation %d accepted two connections on %s after handing over", old, address)
	}
	for range 5 {
		if got := mustPIDAt(t, network, address); got != next {
			t.Fatalf("%s answered by %d, then by %d; want only the next generation", address, next, got)
		}
	}
	return next
}

func mustPIDAt(t *testing.T, network, address string) int {
	t.Helper()
	pid, err := pidAt(network, address)
	if err != nil {
		t.Fatalf("ask %s %s for its PID: %v", network, address, err)
	}
	return pid
}

// udpPID asks the datagram server at address which process it is.
func udpPID(t *testing.T, address string) int {
	t.Helper()
	c, err := net.Dial("udp", address)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := c.Write([]byte("pid?")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 32)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatalf("read PID over UDP: %v", err)
	}
	pid, err := strconv.Atoi(string(buf[:n]))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// nonBlocking reports whether the socket behind sc is in non-blocking mode,
// as fcntl(F_GETFL) sees it.
func nonBlocking(t *testing.T, sc any) bool {
	t.Helper()
	rc, err := sc.(syscall.Conn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var flags uintptr
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		flags, _, errno = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
	}); err != nil || errno != 0 {
		t.Fatalf("fcntl: %v %v", err, errno)
	}
	return flags&syscall.O_NONBLOCK != 0
}

// terminate sends SIGTERM to pid, a child of this process, and reaps it.
// If it has not exited after 20 s it is killed, and the test fails.
func terminate(t *testing.T, pid int) syscall.WaitStatus {
	t.Helper()
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Errorf("kill %d: %v", pid, err)
	}
	reaped := make(chan syscall.WaitStatus, 1)
	go func() { reaped <- wait(pid) }()
	timer := time.NewTimer(20 * time.Second)
	defer timer.Stop()
	select {
	case ws := <-reaped:
		return ws
	case <-timer.C:
		t.Errorf("process %d did not exit within 20s of SIGTERM; killing it", pid)
		syscall.Kill(pid, syscall.SIGKILL)
		return <-reaped
	}
}

// endChildren makes sure that no process the test started outlives it: at
// cleanup, each remaining child of this process (one that an Upgrade
// started, since tests run one at a time) is killed and reaped.
func endChildren(t *testing.T) {
	t.Cleanup(func() {
		for _, p := range proctest.ChildrenOf(os.Getpid()) {
			t.Errorf("process %d still running at the end of the test; killing it", p.PID)
			syscall.Kill(p.PID, syscall.SIGKILL)
			wait(p.PID)
		}
	})
}

// testUpgrader returns a ready Upgrader with an HTTP server on a TCP
// listener, and stops both when the test ends.
func testUpgrader(t *testing.T, opts ...Option) (*Upgrader, net.Listener) {
	t.Helper()
	endChildren(t)
	u, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(os.Getpid())
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", pid)
	})}
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		u.Stop()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		Shutdown(ctx, srv, 0)
		<-served
	})
	if err := u.Ready(); err != nil {
		t.Fatal(err)
	}
	return u, ln
}

// An upgrade hands every kind of socket over: the next generation serves
// them, the old one's listener stays non-blocking, a Unix socket outlives
// the old generation and is unlinked by the last, and the PID file follows
// the serving process.
func TestUpgradeHandsOverSockets(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s.sock")
	pidFile := filepath.Join(dir, "app.pid")
	endChildren(t)
	u, err := New(WithPIDFile(pidFile), WithUpgradeTimeout(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	tcp, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	unix, err := u.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	udp, err := u.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	self := strconv.Itoa(os.Getpid())
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Header().Set("X-Pid", self) })
	servers := []*http.Server{{Handler: handler}, {Handler: handler}}
	served := make(chan struct{}, 2)
	for i, ln := range []net.Listener{tcp, unix} {
		go func() {
			servers[i].Serve(ln)
			served <- struct{}{}
		}()
	}
	if err := u.Ready(); err != nil {
		t.Fatal(err)
	}
	if got := readPIDFile(t, pidFile); got != os.Getpid() {
		t.Errorf("PID file after Ready = %d, want %d", got, os.Getpid())
	}
	if !nonBlocking(t, tcp) || !nonBlocking(t, udp) {
		t.Fatal("sockets blocking before the upgrade")
	}

	t.Setenv(childEnv, "serve")
	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0;unix="+sock+";udp=127.0.0.1:0")
	t.Setenv(childPIDFileEnv, pidFile)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := u.Upgrade(ctx); err != nil {
		t.Fatalf("Upgrade = %v, want nil", err)
	}
	select {
	case <-u.Exit():
	default:
		t.Error("Exit not closed after a successful Upgrade")
	}
	if !u.HandedOver() {
		t.Error("HandedOver = false after a successful Upgrade")
	}

	// The parent's sockets stay non-blocking: the hand-over did not go
	// through (*os.File).Fd, and neither did the child's inheritance.
	if !nonBlocking(t, tcp) {
		t.Error("parent's TCP listener is blocking after the upgrade")
	}
	if !nonBlocking(t, udp) {
		t.Error("parent's UDP socket is blocking after the upgrade")
	}

	child := nextPIDAt(t, "tcp", tcp.Addr().String(), os.Getpid())
	if got := nextPIDAt(t, "unix", sock, os.Getpid()); got != child {
		t.Errorf("Unix socket answered by %d, want the child %d", got, child)
	}
	if got := udpPID(t, udp.LocalAddr().String()); got != child && got != os.Getpid() {
		t.Errorf("UDP answered by %d, want %d or %d", got, child, os.Getpid())
	}
	if got := readPIDFile(t, pidFile); got != child {
		t.Errorf("PID file after the upgrade = %d, want the child %d", got, child)
	}
	if _, err := u.Listen("tcp", "127.0.0.1:0"); !errors.Is(err, ErrExiting) {
		t.Errorf("Listen after hand-over = %v, want ErrExiting", err)
	}
	if err := u.Upgrade(ctx); !errors.Is(err, ErrExiting) {
		t.Errorf("Upgrade after hand-over = %v, want ErrExiting", err)
	}

	// The old generation drains and goes; the socket file stays.
	u.Stop()
	for _, srv := range servers {
		if err := Shutdown(ctx, srv, 0); err != nil {
			t.Errorf("Shutdown = %v", err)
		}
	}
	udp.Close()
	<-served
	<-served
	if _, err := os.Stat(sock); err != nil {
		t.Errorf("Unix socket after the old generation stopped: %v, want it kept", err)
	}
	if got := mustPIDAt(t, "unix", sock); got != child {
		t.Errorf("Unix socket answered by %d after the parent left, want %d", got, child)
	}
	if got := udpPID(t, udp.LocalAddr().String()); got != child {
		t.Errorf("UDP answered by %d after the parent left, want %d", got, child)
	}

	// The last generation stops for good: socket file and PID file go.
	if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
		t.Errorf("child %s, want exit status 0", describeExit(ws))
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("Unix socket after the last generation stopped: %v, want it removed", err)
	}
	if _, err := os.Stat(pidFile); !os.IsNotExist(err) {
		t.Errorf("PID file after the last generation stopped: %v, want it removed", err)
	}
}

// A next generation that exits before Ready, or never becomes ready, is
// reaped; Upgrade says what happened; the old generation keeps serving with
// a non-blocking listener and its PID in the PID file, and a later upgrade
// succeeds.
func TestUpgradeFailureKeepsServing(t *testing.T) {
	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
	for _, tc := range []struct {
		mode, want string
		timeout    time.Duration
	}{
		{"exit", "exited with status 3 before it was ready", time.Minute},
		// With no bound, the wait for a child that closed its readiness
		// pipe has no timer either; and a later upgrade succeeds.
		{"exit", "exited with status 3 before it was ready", -1},
		{"hang", "was not ready within 3s; killed", 3 * time.Second},
	} {
		t.Run(fmt.Sprintf("%s/timeout=%v", tc.mode, tc.timeout), func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "app.pid")
			u, ln := testUpgrader(t, WithPIDFile(pidFile), WithUpgradeTimeout(tc.timeout))
			addr := ln.Addr().String()
			t.Setenv(childEnv, tc.mode)
			err := u.Upgrade(context.Background())
			if !errors.Is(err, ErrUpgradeFailed) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Upgrade = %v, want ErrUpgradeFailed saying %q", err, tc.want)
			}
			if kids := proctest.ChildrenOf(os.Getpid()); len(kids) != 0 {
				t.Errorf("processes left behind by the failed upgrade: %+v", kids)
			}
			if got := mustPIDAt(t, "tcp", addr); got != os.Getpid() {
				t.Errorf("after a failed upgrade %d answered, want this process %d", got, os.Getpid())
			}
			if !nonBlocking(t, ln) {
				t.Error("listener blocking after a failed upgrade")
			}
			if got := readPIDFile(t, pidFile); got != os.Getpid() {
				t.Errorf("PID file = %d, want %d", got, os.Getpid())
			}
			select {
			case <-u.Exit():
				t.Error("Exit closed after a failed upgrade")
			default:
			}
			if tc.timeout > 0 && tc.timeout < time.Minute {
				return // a success needs a deadline that a loaded machine cannot miss
			}

			t.Setenv(childEnv, "serve")
			if err := u.Upgrade(context.Background()); err != nil {
				t.Fatalf("Upgrade after a failure = %v, want nil", err)
			}
			child := nextPIDAt(t, "tcp", addr, os.Getpid())
			if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
				t.Errorf("child %s, want exit status 0", describeExit(ws))
			}
		})
	}
}

// A next generation accepts no connection before it is ready, though its
// servers run: until Ready the old generation serves alone, so that a new
// one that then fails, hangs or crashes takes no client with it.
func TestNoAcceptBeforeReady(t *testing.T) {
	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
	u, ln := testUpgrader(t, WithUpgradeTimeout(time.Minute))
	addr := ln.Addr().String()
	marker := filepath.Join(t.TempDir(), "serving")
	t.Setenv(childMarkerEnv, marker)
	t.Setenv(childEnv, "serve-hang")
	ctx, cancel := context.WithCancel(context.Background())
	upgraded := make(chan error, 1)
	go func() { upgraded <- u.Upgrade(ctx) }()
	if !proctest.Poll(30*time.Second, func() bool { _, err := os.Stat(marker); return err == nil }) {
		cancel()
		t.Fatalf("the next generation did not start serving: %v", <-upgraded)
	}
	const probes = 40
	var others []int
	for range probes {
		pid, err := pidAt("tcp", addr)
		if err != nil {
			t.Fatalf("request while the next generation is not ready: %v", err)
		}
		if pid != os.Getpid() {
			others = append(others, pid)
		}
	}
	if len(others) > 0 {
		t.Errorf("%d of %d new connections were served by the next generation %v before it was ready; want all by this one, %d",
			len(others), probes, others, os.Getpid())
	}
	cancel()
	if err := <-upgraded; !errors.Is(err, ErrUpgradeFailed) {
		t.Errorf("Upgrade = %v, want ErrUpgradeFailed", err)
	}
	if got := mustPIDAt(t, "tcp", addr); got != os.Getpid() {
		t.Errorf("after the failed upgrade %d answered, want %d", got, os.Getpid())
	}
}

// Upgrade honours its context: the next generation is killed and reaped.
// With no upgrade timeout (a negative one), the context is the only bound.
func TestUpgradeCanceled(t *testing.T) {
	for _, timeout := range []time.Duration{time.Minute, -1} {
		t.Run(fmt.Sprintf("timeout=%v", timeout), func(t *testing.T) {
			u, _ := testUpgrader(t, WithUpgradeTimeout(timeout))
			t.Setenv(childEnv, "hang")
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			err := u.Upgrade(ctx)
			if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrUpgradeFailed) || !strings.Contains(err.Error(), "killed: context deadline exceeded") {
				t.Errorf("Upgrade = %v, want ErrUpgradeFailed and context.DeadlineExceeded", err)
			}
			if kids := proctest.ChildrenOf(os.Getpid()); len(kids) != 0 {
				t.Errorf("processes left behind: %+v", kids)
			}
			if err := u.Upgrade(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Upgrade with an expired ctx = %v, want context.DeadlineExceeded", err)
			}
		})
	}
}

// One upgrade at a time; Stop abandons the one in progress.
func TestUpgradeOneAtATime(t *testing.T) {
	u, _ := testUpgrader(t, WithUpgradeTimeout(time.Minute))
	t.Setenv(childEnv, "hang")
	first := make(chan error, 1)
	go func() { first <- u.Upgrade(context.Background()) }()
	if !proctest.Poll(20*time.Second, func() bool { return len(proctest.ChildrenOf(os.Getpid())) == 1 }) {
		t.Fatal("no next generation started")
	}
	if err := u.Upgrade(context.Background()); !errors.Is(err, ErrUpgradeInProgress) {
		t.Errorf("second Upgrade = %v, want ErrUpgradeInProgress", err)
	}
	u.Stop()
	if err := <-first; !errors.Is(err, ErrExiting) {
		t.Errorf("Upgrade interrupted by Stop = %v, want ErrExiting", err)
	}
	if kids := proctest.ChildrenOf(os.Getpid()); len(kids) != 0 {
		t.Errorf("processes left behind: %+v", kids)
	}
	select {
	case <-u.Exit():
	default:
		t.Error("Exit not closed after Stop")
	}
	if u.HandedOver() {
		t.Error("HandedOver = true after an upgrade that Stop abandoned")
	}
}

func TestUpgraderStates(t *testing.T) {
	u, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Upgrade(context.Background()); !errors.Is(err, ErrNotReady) {
		t.Errorf("Upgrade before Ready = %v, want ErrNotReady", err)
	}
	if u.HasParent() {
		t.Error("HasParent = true in a process nobody upgraded to")
	}
	u.Stop()
	u.Stop() // idempotent
	for name, err := range map[string]error{
		"Upgrade": u.Upgrade(context.Background()),
		"Ready":   u.Ready(),
		"Listen": func() error {
			_, err := u.Listen("tcp", "127.0.0.1:0")
			return err
		}(),
		"ListenPacket": func() error {
			_, err := u.ListenPacket("udp", "127.0.0.1:0")
			return err
		}(),
	} {
		if !errors.Is(err, ErrExiting) {
			t.Errorf("%s after Stop = %v, want ErrExiting", name, err)
		}
	}
}

// Upgrader.Shutdown ends its lame duck once every listener of the Upgrader
// is quiet: here, once Stop closed the socket and the one client, answered
// with "Connection: close", went away. Before that, while the listener
// accepts or a connection is open, it is not quiet.
func TestUpgraderShutdownEndsWhenQuiet(t *testing.T) {
	endChildren(t)
	u, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer u.Stop()
	if _, ok := u.listenersQuiet(); ok {
		t.Error("quiet with no listener: nothing is known then")
	}
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: okHandler("ok")}
	waitServe := serve(t, srv, ln)
	if err := u.Ready(); err != nil {
		t.Fatal(err)
	}
	rc := dialRaw(t, ln.Addr().String())
	defer rc.c.Close()
	if _, closing, err := rc.get("/"); err != nil || closing {
		t.Fatalf("first request: closing %v, %v", closing, err)
	}
	if _, ok := u.listenersQuiet(); ok {
		t.Error("quiet while the listener accepts")
	}
	u.Stop()
	if _, ok := u.listenersQuiet(); ok {
		t.Error("quiet while a connection is open")
	}

	srv.SetKeepAlivesEnabled(false) // before the request: its answer says close
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- u.Shutdown(ctx, srv, time.Hour) }()
	if _, closing, err := rc.get("/"); err != nil || !closing {
		t.Fatalf("request in the lame duck: closing %v, %v; want Connection: close", closing, err)
	}
	rc.c.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Shutdown = %v, want nil", err)
		}
	case <-ctx.Done():
		t.Fatal("the lame duck went on after the last connection closed")
	}
	if err := waitServe(); !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve = %v, want ErrServerClosed", err)
	}
}

// reusePort is a ListenConfig that sets SO_REUSEPORT on the sockets it
// creates.
var reusePort = net.ListenConfig{Control: func(_, _ string, rc syscall.RawConn) error {
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = setReusePort(int(fd), true)
	}); err != nil {
		return err
	}
	return serr
}}

// WithListenConfig's options reach the socket, and the socket with them
// passes to the next generation: a second socket with SO_REUSEPORT can bind
// the address the next generation serves only if that socket has it too.
func TestListenConfig(t *testing.T) {
	bindsBeside := func(addr string) error {
		ln, err := reusePort.Listen(context.Background(), "tcp", addr)
		if err == nil {
			ln.Close()
		}
		return err
	}
	_, plain := testUpgrader(t)
	if err := bindsBeside(plain.Addr().String()); !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("binding beside a socket without SO_REUSEPORT: %v, want EADDRINUSE", err)
	}

	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
	u, ln := testUpgrader(t, WithListenConfig(reusePort))
	addr := ln.Addr().String()
	t.Setenv(childEnv, "serve")
	if err := u.Upgrade(context.Background()); err != nil {
		t.Fatal(err)
	}
	child := nextPIDAt(t, "tcp", addr, os.Getpid())
	if err := bindsBeside(addr); err != nil {
		t.Errorf("binding beside the socket the next generation serves: %v, want it allowed by SO_REUSEPORT", err)
	}
	if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
		t.Errorf("child %s, want exit status 0", describeExit(ws))
	}
}

// A next generation that writes the address another way takes the same
// socket: "localhost:PORT" and "127.0.0.1:PORT" for what the previous one
// listened on as "127.0.0.1:0".
func TestUpgradeAddressWrittenAnotherWay(t *testing.T) {
	for _, host := range []string{"localhost", "127.0.0.1"} {
		t.Run(host, func(t *testing.T) {
			u, ln := testUpgrader(t)
			addr := ln.Addr().String()
			_, port, _ := net.SplitHostPort(addr)
			t.Setenv(childSocketsEnv, "tcp="+net.JoinHostPort(host, port))
			t.Setenv(childEnv, "serve")
			if err := u.Upgrade(context.Background()); err != nil {
				t.Fatalf("Upgrade with the address written %s:%s: %v", host, port, err)
			}
			child := nextPIDAt(t, "tcp", addr, os.Getpid())
			if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
				t.Errorf("child %s, want exit status 0", describeExit(ws))
			}
		})
	}
}

// Files pass to the next generation by name: a file with its content, a
// Unix socket connection it then writes to, and one it does not claim,
// which it closes at Ready.
func TestUpgradePassesFiles(t *testing.T) {
	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
	u, ln := testUpgrader(t)
	state, err := os.Create(filepath.Join(t.TempDir(), "state"))
	if err != nil {
		t.Fatal(err)
	}
	defer state.Close()
	if _, err := state.WriteString("generation 1"); err != nil {
		t.Fatal(err)
	}
	pair, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs := fileConn(t, pair[0]), fileConn(t, pair[1])
	defer ours.Close()
	unusedR, unusedW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer unusedR.Close()
	for name, add := range map[string]func() error{
		"state":  func() error { return u.AddFile("state", state) },
		"peer":   func() error { return u.AddConn("peer", theirs.(*net.UnixConn)) },
		"unused": func() error { return u.AddFile("unused", unusedW) },
	} {
		if err := add(); err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
	}
	if err := u.AddFile("state", state); err == nil {
		t.Error("AddFile of a name already added succeeded")
	}

	t.Setenv(childEnv, "files")
	if err := u.Upgrade(context.Background()); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	unusedW.Close()
	ours.SetReadDeadline(time.Now().Add(20 * time.Second))
	line, err := bufio.NewReader(ours).ReadString('\n')
	if err != nil {
		t.Fatalf("reading what the next generation wrote on the passed connection: %v", err)
	}
	child := nextPIDAt(t, "tcp", ln.Addr().String(), os.Getpid())
	if want := fmt.Sprintf("generation 1|%d\n", child); line != want {
		t.Errorf("the next generation wrote %q, want %q", line, want)
	}
	// Every write end of the unused pipe is closed, the next generation's
	// included: it closed the file it did not claim.
	unusedR.SetReadDeadline(time.Now().Add(20 * time.Second))
	if n, err := unusedR.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("read of the unused pipe = %d, %v; want EOF once the next generation closed its copy", n, err)
	}
	if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
		t.Errorf("child %s, want exit status 0", describeExit(ws))
	}
}

// fileConn makes a net.Conn of a socket descriptor, which it takes over.
func fileConn(t *testing.T, fd int) net.Conn {
	t.Helper()
	f := os.NewFile(uintptr(fd), "socketpair")
	c, err := net.FileConn(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// drainingParent upgrades to a "serve" child, then stops and drains this
// generation with a lame duck that a held keep-alive connection keeps
// going. It returns the child's PID, the held client, and the channel on
// which the drain's result arrives.
func drainingParent(t *testing.T, logger *slog.Logger) (u *Upgrader, addr string, child int, held *rawClient, drained chan error) {
	t.Helper()
	endChildren(t)
	u, err := New(WithLogger(logger), WithUpgradeTimeout(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = ln.Addr().String()
	pid := strconv.Itoa(os.Getpid())
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", pid)
		io.WriteString(w, pid)
	})}
	wait := serve(t, srv, ln)
	t.Cleanup(func() {
		u.Stop()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		Shutdown(ctx, srv, 0)
		wait()
	})
	if err := u.Ready(); err != nil {
		t.Fatal(err)
	}
	held = dialRaw(t, addr)
	t.Cleanup(func() { held.c.Close() })
	if body, _, err := held.get("/"); err != nil || body != pid {
		t.Fatalf("first request: %q, %v", body, err)
	}

	t.Setenv(childSocketsEnv, "tcp="+addr)
	t.Setenv(childEnv, "serve")
	if err := u.Upgrade(context.Background()); err != nil {
		t.Fatal(err)
	}
	child = nextPIDAt(t, "tcp", addr, os.Getpid())
	<-u.Exit()
	u.Stop()
	drained = make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		drained <- u.Shutdown(ctx, srv, time.Minute)
	}()
	return u, addr, child, held, drained
}

// A next generation that dies while this one drains: this one serves
// again, on new connections and on the one it was draining, and says so.
func TestNextGenerationDiesWhileDraining(t *testing.T) {
	var buf lockedBuffer
	u, addr, child, held, drained := drainingParent(t, slog.New(slog.NewJSONHandler(&buf, nil)))
	if err := syscall.Kill(child, syscall.SIGKILL); err != nil { // started by this test's Upgrade
		t.Fatal(err)
	}
	select {
	case err := <-drained:
		if !errors.Is(err, ErrResumed) {
			t.Fatalf("Shutdown = %v, want ErrResumed", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Shutdown did not return within 30s of the next generation's death")
	}
	if u.HandedOver() {
		t.Error("HandedOver = true after serving again")
	}
	select {
	case <-u.Exit():
		t.Error("Exit is closed after serving again")
	default:
	}
	if got := mustPIDAt(t, "tcp", addr); got != os.Getpid() {
		t.Errorf("new connection answered by %d, want this process %d", got, os.Getpid())
	}
	if body, _, err := held.get("/"); err != nil || body != strconv.Itoa(os.Getpid()) {
		t.Errorf("request on the held connection: %q, %v; want this process's answer", body, err)
	}
	for _, msg := range []string{`"msg":"next generation died"`, `"msg":"serving again"`, "killed by signal"} {
		if !strings.Contains(buf.String(), msg) {
			t.Errorf("log lacks %s:\n%s", msg, buf.String())
		}
	}
	if kids := proctest.ChildrenOf(os.Getpid()); len(kids) != 0 {
		t.Errorf("the dead generation was not reaped: %+v", kids)
	}
}

// A next generation that exits with status 0 (it handed over in turn, or
// was stopped) is no reason to serve again: the drain goes on and ends.
func TestNextGenerationExitsCleanlyWhileDraining(t *testing.T) {
	var buf lockedBuffer
	_, _, child, held, drained := drainingParent(t, slog.New(slog.NewJSONHandler(&buf, nil)))
	if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
		t.Fatalf("child %s, want exit status 0", describeExit(ws))
	}
	held.c.Close() // the last client goes: the lame duck ends
	select {
	case err := <-drained:
		if err != nil {
			t.Errorf("Shutdown = %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Shutdown did not return within 30s of the last client leaving")
	}
	if strings.Contains(buf.String(), "serving again") || strings.Contains(buf.String(), "next generation died") {
		t.Errorf("a clean exit was taken for a death:\n%s", buf.String())
	}
}

// The readiness message is "1" and the descriptor numbers of the sockets
// the next generation did not take; anything else is no readiness.
func TestParseReady(t *testing.T) {
	for _, tc := range []struct {
		in        string
		ok        bool
		unclaimed []int
	}{
		{"1", true, nil},
		{"1 4 7", true, []int{4, 7}},
		{"1 4 x 7", true, []int{4, 7}},
		{"", false, nil},
		{"0", false, nil},
		{"14", false, nil},
	} {
		ok, unclaimed := parseReady([]byte(tc.in))
		if ok != tc.ok || !slices.Equal(unclaimed, tc.unclaimed) {
			t.Errorf("parseReady(%q) = %v, %v; want %v, %v", tc.in, ok, unclaimed, tc.ok, tc.unclaimed)
		}
	}
}
