//go:build !linux

package main

import (
	"errors"
	"fmt"
	"runtime"
)

// The CPU figures need Linux's /proc. Elsewhere the benchmark runs and
// reports throughput and latency only.
var errNoProc = fmt.Errorf("cpu figures need /proc (linux), not %s: %w", runtime.GOOS, errors.ErrUnsupported)

func withRun(ps []procStat) []procStat            { return ps }
func readStat(int) (procStat, error)              { return procStat{}, errNoProc }
func processes() ([]procStat, error)              { return nil, errNoProc }
func backends([]procStat, int, string) []procStat { return nil }
func readMachineCPU() (machineCPU, error)         { return machineCPU{}, errNoProc }
