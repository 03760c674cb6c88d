//go:build linux

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Under an open-file limit of 128 (set with the shell's ulimit for the
// server alone), the server keeps 64 client connections at most: idle
// keep-alive connections make room for new clients, oldest first; when
// every slot holds a connection that is not idle, a new one gets a JSON
// 503; and once they are gone, clients are served again. Never an accept
// that fails for want of descriptors.
func TestConnectionLimit(t *testing.T) {
	srv := runServer(t, `ulimit -n 128 && exec "$0" "$@"`, "-admin-addr", "127.0.0.1:0")
	addr := srv.addr
	const limit = 128 - 64

	get := func(c net.Conn, br *bufio.Reader) (*http.Response, error) {
		c.SetDeadline(time.Now().Add(20 * time.Second))
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
			return nil, err
		}
		resp, err := http.ReadResponse(br, nil)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		return resp, err
	}
	dial := func() (net.Conn, *bufio.Reader) {
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c, bufio.NewReader(c)
	}

	// More idle keep-alive clients than the limit, one after the other:
	// each is served, the oldest idle ones making room.
	type client struct {
		c  net.Conn
		br *bufio.Reader
	}
	var idle []client
	for i := range limit + 16 {
		c, br := dial()
		if resp, err := get(c, br); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("idle client %d: %v, %v; want 200", i, resp, err)
		}
		idle = append(idle, client{c, br})
	}
	closed := 0
	for _, cl := range idle {
		cl.c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		if _, err := cl.br.ReadByte(); errors.Is(err, io.EOF) {
			closed++
		}
	}
	if closed < 16 {
		t.Errorf("%d idle connections closed to make room, want at least 16", closed)
	}

	// Connections that never send a request are not idle: once they fill
	// every slot, a new client gets a 503.
	var silent []net.Conn
	for range limit {
		c, _ := dial()
		silent = append(silent, c)
	}
	c, br := dial()
	resp, err := get(c, br)
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a client over the limit: %v, %v; want a 503", resp, err)
	}
	if resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("503 content type %q, want JSON", resp.Header.Get("Content-Type"))
	}

	// Once they are gone, clients are served again. The server frees a
	// slot when it has read the close, a moment later: ask a bounded
	// number of times.
	for _, c := range silent {
		c.Close()
	}
	for i := 0; ; i++ {
		c, br := dial()
		resp, err := get(c, br)
		c.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			break
		}
		if i == 1000 {
			t.Fatalf("no client served after the silent ones left: %v, %v", resp, err)
		}
	}
	if log := srv.stop(); strings.Contains(log, "too many open files") {
		t.Errorf("the server ran out of descriptors:\n%s", log)
	}
}

// The limit holds across an upgrade made at the limit: with every slot of
// the first generation held by a connection that sends nothing (so that
// new clients get a 503), SIGUSR2 still starts the next generation, which
// has the descriptors it needs because the limit leaves 64 free; the next
// generation, under the same open-file limit (inherited), enforces the same
// connection limit; the first exits once its connections are gone.
func TestConnectionLimitAcrossUpgrade(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server: skipped in -short mode")
	}
	const files, limit = 128, 128 - 64
	procs, logs, _ := startGenerations(t, "-data", filepath.Join(t.TempDir(), "data"), "-max-conns", strconv.Itoa(limit), "-lame-duck", "300ms")
	first := logs.next(t, "serving", 0)
	procs.add(first.PID)
	if out, err := exec.Command("prlimit", "--pid", strconv.Itoa(first.PID), fmt.Sprintf("--nofile=%d:%d", files, files)).CombinedOutput(); err != nil {
		t.Skipf("prlimit: %v %s: cannot lower the server's open-file limit", err, out)
	}

	dial := func() net.Conn {
		c, err := net.DialTimeout("tcp", first.Addr, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// fill holds every slot of the generation that accepts, with
	// connections that never send a request, and checks that one more
	// client gets the 503.
	fill := func(gen string) []net.Conn {
		t.Helper()
		var silent []net.Conn
		for range limit {
			silent = append(silent, dial())
		}
		c := dial()
		c.SetDeadline(time.Now().Add(20 * time.Second))
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("%s: a client over the limit: %v, %v; want a 503", gen, resp, err)
		}
		c.Close()
		return silent
	}
	firstConns := fill("first generation")

	if err := syscall.Kill(first.PID, syscall.SIGUSR2); err != nil {
		t.Fatal(err)
	}
	next := logs.next(t, "serving", first.PID)
	procs.add(next.PID)
	// graceful's "stopped": the first generation has closed its listening
	// socket, so that every new connection reaches the next one.
	logs.await(t, first.PID, "stopped")
	limits, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", next.PID))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Max open files\s+` + strconv.Itoa(files) + `\s+` + strconv.Itoa(files)).Match(limits) {
		t.Fatalf("the next generation's open-file limit is not %d:\n%s", files, limits)
	}
	nextConns := fill("next generation")

	for _, c := range append(firstConns, nextConns...) {
		c.Close()
	}
	logs.exitOf(t, first.PID)
	procs.wait(first.PID)
	if err := syscall.Kill(next.PID, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	logs.exitOf(t, next.PID)
	procs.wait(next.PID)
	logs.mu.Lock()
	defer logs.mu.Unlock()
	for _, line := range logs.lines {
		if strings.Contains(line, "too many open files") {
			t.Errorf("a generation ran out of descriptors: %s", line)
		}
	}
}
