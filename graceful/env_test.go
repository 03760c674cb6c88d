package graceful

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func getenvFrom(env []string) func(string) string {
	return func(name string) string {
		for _, kv := range env {
			if k, v, _ := strings.Cut(kv, "="); k == name {
				return v
			}
		}
		return ""
	}
}

// What a generation writes for the next, the next reads back; the private
// and socket activation variables of this generation do not pass on, and
// the rest of the environment does.
func TestNextEnvironRoundTrip(t *testing.T) {
	in := &inheritance{parent: 42, readyFD: 5, fds: []passedFD{
		{Network: "tcp", Address: "127.0.0.1:0", FD: 3},
		{Network: "unix", Address: "/run/app/a=b;c.sock", FD: 4},
	}}
	env := nextEnviron([]string{
		"PATH=/bin",
		"NOTIFY_SOCKET=/run/systemd/notify",
		envFDs + "=stale",
		envPrefix + "ANYTHING=x",
		envListenPID + "=1", envListenFDs + "=2", envListenNames + "=a:b",
		"HOME=/root",
	}, in)
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, envPrefix) {
			kept = append(kept, kv)
		}
	}
	if want := []string{"PATH=/bin", "NOTIFY_SOCKET=/run/systemd/notify", "HOME=/root"}; !slices.Equal(kept, want) {
		t.Errorf("nextEnviron kept %q, want %q", kept, want)
	}
	got, err := parseInheritance(getenvFrom(env))
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Errorf("parseInheritance(nextEnviron(%+v)) = %+v, %v; want it back", in, got, err)
	}
}

func TestParseInheritance(t *testing.T) {
	for _, tc := range []struct {
		name              string
		fds, ready, ppid  string
		wantNil, wantErr  bool
		wantReady, wantFD int
	}{
		{name: "none", wantNil: true},
		{name: "no sockets", ready: "3", ppid: "7", wantReady: 3},
		{name: "one socket", fds: `[{"network":"tcp","address":":80","fd":3}]`, ready: "4", ppid: "7", wantReady: 4, wantFD: 3},
		{name: "no parent", ready: "3", wantErr: true},
		{name: "bad parent", ready: "3", ppid: "-1", wantErr: true},
		{name: "stdio ready", ready: "2", ppid: "7", wantErr: true},
		{name: "bad json", fds: `[{`, ready: "4", ppid: "7", wantErr: true},
		{name: "stdio socket", fds: `[{"network":"tcp","address":":80","fd":1}]`, ready: "4", ppid: "7", wantErr: true},
		{name: "ready is a socket", fds: `[{"network":"tcp","address":":80","fd":4}]`, ready: "4", ppid: "7", wantErr: true},
		{name: "twice", fds: `[{"network":"tcp","address":":80","fd":3},{"network":"tcp","address":":81","fd":3}]`, ready: "4", ppid: "7", wantErr: true},
		{name: "no network", fds: `[{"address":":80","fd":3}]`, ready: "4", ppid: "7", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseInheritance(getenvFrom([]string{envFDs + "=" + tc.fds, envReadyFD + "=" + tc.ready, envParent + "=" + tc.ppid}))
			switch {
			case tc.wantErr:
				if err == nil || !strings.HasPrefix(err.Error(), "graceful: ") {
					t.Errorf("parseInheritance = %+v, %v; want a graceful error", got, err)
				}
			case tc.wantNil:
				if got != nil || err != nil {
					t.Errorf("parseInheritance = %+v, %v; want nil, nil", got, err)
				}
			case err != nil || got.readyFD != tc.wantReady || got.parent != 7 || tc.wantFD != 0 && (len(got.fds) != 1 || got.fds[0].FD != tc.wantFD):
				t.Errorf("parseInheritance = %+v, %v", got, err)
			}
		})
	}
}

func TestParseActivation(t *testing.T) {
	for _, tc := range []struct {
		name            string
		pid, fds, names string
		want            []activated
		wantErr         bool
	}{
		{name: "none"},
		{name: "no pid", fds: "1"},
		{name: "other process", pid: "99", fds: "2"},
		{name: "one", pid: "7", fds: "1", want: []activated{{3, "unknown"}}},
		{name: "named", pid: "7", fds: "2", names: "web:admin", want: []activated{{3, "web"}, {4, "admin"}}},
		{name: "empty name", pid: "7", fds: "2", names: ":admin", want: []activated{{3, "unknown"}, {4, "admin"}}},
		{name: "zero", pid: "7", fds: "0", want: []activated{}},
		{name: "names mismatch", pid: "7", fds: "2", names: "web", wantErr: true},
		{name: "bad count", pid: "7", fds: "x", wantErr: true},
		{name: "negative", pid: "7", fds: "-1", wantErr: true},
		{name: "bad pid", pid: "x", fds: "1", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseActivation(7, tc.pid, tc.fds, tc.names)
			if (err != nil) != tc.wantErr || !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseActivation(7, %q, %q, %q) = %v, %v; want %v, error %v", tc.pid, tc.fds, tc.names, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func FuzzParseInheritance(f *testing.F) {
	f.Add(`[{"network":"tcp","address":":80","fd":3}]`, "4", "7")
	f.Add("", "3", "1")
	f.Add(`[{"fd":9}]`, "-3", "x")
	f.Fuzz(func(t *testing.T, fds, ready, ppid string) {
		in, err := parseInheritance(getenvFrom([]string{envFDs + "=" + fds, envReadyFD + "=" + ready, envParent + "=" + ppid}))
		if err != nil || in == nil {
			return
		}
		// What parses is valid, and survives a round trip.
		seen := map[int]bool{in.readyFD: true}
		for _, f := range in.fds {
			if f.FD < 3 || seen[f.FD] || f.Network == "" {
				t.Fatalf("accepted %+v", in)
			}
			seen[f.FD] = true
		}
		again, err := parseInheritance(getenvFrom(in.environ()))
		if err != nil || again.parent != in.parent || again.readyFD != in.readyFD || len(again.fds) != len(in.fds) {
			t.Fatalf("round trip of %+v = %+v, %v", in, again, err)
		}
	})
}

func FuzzParseActivation(f *testing.F) {
	f.Add("7", "2", "a:b")
	f.Add("7", "1", "")
	f.Fuzz(func(t *testing.T, pid, fds, names string) {
		socks, err := parseActivation(7, pid, fds, names)
		if err != nil {
			return
		}
		for i, s := range socks {
			if s.fd != 3+i || s.name == "" {
				t.Fatalf("parseActivation(7, %q, %q, %q)[%d] = %+v", pid, fds, names, i, s)
			}
		}
	})
}

func readPIDFile(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("PID file %q: %v", b, err)
	}
	return pid
}

// The PID file is replaced whole and leaves no temporary file behind; it is
// removed only by the process it names.
func TestPIDFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.pid")
	for _, pid := range []int{123, 45678} {
		if err := writePIDFile(path, pid); err != nil {
			t.Fatal(err)
		}
		if got := readPIDFile(t, path); got != pid {
			t.Errorf("PID file = %d, want %d", got, pid)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d files, want only the PID file", len(ents))
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("PID file mode = %v, %v; want 0644", st.Mode(), err)
	}
	if err := removePIDFile(path, 123); err != nil { // another process's: kept
		t.Errorf("removePIDFile(another process's) = %v, want nil", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("PID file of another process removed: %v", err)
	}
	if err := removePIDFile(path, 45678); err != nil {
		t.Errorf("removePIDFile(own) = %v, want nil", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("own PID file after remove: %v, want it gone", err)
	}
	if err := writePIDFile(filepath.Join(dir, "missing", "app.pid"), 1); err == nil || !strings.HasPrefix(err.Error(), "graceful: ") {
		t.Errorf("writePIDFile in a missing directory = %v, want a graceful error", err)
	}
}
