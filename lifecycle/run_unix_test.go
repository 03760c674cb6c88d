//go:build unix

package lifecycle

import (
	"context"
	"os"
	"syscall"
	"testing"
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
