package main

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The CPU figures come from /proc: utime + stime of /proc/PID/stat, in
// clock ticks. USER_HZ is 100 on every Linux architecture Go runs on (the
// kernel reports ticks in it whatever its own HZ), so a tick is 10 ms: a
// process's reading is exact to 10 ms, and a run sums many of them.
const tick = 10 * time.Millisecond

// procStat is what parsebench reads of one process's /proc/PID/stat.
type procStat struct {
	pid   int
	ppid  int
	state byte          // R, S, D, Z (zombie: exited, not yet reaped), ...
	start uint64        // starttime, in ticks since boot: with pid, a process's identity
	cpu   time.Duration // utime + stime, of all its threads
	run   time.Duration // time on a CPU of its threads, from their schedstat, to the ns; 0 if unread
}

// parseSchedstat reads a thread's schedstat: its time on a CPU in ns, its
// time waiting for one, and its number of time slices. The first is the
// same CPU time as utime + stime, before the kernel rounds it to ticks
// (and splits it into user and system by sampling).
func parseSchedstat(b []byte) (time.Duration, error) {
	f := strings.Fields(string(b))
	if len(f) < 1 {
		return 0, errors.New("schedstat: empty")
	}
	ns, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("schedstat: %w", err)
	}
	return time.Duration(ns), nil
}

// procKey names a process for its whole life: a PID may be reused, a PID
// and a start time are not.
type procKey struct {
	pid   int
	start uint64
}

func (p procStat) key() procKey { return procKey{p.pid, p.start} }

// parseStat reads a /proc/PID/stat line. The command name, in
// parentheses, may hold spaces and parentheses itself: the fields are
// those after the last ')'.
func parseStat(line []byte) (procStat, error) {
	open := bytes.IndexByte(line, '(')
	end := bytes.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return procStat{}, errors.New("stat: no command name")
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(line[:open])))
	if err != nil {
		return procStat{}, fmt.Errorf("stat: pid: %w", err)
	}
	f := strings.Fields(string(line[end+1:]))
	// f[0] is field 3 (state): field n is f[n-3].
	if len(f) < 20 {
		return procStat{}, fmt.Errorf("stat: %d fields after the name, want at least 20", len(f))
	}
	var v [4]uint64
	for i, n := range []int{4, 14, 15, 22} { // ppid, utime, stime, starttime
		if v[i], err = strconv.ParseUint(f[n-3], 10, 64); err != nil {
			return procStat{}, fmt.Errorf("stat: field %d: %w", n, err)
		}
	}
	return procStat{pid: pid, ppid: int(v[0]), state: f[0][0], cpu: time.Duration(v[1]+v[2]) * tick, start: v[3]}, nil
}

// tree is root and every process descended from it, among list: for
// Parse Server, the cluster's primary and its workers.
func tree(list []procStat, root int) []procStat {
	children := map[int][]procStat{}
	var out []procStat
	for _, p := range list {
		if p.pid == root {
			out = append(out, p)
		}
		children[p.ppid] = append(children[p.ppid], p)
	}
	if len(out) == 0 {
		return nil
	}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i].pid]...)
	}
	return out
}

// backendDatabase is the database a PostgreSQL backend's command line
// names, or "" for another process of the server. PostgreSQL sets a
// backend's title to "postgres: USER DATABASE HOST(PORT) STATE"
// (update_process_title, on by default on Linux); the auxiliary processes'
// titles are fixed phrases ("postgres: checkpointer", "postgres:
// autovacuum launcher").
func backendDatabase(cmdline []byte) string {
	s := strings.ReplaceAll(string(bytes.TrimRight(cmdline, "\x00 ")), "\x00", " ")
	rest, ok := strings.CutPrefix(s, "postgres: ")
	if !ok {
		return ""
	}
	f := strings.Fields(rest)
	if len(f) < 3 || !strings.HasSuffix(f[2], ")") && f[2] != "[local]" {
		return ""
	}
	return f[1]
}

// machineCPU is the machine's CPU time, from the first line of /proc/stat.
type machineCPU struct {
	busy  time.Duration // user, nice, system, irq, softirq: all but idle, iowait and steal
	steal time.Duration // time the hypervisor gave our vCPUs to someone else
	total time.Duration
}

// parseMachineCPU reads the "cpu" line of /proc/stat.
func parseMachineCPU(b []byte) (machineCPU, error) {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 9 || f[0] != "cpu" {
		return machineCPU{}, errors.New("/proc/stat: no cpu line")
	}
	var v [8]uint64 // user nice system idle iowait irq softirq steal
	var total uint64
	for i := range v {
		x, err := strconv.ParseUint(f[i+1], 10, 64)
		if err != nil {
			return machineCPU{}, fmt.Errorf("/proc/stat: %w", err)
		}
		v[i] = x
		total += x
	}
	return machineCPU{
		busy:  time.Duration(total-v[3]-v[4]-v[7]) * tick,
		steal: time.Duration(v[7]) * tick,
		total: time.Duration(total) * tick,
	}, nil
}
