package lifecycle

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestLogFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		h := slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})
		rec := &recorder{}
		g, s, c, _ := service(t, rec, WithLogger(slog.New(h)), WithConcurrency(1))
		s.startBlock = true
		c.stopErr = errBoom
		g.cfg.startTimeout = 2 * time.Second
		if err := g.Start(context.Background()); err == nil {
			t.Fatal("Start() = nil, want an error")
		}
		// Errors from errs log as groups (message, fingerprint, stack): check
		// the level, message and the parts that name the component.
		want := [][]string{
			{`level=INFO msg="lifecycle start failed, rolling back"`, `reason.msg="lifecycle: start: start timeout 2s: context deadline exceeded (starting *lifecycle.testServer)"`},
			{`level=ERROR msg="component failed to start" component=*lifecycle.testServer duration=2s error="context deadline exceeded"`},
			{`level=ERROR msg="component failed to stop" component=*lifecycle.testCache duration=0s error=boom`},
			{`level=ERROR msg="lifecycle start failed" duration=2s`, `start *lifecycle.testServer after 2s: context deadline exceeded`, `stop *lifecycle.testCache: boom`},
		}
		got := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(got) != len(want) {
			t.Fatalf("log has %d lines, want %d:\n%s", len(got), len(want), buf.String())
		}
		for i, parts := range want {
			for _, p := range parts {
				if !strings.Contains(got[i], p) {
					t.Errorf("log line %d = %s\nwant it to contain %s", i+1, got[i], p)
				}
			}
		}
	})
}

// A Start abandoned by its component's own StartTimeout that returns nil
// later is logged: the component then runs, and nothing will stop it.
func TestLogLateStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		h := slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})
		rec := &recorder{}
		d := &testDB{part{name: "db", rec: rec, hang: make(chan struct{})}}
		g := New(WithLogger(slog.New(h)))
		if err := g.Provide(&Object{Value: d, StartTimeout: time.Second}); err != nil {
			t.Fatal(err)
		}
		err := g.Start(context.Background())
		if want := "start *lifecycle.testDB after 1.1s: did not return: start timeout 1s: context deadline exceeded"; errText(err) != want {
			t.Fatalf("Start() = %s\nwant %s", errText(err), want)
		}
		if strings.Contains(buf.String(), "started late") {
			t.Fatalf("log reports a late start before Start returned:\n%s", buf.String())
		}
		time.Sleep(time.Second) // synctest's clock: the Start returns 2.1s after it began
		close(d.hang)
		synctest.Wait()
		want := `level=WARN msg="abandoned component started late and will not be stopped" component=*lifecycle.testDB duration=2.1s`
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log =\n%s\nwant a line containing %s", buf.String(), want)
		}
		if got, want := rec.get(), []string{"start db"}; !slices.Equal(got, want) {
			t.Errorf("calls = %q, want %q", got, want)
		}
	})
}
