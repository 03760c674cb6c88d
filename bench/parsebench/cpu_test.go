package main

import (
	"testing"
	"time"
)

func TestMeter(t *testing.T) {
	ms := time.Millisecond
	var m meter
	m.read([]procStat{{pid: 1, start: 5, cpu: 100 * ms, run: 101 * ms}, {pid: 2, start: 5, cpu: 50 * ms}})
	// pid 3 starts during the run; pid 2 exits after this reading; pid 1
	// is a new process under a reused PID, started at tick 90.
	m.read([]procStat{{pid: 1, start: 5, cpu: 130 * ms, run: 131 * ms}, {pid: 2, start: 5, cpu: 70 * ms}, {pid: 3, start: 80, cpu: 10 * ms}})
	m.read([]procStat{{pid: 1, start: 5, cpu: 160 * ms, run: 162 * ms}, {pid: 3, start: 80, cpu: 40 * ms}, {pid: 1, start: 90, cpu: 20 * ms}})
	cpu, seen, gone := m.total()
	// 60 (pid 1) + 20 (pid 2, until its last reading) + 40 (pid 3) + 20 (the new pid 1)
	if want := (cpuPair{stat: 140 * ms, sched: 61 * ms}); cpu != want || seen != 4 || gone != 1 {
		t.Errorf("total() = %+v, %d seen, %d gone; want %+v, 4 seen, 1 gone", cpu, seen, gone, want)
	}
}

func TestMeterEmpty(t *testing.T) {
	var m meter
	if cpu, seen, gone := m.total(); cpu != (cpuPair{}) || seen != 0 || gone != 0 {
		t.Errorf("total() of no readings = %+v, %d, %d, want zeros", cpu, seen, gone)
	}
}
