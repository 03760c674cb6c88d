package proctest

import (
	"os"
	"os/exec"
	"testing"
)

func TestReadProc(t *testing.T) {
	p, ok := ReadProc(os.Getpid())
	if !ok {
		t.Fatal("ReadProc(self) found no process")
	}
	if p.PPID != os.Getppid() || p.State == "" {
		t.Errorf("ReadProc(self) = %+v, want parent %d and a state", p, os.Getppid())
	}
	if VmHWM(os.Getpid()) <= 0 {
		t.Error("VmHWM(self) = 0, want this process's peak RSS")
	}
	if _, ok := ReadProc(-1); ok {
		t.Error("ReadProc(-1) found a process")
	}
}

// WaitExited returns once a child has exited, and leaves it to be reaped.
func TestWaitExited(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := WaitExited(cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	if st := State(cmd.Process.Pid); st != "Z" {
		t.Errorf("state after WaitExited = %q, want Z: exited, not reaped", st)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("child: %v", err)
	}
	if err := WaitExited(cmd.Process.Pid); err != nil {
		t.Errorf("WaitExited of a reaped child = %v, want nil", err)
	}
}
