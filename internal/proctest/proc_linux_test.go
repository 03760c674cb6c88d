package proctest

import (
	"os"
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
