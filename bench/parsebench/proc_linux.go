package main

import (
	"os"
	"strconv"
)

// readStat reads /proc/PID/stat; a process that is gone is an error.
func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	return parseStat(b)
}

// withRun fills in the run time of each process: the sum over its
// threads of /proc/PID/task/TID/schedstat. (/proc/PID/schedstat is the
// main thread's alone: for a Go server, whose main thread mostly sleeps,
// next to nothing.) A thread that exited is missing from the sum, unlike
// from stat's utime + stime; servers keep their threads.
func withRun(ps []procStat) []procStat {
	for i := range ps {
		dir := "/proc/" + strconv.Itoa(ps[i].pid) + "/task/"
		d, err := os.Open(dir)
		if err != nil {
			continue
		}
		tids, _ := d.Readdirnames(-1)
		d.Close()
		for _, tid := range tids {
			b, err := os.ReadFile(dir + tid + "/schedstat")
			if err != nil {
				continue
			}
			if run, err := parseSchedstat(b); err == nil {
				ps[i].run += run
			}
		}
	}
	return ps
}

// processes reads the stat of every process in /proc. Processes that exit
// while it reads are left out.
func processes() ([]procStat, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	list := make([]procStat, 0, len(names))
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		if st, err := readStat(pid); err == nil {
			list = append(list, st)
		}
	}
	return list, nil
}

// backends are the children of the postmaster, among list, that serve
// database db.
func backends(list []procStat, postmaster int, db string) []procStat {
	var out []procStat
	for _, p := range list {
		if p.ppid != postmaster {
			continue
		}
		b, err := os.ReadFile("/proc/" + strconv.Itoa(p.pid) + "/cmdline")
		if err == nil && backendDatabase(b) == db {
			out = append(out, p)
		}
	}
	return out
}

func readMachineCPU() (machineCPU, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return machineCPU{}, err
	}
	return parseMachineCPU(b)
}
