//go:build linux

// Command upgradeserver is one HTTP server built on either lifekit's
// graceful or cloudflare/tableflip, so that bench's BenchmarkUpgrade can put
// both through the same upgrades under the same load. Everything but the
// upgrade library is shared: the handler, the flags, the signals and the
// lines it prints.
//
//	upgradeserver -impl lifekit|tableflip -addr 127.0.0.1:0
//
// It upgrades on SIGUSR2 and drains and exits on SIGTERM, and prints the
// lines lifekit's internal/proctest follows: "ready pid=N addr=A" once a
// generation serves, "upgrade failed: ERR", and "exit pid=N maxrss=K" when
// a generation is done, K being its peak resident set size in KiB (VmHWM).
// With tableflip, a generation also says "parent gone pid=N" once it knows
// its parent has exited, which tableflip requires before the next upgrade.
//
// Each implementation drains as its documentation says to:
//
//   - lifekit: graceful.Upgrader.Stop, then Upgrader.Shutdown with a
//     lame-duck period (-lame-duck), as examples/graceful does;
//   - tableflip: http.Server.Shutdown once Upgrader.Exit is closed, as its
//     http.Server example does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cloudflare/tableflip"
	"github.com/lifekit/lifekit/graceful"
)

func main() {
	impl := flag.String("impl", "lifekit", "upgrade library: lifekit or tableflip")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	lameDuck := flag.Duration("lame-duck", 300*time.Millisecond, "lifekit: how long to answer with \"Connection: close\" before shutting down")
	flag.Parse()

	var err error
	switch *impl {
	case "lifekit":
		err = runLifekit(*addr, *lameDuck)
	case "tableflip":
		err = runTableflip(*addr)
	default:
		err = fmt.Errorf("-impl %q: want lifekit or tableflip", *impl)
	}
	fmt.Printf("exit pid=%d maxrss=%d\n", os.Getpid(), peakRSS())
	if err != nil {
		fmt.Fprintf(os.Stderr, "upgradeserver %d: %v\n", os.Getpid(), err)
		os.Exit(1)
	}
}

const drainTimeout = 30 * time.Second

// peakRSS returns this process's peak resident set size in KiB, VmHWM in
// /proc/self/status. Not getrusage's ru_maxrss: that survives execve, so a
// new generation, started by vfork and exec, would report its parent's.
func peakRSS() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// upgrader is what the two libraries have in common.
type upgrader interface {
	Listen(network, addr string) (net.Listener, error)
	Ready() error
	Exit() <-chan struct{}
}

// serve runs the server on u until SIGTERM or until a new generation took
// over, upgrading on SIGUSR2, and returns the server for draining. It
// calls ready once it has said so.
func serve(u upgrader, addr string, upgrade func() error, ready func()) (*http.Server, chan error, error) {
	ln, err := u.Listen("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Handler: handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR2, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := u.Ready(); err != nil {
		return nil, nil, err
	}
	fmt.Printf("ready pid=%d addr=%s\n", os.Getpid(), ln.Addr())
	ready()
	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGTERM {
				return srv, served, nil
			}
			go func() {
				if err := upgrade(); err != nil {
					fmt.Printf("upgrade failed: %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
				}
			}()
		case <-u.Exit():
			return srv, served, nil
		case err := <-served:
			return nil, nil, err
		}
	}
}

func runLifekit(addr string, lameDuck time.Duration) error {
	u, err := graceful.New()
	if err != nil {
		return err
	}
	defer u.Stop()
	srv, served, err := serve(u, addr, func() error { return u.Upgrade(context.Background()) }, func() {})
	if err != nil {
		return err
	}
	u.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := u.Shutdown(ctx, srv, lameDuck); err != nil {
		return err
	}
	return serverErr(<-served)
}

func runTableflip(addr string) error {
	u, err := tableflip.New(tableflip.Options{UpgradeTimeout: drainTimeout})
	if err != nil {
		return err
	}
	defer u.Stop()
	// Once ready, tell the benchmark when this generation can upgrade
	// again, after the "ready" line.
	parentGone := func() {
		if !u.HasParent() {
			return
		}
		go func() {
			if u.WaitForParent(context.Background()) == nil {
				fmt.Printf("parent gone pid=%d\n", os.Getpid())
			}
		}()
	}
	srv, served, err := serve(u, addr, func() error { return tableflipUpgrade(u) }, parentGone)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	return serverErr(<-served)
}

// tableflipUpgrade upgrades once the parent, if any, has exited: tableflip
// refuses to upgrade before, with "parent hasn't exited", and its Upgrade
// learns of the parent's exit a moment after WaitForParent does, so that
// error is retried for a while too.
func tableflipUpgrade(u *tableflip.Upgrader) error {
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := u.WaitForParent(ctx); err != nil {
		return err
	}
	tick := time.NewTicker(50 * time.Microsecond)
	defer tick.Stop()
	for {
		err := u.Upgrade()
		if err == nil || err.Error() != "parent hasn't exited" {
			return err
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return err
		}
	}
}

func serverErr(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

func handler() http.Handler {
	pid := strconv.Itoa(os.Getpid())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Pid", pid)
		fmt.Fprintf(w, "pid %s\n", pid)
	})
}
