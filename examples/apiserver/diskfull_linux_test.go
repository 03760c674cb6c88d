package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The SQLite store on a disk that fills up. With less room than a write
// may need, /readyz already says the store is not ready (the operators'
// says why), though writes still succeed. Full, a write is a 201 or a 503
// (never a 500) and a 503 stores nothing; reads go on. Once room is made,
// /readyz is ok and writes succeed, with no restart. (TestStoreReadOnly
// turns the store read-only.)
//
// The disk is a 16 MiB tmpfs, mounted over the data directory in a user
// and mount namespace of the server's own (unshare -rm); the test fills it
// through /proc/PID/root. It skips where the machine allows no user
// namespace.
func TestStoreDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server: skipped in -short mode")
	}
	if out, err := exec.Command("unshare", "-rm", "true").CombinedOutput(); err != nil {
		t.Skipf("no user and mount namespace here (unshare -rm: %v %s): cannot mount a small disk for the server", err, out)
	}
	data := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(data, `'"$\`) {
		t.Skipf("temporary directory %q cannot be quoted simply for the shell", data)
	}
	srv := runServer(t,
		`exec unshare -rm /bin/sh -c 'mount -t tmpfs -o size=16m tmpfs "$0" && exec "$@"' '`+data+`' "$0" "$@"`,
		"-data", data, "-max-body", "65536")
	pid := srv.cmd.Process.Pid
	disk := fmt.Sprintf("/proc/%d/root%s", pid, data) // the tmpfs, as the server sees it

	client := &http.Client{Transport: withAppID{&http.Transport{}}}
	defer client.CloseIdleConnections()
	do := func(method, path, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, "http://"+srv.addr+path, strings.NewReader(body))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	create := func() (int, string) {
		return do(http.MethodPost, "/v1/classes/Big", `{"blob":"`+strings.Repeat("x", 60_000)+`"}`)
	}
	count := func() int {
		t.Helper()
		code, body := do(http.MethodGet, "/v1/classes/Big?limit=1000", "")
		if code != http.StatusOK {
			t.Fatalf("list: %d %.200s", code, body)
		}
		return strings.Count(body, `"objectId"`)
	}
	ready := func(want int, why string) {
		t.Helper()
		code, body := do(http.MethodGet, "/readyz", "")
		if code != want || (want != http.StatusOK && !strings.Contains(body, "sqlStore")) {
			t.Fatalf("%s: /readyz = %d %q, want %d (naming the store when not ready)", why, code, body, want)
		}
	}

	if code, body := create(); code != http.StatusCreated {
		t.Fatalf("create on an empty disk: %d %.200s", code, body)
	}
	ready(http.StatusOK, "an empty disk")

	// Fill the disk, leaving less room than a write may need.
	filler, err := os.OpenFile(filepath.Join(disk, "filler"), os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatalf("the server's disk through /proc: %v", err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := filler.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// First with some room left, less than a write may need: not ready
	// already, though writes still succeed.
	fi, err := filler.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := filler.Truncate(fi.Size() - 512<<10); err != nil {
		t.Fatal(err)
	}
	ready(http.StatusServiceUnavailable, "a nearly full disk")
	req, _ := http.NewRequest(http.MethodGet, "http://"+srv.addr+"/debug/readyz", nil)
	req.Header.Set("X-Parse-Master-Key", testMasterKey)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	why, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(why), "bytes free on the disk") {
		t.Errorf("the operators' /readyz on a nearly full disk: %q, want the free space", why)
	}
	if code, body := create(); code != http.StatusCreated {
		t.Fatalf("create on a nearly full disk: %d %.200s", code, body)
	}
	// Then full.
	if _, err := filler.Seek(0, io.SeekEnd); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := filler.Write(chunk[:4096]); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	filler.Close()
	ready(http.StatusServiceUnavailable, "a full disk")
	objects := count()
	refused := 0
	for range 10 {
		code, body := create()
		if code == http.StatusCreated {
			continue // into room the WAL already had
		}
		refused++
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "try again later") {
			t.Fatalf("create on a full disk: %d %.200s, want 201 or a 503", code, body)
		}
		objects-- // not stored: counted below
	}
	if got, want := count(), objects+10; got != want {
		t.Errorf("after 10 creates on a full disk the list has %d objects, want %d: one per 201", got, want)
	}
	t.Logf("on the full disk, %d of 10 creates were refused with a 503", refused)

	// Room again: ready, and writes go through, with no restart.
	if err := os.Remove(filepath.Join(disk, "filler")); err != nil {
		t.Fatal(err)
	}
	ready(http.StatusOK, "room made again")
	if code, body := create(); code != http.StatusCreated {
		t.Fatalf("create once room is made: %d %.200s", code, body)
	}

	out := srv.stop()
	if strings.Contains(out, `"level":"ERROR","msg":"exit"`) {
		t.Errorf("the server did not exit cleanly:\n%s", out)
	}
}
