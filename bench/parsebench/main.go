// Command parsebench measures lifekit's example API server (examples/apiserver)
// against Parse Server, side by side on one PostgreSQL, with one Go load
// client (GitHub issue 16):
//
//	bench/parseshadow/install.sh
//	examples/apiserver/testdata/with-postgres.sh go run ./bench/parsebench -report /tmp/parsebench.md
//
// It makes a fresh database for each server on the PostgreSQL of
// $LIFEKIT_TEST_POSTGRES, starts Parse Server with one node process per
// core (cluster.js, node's cluster module) and the lifekit server (built
// from this repository), seeds both through their APIs, and runs each case
// on them in alternation: lifekit, Parse Server, lifekit, Parse Server...
// For each run it records requests per second, latency percentiles, and the
// CPU time of the server's processes and of the PostgreSQL backends
// serving its database, from /proc. It writes a Markdown report with the
// medians and the ratios; see README.md for how to read it.
//
// Everything listens on 127.0.0.1, every run is bounded (-requests,
// -duration), the servers are stopped by PID and the databases dropped at
// the end, also on an error or Ctrl-C. The exit status is non-zero only
// when the benchmark could not run: no PostgreSQL, a server that could not
// be built or started, or an interrupt. A server that fails requests, or
// dies during the runs, is a finding, reported.
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
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

// parseLauncher starts Parse Server as a cluster; see the comment at its
// top.
//
//go:embed cluster.js
var parseLauncher []byte

// The keys both servers are given. They need not be secret: both servers
// listen on 127.0.0.1 only and live as long as one run.
const (
	appID     = "benchApp"
	masterKey = "benchMasterKey"
)

type config struct {
	report   string // Markdown output; "" for stdout
	postgres string // server URL, from $LIFEKIT_TEST_POSTGRES
	parseDir string // where install.sh put Parse Server
	node     string // the node executable
	repo     string // the lifekit repository (the directory of go.work)
	keep     bool   // keep the temporary directory (logs), for a second look
	timeout  time.Duration

	cases    []string // names of allCases to run, in that order
	pairs    int      // measured runs per server and case
	workers  int      // Parse Server's node processes
	objects  int      // seeded objects for get and where
	counters int      // seeded objects for increment
	load     load     // bounds of a measured run
	warmup   load     // bounds of the warm-up run before a case's pairs
	pause    time.Duration
	interval time.Duration // between /proc readings during a run
}

func main() {
	var cfg config
	var cases string
	flag.StringVar(&cfg.report, "report", "", "write the Markdown report to this file (default stdout)")
	flag.StringVar(&cfg.parseDir, "parse-server-dir", pair.DefaultParseDir(), "directory of bench/parseshadow/install.sh ($LIFEKIT_PARSE_SERVER_DIR)")
	flag.StringVar(&cfg.node, "node", "node", "node executable")
	flag.StringVar(&cfg.repo, "repo", "", "lifekit repository to build the API server from (default: the directory of `go env GOWORK`)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory with both servers' output")
	flag.DurationVar(&cfg.timeout, "start-timeout", 2*time.Minute, "time each server has to build and start")
	flag.StringVar(&cases, "cases", "get,create,where,increment", "cases to run, in order: get, create, where, increment")
	flag.IntVar(&cfg.pairs, "pairs", 5, "measured runs of each case on each server, alternating")
	flag.IntVar(&cfg.workers, "workers", runtime.NumCPU(), "Parse Server's node processes (cluster workers)")
	flag.IntVar(&cfg.objects, "objects", 1000, "objects seeded for get and where")
	flag.IntVar(&cfg.counters, "counters", 100, "objects the increments spread over")
	flag.IntVar(&cfg.load.concurrency, "concurrency", 16, "requests in flight at once, each on its own keep-alive connection")
	flag.IntVar(&cfg.load.requests, "requests", 20000, "most requests in one run")
	flag.DurationVar(&cfg.load.duration, "duration", 10*time.Second, "longest run (a run ends at -requests or -duration, whichever comes first)")
	flag.IntVar(&cfg.warmup.requests, "warmup-requests", 2000, "most requests of the unmeasured warm-up run of each case on each server")
	flag.DurationVar(&cfg.warmup.duration, "warmup-duration", 3*time.Second, "longest warm-up run")
	flag.DurationVar(&cfg.pause, "pause", 500*time.Millisecond, "idle time before each run")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parsebench: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	cfg.postgres = os.Getenv("LIFEKIT_TEST_POSTGRES")
	cfg.warmup.concurrency = cfg.load.concurrency
	cfg.load.timeout, cfg.warmup.timeout = 10*time.Second, 10*time.Second
	cfg.interval = 200 * time.Millisecond
	var err error
	if cfg.cases, err = parseCases(cases); err == nil {
		err = cfg.validate()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsebench:", err)
		os.Exit(2)
	}

	// The servers run in process groups of their own (see package pair),
	// so Ctrl-C reaches this process alone, which then stops them in
	// order: servers first, then the databases they hold open.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, cfg, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsebench:", err)
		os.Exit(1)
	}
}

func parseCases(s string) ([]string, error) {
	var names []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		if _, ok := caseNamed(name); !ok {
			return nil, fmt.Errorf("-cases: unknown case %q", name)
		}
		names = append(names, name)
	}
	return names, nil
}

func caseNamed(name string) (benchCase, bool) {
	for _, c := range allCases {
		if c.name == name {
			return c, true
		}
	}
	return benchCase{}, false
}

func (cfg config) validate() error {
	switch {
	case cfg.pairs < 1:
		return errors.New("-pairs must be at least 1")
	case cfg.workers < 1:
		return errors.New("-workers must be at least 1")
	case cfg.objects < 1 || cfg.counters < 1:
		return errors.New("-objects and -counters must be at least 1")
	case cfg.load.concurrency < 1 || cfg.load.requests < 1 || cfg.load.duration <= 0:
		return errors.New("-concurrency, -requests and -duration must be positive")
	case cfg.warmup.requests < 0:
		return errors.New("-warmup-requests must not be negative")
	}
	return nil
}

// run starts everything, measures, writes the report and cleans up. Its
// deferred calls are the cleanup: they run on every return, with a context
// of their own, since ctx may be the one Ctrl-C cancelled.
func run(ctx context.Context, cfg config, log io.Writer) (err error) {
	if cfg.repo == "" {
		if cfg.repo, err = pair.RepoRoot(ctx); err != nil {
			return err
		}
	}
	ws, err := pair.NewWorkspace(ctx, "parsebench", cfg.postgres)
	if err != nil {
		return err
	}
	defer func() {
		keep := cfg.keep || err != nil
		err = errors.Join(err, ws.Close(keep))
		if keep {
			fmt.Fprintf(log, "parsebench: servers' output kept in %s\n", ws.Dir)
		}
	}()
	tmp, dbs := ws.Dir, ws.DBs

	parse, ours, err := pair.StartBoth(ctx, pair.Parse{
		Dir:         cfg.parseDir,
		Node:        cfg.node,
		Launcher:    parseLauncher,
		Settings:    map[string]any{"workers": cfg.workers},
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
			if serr := stopServer(st); serr != nil {
				fmt.Fprintln(log, "parsebench:", serr)
			}
		}()
	}
	fmt.Fprintf(log, "parsebench: Parse Server %s on %s, lifekit on %s\n", parse.Version, parse.Addr, ours.Addr)

	env := environment{
		when:         time.Now().UTC(),
		parseVersion: parse.Version,
		node:         pair.CommandOutput(ctx, cfg.repo, cfg.node, "--version"),
		goVersion:    pair.CommandOutput(ctx, cfg.repo, "go", "env", "GOVERSION"),
		postgres:     dbs.Version,
		lifekit:      pair.LifekitVersion(ctx, cfg.repo),
		cpus:         runtime.NumCPU(),
		cpuModel:     cpuModel(),
		loadBefore:   loadAverage(),
	}
	b := &bench{cfg: cfg, log: log,
		ours:  &target{Server: ours, done: map[string]int{}},
		parse: &target{Server: parse, done: map[string]int{}},
	}
	b.postmaster, err = postmasterPID(ctx, cfg.postgres)
	if err != nil {
		fmt.Fprintf(log, "parsebench: no database CPU figures: %v\n", err)
	}
	b.ours.database, b.parse.database = dbs.Name("lifekit"), dbs.Name("parse")
	env.parseProcs = len(b.processesOf(parse))

	if err := b.run(ctx); err != nil {
		return err
	}
	env.loadAfter = loadAverage()

	var out strings.Builder
	writeReport(&out, cfg, env, b)
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
	fmt.Fprintf(log, "parsebench: report on %s\n", where)
	return nil
}

// stopServer stops s and then kills, by PID, any process of its tree that
// outlived it: Parse Server's workers are started by its primary, which
// stops them, but a worker that does not stop must not outlive the run.
func stopServer(s *pair.Server) error {
	var rest []procStat
	if list, err := processes(); err == nil {
		rest = tree(list, s.PID())
	}
	err := s.Stop()
	for _, p := range rest {
		if p.pid == s.PID() {
			continue
		}
		if now, serr := readStat(p.pid); serr == nil && now.start == p.start && now.state != 'Z' {
			if proc, ferr := os.FindProcess(p.pid); ferr == nil {
				proc.Kill()
				err = errors.Join(err, fmt.Errorf("%s: process %d outlived the server: killed", s.Name, p.pid))
			}
		}
	}
	return err
}
