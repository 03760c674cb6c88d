package graceful

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// lockedBuffer is a bytes.Buffer safe for a handler and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestLog checks what the Upgrader logs over a failed upgrade and a Stop:
// lowercase event phrases with no package prefix, the error under "err",
// durations under "duration" and process IDs under "pid".
func TestLog(t *testing.T) {
	var buf lockedBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	u, _ := testUpgrader(t, WithLogger(logger), WithUpgradeTimeout(time.Minute))
	t.Setenv(childSocketsEnv, "tcp=127.0.0.1:0")
	t.Setenv(childEnv, "exit")
	if err := u.Upgrade(context.Background()); !errors.Is(err, ErrUpgradeFailed) {
		t.Fatalf("Upgrade = %v, want ErrUpgradeFailed", err)
	}
	u.Stop()

	want := []struct {
		level, msg string
		keys       []string
	}{
		{"INFO", "ready", []string{"pid", "parent"}},
		{"INFO", "upgrade started", []string{"pid", "sockets"}},
		{"INFO", "next generation started", []string{"pid", "next", "executable"}},
		{"WARN", "upgrade failed", []string{"err", "duration"}},
		{"INFO", "stopped", []string{"pid", "handed_off"}},
	}
	var got []map[string]any
	for line := range strings.Lines(buf.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		got = append(got, rec)
	}
	// Where nothing known reaps orphans (PID 1 of a test sandbox, say), New
	// warns first, once: TestReaperWarning checks what it says.
	if reaperWarning(os.Getpid(), readProc) != "" {
		if len(got) == 0 || got[0]["level"] != "WARN" || got[0]["msg"] != "orphans may not be reaped" {
			t.Fatalf("first record = %v, want the warning about orphans", got[:min(1, len(got))])
		}
		got = got[1:]
	}
	if len(got) != len(want) {
		t.Fatalf("log has %d records, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i, w := range want {
		rec := got[i]
		if rec["level"] != w.level || rec["msg"] != w.msg {
			t.Errorf("record %d = %v %q, want %s %q", i, rec["level"], rec["msg"], w.level, w.msg)
		}
		for _, k := range w.keys {
			if _, ok := rec[k]; !ok {
				t.Errorf("record %d (%q) lacks %q: %v", i, w.msg, k, rec)
			}
		}
		if pid, ok := rec["pid"].(float64); ok && int(pid) != os.Getpid() {
			t.Errorf("record %d (%q) pid = %v, want this process %d", i, w.msg, pid, os.Getpid())
		}
	}
	// errs errors log as a group: message, fingerprint and stack.
	failed := got[3]
	if e, _ := failed["err"].(map[string]any); e == nil || !strings.Contains(e["msg"].(string), "exited with status 3 before it was ready") {
		t.Errorf(`"upgrade failed" err = %v, want the upgrade's error`, failed["err"])
	}
	if d, _ := failed["duration"].(float64); d <= 0 {
		t.Errorf(`"upgrade failed" duration = %v, want > 0`, failed["duration"])
	}
	if next, _ := got[2]["next"].(float64); next <= 0 || int(next) == os.Getpid() {
		t.Errorf(`"next generation started" next = %v, want the next generation's pid`, got[2]["next"])
	}
}

// Upgrader.Shutdown logs how its lame duck ended: told, once the one
// client was answered and went away; ran out, with the silent client's
// connection still open.
func TestLogLameDuck(t *testing.T) {
	for _, tc := range []struct {
		name      string
		silent    bool
		wantLevel string
		wantTold  bool
	}{
		{"every client told", false, "INFO", true},
		{"ran out", true, "WARN", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf lockedBuffer
			u, err := New(WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
			if err != nil {
				t.Fatal(err)
			}
			ln, err := u.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			srv := &http.Server{Handler: okHandler("ok")}
			wait := serve(t, srv, ln)
			if tc.silent {
				c, err := net.Dial("tcp", ln.Addr().String())
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				// Accepted, so the listener counts it, before the drain.
				if !proctest.Poll(10*time.Second, func() bool { return u.openConns() == 1 }) {
					t.Fatal("the silent connection was not accepted")
				}
			}
			u.Stop()
			lameDuck := time.Minute
			if tc.silent {
				lameDuck = 200 * time.Millisecond
			}
			if err := u.Shutdown(context.Background(), srv, lameDuck); err != nil {
				t.Fatal(err)
			}
			wait()
			var over map[string]any
			for line := range strings.Lines(buf.String()) {
				var rec map[string]any
				if json.Unmarshal([]byte(line), &rec) == nil && rec["msg"] == "lame duck over" {
					over = rec
				}
			}
			if over == nil || over["level"] != tc.wantLevel || over["told"] != tc.wantTold {
				t.Fatalf(`"lame duck over" record = %v, want level %s, told %v; log:\n%s`, over, tc.wantLevel, tc.wantTold, buf.String())
			}
			if tc.silent && over["open"] != 1.0 {
				t.Errorf(`open = %v, want 1, the silent connection`, over["open"])
			}
		})
	}
}
