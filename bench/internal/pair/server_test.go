//go:build unix

package pair

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartStop runs a stand-in for a server, a shell that prints the
// serving line after some other output and then waits, and stops it.
func TestStartStop(t *testing.T) {
	dir := t.TempDir()
	s := &Server{Name: "stand-in", Prefix: "/v1", Log: filepath.Join(dir, "output.log")}
	cmd := exec.Command("sh", "-c", `echo starting; echo '{"msg":"serving","addr":"127.0.0.1:4321","version":"9.9.9"}'; exec sleep 60`)
	if err := s.start(context.Background(), cmd, 10*time.Second); err != nil {
		t.Fatalf("start: %v", err)
	}
	if s.Addr != "127.0.0.1:4321" || s.Version != "9.9.9" || s.Base != "http://127.0.0.1:4321/v1" {
		t.Errorf("after start: Addr %q, Version %q, Base %q; want the serving line's", s.Addr, s.Version, s.Base)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("Stop() = %v, want nil (sleep exits on SIGTERM)", err)
	}
	select {
	case <-s.Exited():
	default:
		t.Error("Exited() not closed after Stop")
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop() = %v, want nil", err)
	}
	if got := Tail(s.Log); !strings.HasPrefix(got, "starting\n") {
		t.Errorf("log = %q, want the process's output", got)
	}
}

func TestStartExits(t *testing.T) {
	dir := t.TempDir()
	s := &Server{Name: "stand-in", Log: filepath.Join(dir, "output.log")}
	err := s.start(context.Background(), exec.Command("sh", "-c", "echo cannot start; exit 3"), 10*time.Second)
	if err == nil || !strings.Contains(err.Error(), "exited before serving") || !strings.Contains(err.Error(), "cannot start") {
		t.Errorf("start of a process that exits = %v, want an error with its output", err)
	}
}

func TestStartTimeout(t *testing.T) {
	dir := t.TempDir()
	s := &Server{Name: "stand-in", Log: filepath.Join(dir, "output.log")}
	err := s.start(context.Background(), exec.Command("sleep", "60"), 100*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not serve within") {
		t.Errorf("start of a process that never serves = %v, want a timeout", err)
	}
	select {
	case <-s.Exited():
	default:
		t.Error("the process still runs after a failed start")
	}
}
