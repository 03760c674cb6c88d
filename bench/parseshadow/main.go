// Command parseshadow sends the same REST requests to Parse Server and to
// lifekit's example API server, both on one PostgreSQL, and reports where
// their answers differ: the "shadow cluster" Parse used when it rewrote its
// API in Go, run as a script rather than on live traffic.
//
//	bench/parseshadow/install.sh
//	examples/apiserver/testdata/with-postgres.sh go run ./bench/parseshadow -report /tmp/shadow.md
//
// It takes the PostgreSQL URL from $LIFEKIT_TEST_POSTGRES, makes a fresh
// database for each server, starts Parse Server (node, from the directory
// install.sh fills) and the lifekit server (built from this repository),
// sends both the requests of cases.go in order, and writes a Markdown
// report. Answers that differ are the report's content, not a failure: the
// exit status is non-zero only when the comparison could not run (a server
// or a database could not be started, or it was interrupted). The servers
// are stopped by PID and the databases dropped at the end, also on an error
// or Ctrl-C. See README.md for what is normalised before comparing.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

// parseLauncher starts Parse Server; see the comment at its top.
//
//go:embed parse.js
var parseLauncher []byte

// The keys both servers are given. They need not be secret: both servers
// listen on 127.0.0.1 only and live as long as one run.
const (
	appID     = "shadowApp"
	masterKey = "shadowMasterKey"
)

type config struct {
	report   string // Markdown output; "" for stdout
	postgres string // server URL, from $LIFEKIT_TEST_POSTGRES
	parseDir string // where install.sh put Parse Server
	node     string // the node executable
	repo     string // the lifekit repository (the directory of go.work)
	keep     bool   // keep the temporary directory (logs), for a second look
	timeout  time.Duration
}

func main() {
	var cfg config
	flag.StringVar(&cfg.report, "report", "", "write the Markdown report to this file (default stdout)")
	flag.StringVar(&cfg.parseDir, "parse-server-dir", pair.DefaultParseDir(), "directory of bench/parseshadow/install.sh ($LIFEKIT_PARSE_SERVER_DIR)")
	flag.StringVar(&cfg.node, "node", "node", "node executable")
	flag.StringVar(&cfg.repo, "repo", "", "lifekit repository to build the API server from (default: the directory of `go env GOWORK`)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory with both servers' logs")
	flag.DurationVar(&cfg.timeout, "start-timeout", 2*time.Minute, "time each server has to build and start")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parseshadow: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	cfg.postgres = os.Getenv("LIFEKIT_TEST_POSTGRES")

	// The servers run in process groups of their own (see package pair),
	// so Ctrl-C reaches this process alone, which then stops them in
	// order: servers first, then the databases they hold open.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, cfg, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parseshadow:", err)
		os.Exit(1)
	}
}

// run starts everything, compares, writes the report and cleans up. Its
// deferred calls are the cleanup: they run on every return, with a context
// of their own, since ctx may be the one Ctrl-C cancelled.
func run(ctx context.Context, cfg config, log io.Writer) (err error) {
	if cfg.repo == "" {
		if cfg.repo, err = pair.RepoRoot(ctx); err != nil {
			return err
		}
	}
	ws, err := pair.NewWorkspace(ctx, "parseshadow", cfg.postgres)
	if err != nil {
		return err
	}
	defer func() {
		keep := cfg.keep || err != nil
		err = errors.Join(err, ws.Close(keep))
		if keep {
			fmt.Fprintf(log, "parseshadow: servers' output kept in %s\n", ws.Dir)
		}
	}()
	tmp, dbs := ws.Dir, ws.DBs

	parse, ours, err := pair.StartBoth(ctx, pair.Parse{
		Dir:         cfg.parseDir,
		Node:        cfg.node,
		Launcher:    parseLauncher,
		AppID:       appID,
		MasterKey:   masterKey,
		DatabaseURL: dbs.URL("parse"),
		WorkDir:     filepath.Join(tmp, "parse"),
		Timeout:     cfg.timeout,
	}, pair.Lifekit{
		Repo:        cfg.repo,
		AppID:       appID,
		MasterKey:   masterKey,
		DatabaseURL: dbs.URL("lifekit"),
		WorkDir:     filepath.Join(tmp, "lifekit"),
		Timeout:     cfg.timeout,
	})
	if err != nil {
		return err
	}
	for _, st := range []*pair.Server{parse, ours} {
		defer func() {
			if serr := st.Stop(); serr != nil {
				fmt.Fprintln(log, "parseshadow:", serr)
			}
		}()
	}
	fmt.Fprintf(log, "parseshadow: Parse Server %s on %s, lifekit on %s\n", parse.Version, parse.Addr, ours.Addr)

	results, err := compare(ctx, parse, ours, cases)
	if err != nil {
		return err
	}
	env := environment{
		parseVersion: parse.Version,
		node:         pair.CommandOutput(ctx, cfg.repo, cfg.node, "--version"),
		postgres:     dbs.Version,
		lifekit:      pair.LifekitVersion(ctx, cfg.repo),
		when:         time.Now().UTC(),
	}
	var out strings.Builder
	writeReport(&out, env, results)
	where := "stdout"
	if cfg.report == "" {
		_, err = io.WriteString(os.Stdout, out.String())
	} else {
		where = cfg.report
		err = os.WriteFile(cfg.report, []byte(out.String()), 0o644)
	}
	if err != nil {
		return err
	}
	agreed, text, differed := tally(results)
	fmt.Fprintf(log, "parseshadow: %d requests: %d agree, %d agree but for the error message, %d differ; report on %s\n",
		len(results), agreed, text, differed, where)
	return nil
}
