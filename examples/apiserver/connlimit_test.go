//go:build linux

package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
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
