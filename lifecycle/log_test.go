package lifecycle

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// textLogger returns a logger of text lines without times to buf.
func textLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
}

func TestLogFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		rec := &recorder{}
		g, s, c, _ := service(t, rec, WithLogger(textLogger(&buf)), WithConcurrency(1))
		s.startBlock = true
		c.stopErr = errBoom
		g.cfg.startTimeout = 2 * time.Second
		if err := g.Start(context.Background()); err == nil {
			t.Fatal("Start() = nil, want an error")
		}
		// Errors from errs log as groups (message, fingerprint, stack): check
		// the level, message and the parts that name the component.
		want := [][]string{
			{`level=INFO msg="graph start failed, rolling back"`, `err.msg="lifecycle: start: start timeout 2s: context deadline exceeded (starting *lifecycle.testServer)"`},
			{`level=ERROR msg="component start failed" component=*lifecycle.testServer duration=2s err="context deadline exceeded"`},
			{`level=ERROR msg="component stop failed" component=*lifecycle.testCache duration=0s err=boom`},
			{`level=ERROR msg="graph start failed" duration=2s`, `start *lifecycle.testServer after 2s: context deadline exceeded`, `stop *lifecycle.testCache: boom`},
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
// later is logged, and the component is stopped then, rather than left
// running.
func TestLogLateStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		rec := &recorder{}
		d := &testDB{part{name: "db", rec: rec, hang: make(chan struct{})}}
		g := New(WithLogger(textLogger(&buf)))
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
		for _, want := range []string{
			`level=WARN msg="abandoned component started late; stopping it" component=*lifecycle.testDB duration=2.1s`,
			`level=INFO msg="late-started component stopped" component=*lifecycle.testDB duration=0s`,
		} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("log =\n%s\nwant a line containing %s", buf.String(), want)
			}
		}
		if got, want := rec.get(), []string{"start db", "stop db"}; !slices.Equal(got, want) {
			t.Errorf("calls = %q, want %q", got, want)
		}
	})
}

// Run logs why the graph stops, and a Run method that ended before Stop,
// with the error under "err".
func TestLogRun(t *testing.T) {
	tests := []struct {
		name string
		end  func(cancel context.CancelCauseFunc, w *worker)
		want []string
	}{{
		name: "context done",
		end:  func(cancel context.CancelCauseFunc, _ *worker) { cancel(errors.New("shutting down")) },
		want: []string{`level=INFO msg="graph stopping on context done" err="shutting down"`},
	}, {
		name: "run ended",
		end:  func(_ context.CancelCauseFunc, w *worker) { w.exit <- errBoom },
		want: []string{`level=ERROR msg="component run ended early" component=*lifecycle.worker duration=`, ` err=boom`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			rec := &recorder{}
			w := &worker{part: part{name: "worker", rec: rec}, running: make(chan struct{}), exit: make(chan error)}
			g := New(WithLogger(textLogger(&buf)))
			if err := g.Provide(&Object{Value: w}, &Object{Value: &testDB{part{name: "db", rec: rec}}}); err != nil {
				t.Fatal(err)
			}
			// The timeout only bounds a broken Run; a passing one ends
			// long before it.
			bounded, stop := context.WithTimeoutCause(context.Background(), time.Minute, errors.New("test: Run did not end"))
			defer stop()
			ctx, cancel := context.WithCancelCause(bounded)
			defer cancel(nil)
			go func() {
				select {
				case <-w.running:
					tt.end(cancel, w)
				case <-ctx.Done():
				}
			}()
			err := g.Run(ctx)
			if bounded.Err() != nil {
				t.Fatalf("Run() = %v after a minute, want it to end on the test's event", err)
			}
			if err == nil {
				t.Error("Run() = nil, want why it stopped")
			}
			var line string
			for l := range strings.Lines(buf.String()) {
				if strings.Contains(l, tt.want[0]) {
					line = l
				}
			}
			for _, p := range tt.want {
				if !strings.Contains(line, p) {
					t.Errorf("log =\n%s\nwant a line containing %s", buf.String(), strings.Join(tt.want, " ... "))
					break
				}
			}
		})
	}
}
