package graceful

import (
	"bytes"
	"os"
	"strconv"

	"github.com/lifekit/lifekit/errs"
)

// readProc reads a process's name and parent from /proc/PID/stat, whose
// second field, the name, is in parentheses and may hold spaces and
// parentheses itself.
func readProc(pid int) (procInfo, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procInfo{}, errs.Wrap(err)
	}
	lp, rp := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if lp < 0 || rp < lp {
		return procInfo{}, errs.Errorf("graceful: /proc/%d/stat: no name", pid)
	}
	rest := bytes.Fields(b[rp+1:]) // state, ppid, ...
	if len(rest) < 2 {
		return procInfo{}, errs.Errorf("graceful: /proc/%d/stat: no parent", pid)
	}
	ppid, err := strconv.Atoi(string(rest[1]))
	if err != nil {
		return procInfo{}, errs.Errorf("graceful: /proc/%d/stat: parent: %w", pid, err)
	}
	return procInfo{comm: string(b[lp+1 : rp]), ppid: ppid}, nil
}
