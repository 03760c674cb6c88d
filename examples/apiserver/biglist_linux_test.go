//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// With 32 objects of about 1 MB, 8 clients with a 4 KB receive buffer
// that ask for GET ?limit=1000 grow the server's peak RSS by less than
// 64 MB: a list stops reading at -max-list-bytes (4 MiB) and answers a
// short 400, instead of building a 32 MB response per client (about 2 GB
// for 8, before the bound). A list within the bound is still served.
func TestBigListsBoundMemory(t *testing.T) {
	srv := runServer(t, "", "-admin-addr", "")
	addr := srv.addr
	base := "http://" + addr
	client := &http.Client{Transport: withAppID{&http.Transport{}}, Timeout: 60 * time.Second}
	defer client.CloseIdleConnections()
	do := func(method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	big := `{"blob": "` + strings.Repeat("x", 1_000_000) + `"}`
	for i := range 32 {
		if status, b := do(http.MethodPost, "/v1/classes/Big", big); status != http.StatusCreated {
			t.Fatalf("create %d: %d %.200s", i, status, b)
		}
	}
	if status, b := do(http.MethodGet, "/v1/classes/Big?limit=3", ""); status != http.StatusOK || len(b) < 3_000_000 {
		t.Fatalf("a list within the bound: %d, %d bytes; want 200 with 3 objects", status, len(b))
	}
	before := proctest.VmHWM(srv.cmd.Process.Pid)

	var conns []net.Conn
	for range 8 {
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.(*net.TCPConn).SetReadBuffer(4096)
		fmt.Fprintf(c, "GET /v1/classes/Big?limit=1000 HTTP/1.1\r\nHost: test\r\nX-Parse-Application-Id: "+testAppID+"\r\n\r\n")
		conns = append(conns, c)
	}
	// Reading the answers only now changes nothing to the peak: each was
	// built (or refused) while nobody read.
	for i, c := range conns {
		c.SetReadDeadline(time.Now().Add(60 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "limit") {
			t.Errorf("client %d: %d %.200s; want a 400 asking for a lower limit", i, resp.StatusCode, b)
		}
	}
	after := proctest.VmHWM(srv.cmd.Process.Pid)
	t.Logf("peak RSS %d KiB before the 8 lists, %d KiB after (+%d KiB)", before, after, after-before)
	if after-before >= 64<<10 {
		t.Errorf("peak RSS grew by %d KiB, want under 64 MiB", after-before)
	}
}
