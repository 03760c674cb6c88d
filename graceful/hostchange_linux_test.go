package graceful

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/lifekit/lifekit/internal/proctest"
)

// netnsEnv marks a test binary that runs inside the network namespace
// inNetNamespace made for it.
const netnsEnv = "GRACEFUL_TEST_NETNS"

// inNetNamespace reports whether the test runs in a network namespace of
// its own, with only a loopback interface, where binding 0.0.0.0 exposes
// nothing. If not, it runs the test again in one (unshare --net, as an
// unprivileged user mapped to root), reports its outcome, and returns
// false: the caller returns at once. It skips the test where unshare is
// missing or not allowed.
func inNetNamespace(t *testing.T) bool {
	t.Helper()
	if os.Getenv(netnsEnv) == "1" {
		loopbackUp(t)
		return true
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) not found: cannot make a network namespace")
	}
	cmd := exec.Command(unshare, "--user", "--map-root-user", "--net", os.Args[0],
		"-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), netnsEnv+"=1")
	out, err := cmd.CombinedOutput()
	// Skip only if the test never ran in there: a failure inside the
	// namespace, whatever it says, is a failure.
	if err != nil && !strings.Contains(string(out), "=== RUN") &&
		(strings.Contains(string(out), "unshare failed") || strings.Contains(string(out), "Operation not permitted")) {
		t.Skipf("no network namespace here (%v): %s", err, out)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("in a network namespace: %v\n%s", err, out)
	}
	t.Logf("in a network namespace:\n%s", out)
	return false
}

// loopbackUp brings up the loopback interface of a new network namespace,
// which starts down.
func loopbackUp(t *testing.T) {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	var ifr struct { // struct ifreq, with ifr_flags
		name  [syscall.IFNAMSIZ]byte
		flags uint16
		_     [22]byte
	}
	copy(ifr.name[:], "lo")
	for _, req := range []uintptr{syscall.SIOCGIFFLAGS, syscall.SIOCSIFFLAGS} {
		if req == syscall.SIOCSIFFLAGS {
			ifr.flags |= syscall.IFF_UP
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), req, uintptr(unsafe.Pointer(&ifr))); errno != 0 {
			t.Fatalf("bring up lo: %v", errno)
		}
	}
}

// A next generation that listens on the same port under another host,
// "0.0.0.0:PORT" where the previous one listened on "127.0.0.1:PORT",
// binds its socket beside the inherited one instead of failing with
// EADDRINUSE. At the handover the previous generation takes what waits in
// its socket and closes it, and new connections reach the next
// generation's socket. Under load from clients that never retry, no
// request fails and no connection is refused, and afterwards the port has
// one listening socket, on the unspecified address, beside which a plain
// socket cannot bind.
func TestUpgradeChangesHost(t *testing.T) {
	if !inNetNamespace(t) {
		return
	}
	endChildren(t)
	u, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer u.Stop()
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	pid := strconv.Itoa(os.Getpid())
	srv := &http.Server{Handler: Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", pid)
	}))}
	waitServe := serve(t, srv, ln)
	if err := u.Ready(); err != nil {
		t.Fatal(err)
	}

	ld := proctest.StartLoad(t, addr, 20)
	ld.WaitServed(t, os.Getpid(), 30*time.Second)
	t.Setenv(childSocketsEnv, "tcp=0.0.0.0:"+port)
	t.Setenv(childEnv, "serve")
	if err := u.Upgrade(context.Background()); err != nil {
		t.Fatalf("Upgrade to a generation on 0.0.0.0:%s: %v", port, err)
	}
	u.mu.Lock()
	child := u.next
	u.mu.Unlock()
	u.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := u.Shutdown(ctx, srv, 30*time.Second); err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	waitServe()
	ld.WaitServed(t, child, 30*time.Second)
	res := ld.Finish(t)
	if res.ByPID[child] == 0 || res.ByPID[os.Getpid()] == 0 {
		t.Errorf("requests by PID %v; want both generations to have served", res.ByPID)
	}

	if ls := listeners(t, port); len(ls) != 1 || strings.Trim(ls[0], "0") != "" {
		t.Errorf("listening sockets on port %s bound to %q (hex, from /proc/net/tcp and tcp6); want one, on the unspecified address", port, ls)
	}
	if other, err := net.Listen("tcp", "0.0.0.0:"+port); err == nil {
		other.Close()
		t.Error("a plain socket could bind beside the next generation's, which kept SO_REUSEPORT")
	}
	if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
		t.Errorf("child %s, want exit status 0", describeExit(ws))
	}
}

// listeners returns the local addresses, in the hex of /proc/net/tcp and
// tcp6, of the listening TCP sockets on port.
func listeners(t *testing.T, port string) []string {
	t.Helper()
	p, _ := strconv.Atoi(port)
	suffix := fmt.Sprintf(":%04X", p)
	var addrs []string
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			// sl local_address rem_address st ...
			if f := strings.Fields(line); len(f) > 3 && f[3] == "0A" && strings.HasSuffix(f[1], suffix) {
				addrs = append(addrs, strings.TrimSuffix(f[1], suffix))
			}
		}
	}
	return addrs
}
