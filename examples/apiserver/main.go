// Command apiserver is a small Parse-style backend built with lifekit: JSON
// objects stored per class in SQLite or PostgreSQL, analytics events written
// with group commit, an after-save webhook, and upgrades in place with no
// failed request. It composes lifekit's five packages in one lifecycle graph;
// see README.md for the routes, curl calls and load figures.
//
//	go run ./examples/apiserver                    # SQLite in ./data, 127.0.0.1:8080
//	go run ./examples/apiserver -db postgres://... # or DATABASE_URL
//	kill -USR2 $(cat data/apiserver.pid)           # upgrade in place
//	kill -TERM $(cat data/apiserver.pid)           # drain, flush, close, exit 0
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/lifecycle"
)

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "apiserver:", err)
		os.Exit(2)
	}
	logger := newLogger(cfg, os.Stderr)
	if err := cfg.resolveKeys(logger, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "apiserver:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), cfg, logger); err != nil {
		logger.Error("exit", "err", err)
		os.Exit(1)
	}
	logger.Info("exit")
}

// run is the life of one generation of the server: it takes the listening
// socket (from the previous generation, if any), serves until SIGTERM,
// SIGINT or an upgrade hands over to the next one, then drains and stops.
func run(ctx context.Context, cfg *Config, logger *slog.Logger) error {
	proc, err := newProcess(cfg, logger)
	if err != nil {
		return err
	}
	g, err := newGraph(cfg, logger, proc, newStore(cfg))
	if err != nil {
		return err
	}
	// A generation that the next one took over from stops as on SIGTERM,
	// a normal end: Upgrades.Run returns lifecycle.ErrDone.
	return g.Run(ctx)
}

// newGraph wires the server's parts. Each is started after what it uses,
// and stopped before: server, then events and webhook, then store.
func newGraph(cfg *Config, logger *slog.Logger, proc Process, store Store) (*lifecycle.Graph, error) {
	g := lifecycle.New(lifecycle.WithLogger(logger), lifecycle.WithStopTimeout(cfg.StopTimeout))
	err := g.Provide(
		&lifecycle.Object{Value: cfg, Complete: true},                  // flags and environment
		&lifecycle.Object{Value: logger, Complete: true},               // log/slog
		&lifecycle.Object{Value: errs.NewAggregator(), Complete: true}, // /debug/errors
		&lifecycle.Object{Value: store},                                // SQLite or PostgreSQL
		&lifecycle.Object{Value: &Events{}},                            // POST /v1/events, group commit (batch)
		&lifecycle.Object{Value: &Creates{}},                           // POST /v1/classes/{class}, group commit (batch)
		&lifecycle.Object{Value: &Updates{}},                           // PUT /v1/classes/{class}/{id}, group commit on SQLite (batch)
		&lifecycle.Object{Value: &Webhook{}},                           // after-save calls (httpctl)
		&lifecycle.Object{Value: &Fleet{}},                             // /debug/errors?scope=fleet (batch)
		&lifecycle.Object{Value: &API{}},                               // the /v1 handlers
		&lifecycle.Object{Value: proc},                                 // the socket and upgrades (graceful)
		&lifecycle.Object{Value: &Server{Graph: g}},                    // HTTP
	)
	return g, err
}

// newStore returns the store the configuration asks for.
func newStore(cfg *Config) Store {
	if cfg.DB != "" {
		return newPostgresStore(cfg.DB)
	}
	return newSQLiteStore(cfg.DataDir)
}
