package main

import (
	"slices"
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	tests := []struct {
		name string
		line string
		want procStat
	}{
		{
			name: "postgres backend",
			line: "4242 (postgres) S 4000 4000 4000 0 -1 4194560 2000 0 0 0 130 27 0 0 20 0 1 0 987654 229011456 3500 18446744073709551615 1 1 0 0 0 0 4194304 19935232 84487 0 0 0 17 1 0 0 0 0 0\n",
			want: procStat{pid: 4242, ppid: 4000, state: 'S', start: 987654, cpu: 157 * tick},
		},
		{
			name: "a name with spaces and parentheses",
			line: "17 (node (worker) 2) R 16 16 16 0 -1 4194560 0 0 0 0 5 6 0 0 20 0 11 0 42 1 1 1",
			want: procStat{pid: 17, ppid: 16, state: 'R', start: 42, cpu: 11 * tick},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStat([]byte(tt.line))
			if err != nil || got != tt.want {
				t.Errorf("parseStat(%q) = %+v, %v, want %+v", tt.line, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "12 no name", "12 (x) S 1 2 3", "x (y) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 1 1"} {
		if got, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) = %+v, want an error", bad, got)
		}
	}
}

func TestParseSchedstat(t *testing.T) {
	got, err := parseSchedstat([]byte("246969263 41166491 1183\n"))
	if want := 246969263 * time.Nanosecond; err != nil || got != want {
		t.Errorf("parseSchedstat = %v, %v, want %v", got, err, want)
	}
	if _, err := parseSchedstat([]byte("\n")); err == nil {
		t.Error("parseSchedstat(empty) = nil error, want one")
	}
}

func TestBackendDatabase(t *testing.T) {
	tests := []struct {
		cmdline, want string
	}{
		{"postgres: postgres parsebench_parse_0a1b 127.0.0.1(51234) idle\x00\x00\x00", "parsebench_parse_0a1b"},
		{"postgres: postgres parsebench_lifekit_0a1b 127.0.0.1(51236) SELECT", "parsebench_lifekit_0a1b"},
		{"postgres: alice app [local] idle in transaction", "app"},
		{"postgres: checkpointer ", ""},
		{"postgres: autovacuum launcher", ""},
		{"postgres: logical replication launcher", ""},
		{"postgres: walwriter", ""},
		{"/usr/lib/postgresql/15/bin/postgres\x00-D\x00/tmp/data", ""},
	}
	for _, tt := range tests {
		if got := backendDatabase([]byte(tt.cmdline)); got != tt.want {
			t.Errorf("backendDatabase(%q) = %q, want %q", tt.cmdline, got, tt.want)
		}
	}
}

func TestTree(t *testing.T) {
	list := []procStat{{pid: 1}, {pid: 10, ppid: 1}, {pid: 11, ppid: 10}, {pid: 12, ppid: 10}, {pid: 13, ppid: 12}, {pid: 20, ppid: 1}}
	var got []int
	for _, p := range tree(list, 10) {
		got = append(got, p.pid)
	}
	slices.Sort(got)
	if want := []int{10, 11, 12, 13}; !slices.Equal(got, want) {
		t.Errorf("tree(list, 10) = %v, want %v", got, want)
	}
	if got := tree(list, 99); got != nil {
		t.Errorf("tree(list, 99) = %v, want none", got)
	}
}

func TestParseMachineCPU(t *testing.T) {
	// user nice system idle iowait irq softirq steal guest guest_nice
	got, err := parseMachineCPU([]byte("cpu  100 5 50 800 20 3 2 20 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n"))
	want := machineCPU{busy: 160 * tick, steal: 20 * tick, total: 1000 * tick}
	if err != nil || got != want {
		t.Errorf("parseMachineCPU = %+v, %v, want %+v", got, err, want)
	}
}
