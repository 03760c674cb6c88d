package proctest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// A Proc is a process as /proc/PID/stat shows it.
type Proc struct {
	PID, PPID int
	State     string // R, S, Z, ...
}

// ReadProc reads pid's /proc/PID/stat; ok is false if there is no such
// process.
func ReadProc(pid int) (p Proc, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Proc{}, false
	}
	// pid (comm) state ppid ...; comm may hold spaces and parentheses.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 2 {
		return Proc{}, false
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return Proc{}, false
	}
	return Proc{PID: pid, PPID: ppid, State: fields[0]}, true
}

// State returns pid's state letter, or "" if there is no such process.
func State(pid int) string {
	p, _ := ReadProc(pid)
	return p.State
}

// ChildrenOf returns the processes whose parent is ppid, zombies included.
func ChildrenOf(ppid int) []Proc {
	var out []Proc
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if p, ok := ReadProc(pid); ok && p.PPID == ppid {
			out = append(out, p)
		}
	}
	return out
}

// BecomeSubreaper makes this process the parent of the orphans among its
// descendants until tb ends, so that it can reap each generation of an
// upgrading server itself: the first is its child, each next one the child
// of the one it replaced, which exits.
func BecomeSubreaper(tb testing.TB) {
	tb.Helper()
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		tb.Fatalf("prctl(PR_SET_CHILD_SUBREAPER): %v", errno)
	}
	tb.Cleanup(func() { syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 0, 0) })
}

// WaitExited waits until pid, a child of this process (as a subreaper's
// orphan or not), has exited, and leaves it to be reaped. It returns at
// once if pid was reaped already.
func WaitExited(pid int) error {
	const pPID = 1     // idtype_t P_PID
	var info [128]byte // siginfo_t, which nothing here reads
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid), uintptr(unsafe.Pointer(&info[0])), syscall.WEXITED|syscall.WNOWAIT, 0, 0)
		switch errno {
		case 0, syscall.ECHILD: // exited, or already reaped
			return nil
		case syscall.EINTR:
			continue
		default:
			return fmt.Errorf("waitid %d: %w", pid, errno)
		}
	}
}

// FDTargets returns what each of pid's descriptors refers to, sorted.
func FDTargets(pid int) []string {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if t, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// SocketFlags returns the file status flags (O_NONBLOCK, ...) of pid's
// descriptor for the socket with inode, from /proc/PID/fdinfo; ok is false
// if pid holds no such socket.
func SocketFlags(pid int, inode string) (flags int64, ok bool) {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if t, _ := os.Readlink(filepath.Join(dir, e.Name())); t != "socket:["+inode+"]" {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%s", pid, e.Name()))
		if err != nil {
			return 0, false
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if v, found := strings.CutPrefix(line, "flags:"); found {
				flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
				return flags, err == nil
			}
		}
	}
	return 0, false
}

// ListenInode returns the inode of the listening IPv4 TCP socket on port.
func ListenInode(tb testing.TB, port int) string {
	tb.Helper()
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		tb.Fatal(err)
	}
	want := fmt.Sprintf(":%04X", port)
	for line := range strings.SplitSeq(string(b), "\n") {
		f := strings.Fields(line)
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
		if len(f) > 9 && strings.HasSuffix(f[1], want) && f[3] == "0A" {
			return f[9]
		}
	}
	tb.Fatalf("no listening socket on port %d", port)
	return ""
}

// VmHWM returns pid's peak resident set size in KiB, from /proc, or 0 if
// there is no such process.
func VmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
