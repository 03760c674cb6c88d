package graceful

import (
	"bytes"
	"os"
	"strconv"

	"github.com/lifekit/lifekit/errs"
)

// procStat reads /proc/PID/stat: the process's name, the second field,
// which is in parentheses and may hold spaces and parentheses itself, and
// the fields after it, from the state (field 3) on.
func procStat(pid int) (comm string, rest [][]byte, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", nil, errs.Wrap(err)
	}
	lp, rp := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if lp < 0 || rp < lp {
		return "", nil, errs.Errorf("graceful: /proc/%d/stat: no name", pid)
	}
	return string(b[lp+1 : rp]), bytes.Fields(b[rp+1:]), nil
}

// readProc reads a process's name and parent.
func readProc(pid int) (procInfo, error) {
	comm, rest, err := procStat(pid)
	if err != nil {
		return procInfo{}, err
	}
	if len(rest) < 2 {
		return procInfo{}, errs.Errorf("graceful: /proc/%d/stat: no parent", pid)
	}
	ppid, err := strconv.Atoi(string(rest[1]))
	if err != nil {
		return procInfo{}, errs.Errorf("graceful: /proc/%d/stat: parent: %w", pid, err)
	}
	return procInfo{comm: comm, ppid: ppid}, nil
}
