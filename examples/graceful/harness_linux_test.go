package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// buildExample builds this program into a temporary directory with the go
// command of the toolchain running the test.
func buildExample(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "graceful")
	// The test runs where it was built, so the toolchain's root is here.
	//lint:ignore SA1019 the go command of the toolchain that built this test
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goCmd, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// becomeSubreaper makes this process the parent of the orphans among its
// descendants, so that it reaps every generation itself: the first is its
// child, each next one the child of the one it replaced, which exits.
func becomeSubreaper(tb testing.TB) {
	tb.Helper()
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		tb.Fatalf("prctl(PR_SET_CHILD_SUBREAPER): %v", errno)
	}
	tb.Cleanup(func() { syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 0, 0) })
}

// A server is the example running, all generations of it.
type server struct {
	tb    testing.TB
	bin   string
	cmd   *exec.Cmd // the first generation
	addr  string
	first int
	log   string // every generation's standard error

	lines  chan string   // standard output of every generation
	eof    chan struct{} // closed when every generation has closed its standard output
	exited chan struct{} // closed once the first generation is reaped

	mu   sync.Mutex
	pids []int // every generation seen ready, in order
}

// startServer runs the example with args (and -addr 127.0.0.1:0) and waits
// until it is ready.
func startServer(tb testing.TB, bin string, args ...string) *server {
	tb.Helper()
	s := &server{tb: tb, bin: bin, log: filepath.Join(tb.TempDir(), "stderr.log"), lines: make(chan string, 256), eof: make(chan struct{}), exited: make(chan struct{})}
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
	go func() {
		defer close(s.eof)
		defer r.Close()
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
	}()
	tb.Cleanup(s.cleanup)
	line := s.expect("ready ", 30*time.Second)
	var addr string
	if _, err := fmt.Sscanf(line, "ready pid=%d addr=%s", &s.first, &addr); err != nil {
		tb.Fatalf("ready line %q: %v", line, err)
	}
	s.addr = addr
	s.pids = []int{s.first}
	return s
}

// expect returns the next output line that starts with prefix, skipping
// others, or fails after d.
func (s *server) expect(prefix string, d time.Duration) string {
	s.tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case line := <-s.lines:
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-timer.C:
			s.tb.Fatalf("no %q line within %v; log:\n%s", prefix, d, s.logTail())
			return ""
		}
	}
}

// upgrade sends SIGUSR2 to the serving generation and returns the PID of
// the one that became ready.
func (s *server) upgrade() int {
	s.tb.Helper()
	cur := s.current()
	if err := syscall.Kill(cur, syscall.SIGUSR2); err != nil {
		s.tb.Fatal(err)
	}
	line := s.expectOneOf([]string{"ready ", "upgrade failed:"}, 30*time.Second)
	var pid int
	if _, err := fmt.Sscanf(line, "ready pid=%d", &pid); err != nil {
		s.tb.Fatalf("upgrade of %d: %s", cur, line)
	}
	s.mu.Lock()
	s.pids = append(s.pids, pid)
	s.mu.Unlock()
	return pid
}

func (s *server) expectOneOf(prefixes []string, d time.Duration) string {
	s.tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case line := <-s.lines:
			for _, p := range prefixes {
				if strings.HasPrefix(line, p) {
					return line
				}
			}
		case <-timer.C:
			s.tb.Fatalf("none of %q within %v; log:\n%s", prefixes, d, s.logTail())
			return ""
		}
	}
}

func (s *server) current() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pids[len(s.pids)-1]
}

func (s *server) generations() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.pids)
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// stop sends SIGTERM to the serving generation and finishes.
func (s *server) stop() {
	s.tb.Helper()
	last := s.current()
	if err := syscall.Kill(last, syscall.SIGTERM); err != nil {
		s.tb.Fatal(err)
	}
	s.finish()
}

// finish reaps every generation once the last one was told to stop, and
// checks that each exited with status 0 and left no process behind.
func (s *server) finish() {
	s.tb.Helper()
	for pid, ws := range s.reap(30 * time.Second) {
		if !ws.Exited() || ws.ExitStatus() != 0 {
			s.tb.Errorf("generation %d: wait status %#x, want exit status 0", pid, uint32(ws))
		}
	}
	s.checkNoZombies()
}

// reap waits for every generation to exit and reaps it: the first through
// its exec.Cmd, the others, orphaned when the one before them exits, as
// this process's children (see becomeSubreaper).
func (s *server) reap(d time.Duration) map[int]syscall.WaitStatus {
	s.tb.Helper()
	got := map[int]syscall.WaitStatus{}
	deadline := time.Now().Add(d)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for _, pid := range s.generations()[1:] {
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
				s.tb.Fatalf("generation %d not reaped within %v (state %q); log:\n%s", pid, d, procState(pid), s.logTail())
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

// checkNoZombies fails if a process is left whose parent is this process or
// a generation.
func (s *server) checkNoZombies() {
	s.tb.Helper()
	for _, ppid := range append(s.generations(), os.Getpid()) {
		for _, p := range childrenOf(ppid) {
			s.tb.Errorf("process %d (state %s) left behind, child of %d", p.pid, p.state, ppid)
		}
	}
}

// cleanup kills, by PID, whatever a failed test left running: the
// generations and their children, which this test started.
func (s *server) cleanup() {
	select {
	case <-s.exited:
		if len(childrenOf(os.Getpid())) == 0 {
			<-s.eof
			return
		}
	default:
	}
	for _, pid := range s.generations() {
		for _, p := range childrenOf(pid) {
			syscall.Kill(p.pid, syscall.SIGKILL)
		}
		if procState(pid) != "" {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	<-s.exited
	// Generations orphaned by the ones killed above are this process's
	// children now (see becomeSubreaper); tests run one at a time, so
	// every child left is one of them.
	for _, p := range childrenOf(os.Getpid()) {
		syscall.Kill(p.pid, syscall.SIGKILL)
		var ws syscall.WaitStatus
		syscall.Wait4(p.pid, &ws, 0, nil)
	}
	timer := time.NewTimer(30 * time.Second)
	defer timer.Stop()
	select {
	case <-s.eof:
	case <-timer.C:
		s.tb.Error("standard output of the generations still open after cleanup")
	}
}

// A proc is a process as /proc/PID/stat shows it.
type proc struct {
	pid, ppid int
	state     string
}

func readProc(pid int) (proc, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return proc{}, false
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 2 {
		return proc{}, false
	}
	ppid, _ := strconv.Atoi(fields[1])
	return proc{pid: pid, ppid: ppid, state: fields[0]}, true
}

// procState returns pid's state letter, "" if there is no such process.
func procState(pid int) string {
	p, _ := readProc(pid)
	return p.state
}

// childrenOf returns the processes whose parent is ppid, zombies included.
func childrenOf(ppid int) []proc {
	var out []proc
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if p, ok := readProc(pid); ok && p.ppid == ppid {
			out = append(out, p)
		}
	}
	return out
}

// fdTargets returns what each of pid's descriptors refers to, sorted.
func fdTargets(pid int) []string {
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

// listenerFlags returns the file status flags of pid's descriptor for the
// socket with inode, from /proc/PID/fdinfo.
func listenerFlags(pid int, inode string) (int64, bool) {
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
			if v, ok := strings.CutPrefix(line, "flags:"); ok {
				flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
				return flags, err == nil
			}
		}
	}
	return 0, false
}

// listenInode returns the inode of the listening TCP socket on port.
func listenInode(tb testing.TB, port int) string {
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

// load is keep-alive traffic from clients that never retry: a request that
// gets no complete response is a failure, and so is a refused connection.
// A client opens a new connection only after a response that said
// "Connection: close", which is not a retry.
type load struct {
	addr             string
	cancel           context.CancelFunc
	wg               sync.WaitGroup
	ok, failed, refd atomic.Int64

	mu     sync.Mutex
	errs   []string
	byPID  map[int]int64
	seen   map[int]chan struct{} // closed at a PID's first response
	firsts map[int]time.Time
}

func startLoad(addr string, clients int) *load {
	ctx, cancel := context.WithCancel(context.Background())
	l := &load{addr: addr, cancel: cancel, byPID: map[int]int64{}, seen: map[int]chan struct{}{}, firsts: map[int]time.Time{}}
	for range clients {
		l.wg.Go(func() { l.client(ctx) })
	}
	return l
}

func (l *load) fail(counter *atomic.Int64, err error) {
	counter.Add(1)
	l.mu.Lock()
	if len(l.errs) < 10 {
		l.errs = append(l.errs, err.Error())
	}
	l.mu.Unlock()
}

func (l *load) client(ctx context.Context) {
	var c net.Conn
	var br *bufio.Reader
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	pause := time.NewTicker(10 * time.Millisecond) // after an error only
	defer pause.Stop()
	for ctx.Err() == nil {
		if c == nil {
			var err error
			if c, err = net.DialTimeout("tcp", l.addr, 10*time.Second); err != nil {
				l.fail(&l.refd, err)
				c = nil
				<-pause.C
				continue
			}
			br = bufio.NewReader(c)
		}
		pid, closing, err := getPID(c, br)
		if err != nil {
			l.fail(&l.failed, err)
			c.Close()
			c = nil
			<-pause.C
			continue
		}
		l.ok.Add(1)
		l.record(pid)
		if closing {
			c.Close()
			c = nil
		}
	}
}

// getPID sends one GET / on c and returns the X-Pid of the response and
// whether it said "Connection: close".
func getPID(c net.Conn, br *bufio.Reader) (int, bool, error) {
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		return 0, false, err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return 0, false, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, false, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, false, fmt.Errorf("status %s", resp.Status)
	}
	pid, err := strconv.Atoi(resp.Header.Get("X-Pid"))
	return pid, resp.Close, err
}

func (l *load) record(pid int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byPID[pid]++
	if _, ok := l.firsts[pid]; !ok {
		l.firsts[pid] = time.Now()
		if ch, ok := l.seen[pid]; ok {
			close(ch)
		} else {
			ch := make(chan struct{})
			close(ch)
			l.seen[pid] = ch
		}
	}
}

// served returns a channel closed once pid has answered a request.
func (l *load) served(pid int) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	ch, ok := l.seen[pid]
	if !ok {
		ch = make(chan struct{})
		l.seen[pid] = ch
	}
	return ch
}

// waitServed fails unless pid answers a request within d.
func (l *load) waitServed(tb testing.TB, pid int, d time.Duration) time.Time {
	tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-l.served(pid):
	case <-timer.C:
		tb.Fatalf("no request served by %d within %v", pid, d)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.firsts[pid]
}

// finish stops the clients and checks that no request failed.
func (l *load) finish(tb testing.TB) {
	tb.Helper()
	l.cancel()
	l.wg.Wait()
	tb.Logf("load: %d requests, %d failed, %d refused connections; by PID: %v", l.ok.Load(), l.failed.Load(), l.refd.Load(), l.byPID)
	if f, r := l.failed.Load(), l.refd.Load(); f != 0 || r != 0 {
		tb.Errorf("%d failed requests and %d refused connections, want none; first errors: %q", f, r, l.errs)
	}
}

// poll checks cond every 10 ms until it holds or d passes. It is for
// waiting on other processes, which send no event.
func poll(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}

// vmHWM returns pid's peak resident set size in KiB, from /proc.
func vmHWM(pid int) int64 {
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
