package graceful

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readReport reads the child's one-line report, or fails after 30 s.
func readReport(t *testing.T, r *bufio.Reader) childReport {
	t.Helper()
	got := make(chan childReport, 1)
	go func() {
		var rep childReport
		line, err := r.ReadBytes('\n')
		if err == nil {
			err = json.Unmarshal(line, &rep)
		}
		if err != nil {
			rep.Err = "no report: " + err.Error()
		}
		got <- rep
	}()
	timer := time.NewTimer(30 * time.Second)
	defer timer.Stop()
	select {
	case rep := <-got:
		return rep
	case <-timer.C:
		t.Fatal("no report from the child within 30s")
		return childReport{}
	}
}

// A process started by systemd with LISTEN_FDS serves the socket it was
// given, found by name or by address, when LISTEN_PID is its PID, and
// removes the variables either way.
func TestSocketActivation(t *testing.T) {
	for _, tc := range []struct {
		name      string
		listenPID string // shell expression
		fdNames   string
		listen    func(addr string) string // the child's Listen address
		wantErr   string
	}{
		{"by name", "$$", "web", func(string) string { return "web" }, ""},
		{"by address", "$$", "", func(addr string) string { return addr }, ""},
		{"named, found by address", "$$", "admin", func(addr string) string { return addr }, ""},
		{"for another process", "1", "web", func(addr string) string { return addr }, "address already in use"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pre, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := pre.Addr().String()
			f, err := pre.(*net.TCPListener).File()
			pre.Close()
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			// As systemd does: the socket is descriptor 3, and LISTEN_PID
			// is set once the PID is known, here by the shell that execs.
			cmd := exec.Command("/bin/sh", "-c", `LISTEN_PID=`+tc.listenPID+`; export LISTEN_PID; exec "$0"`, os.Args[0])
			cmd.ExtraFiles = []*os.File{f}
			cmd.Env = append(os.Environ(),
				childEnv+"=serve",
				childSocketsEnv+"=tcp="+tc.listen(addr),
				childReportEnv+"=1",
				envListenFDs+"=1",
			)
			if tc.fdNames != "" {
				cmd.Env = append(cmd.Env, envListenNames+"="+tc.fdNames)
			}
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			rep := readReport(t, bufio.NewReader(out))
			if len(rep.Env) != 0 {
				t.Errorf("variables left in the environment: %v", rep.Env)
			}
			if tc.wantErr != "" {
				if !strings.Contains(rep.Err, tc.wantErr) {
					t.Errorf("child's error = %q, want one saying %q", rep.Err, tc.wantErr)
				}
				if err := cmd.Wait(); err == nil {
					t.Error("child exited 0 after failing to listen")
				}
				return
			}
			if rep.Err != "" {
				t.Fatalf("child failed: %s", rep.Err)
			}
			if rep.PID != cmd.Process.Pid {
				t.Errorf("child reports PID %d, started %d", rep.PID, cmd.Process.Pid)
			}
			if got := mustPIDAt(t, "tcp", addr); got != rep.PID {
				t.Errorf("socket answered by %d, want the activated child %d", got, rep.PID)
			}
			cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Errorf("child after SIGTERM: %v, want exit status 0", err)
			}
		})
	}
}

// notifySocket is a test's stand-in for systemd's notification socket.
type notifySocket struct {
	c *net.UnixConn
}

func newNotifySocket(t *testing.T, addr string) *notifySocket {
	t.Helper()
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	// Like systemd, learn who sent each message from the kernel.
	rc, err := c.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var serr error
	rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_PASSCRED, 1)
	})
	if serr != nil {
		t.Fatal(serr)
	}
	return &notifySocket{c: c}
}

// next returns the next message's assignments and its sender's PID.
func (s *notifySocket) next(t *testing.T) (map[string]string, int) {
	t.Helper()
	s.c.SetReadDeadline(time.Now().Add(30 * time.Second))
	buf, oob := make([]byte, 4096), make([]byte, 256)
	n, oobn, _, _, err := s.c.ReadMsgUnix(buf, oob)
	if err != nil {
		t.Fatalf("no notification: %v", err)
	}
	sender := 0
	if msgs, err := syscall.ParseSocketControlMessage(oob[:oobn]); err == nil {
		for _, m := range msgs {
			if cred, err := syscall.ParseUnixCredentials(&m); err == nil {
				sender = int(cred.Pid)
			}
		}
	}
	fields := map[string]string{}
	for line := range strings.SplitSeq(string(buf[:n]), "\n") {
		k, v, _ := strings.Cut(line, "=")
		fields[k] = v
	}
	return fields, sender
}

// expect reads the next message and checks that sender sent it and that it
// holds want (an empty value matches any).
func (s *notifySocket) expect(t *testing.T, sender int, want map[string]string) map[string]string {
	t.Helper()
	got, from := s.next(t)
	if from != sender {
		t.Errorf("notification %v sent by %d, want %d", got, from, sender)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || v != "" && g != v {
			t.Errorf("notification %v: %s=%q, want %q", got, k, g, v)
		}
	}
	return got
}

// With NOTIFY_SOCKET set (a path or an abstract name) systemd hears
// READY=1 from the first generation; RELOADING=1 when an upgrade begins;
// READY=1 again when it fails; MAINPID= the new process and READY=1 when
// it succeeds; and STOPPING=1 from the generation that stops for good, and
// from no other.
func TestNotify(t *testing.T) {
	for _, tc := range []struct{ name, addr string }{
		{"path", filepath.Join(t.TempDir(), "notify")},
		{"abstract", "@lifekit-graceful-test-" + strconv.Itoa(os.Getpid())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sd := newNotifySocket(t, tc.addr)
			t.Setenv("NOTIFY_SOCKET", tc.addr)
			self := os.Getpid()
			u, ln := testUpgrader(t, WithUpgradeTimeout(30*time.Second))
			sd.expect(t, self, map[string]string{"READY": "1"})

			t.Setenv(childEnv, "exit")
			if err := u.Upgrade(context.Background()); !errors.Is(err, ErrUpgradeFailed) {
				t.Fatalf("Upgrade = %v, want ErrUpgradeFailed", err)
			}
			got := sd.expect(t, self, map[string]string{"RELOADING": "1", "MONOTONIC_USEC": ""})
			if _, err := strconv.ParseUint(got["MONOTONIC_USEC"], 10, 64); err != nil {
				t.Errorf("MONOTONIC_USEC=%q: %v", got["MONOTONIC_USEC"], err)
			}
			sd.expect(t, self, map[string]string{"READY": "1", "STATUS": ""})

			t.Setenv(childEnv, "serve")
			t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
			if err := u.Upgrade(context.Background()); err != nil {
				t.Fatalf("Upgrade = %v, want nil", err)
			}
			child := nextPIDAt(t, "tcp", ln.Addr().String(), self)
			sd.expect(t, self, map[string]string{"RELOADING": "1"})
			sd.expect(t, self, map[string]string{"MAINPID": strconv.Itoa(child), "READY": "1"})

			u.Stop() // handed over: says nothing
			if ws := terminate(t, child); !ws.Exited() || ws.ExitStatus() != 0 {
				t.Errorf("child %s, want exit status 0", describeExit(ws))
			}
			sd.expect(t, child, map[string]string{"STOPPING": "1"})
		})
	}
}

// Socket activation by systemd's own tool: systemd-socket-activate binds
// two named sockets, and on the first connection runs the program with
// LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES. The program finds each by
// its name and serves both; it is the process the tool started (the tool
// execs it), and the variables are gone from its environment.
func TestSystemdSocketActivate(t *testing.T) {
	tool, err := exec.LookPath("systemd-socket-activate")
	if err != nil {
		t.Skip("systemd-socket-activate not found (Debian package systemd)")
	}
	// Two free ports, as the tool needs numbers: bound and closed here,
	// then bound again by the tool (a port taken in between fails the
	// tool, and the test, loudly).
	var addrs []string
	for range 2 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addrs = append(addrs, ln.Addr().String())
		ln.Close()
	}
	cmd := exec.Command(tool, "-l", addrs[0], "-l", addrs[1], "--fdname=web:admin",
		"-E", childEnv+"=serve",
		"-E", childSocketsEnv+"=tcp=admin;tcp=web",
		"-E", childReportEnv+"=1",
		os.Args[0])
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	listening, readDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(readDone)
		// The tool says "Listening on ADDR as FD." for each socket.
		sc, n := bufio.NewScanner(errPipe), 0
		for sc.Scan() {
			fmt.Fprintln(&stderr, sc.Text())
			if strings.HasPrefix(sc.Text(), "Listening on ") {
				if n++; n == len(addrs) {
					close(listening)
				}
			}
		}
	}()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM) // the process this test started, by its PID
		<-readDone                          // its standard error ends as it exits
		if err := cmd.Wait(); err != nil {
			t.Errorf("after SIGTERM: %v, want exit status 0; stderr: %s", err, stderr.String())
		}
	}()
	select {
	case <-listening:
	case <-time.After(20 * time.Second):
		t.Fatalf("systemd-socket-activate did not listen within 20s: %s", stderr.String())
	}

	// The tool waits for a connection before it runs the program; the
	// connection is then the program's to serve.
	first, err := net.DialTimeout("tcp", addrs[0], 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	rep := readReport(t, bufio.NewReader(out))
	if rep.Err != "" {
		t.Fatalf("activated program failed: %s (stderr: %s)", rep.Err, stderr.String())
	}
	if rep.PID != cmd.Process.Pid {
		t.Errorf("program reports PID %d, want %d, the tool's (it execs)", rep.PID, cmd.Process.Pid)
	}
	if len(rep.Env) != 0 {
		t.Errorf("variables left in the environment: %v", rep.Env)
	}
	for _, addr := range addrs {
		if got := mustPIDAt(t, "tcp", addr); got != rep.PID {
			t.Errorf("%s answered by %d, want the activated program %d", addr, got, rep.PID)
		}
	}
}

// The unit file in the README is one systemd accepts: systemd-analyze
// verify reads it, with ExecStart pointed at a program that exists.
func TestREADMEUnitFile(t *testing.T) {
	tool, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not found (Debian package systemd)")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```ini\n")
	unit, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 || !strings.Contains(unit, "[Service]") {
		t.Fatal("README.md has no ```ini block with a unit")
	}
	for _, want := range []string{"Type=notify", "ExecReload=/bin/kill -USR2 $MAINPID", "KillMode=mixed"} {
		if !strings.Contains(unit, want+"\n") {
			t.Errorf("README's unit lacks %s", want)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit = strings.Replace(unit, "ExecStart=/usr/local/bin/app ", "ExecStart="+self+" ", 1)
	path := filepath.Join(t.TempDir(), "app.service")
	if err := os.WriteFile(path, []byte(unit), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "verify", "--man=no", path).CombinedOutput()
	if err != nil || strings.Contains(string(out), "app.service") {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
