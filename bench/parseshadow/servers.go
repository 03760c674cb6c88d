package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// parseLauncher starts Parse Server; see the comment at its top.
//
//go:embed parse.js
var parseLauncher []byte

// server is one of the two servers under comparison, running as a child
// process. Make it with startParse or startOurs; stop it with stop, which
// is idempotent.
type server struct {
	name    string // "Parse Server" or "lifekit", for messages
	base    string // URL of the API's root: http://addr/parse or http://addr/v1
	prefix  string // the path of base: /parse or /v1
	addr    string
	version string // Parse Server's package version; "" for lifekit
	log     string // file with the process's output

	cmd      *exec.Cmd
	exited   chan struct{} // closed once cmd.Wait returned
	waitErr  error         // cmd.Wait's error, set before exited is closed
	stopOnce sync.Once
	stopErr  error
}

// startParse runs parse.js with node, Parse Server at /parse, on its own
// database.
func startParse(ctx context.Context, cfg config, tmp, dbURL string) (*server, error) {
	pkg := filepath.Join(cfg.parseDir, "node_modules", "parse-server", "package.json")
	if _, err := os.Stat(pkg); err != nil {
		return nil, fmt.Errorf("parse server not installed in %s (run bench/parseshadow/install.sh): %w", cfg.parseDir, err)
	}
	dir := filepath.Join(tmp, "parse")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "parse.js")
	if err := os.WriteFile(script, parseLauncher, 0o644); err != nil {
		return nil, err
	}
	settings, err := json.Marshal(map[string]string{
		"dir":         cfg.parseDir,
		"appId":       appID,
		"masterKey":   masterKey,
		"databaseURI": dbURL,
		"logsFolder":  filepath.Join(dir, "logs"),
	})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(cfg.node, script)
	cmd.Dir = dir // Parse Server writes relative to its working directory
	cmd.Env = append(os.Environ(), "PARSESHADOW_CONFIG="+string(settings), "NODE_ENV=production")
	s := &server{name: "Parse Server", prefix: "/parse", log: filepath.Join(dir, "output.log")}
	if err := s.start(ctx, cmd, cfg.timeout); err != nil {
		return nil, err
	}
	return s, nil
}

// startOurs builds the lifekit API server from the repository into tmp and
// runs it on its own database.
func startOurs(ctx context.Context, cfg config, tmp, dbURL string) (*server, error) {
	dir := filepath.Join(tmp, "lifekit")
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "apiserver")
	bctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	build := exec.CommandContext(bctx, "go", "build", "-o", bin, "github.com/lifekit/lifekit/examples/apiserver")
	build.Dir = cfg.repo
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the lifekit API server: %w\n%s", err, out)
	}
	cmd := exec.Command(bin,
		"-addr", "127.0.0.1:0",
		"-admin-addr", "",
		"-db", dbURL,
		"-data", data,
		"-app-id", appID,
		"-master-key", masterKey,
		"-log-format", "json",
	)
	cmd.Dir = dir
	s := &server{name: "lifekit", prefix: "/v1", log: filepath.Join(dir, "output.log")}
	if err := s.start(ctx, cmd, cfg.timeout); err != nil {
		return nil, err
	}
	return s, nil
}

// start runs cmd, its output going to s.log, and waits for the line
// {"msg":"serving","addr":...} that both servers print once they serve.
// On error the process is stopped.
func (s *server) start(ctx context.Context, cmd *exec.Cmd, timeout time.Duration) error {
	logFile, err := os.Create(s.log)
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
		return fmt.Errorf("start %s: %w", s.name, err)
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
		s.addr, s.version = l.Addr, l.Version
		s.base = "http://" + l.Addr + s.prefix
		return nil
	case <-s.exited:
		return fmt.Errorf("%s exited before serving (%v); its output:\n%s", s.name, s.waitErr, tail(s.log))
	case <-timer.C:
		err = fmt.Errorf("%s did not serve within %v; its output:\n%s", s.name, timeout, tail(s.log))
	case <-ctx.Done():
		err = fmt.Errorf("start %s: %w", s.name, ctx.Err())
	}
	return errors.Join(err, s.stop())
}

// serveLine is the part of a log line that start looks for.
type serveLine struct {
	Msg     string `json:"msg"`
	Addr    string `json:"addr"`
	Version string `json:"version"`
}

// stop sends SIGTERM to the process it started (by PID, never by name),
// waits up to 10 seconds for it to exit, then kills it.
func (s *server) stop() error {
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
			s.stopErr = fmt.Errorf("%s (pid %d) did not stop within 10s of SIGTERM: killed", s.name, s.cmd.Process.Pid)
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

// tail is the end of a log file, for an error message.
func tail(path string) string {
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
