//go:build linux

package main

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNextGenerationDiesWhileDraining kills the next generation (SIGKILL)
// right after it serves, while this one drains: a keep-alive client that
// sits idle holds the lame duck open, so the death comes during the drain.
// The server's graph is already stopping and cannot serve again, so it
// stops for good: it logs the death and exits with status 1, saying why,
// for its supervisor to restart it (systemd: Restart=on-failure). Its drain
// still fails no request: the idle client's next request is answered,
// with "Connection: close".
func TestNextGenerationDiesWhileDraining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server: skipped in -short mode")
	}
	dir := t.TempDir()
	procs, logs, logsDone := startGenerations(t, "-data", filepath.Join(dir, "data"), "-lame-duck", "30s")
	cmd := procs.first

	first := logs.next(t, "serving", 0)
	procs.add(first.PID)
	c, err := net.DialTimeout("tcp", first.Addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	get := func() *http.Response {
		t.Helper()
		c.SetDeadline(time.Now().Add(30 * time.Second))
		if _, err := c.Write([]byte("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := get(); resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("first request: %s, close %v; want 200 on a kept-alive connection", resp.Status, resp.Close)
	}

	if err := syscall.Kill(first.PID, syscall.SIGUSR2); err != nil {
		t.Fatal(err)
	}
	next := logs.next(t, "serving", first.PID)
	logs.await(t, first.PID, handedOverMsg) // the next one is ready: this one drains
	// The next generation is our descendant.
	if err := syscall.Kill(next.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	logs.await(t, first.PID, "next generation died")

	resp := get()
	if resp.StatusCode != http.StatusOK || !resp.Close {
		t.Errorf("request on the idle connection after the death: %s, close %v; want 200 and Connection: close", resp.Status, resp.Close)
	}
	c.Close()
	logs.await(t, first.PID, "exit")
	if err := cmd.Wait(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Errorf("first generation: %v; want exit status 1", err)
	}
	procs.mu.Lock()
	procs.living = nil // the first reaped the second; both are gone
	procs.mu.Unlock()
	<-logsDone
	logs.mu.Lock()
	out := strings.Join(logs.lines, "\n")
	logs.mu.Unlock()
	if !strings.Contains(out, "next generation died; stopping") {
		t.Errorf("the exit does not say that the next generation died")
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "apiserver.pid")); !os.IsNotExist(err) {
		t.Errorf("PID file still there after the server stopped for good: %v", err)
	}
}

// handedOverMsg is what a generation logs once the next one is ready.
const handedOverMsg = "handed over to the next generation"

// await waits for the log line with msg from pid, whatever its level.
func (w *logWatch) await(t *testing.T, pid int, msg string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev, ok := <-w.events:
			if !ok {
				t.Fatalf("the server's output ended waiting for %q from %d", msg, pid)
			}
			if ev.Msg == msg && ev.PID == pid {
				return
			}
		case <-deadline:
			t.Fatalf("no %q from %d in 30s", msg, pid)
		}
	}
}
