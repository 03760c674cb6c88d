package main

// Everything the server takes from package graceful is in this file.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/graceful"
	"github.com/lifekit/lifekit/lifecycle"
)

// Upgrades is the Process of a server that can be upgraded in place: its
// socket comes from graceful, so that the next generation of the process
// inherits it, and its Run turns SIGUSR2 and SIGHUP into graceful upgrades.
//
// An upgrade starts the same executable, re-read from disk, with the same
// arguments and environment. The new generation starts its own graph, takes
// the socket, and calls Ready once it serves; only then does this generation
// leave: Run returns lifecycle.ErrDone, which stops the graph as a SIGTERM
// would (not ready, lame duck, drain, flush, close), as a normal exit.
// A new generation that fails to start is reaped, the failure is recorded
// at /debug/errors, and this one serves on.
type Upgrades struct {
	Logger *slog.Logger     `inject:""`
	Errors *errs.Aggregator `inject:""`
	// Fleet is wired for the stop order only: Fleet stops after Upgrades,
	// and writes the errors of a failed upgrade too.
	Fleet *Fleet `inject:""`

	upg *graceful.Upgrader
}

// newProcess returns the process's Upgrades, or, where graceful is not
// supported (Windows), a localProcess: the server runs, without upgrades.
func newProcess(cfg *Config, logger *slog.Logger) (Process, error) {
	if err := os.MkdirAll(filepath.Dir(cfg.PIDFile), 0o750); err != nil {
		return nil, errs.Wrap(err)
	}
	upg, err := graceful.New(
		graceful.WithPIDFile(cfg.PIDFile),
		graceful.WithUpgradeTimeout(cfg.UpgradeTimeout),
		graceful.WithLogger(logger.WithGroup("graceful")), // its "pid" keys are not ours
	)
	if errors.Is(err, graceful.ErrNotSupported) {
		logger.Warn("upgrades in place are not supported here", "err", err)
		return &localProcess{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Upgrades{upg: upg}, nil
}

func (u *Upgrades) Listen(network, addr string) (net.Listener, error) {
	return u.upg.Listen(network, addr)
}

func (u *Upgrades) Ready() error { return u.upg.Ready() }

// Run upgrades on each upgrade signal until the graph stops, and returns
// lifecycle.ErrDone once this generation has handed over to the next: the
// graph then stops, and its Run returns nil, a normal exit.
func (u *Upgrades) Run(ctx context.Context) error {
	sig := make(chan os.Signal, 1)
	if len(upgradeSignals) > 0 { // Notify with no signals would catch them all
		signal.Notify(sig, upgradeSignals...)
		defer signal.Stop(sig)
	}
	exit := u.upg.Exit()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-exit:
			exit = nil
			if !u.upg.HandedOver() {
				continue // Exit closed because Drain or Stop stopped upg
			}
			u.Logger.Info("handed over to the next generation")
			return fmt.Errorf("handed over to the next generation: %w", lifecycle.ErrDone)
		case s := <-sig:
			u.Logger.Info("upgrading", "signal", s.String())
			if err := u.upg.Upgrade(ctx); err != nil && ctx.Err() == nil {
				u.Errors.Record(err)
				u.Logger.Error("upgrade failed; serving on", "err", err)
			}
		}
	}
}

// Drain stops accepting (graceful's lame duck needs the Upgrader stopped
// first: after an upgrade the listener already stopped; on SIGTERM the
// socket is closed, so new clients are refused at once and try elsewhere),
// then drains srv.
//
// If the next generation died while this one drained (graceful.ErrResumed),
// the graph of this one is already stopping and cannot serve again: it
// stops for good (the socket closes) and Drain fails, so that the process
// exits with an error and a supervisor restarts the service.
func (u *Upgrades) Drain(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	u.upg.Stop()
	err := u.upg.Shutdown(ctx, srv, lameDuck) // as drain, ending once every client is told
	if errors.Is(err, graceful.ErrResumed) {
		u.upg.Stop() // for good now: no next generation serves
		return errors.Join(errs.Errorf("drain: next generation died; stopping: %w", err), u.upg.Shutdown(ctx, srv, lameDuck))
	}
	return err
}

// Stop ends upgrades and releases the sockets the server did not take, also
// when the server never started. Stop is idempotent.
func (u *Upgrades) Stop(ctx context.Context) error {
	u.upg.Stop()
	return nil
}

// drain stops srv: for lameDuck it keeps serving, but tells each client to
// close its connection after its request (HTTP/2: GOAWAY), so that clients
// and load balancers move to the next generation; then it shuts down,
// waiting for the requests in flight.
func drain(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	return graceful.Shutdown(ctx, srv, lameDuck)
}
