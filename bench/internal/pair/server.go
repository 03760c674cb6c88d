package pair

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// Server is one of the two servers, running as a child process. Make it
// with StartParse or StartLifekit; stop it with Stop, which is idempotent
// and safe to call from several goroutines.
type Server struct {
	Name    string // "Parse Server" or "lifekit", for messages
	Prefix  string // the API's path: /parse or /v1
	Base    string // URL of the API's root: http://Addr/parse or http://Addr/v1
	Addr    string // host:port it listens on (127.0.0.1)
	Version string // Parse Server's package version; "" for lifekit
	Log     string // file with the process's output

	cmd      *exec.Cmd
	exited   chan struct{} // closed once cmd.Wait returned
	waitErr  error         // cmd.Wait's error, set before exited is closed
	stopOnce sync.Once
	stopErr  error
}

// PID is the process ID of the process started: for Parse Server, node
// running the launcher (which may have children of its own).
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Exited is closed once the process has exited.
func (s *Server) Exited() <-chan struct{} { return s.exited }

// start runs cmd, its output going to s.Log, and waits for the line
// {"msg":"serving","addr":...} that both servers print once they serve.
// On error the process is stopped.
func (s *Server) start(ctx context.Context, cmd *exec.Cmd, timeout time.Duration) error {
	logFile, err := os.Create(s.Log)
	if err != nil {
		return err
	}
	serving := make(chan serveLine, 1)
	out := &lineWriter{file: logFile, line: func(b []byte) {
		var l serveLine
		if json.Unmarshal(b, &l) == nil && l.Msg == "serving" && l.Addr != "" {
			select {
			case serving <- l:
			default:
			}
		}
	}}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = procAttr()
	s.cmd = cmd
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("start %s: %w", s.Name, err)
	}
	s.exited = make(chan struct{})
	go func() {
		s.waitErr = cmd.Wait()
		logFile.Close()
		close(s.exited)
	}()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case l := <-serving:
		s.Addr, s.Version = l.Addr, l.Version
		s.Base = "http://" + l.Addr + s.Prefix
		return nil
	case <-s.exited:
		return fmt.Errorf("%s exited before serving (%v); its output:\n%s", s.Name, s.waitErr, Tail(s.Log))
	case <-timer.C:
		err = fmt.Errorf("%s did not serve within %v; its output:\n%s", s.Name, timeout, Tail(s.Log))
	case <-ctx.Done():
		err = fmt.Errorf("start %s: %w", s.Name, ctx.Err())
	}
	return errors.Join(err, s.Stop())
}

// serveLine is the part of a log line that start looks for.
type serveLine struct {
	Msg     string `json:"msg"`
	Addr    string `json:"addr"`
	Version string `json:"version"`
}

// Stop sends SIGTERM to the process it started (by PID, never by name),
// waits up to 10 seconds for it to exit, then kills it. The error says
// that it had to be killed.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		select {
		case <-s.exited:
			return
		default:
		}
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			s.cmd.Process.Kill()
		}
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
			s.stopErr = fmt.Errorf("%s (pid %d) did not stop within 10s of SIGTERM: killed", s.Name, s.cmd.Process.Pid)
		}
	})
	return s.stopErr
}

// lineWriter copies a process's output to a file and hands each complete
// line to a function. exec.Cmd calls Write from one goroutine at a time
// when Stdout and Stderr are the same writer.
type lineWriter struct {
	file    *os.File
	line    func([]byte)
	partial []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.file.Write(p)
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		w.line(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
	if len(w.partial) > 1<<20 { // a line that long is no serving line
		w.partial = nil
	}
	return len(p), nil
}

// Tail is the end of a log file, for an error message.
func Tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	const max = 4000
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// StartBoth starts Parse Server and lifekit's server at once (Parse
// Server's first start and the Go build take about as long as each other)
// and returns them, or, if either fails, stops the one that started and
// returns the errors.
func StartBoth(ctx context.Context, p Parse, l Lifekit) (parse, ours *Server, err error) {
	type started struct {
		s   *Server
		err error
	}
	parseCh, oursCh := make(chan started, 1), make(chan started, 1)
	go func() {
		s, err := StartParse(ctx, p)
		parseCh <- started{s, err}
	}()
	go func() {
		s, err := StartLifekit(ctx, l)
		oursCh <- started{s, err}
	}()
	ps, ls := <-parseCh, <-oursCh
	if err := errors.Join(ps.err, ls.err); err != nil {
		for _, s := range []*Server{ps.s, ls.s} {
			if s != nil {
				err = errors.Join(err, s.Stop())
			}
		}
		return nil, nil, err
	}
	return ps.s, ls.s, nil
}
