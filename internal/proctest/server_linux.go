package proctest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Build builds the main package pkg (a path relative to the test's
// directory, such as "." or "./cmd/server") into a temporary directory,
// with the go command of the toolchain running the test and any extra
// build flags (such as -race), and returns the executable's path.
func Build(tb testing.TB, pkg string, flags ...string) string {
	tb.Helper()
	name := filepath.Base(pkg)
	if name == "." || name == ".." || name == string(filepath.Separator) {
		name = "server"
	}
	bin := filepath.Join(tb.TempDir(), name)
	// The test runs where it was built, so the toolchain's root is here.
	//lint:ignore SA1019 the go command of the toolchain that built this test
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	args := append(append([]string{"build", "-o", bin}, flags...), pkg)
	cmd := exec.Command(goCmd, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// A Server is a program that follows the protocol of the package comment,
// running: all its generations. Call [BecomeSubreaper] before
// [StartServer], so that the test can reap the generations after the
// first.
type Server struct {
	tb    testing.TB
	cmd   *exec.Cmd // the first generation
	addr  string
	first int
	log   string // every generation's standard error

	eof    chan struct{} // closed when every generation has closed its standard output
	exited chan struct{} // closed once the first generation is reaped

	mu     sync.Mutex
	lines  []string              // standard output of every generation, not yet expected
	more   chan struct{}         // closed and replaced when a line comes
	pids   []int                 // every generation seen ready, in order
	exits  map[int]Exit          // generations that said "exit"
	exitCh map[int]chan struct{} // closed at a generation's "exit" line
}

// An Exit is what a generation said in its "exit" line.
type Exit struct {
	// MaxRSS is the generation's peak resident set size in KiB, 0 if it
	// did not say.
	MaxRSS int64
}

// StartServer runs bin with args and "-addr 127.0.0.1:0", and waits until
// it is ready. Whatever it leaves running when tb ends is killed, by PID.
func StartServer(tb testing.TB, bin string, args ...string) *Server {
	tb.Helper()
	s := &Server{
		tb:     tb,
		log:    filepath.Join(tb.TempDir(), "stderr.log"),
		more:   make(chan struct{}),
		eof:    make(chan struct{}),
		exited: make(chan struct{}),
		exits:  map[int]Exit{},
		exitCh: map[int]chan struct{}{},
	}
	logf, err := os.Create(s.log)
	if err != nil {
		tb.Fatal(err)
	}
	defer logf.Close()
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	s.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	s.cmd.Stdout, s.cmd.Stderr = w, logf // files: no copying goroutine to wait for
	if err := s.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	w.Close()
	go func() {
		defer close(s.exited)
		s.cmd.Wait()
	}()
	go s.read(r)
	tb.Cleanup(s.cleanup)
	line := s.Expect("ready ", 30*time.Second)
	var addr string
	if _, err := fmt.Sscanf(line, "ready pid=%d addr=%s", &s.first, &addr); err != nil {
		tb.Fatalf("ready line %q: %v", line, err)
	}
	s.addr = addr
	s.pids = []int{s.first}
	return s
}

// read queues the generations' standard output in s.lines, and records
// each "exit" line as it comes.
func (s *Server) read(r *os.File) {
	defer close(s.eof)
	defer r.Close()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "exit pid="); ok {
			var pid int
			var e Exit
			fmt.Sscanf(rest, "%d maxrss=%d", &pid, &e.MaxRSS)
			s.mu.Lock()
			s.exits[pid] = e
			close(s.exitChan(pid))
			s.mu.Unlock()
		}
		s.mu.Lock()
		s.lines = append(s.lines, line)
		close(s.more)
		s.more = make(chan struct{})
		s.mu.Unlock()
	}
}

// exitChan returns the channel closed at pid's "exit" line; s.mu is held.
func (s *Server) exitChan(pid int) chan struct{} {
	ch, ok := s.exitCh[pid]
	if !ok {
		ch = make(chan struct{})
		s.exitCh[pid] = ch
	}
	return ch
}

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.addr }

// First returns the PID of the first generation.
func (s *Server) First() int { return s.first }

// Expect returns the next output line that starts with prefix, skipping
// others; see [Server.ExpectOneOf].
func (s *Server) Expect(prefix string, d time.Duration) string {
	s.tb.Helper()
	return s.ExpectOneOf([]string{prefix}, d)
}

// ExpectOneOf returns the next output line that starts with one of
// prefixes, skipping others. It fails after d, or as soon as every
// generation has closed its output without such a line.
func (s *Server) ExpectOneOf(prefixes []string, d time.Duration) string {
	s.tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		s.mu.Lock()
		for len(s.lines) > 0 {
			line := s.lines[0]
			s.lines = s.lines[1:]
			for _, p := range prefixes {
				if strings.HasPrefix(line, p) {
					s.mu.Unlock()
					return line
				}
			}
		}
		more := s.more
		s.mu.Unlock()
		select {
		case <-more:
		case <-s.eof:
			s.mu.Lock()
			n := len(s.lines)
			s.mu.Unlock()
			if n == 0 {
				s.tb.Fatalf("none of %q before every generation closed its output; log:\n%s", prefixes, s.LogTail())
				return ""
			}
		case <-timer.C:
			s.tb.Fatalf("none of %q within %v; log:\n%s", prefixes, d, s.LogTail())
			return ""
		}
	}
}

// Upgrade sends SIGUSR2 to the serving generation and returns the PID of
// the one that became ready. It fails if the upgrade failed.
func (s *Server) Upgrade() int {
	s.tb.Helper()
	cur := s.Current()
	if err := syscall.Kill(cur, syscall.SIGUSR2); err != nil {
		s.tb.Fatal(err)
	}
	line := s.ExpectOneOf([]string{"ready ", "upgrade failed:"}, 30*time.Second)
	var pid int
	if _, err := fmt.Sscanf(line, "ready pid=%d", &pid); err != nil {
		s.tb.Fatalf("upgrade of %d: %s", cur, line)
	}
	s.mu.Lock()
	s.pids = append(s.pids, pid)
	s.mu.Unlock()
	return pid
}

// WaitExit waits until generation pid says "exit", and returns what it
// said; it fails after d.
func (s *Server) WaitExit(pid int, d time.Duration) Exit {
	s.tb.Helper()
	s.mu.Lock()
	ch := s.exitChan(pid)
	s.mu.Unlock()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ch:
	case <-timer.C:
		s.tb.Fatalf("generation %d did not exit within %v; log:\n%s", pid, d, s.LogTail())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exits[pid]
}

// Current returns the PID of the generation that became ready last.
func (s *Server) Current() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pids[len(s.pids)-1]
}

// Generations returns the PID of every generation seen ready, in order.
func (s *Server) Generations() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.pids)
}

// Log returns the generations' standard error so far.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

// LogTail returns the end of the generations' standard error.
func (s *Server) LogTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// Stop sends SIGTERM to the serving generation and calls [Server.Finish].
func (s *Server) Stop() {
	s.tb.Helper()
	if err := syscall.Kill(s.Current(), syscall.SIGTERM); err != nil {
		s.tb.Fatal(err)
	}
	s.Finish()
}

// Finish reaps every generation once the last one was told to stop, and
// checks that each exited with status 0 and left no process behind.
func (s *Server) Finish() {
	s.tb.Helper()
	for pid, ws := range s.reap(30 * time.Second) {
		if !ws.Exited() || ws.ExitStatus() != 0 {
			s.tb.Errorf("generation %d: wait status %#x, want exit status 0", pid, uint32(ws))
		}
	}
	for _, ppid := range append(s.Generations(), os.Getpid()) {
		for _, p := range ChildrenOf(ppid) {
			s.tb.Errorf("process %d (state %s) left behind, child of %d", p.PID, p.State, ppid)
		}
	}
}

// reap waits for every generation to exit and reaps it: the first through
// its exec.Cmd, the others, orphaned when the one before them exits, as
// this process's children (see BecomeSubreaper).
func (s *Server) reap(d time.Duration) map[int]syscall.WaitStatus {
	s.tb.Helper()
	got := map[int]syscall.WaitStatus{}
	deadline := time.Now().Add(d)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for _, pid := range s.Generations()[1:] {
		for {
			var ws syscall.WaitStatus
			wpid, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
			if wpid == pid {
				got[pid] = ws
				break
			}
			if errors.Is(err, syscall.ECHILD) {
				if _, serr := os.Stat(fmt.Sprintf("/proc/%d", pid)); os.IsNotExist(serr) {
					s.tb.Errorf("generation %d was reaped by someone else", pid)
					break
				}
			}
			if time.Now().After(deadline) {
				s.tb.Fatalf("generation %d not reaped within %v (state %q); log:\n%s", pid, d, State(pid), s.LogTail())
			}
			<-tick.C // another process's exit sends us no event to wait on
		}
	}
	timer := time.NewTimer(time.Until(deadline) + time.Second)
	defer timer.Stop()
	select {
	case <-s.exited:
		got[s.first] = s.cmd.ProcessState.Sys().(syscall.WaitStatus)
	case <-timer.C:
		s.tb.Fatalf("first generation %d did not exit", s.first)
	}
	<-s.eof // every generation closed its standard output
	return got
}

// cleanup kills, by PID, whatever a failed test left running: the
// generations and their children, which this test started.
func (s *Server) cleanup() {
	select {
	case <-s.exited:
		if len(ChildrenOf(os.Getpid())) == 0 {
			<-s.eof
			return
		}
	default:
	}
	for _, pid := range s.Generations() {
		for _, p := range ChildrenOf(pid) {
			syscall.Kill(p.PID, syscall.SIGKILL)
		}
		if State(pid) != "" {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	<-s.exited
	// Generations orphaned by the ones killed above are this process's
	// children now (see BecomeSubreaper); tests run one at a time, so
	// every child left is one of them.
	for _, p := range ChildrenOf(os.Getpid()) {
		syscall.Kill(p.PID, syscall.SIGKILL)
		var ws syscall.WaitStatus
		syscall.Wait4(p.PID, &ws, 0, nil)
	}
	timer := time.NewTimer(30 * time.Second)
	defer timer.Stop()
	select {
	case <-s.eof:
	case <-timer.C:
		s.tb.Error("standard output of the generations still open after cleanup")
	}
}
