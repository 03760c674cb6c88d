//go:build unix

package graceful

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// How the sockets reach the next generation, and why not through os/exec.
//
// O_NONBLOCK is a flag of the open file description, which a socket's
// descriptor shares with every duplicate of it, in this process and in the
// next. (*os.File).Fd puts a descriptor that os put in non-blocking mode
// back into blocking mode, and os/exec (Cmd.ExtraFiles) and os.StartProcess
// call Fd on every file they pass. Passing a listener that way, or through
// (*net.TCPListener).File, which returns such a file, would make this
// process's listener blocking while it still serves: an Accept then parks a
// thread in the kernel, and closing the listener no longer wakes it. That is
// how facebookgo/grace hangs on SIGTERM after a failed upgrade.
//
// So Upgrade never calls Fd. It duplicates each socket's descriptor inside
// (syscall.RawConn).Control, which neither reads nor changes the mode, with
// close-on-exec set at once under syscall.ForkLock, and starts the next
// generation with syscall.ForkExec, which moves the raw descriptors to 3, 4,
// ... in the child and clears close-on-exec there alone. The duplicates
// close again right after the fork. Every descriptor this package opens
// otherwise is close-on-exec from birth (os.Pipe, net), and the next
// generation marks what it inherits close-on-exec before anything else.
//
// In the child, net.FileListener calls Fd on the *os.File that Listen wraps
// around an inherited descriptor. In Go 1.26 that changes nothing for a
// descriptor that was already non-blocking when os.NewFile saw it, and the
// inherited socket is. TestUpgradeHandsOverSockets checks, with fcntl, that
// the parent's sockets are still non-blocking after an upgrade, and the
// example's tests check the listeners of the first and last generations.

// executablePath returns the path this program was started from, as an
// absolute path with its symbolic links kept, or "" if it cannot tell.
//
// Upgrade runs whatever file is at that path when it runs, so that every
// usual deploy takes effect: a new file renamed over the old one, or a
// symbolic link ("current") switched to a new release. os.Executable alone
// would not do: it reads /proc/self/exe, which resolves symbolic links and
// follows the running file's inode when it is renamed aside, so it would
// start the old build again. The path comes from os.Args[0], searched in
// PATH as a shell does, and is trusted only if it names the very file that
// is running now; otherwise Upgrade falls back to os.Executable.
func executablePath() string {
	if len(os.Args) == 0 || os.Args[0] == "" {
		return ""
	}
	p, err := exec.LookPath(os.Args[0])
	if err != nil {
		return ""
	}
	if p, err = filepath.Abs(p); err != nil {
		return ""
	}
	running, err := os.Executable()
	if err != nil {
		return ""
	}
	a, errA := os.Stat(p)
	b, errB := os.Stat(running)
	if errA != nil || errB != nil || !os.SameFile(a, b) {
		return ""
	}
	return p
}

// errSocketClosed marks a socket that its owner closed: it is not handed
// over.
var errSocketClosed = errors.New("socket closed")

// dupSocketsLocked duplicates the descriptor of every open socket, and of
// every file added with AddFile or AddConn, for the next generation. u.mu
// is held.
func (u *Upgrader) dupSocketsLocked() ([]dupFD, error) {
	type source struct {
		rc     syscall.RawConn
		passed passedFD
		ln     *listener
	}
	var srcs []source
	for _, s := range u.sockets {
		var rc syscall.RawConn
		if s.ln != nil {
			var ok bool
			if rc, ok = s.ln.rawConn(); !ok {
				continue
			}
		} else if sc, ok := s.pc.(syscall.Conn); ok {
			var err error
			if rc, err = sc.SyscallConn(); err != nil {
				continue
			}
		} else {
			continue
		}
		srcs = append(srcs, source{rc, passedFD{Network: s.network, Address: s.address}, s.ln})
	}
	for _, f := range u.files {
		srcs = append(srcs, source{f.rc, passedFD{Network: fileNetwork, Address: f.name}, nil})
	}

	var fds []dupFD
	for _, src := range srcs {
		fd, err := dupRaw(src.rc)
		if errors.Is(err, errSocketClosed) {
			continue // closed by its owner: nothing to pass
		}
		if err != nil {
			for _, f := range fds {
				closeFD(f.dup)
			}
			return nil, errs.Errorf("%w: duplicate %s %q: %w", ErrUpgradeFailed, src.passed.Network, src.passed.Address, err)
		}
		fds = append(fds, dupFD{passedFD: src.passed, dup: fd, ln: src.ln})
	}
	return fds, nil
}

// dupRaw duplicates the descriptor behind rc, close-on-exec, without
// touching its mode.
func dupRaw(rc syscall.RawConn) (int, error) {
	nfd, derr := -1, error(nil)
	err := rc.Control(func(fd uintptr) {
		syscall.ForkLock.RLock()
		defer syscall.ForkLock.RUnlock()
		if nfd, derr = syscall.Dup(int(fd)); derr == nil {
			syscall.CloseOnExec(nfd)
		}
	})
	if err != nil {
		return -1, errSocketClosed
	}
	return nfd, derr
}

// rawFD returns f's descriptor without Fd's side effect; f must stay
// reachable while the number is used.
func rawFD(f *os.File) (uintptr, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var fd uintptr
	err = rc.Control(func(d uintptr) { fd = d })
	return fd, err
}

// stdio returns descriptor n for the child's standard stream n, or one that
// ForkExec reads as "closed" if this process has none.
func stdio(n int) uintptr {
	var st syscall.Stat_t
	if syscall.Fstat(n, &st) != nil {
		return ^uintptr(0)
	}
	return uintptr(n)
}

// upgrade starts the next generation with fds, waits for it and hands
// over, or cleans up after it. It closes the duplicates in fds.
func (u *Upgrader) upgrade(ctx context.Context, fds []dupFD) (err error) {
	defer func() {
		for _, f := range fds {
			closeFD(f.dup)
		}
	}()
	start := time.Now()
	u.logAttrs(slog.LevelInfo, "upgrade started", slog.Int("pid", u.pid), slog.Int("sockets", len(fds)))
	u.sdNotify("RELOADING=1")
	abandoned := false
	defer func() {
		if err != nil && !abandoned {
			u.logAttrs(slog.LevelWarn, "upgrade failed", slog.Any("err", err), slog.Duration("duration", time.Since(start)))
			u.keepServing(err)
		}
	}()

	exe := u.exe
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return errs.Errorf("%w: find executable: %w", ErrUpgradeFailed, err)
		}
	}
	if _, err := os.Stat(exe); err != nil {
		return errs.Errorf("%w: executable %s is gone: %w", ErrUpgradeFailed, exe, err)
	}

	r, w, err := os.Pipe() // close-on-exec; the child gets w as a raw descriptor
	if err != nil {
		return errs.Errorf("%w: readiness pipe: %w", ErrUpgradeFailed, err)
	}
	wfd, err := rawFD(w)
	if err != nil {
		r.Close()
		w.Close()
		return errs.Errorf("%w: readiness pipe: %w", ErrUpgradeFailed, err)
	}
	files := []uintptr{stdio(0), stdio(1), stdio(2)}
	in := &inheritance{parent: u.pid}
	for i := range fds {
		fds[i].FD = len(files)
		in.fds = append(in.fds, fds[i].passedFD)
		files = append(files, uintptr(fds[i].dup))
	}
	in.readyFD = len(files)
	files = append(files, wfd)
	argv := os.Args
	if len(argv) == 0 {
		argv = []string{exe}
	}
	pid, err := syscall.ForkExec(exe, argv, &syscall.ProcAttr{
		Env:   nextEnviron(os.Environ(), in),
		Files: files,
	})
	runtime.KeepAlive(w)
	w.Close() // from now on only the child holds the write end
	if err != nil {
		r.Close()
		return errs.Errorf("%w: start %s: %w", ErrUpgradeFailed, exe, err)
	}
	u.logAttrs(slog.LevelInfo, "next generation started", slog.Int("pid", u.pid), slog.Int("next", pid), slog.String("executable", exe))

	err = u.await(ctx, pid, r, fds)
	if errors.Is(err, ErrExiting) {
		abandoned = true
	} else if err == nil {
		u.logAttrs(slog.LevelInfo, "handed over", slog.Int("pid", u.pid), slog.Int("next", pid), slog.Duration("duration", time.Since(start)))
	}
	return err
}

// await waits until the child pid is ready, and hands over, or until it
// fails, the deadline passes, ctx ends or Stop is called; then the child is
// killed if it still runs, and reaped. r is the read end of the readiness
// pipe; await closes it. fds are the descriptors the child was given.
func (u *Upgrader) await(ctx context.Context, pid int, r *os.File, fds []dupFD) error {
	u.mu.Lock()
	stopCh := u.stopCh // replaced only when a generation serves again
	u.mu.Unlock()
	type readiness struct {
		ok        bool
		unclaimed []*listener
	}
	readyc := make(chan readiness, 1)
	go func() {
		// Ready writes its message, ending with a newline, at once. Read
		// up to the newline or end of file (a child that exits, or one of
		// an older version, which writes "1" alone and closes): not to
		// end of file only, which a write end leaked into a grandchild
		// would hold off.
		b, _ := bufio.NewReader(io.LimitReader(r, 4096)).ReadBytes('\n')
		ok, unclaimed := parseReady(b)
		var ls []*listener
		for _, f := range fds {
			if f.ln != nil && slices.Contains(unclaimed, f.FD) {
				ls = append(ls, f.ln)
			}
		}
		readyc <- readiness{ok, ls}
	}()
	waitc := make(chan syscall.WaitStatus, 1)
	reaping := false
	reap := func() {
		reaping = true
		go func() { waitc <- wait(pid) }()
	}
	// A negative timeout is no bound but ctx: a nil channel never fires.
	var deadline <-chan time.Time
	if u.cfg.upgradeTimeout > 0 {
		timer := time.NewTimer(u.cfg.upgradeTimeout)
		defer timer.Stop()
		deadline = timer.C
	}

	var why error
	select {
	case rd := <-readyc:
		readyc = nil
		if rd.ok {
			r.Close()
			u.handOver(pid, rd.unclaimed)
			return nil
		}
		// The pipe closed without a word: the child is exiting. Wait for
		// it, but no longer than the deadline.
		reap()
		select {
		case ws := <-waitc:
			r.Close()
			return errs.Errorf("%w: next generation (pid %d) %s before it was ready", ErrUpgradeFailed, pid, describeExit(ws))
		case <-deadline:
			why = errs.Errorf("%w: next generation (pid %d) closed its readiness pipe but did not exit within %v; killed", ErrUpgradeFailed, pid, u.cfg.upgradeTimeout)
		case <-ctx.Done():
			why = errs.Errorf("%w: next generation (pid %d) killed: %w", ErrUpgradeFailed, pid, context.Cause(ctx))
		case <-stopCh:
			why = errs.Errorf("graceful: upgrade abandoned, next generation (pid %d) killed: %w", pid, ErrExiting)
		}
	case <-deadline:
		why = errs.Errorf("%w: next generation (pid %d) was not ready within %v; killed", ErrUpgradeFailed, pid, u.cfg.upgradeTimeout)
	case <-ctx.Done():
		why = errs.Errorf("%w: next generation (pid %d) killed: %w", ErrUpgradeFailed, pid, context.Cause(ctx))
	case <-stopCh:
		why = errs.Errorf("graceful: upgrade abandoned, next generation (pid %d) killed: %w", pid, ErrExiting)
	}

	// The child is ours and not reaped yet, so pid cannot name another
	// process.
	syscall.Kill(pid, syscall.SIGKILL)
	if !reaping {
		reap()
	}
	ws := <-waitc
	r.Close() // wakes the reader even if a grandchild holds the write end
	if readyc != nil {
		<-readyc
	}
	u.logAttrs(slog.LevelDebug, "next generation reaped", slog.Int("pid", u.pid), slog.Int("next", pid), slog.String("status", describeExit(ws)))
	return why
}

// parseReady reads the readiness message of Upgrader.Ready: "1" and the
// descriptor numbers of the sockets the child did not take. Anything else,
// or nothing (the child exited), is not ready.
func parseReady(b []byte) (ok bool, unclaimed []int) {
	fields := strings.Fields(string(b))
	if len(fields) == 0 || fields[0] != "1" {
		return false, nil
	}
	for _, f := range fields[1:] {
		if n, err := strconv.Atoi(f); err == nil {
			unclaimed = append(unclaimed, n)
		}
	}
	return true, unclaimed
}

// wait reaps the child pid and returns its status.
func wait(pid int) syscall.WaitStatus {
	var ws syscall.WaitStatus
	for {
		_, err := syscall.Wait4(pid, &ws, 0, nil)
		if err != syscall.EINTR {
			return ws
		}
	}
}

func describeExit(ws syscall.WaitStatus) string {
	switch {
	case ws.Exited():
		return fmt.Sprintf("exited with status %d", ws.ExitStatus())
	case ws.Signaled():
		return "was killed by signal " + ws.Signal().String()
	}
	return fmt.Sprintf("ended with wait status %#x", uint32(ws))
}

// watchNext waits for the next generation, pid, to exit. If it dies (a
// signal, or a non-zero status) while this generation lives, it is reaped
// and died is closed: Upgrader.Shutdown then serves again if it can. A
// clean exit (status 0: it handed over in turn, or was stopped) changes
// nothing, and leaves the process to be reaped as before.
func (u *Upgrader) watchNext(pid int, died chan struct{}) {
	ws, ok := awaitExit(pid)
	if !ok || ws.Exited() && ws.ExitStatus() == 0 {
		return
	}
	wait(pid) // ours, dead, and not reaped: pid names no other process
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.nextDied != died {
		return
	}
	u.nextDeath = describeExit(ws)
	msg := "next generation died"
	if u.committed {
		msg = "next generation died after this one stopped serving" // nobody serves
	}
	// Logged before died is closed, so that it comes before "serving again".
	u.logAttrs(slog.LevelError, msg, slog.Int("pid", u.pid), slog.Int("next", pid), slog.String("status", u.nextDeath))
	close(died)
}
