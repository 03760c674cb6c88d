// Command graceful is an HTTP server that replaces itself with a new
// process on SIGUSR2 (or SIGHUP) without dropping a request, and drains on
// SIGTERM (or SIGINT). Each response names the process that served it, in
// an X-Pid header and in the body, so you can watch the generations change.
//
//	go build -o /tmp/graceful ./examples/graceful
//	/tmp/graceful -addr 127.0.0.1:8080 -pidfile /tmp/graceful.pid &
//	curl -i http://127.0.0.1:8080/
//	kill -USR2 "$(cat /tmp/graceful.pid)"   # upgrade: a new PID answers
//	kill -TERM "$(cat /tmp/graceful.pid)"   # drain and exit
//
// With -tls-cert and -tls-key it serves HTTPS, HTTP/1.1 and HTTP/2, with
// the same drain. Its handler is wrapped with graceful.Handler, which makes
// the drain safe over TLS and HTTP/2; -drain-handler=false leaves the
// drain to the listener alone, as for a server that does not wrap its
// handler, for comparison and tests. See README.md for more, including a
// systemd unit and how to measure the handover.
//
// Lines on standard output say what happened, for people and for the
// tests: "ready pid=N addr=A" once a generation serves, "upgrade failed:
// ERR" when a new generation could not take over, and "exit pid=N" when a
// generation is done. Logs go to standard error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lifekit/lifekit/graceful"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	pidFile := flag.String("pidfile", "", "file to write the serving process's PID to")
	lameDuck := flag.Duration("lame-duck", 5*time.Second, "how long at most to answer with \"Connection: close\" before shutting down (it ends once every client has been told)")
	drainTimeout := flag.Duration("drain-timeout", 30*time.Second, "bound on the whole drain")
	upgradeTimeout := flag.Duration("upgrade-timeout", 30*time.Second, "how long a new generation has to become ready")
	certFile := flag.String("tls-cert", "", "PEM certificate file: serve HTTPS (HTTP/1.1 and HTTP/2); each generation reads it when it starts, so a renewed certificate takes effect at the next upgrade")
	keyFile := flag.String("tls-key", "", "PEM key file of -tls-cert")
	drainHandler := flag.Bool("drain-handler", true, "wrap the handler with graceful.Handler; false relies on the listener alone, as a server that does not wrap its handler does (for comparison and tests; unsafe with TLS)")
	hook := flag.String("test-hook", "", "test hook: a file whose content makes this generation misbehave: \"exit\", \"crash\" or \"hang\" before Ready; \"die-after-ready\": start no server, and exit with status 5 right after Ready")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("pid", os.Getpid())
	if (*certFile == "") != (*keyFile == "") {
		fmt.Fprintln(os.Stderr, "-tls-cert and -tls-key go together")
		os.Exit(2)
	}
	err := run(log, options{
		addr: *addr, pidFile: *pidFile, hook: *hook, certFile: *certFile, keyFile: *keyFile, drainHandler: *drainHandler,
		lameDuck: *lameDuck, drainTimeout: *drainTimeout, upgradeTimeout: *upgradeTimeout,
	})
	fmt.Printf("exit pid=%d\n", os.Getpid())
	if err != nil {
		log.Error("exit", "err", err)
		os.Exit(1)
	}
}

// options are the flags.
type options struct {
	addr, pidFile, hook, certFile, keyFile string
	drainHandler                           bool
	lameDuck, drainTimeout, upgradeTimeout time.Duration
}

func run(log *slog.Logger, o options) error {
	u, err := graceful.New(
		graceful.WithPIDFile(o.pidFile),
		graceful.WithUpgradeTimeout(o.upgradeTimeout),
		graceful.WithLogger(log),
	)
	if err != nil {
		return err
	}
	defer u.Stop()

	ln, err := u.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	h := handler()
	if o.drainHandler {
		h = graceful.Handler(h) // the drain says "Connection: close"
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	dies := hookSays(o.hook, "die-after-ready")
	switch {
	case dies:
		// The test hook's generation takes no connection: see dieAfterReady.
	case o.certFile != "":
		go func() { served <- srv.ServeTLS(ln, o.certFile, o.keyFile) }()
	default:
		go func() { served <- srv.Serve(ln) }()
	}

	// Signals are the program's to wire: the library never calls Notify.
	// Wire them before Ready: from then on, systemd or an operator may
	// signal this process.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, append(upgradeSignals, syscall.SIGTERM, os.Interrupt)...)
	defer signal.Stop(sigs)

	misbehave(o.hook)
	if err := u.Ready(); err != nil {
		return err
	}
	fmt.Printf("ready pid=%d addr=%s\n", os.Getpid(), ln.Addr())
	if dies {
		dieAfterReady()
	}

	for {
		if err := serveUntilExit(log, u, sigs, served); err != nil {
			return err
		}
		// Stop first: the listener stops accepting, which keeps the lame
		// duck safe for keep-alive clients; then drain.
		u.Stop()
		ctx, cancel := context.WithTimeout(context.Background(), o.drainTimeout)
		err := u.Shutdown(ctx, srv, o.lameDuck)
		cancel()
		if errors.Is(err, graceful.ErrResumed) {
			// The next generation died while this one drained: serve on.
			fmt.Printf("serving again pid=%d\n", os.Getpid())
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveUntilExit handles signals until this generation must drain: on
// SIGTERM or SIGINT, or once it handed over (Exit). It returns the server's
// error if Serve ends first.
func serveUntilExit(log *slog.Logger, u *graceful.Upgrader, sigs <-chan os.Signal, served <-chan error) error {
	exit := u.Exit()
	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGTERM || sig == os.Interrupt {
				log.Info("draining", "signal", sig)
				return nil
			}
			// Upgrade blocks until the new generation is ready; keep
			// handling signals meanwhile. A second SIGUSR2 gets
			// ErrUpgradeInProgress.
			go func() {
				if err := u.Upgrade(context.Background()); err != nil {
					fmt.Printf("upgrade failed: %v\n", oneLine(err))
				}
			}()
		case <-exit:
			log.Info("handed over; draining")
			return nil
		case err := <-served:
			return err
		}
	}
}

func handler() http.Handler {
	pid := strconv.Itoa(os.Getpid())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", pid)
		fmt.Fprintf(w, "pid %s\n", pid)
	})
	// /slow?d=2s answers in two parts, d apart (at most a minute): the
	// first line at once, so that a client knows its request is in
	// flight, the second at the end. It shows that a drain waits for it.
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		d, err := time.ParseDuration(r.URL.Query().Get("d"))
		if err != nil || d < 0 || d > time.Minute {
			http.Error(w, "d: a duration up to 1m", http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Pid", pid)
		fmt.Fprintf(w, "started pid %s\n", pid)
		http.NewResponseController(w).Flush()
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			fmt.Fprintf(w, "done pid %s\n", pid)
		case <-r.Context().Done():
		}
	})
	return mux
}

// misbehave is a test hook: it lets a test make one generation fail
// before it is ready, by writing the hook file before sending SIGUSR2.
func misbehave(hook string) {
	if hook == "" {
		return
	}
	b, err := os.ReadFile(hook)
	if err != nil {
		return
	}
	switch strings.TrimSpace(string(b)) {
	case "exit":
		os.Exit(3)
	case "crash":
		panic("test hook: crash before ready")
	case "hang":
		time.Sleep(time.Hour) // never ready: the parent's deadline kills us
	}
}

// hookSays reports whether the test hook file holds what.
func hookSays(hook, what string) bool {
	if hook == "" {
		return false
	}
	b, err := os.ReadFile(hook)
	return err == nil && strings.TrimSpace(string(b)) == what
}

// dieAfterReady is a test hook: with "die-after-ready" in the hook file, a
// generation starts no server, calls Ready, and exits with status 5 while
// the previous one drains. It stands for a new generation that dies right
// after Ready, before it took a connection: the connections the kernel
// queued meanwhile stay in the shared socket, and the previous generation,
// which serves again, accepts them. (Connections that a dying process had
// accepted die with it; nothing can save those.)
func dieAfterReady() {
	os.Exit(5)
}

func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", " ")
}
