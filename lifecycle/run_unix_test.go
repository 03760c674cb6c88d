//go:build unix

package lifecycle

import (
	"context"
	"os"
	"reflect"
	"syscall"
	"testing"
	"time"
)

func TestRunSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			rec := &recorder{}
			g, w := newWorker(rec)
			go func() {
				<-w.running // Run has called signal.Notify before Start
				syscall.Kill(os.Getpid(), sig)
			}()
			if err := g.Run(context.Background()); err != nil {
				t.Errorf("Run() = %v, want nil after %v", err, sig)
			}
			if got := rec.get(); got[len(got)-1] != "stop db" {
				t.Errorf("calls = %q, want everything stopped", got)
			}
		})
	}
}

// blockedStart reports that its Start was called, then waits for its
// context, and returns err then, context.Cause(ctx) if cause is set, or
// ctx.Err().
type blockedStart struct {
	called chan struct{}
	err    error
	cause  bool
}

func (b *blockedStart) Start(ctx context.Context) error {
	close(b.called)
	<-ctx.Done()
	switch {
	case b.err != nil:
		return b.err
	case b.cause:
		return context.Cause(ctx)
	}
	return ctx.Err()
}

// A signal during Start cancels Start at once rather than after the start
// timeout; Run stops what had started and returns nil, as for any signal,
// unless something failed for another reason.
func TestRunSignalDuringStart(t *testing.T) {
	tests := []struct {
		name    string
		err     error // what the blocked Start returns when cancelled
		cause   bool  // it returns context.Cause(ctx)
		stopErr error // the db's Stop error
		want    string
	}{
		{name: "clean", want: "<nil>"},
		{name: "start returns the cause", cause: true, want: "<nil>"},
		{name: "rollback fails", stopErr: errBoom,
			want: "lifecycle: start: signal terminated (starting *lifecycle.blockedStart)\nstop *lifecycle.testDB: boom"},
		{name: "start fails otherwise", err: errBoom, want: "start *lifecycle.blockedStart: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			b := &blockedStart{called: make(chan struct{}), err: tt.err, cause: tt.cause}
			d := &testDB{part{name: "db", rec: rec, stopErr: tt.stopErr}}
			g := New(WithStartTimeout(time.Hour), WithConcurrency(1))
			if err := g.Provide(&Object{Value: d}, &Object{Value: b}); err != nil {
				t.Fatal(err)
			}
			go func() {
				<-b.called // Run has called signal.Notify before Start
				syscall.Kill(os.Getpid(), syscall.SIGTERM)
			}()
			done := make(chan error, 1)
			go func() { done <- g.Run(context.Background()) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute): // a bound on failure, not a wait
				t.Fatal("Run() did not return after SIGTERM during Start")
			}
			if got := errShape(err); got != tt.want {
				t.Errorf("Run() = %s\nwant %s", got, tt.want)
			}
			if got, want := rec.get(), []string{"start db", "stop db"}; !reflect.DeepEqual(got, want) {
				t.Errorf("calls = %q, want %q", got, want)
			}
		})
	}
}
