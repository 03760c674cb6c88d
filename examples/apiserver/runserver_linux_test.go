//go:build linux

package main

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// A runningServer is the built server, run as a process of the test.
type runningServer struct {
	cmd     *exec.Cmd
	addr    string        // the API's address
	logDone chan struct{} // closed once the process's output has ended

	mu  sync.Mutex
	log strings.Builder
}

// runServer builds the server and runs it on 127.0.0.1:0 with JSON logs,
// a fresh data directory and args, through `/bin/sh -c shell` if shell is
// not "" (shell then ends with `exec "$0" "$@"`), and returns once it
// serves. The process is killed at the end of the test if it still runs.
func runServer(t *testing.T, shell string, args ...string) *runningServer {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the server: skipped in -short mode")
	}
	var flags []string
	if raceEnabled {
		flags = append(flags, "-race")
	}
	bin := proctest.Build(t, ".", flags...)
	argv := append([]string{bin, "-addr", "127.0.0.1:0", "-admin-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "data"), "-log-format", "json",
		"-app-id", testAppID, "-master-key", testMasterKey}, args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	if shell != "" {
		cmd = exec.Command("/bin/sh", append([]string{"-c", shell}, argv...)...)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := &runningServer{cmd: cmd, logDone: make(chan struct{})}
	t.Cleanup(func() {
		cmd.Process.Kill() // ours, by PID; a no-op once it has exited
		cmd.Wait()
	})
	addrc := make(chan string, 1)
	go func() {
		defer close(r.logDone)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			r.mu.Lock()
			r.log.WriteString(sc.Text() + "\n")
			r.mu.Unlock()
			var ev logEvent
			if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Msg == "serving" {
				select {
				case addrc <- ev.Addr:
				default:
				}
			}
		}
	}()
	select {
	case r.addr = <-addrc:
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start within 30s")
	}
	return r
}

// stop interrupts the server, waits for it and the end of its output, and
// returns the output.
func (r *runningServer) stop() string {
	r.cmd.Process.Signal(os.Interrupt)
	r.cmd.Wait()
	<-r.logDone
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.String()
}

// The README's first command: given no keys, the server makes them on its
// first start, in DATA/keys.json, readable by its user alone, and says
// where, with the application id but not the master key; the next start
// uses them and says nothing.
func TestFirstRunMakesKeys(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	noKeys := []string{"-data", data, "-app-id", "", "-master-key", ""} // after runServer's own: they win
	srv := runServer(t, "", noKeys...)
	k, err := readKeys(filepath.Join(data, "keys.json"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(data, "keys.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("keys.json: %v, %v; want mode 0600", fi, err)
	}
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	post := func(addr string, header ...string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/classes/Thing", strings.NewReader(`{"a":1}`))
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(srv.addr, "X-Parse-Application-Id", k.AppID); got != http.StatusCreated {
		t.Errorf("POST with the generated id = %d, want 201", got)
	}
	if got := post(srv.addr, "X-Parse-Application-Id", testAppID); got != http.StatusForbidden {
		t.Errorf("POST with another id = %d, want 403", got)
	}
	out := srv.stop()
	said := "made new keys in " + filepath.Join(data, "keys.json")
	if strings.Count(out, said) != 1 || !strings.Contains(out, "application id "+k.AppID) || strings.Contains(out, k.MasterKey) {
		t.Errorf("first start's output: want %q once, with the id and without the master key:\n%s", said, out)
	}

	again := runServer(t, "", noKeys...)
	if got := post(again.addr, "X-Parse-Application-Id", k.AppID); got != http.StatusCreated {
		t.Errorf("second start: POST with the id made on the first = %d, want 201", got)
	}
	if out := again.stop(); strings.Contains(out, "made new keys") || strings.Contains(out, k.MasterKey) {
		t.Errorf("second start's output tells of keys:\n%s", out)
	}
}
