package graceful

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// The test binary doubles as the next generation that the tests upgrade
// to, and as the program that systemd starts: with childEnv set, it runs
// childMain instead of the tests. An Upgrade from a test re-executes the
// binary with the same arguments and environment, so setting childEnv with
// t.Setenv before Upgrade is enough.
const (
	// childEnv selects what the child does: "serve" serves the sockets of
	// childSocketsEnv until SIGTERM or until it hands over; "exit" exits
	// with status 3 before Ready; "hang" never becomes ready;
	// "serve-hang" starts serving the sockets, then never becomes ready,
	// after creating the file childMarkerEnv names; "files" writes the
	// content of the file passed as "state", and its PID, to the
	// connection passed as "peer", then serves as "serve" does; "reaper"
	// only makes an Upgrader that logs to standard error.
	childEnv = "GRACEFUL_TEST_CHILD"
	// childMarkerEnv names the file a "serve-hang" child creates once its
	// servers run.
	childMarkerEnv = "GRACEFUL_TEST_MARKER"
	// childSocketsEnv lists "network=address" pairs separated by ";".
	// Stream sockets get an HTTP server that answers with its PID in
	// X-Pid; packet sockets answer each datagram with the PID.
	childSocketsEnv = "GRACEFUL_TEST_SOCKETS"
	// childReportEnv, when set, makes the child print one JSON line, a
	// childReport, on standard output once it is ready or has failed.
	childReportEnv = "GRACEFUL_TEST_REPORT"
	// childPIDFileEnv is passed to WithPIDFile.
	childPIDFileEnv = "GRACEFUL_TEST_PIDFILE"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(childMain(mode))
	}
	// Children built with -race would sleep 1 s on exit, for nothing.
	os.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	goleak.VerifyTestMain(m)
}

// childReport is what a child prints with childReportEnv.
type childReport struct {
	PID int               `json:"pid"`
	Err string            `json:"err,omitempty"`
	Env map[string]string `json:"env"` // the variables New should have removed, if still set
}

func childMain(mode string) int {
	if mode == "reaper" {
		// New, logging to standard error, and nothing else: what it says
		// about orphans is the test's.
		u, err := New(WithLogger(slog.New(slog.NewJSONHandler(os.Stderr, nil))))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		u.Stop()
		return 0
	}
	report := func(err error) {
		if os.Getenv(childReportEnv) == "" {
			return
		}
		r := childReport{PID: os.Getpid(), Env: map[string]string{}}
		if err != nil {
			r.Err = err.Error()
		}
		for _, kv := range os.Environ() {
			name, value, _ := strings.Cut(kv, "=")
			if strings.HasPrefix(name, "LISTEN_") || strings.HasPrefix(name, envPrefix) {
				r.Env[name] = value
			}
		}
		json.NewEncoder(os.Stdout).Encode(r)
	}
	var opts []Option
	if p := os.Getenv(childPIDFileEnv); p != "" {
		opts = append(opts, WithPIDFile(p))
	}
	u, err := New(opts...)
	if err != nil {
		report(err)
		return 1
	}
	defer u.Stop()
	switch mode {
	case "exit":
		return 3
	case "hang":
		time.Sleep(time.Hour) // the parent's deadline kills us
		return 4
	case "files":
		if err := reportFiles(u); err != nil {
			report(err)
			return 1
		}
	}

	pid := strconv.Itoa(os.Getpid())
	var servers []*http.Server
	var packets []net.PacketConn
	for spec := range strings.SplitSeq(os.Getenv(childSocketsEnv), ";") {
		network, address, _ := strings.Cut(spec, "=")
		switch network {
		case "udp", "udp4", "udp6", "unixgram":
			pc, err := u.ListenPacket(network, address)
			if err != nil {
				report(err)
				return 1
			}
			packets = append(packets, pc)
			go echoPID(pc, pid)
		default:
			ln, err := u.Listen(network, address)
			if err != nil {
				report(err)
				return 1
			}
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Pid", pid)
				fmt.Fprintln(w, pid)
			})}
			servers = append(servers, srv)
			go srv.Serve(ln)
		}
	}
	if mode == "serve-hang" {
		// Serving, as a program may before it is ready; then stuck.
		if err := os.WriteFile(os.Getenv(childMarkerEnv), nil, 0o600); err != nil {
			report(err)
			return 1
		}
		time.Sleep(time.Hour) // the parent's deadline kills us
		return 4
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM)
	if err := u.Ready(); err != nil {
		report(err)
		return 1
	}
	report(nil)
	select {
	case <-sigs:
	case <-u.Exit():
	}
	u.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, srv := range servers {
		Shutdown(ctx, srv, 0)
	}
	for _, pc := range packets {
		pc.Close()
	}
	return 0
}

// echoPID answers every datagram on pc with pid, until pc is closed.
func echoPID(pc net.PacketConn, pid string) {
	buf := make([]byte, 512)
	for {
		_, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		pc.WriteTo([]byte(pid), from)
	}
}

// reportFiles writes the content of the file passed as "state" and this
// process's PID to the connection passed as "peer".
func reportFiles(u *Upgrader) error {
	state, peerFile := u.File("state"), u.File("peer")
	if state == nil || peerFile == nil {
		return fmt.Errorf("files passed: state %v, peer %v", state != nil, peerFile != nil)
	}
	defer state.Close()
	peer, err := net.FileConn(peerFile)
	peerFile.Close()
	if err != nil {
		return err
	}
	defer peer.Close()
	b := make([]byte, 64)
	n, err := state.ReadAt(b, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	_, err = fmt.Fprintf(peer, "%s|%d\n", b[:n], os.Getpid())
	return err
}
