package lifecycle

import (
	"bytes"
	"context"
	"log/slog"
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
