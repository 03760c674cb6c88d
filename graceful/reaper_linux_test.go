package graceful

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestReaperWarningRules(t *testing.T) {
	tree := func(procs map[int]procInfo) func(int) (procInfo, error) {
		return func(pid int) (procInfo, error) {
			p, ok := procs[pid]
			if !ok {
				return procInfo{}, errors.New("no such process")
			}
			return p, nil
		}
	}
	for _, tc := range []struct {
		name  string
		pid   int
		procs map[int]procInfo
		want  string // a part of the warning; "" for none
	}{
		{"PID 1 itself", 1, nil, "this process is PID 1"},
		{"under systemd", 42, map[int]procInfo{42: {"app", 1}, 1: {"systemd", 0}}, ""},
		{"under tini", 7, map[int]procInfo{7: {"app", 1}, 1: {"tini", 0}}, ""},
		{"a shell as PID 1", 7, map[int]procInfo{7: {"app", 1}, 1: {"sh", 0}}, `PID 1 is "sh"`},
		{"a supervisor between", 9, map[int]procInfo{9: {"app", 5}, 5: {"supervisord", 1}, 1: {"sh", 0}}, ""},
		{"the process's own name counts not", 9, map[int]procInfo{9: {"tini", 1}, 1: {"sh", 0}}, `PID 1 is "sh"`},
		{"unreadable: no guess", 9, map[int]procInfo{9: {"app", 4}}, ""},
	} {
		got := reaperWarning(tc.pid, tree(tc.procs))
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: warning %q, want one containing %q", tc.name, got, tc.want)
		}
	}
}

// TestReaperWarning runs New as PID 1 of a new PID namespace, and under
// a shell and tini there, and reads what it logs.
func TestReaperWarning(t *testing.T) {
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) not found: cannot make a PID namespace")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, argv ...string) string {
		t.Helper()
		cmd := exec.Command(unshare, append([]string{"--pid", "--fork", "--mount-proc"}, argv...)...)
		cmd.Env = append(os.Environ(), childEnv+"=reaper")
		out, err := cmd.CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "unshare failed") || strings.Contains(string(out), "Operation not permitted") {
				t.Skipf("no PID namespace here (%v): %s", err, out)
			}
			t.Fatalf("%v: %v\n%s", argv, err, out)
		}
		return string(out)
	}
	const warning = `"msg":"orphans may not be reaped"`
	t.Run("PID 1", func(t *testing.T) {
		if out := run(t, self); !strings.Contains(out, warning) || !strings.Contains(out, "this process is PID 1") {
			t.Errorf("as PID 1, New logged %q; want the warning that it is PID 1", out)
		}
	})
	t.Run("under a shell", func(t *testing.T) {
		out := run(t, "/bin/sh", "-c", `"$0"; exit $?`, self)
		if !strings.Contains(out, warning) || !strings.Contains(out, `PID 1 is \"sh\"`) {
			t.Errorf("under sh as PID 1, New logged %q; want the warning naming sh", out)
		}
	})
	t.Run("under tini", func(t *testing.T) {
		tini, err := exec.LookPath("tini")
		if err != nil {
			t.Skip("tini not found (Debian package tini; .ci/run installs it)")
		}
		if out := run(t, tini, "--", self); strings.Contains(out, warning) {
			t.Errorf("under tini, New logged %q; want no warning", out)
		}
	})
}
