package graceful

import (
	"fmt"
	"slices"
)

// Each upgrade leaves the next generation an orphan once the old one exits:
// the kernel hands it to the nearest ancestor that is a child subreaper, or
// else to PID 1, which must reap it when it exits in turn. An init reaps
// every child it inherits; a program that is PID 1 by accident, as in many
// containers, does not, and every generation that ends stays a zombie. And
// a service that is PID 1 itself cannot hand over at all: when it exits,
// the kernel ends every process of its PID namespace, the next generation
// included.

// knownReapers are the names (as /proc/PID/comm gives them, cut to 15
// bytes) of programs that reap the orphans they inherit: inits, container
// inits and shims, and process supervisors.
var knownReapers = []string{
	"systemd", "init", "tini", "docker-init", "dumb-init", "catatonit",
	"s6-svscan", "s6-supervise", "runsvdir", "runsv", "runit", "supervisord",
	"openrc-init", "pause", "containerd-shim", "conmon", "podman",
}

// A procInfo is what reaperWarning needs of a process: its name and its
// parent's PID (0 above PID 1 or outside the PID namespace).
type procInfo struct {
	comm string
	ppid int
}

// reaperWarning returns what to log about orphans for the process pid when
// it is PID 1, or when neither PID 1 nor any ancestor of pid is a program
// known to reap orphans; otherwise, or when it cannot tell, "". proc looks
// a process up.
func reaperWarning(pid int, proc func(pid int) (procInfo, error)) string {
	if pid == 1 {
		return "this process is PID 1: when a generation hands over and exits, every process of its PID namespace ends, the next generation included; run it under an init that reaps, such as tini (docker run --init) or systemd"
	}
	// From the parent up to PID 1, each seen once (a bound against a
	// /proc that changes under us).
	for p, steps := pid, 0; p > 0 && steps < 64; steps++ {
		info, err := proc(p)
		if err != nil {
			return "" // cannot tell: say nothing rather than guess
		}
		if p != pid && slices.Contains(knownReapers, info.comm) {
			return ""
		}
		if p == 1 {
			return fmt.Sprintf("PID 1 is %q, not an init known to reap orphans, and no known reaper is an ancestor: each generation that ends after an upgrade may stay a zombie; run the service under tini (docker run --init), systemd or another init that reaps", info.comm)
		}
		p = info.ppid
	}
	return "" // PID 1 is outside our namespace's view: a supervisor above us
}
