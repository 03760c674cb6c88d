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
	"runtime"
	"strings"
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
	pair.Options // the report, the servers, PostgreSQL

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
	cfg.AddFlags(flag.CommandLine)
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

	pair.Main("parsebench", func(ctx context.Context) error { return run(ctx, cfg, os.Stderr) })
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

// run starts both servers, measures, writes the report and cleans up, on
// every return: the servers are stopped (stopServer) and the databases
// dropped.
func run(ctx context.Context, cfg config, log io.Writer) (err error) {
	r, err := pair.StartRun(ctx, "parsebench", cfg.Options,
		pair.Parse{Launcher: parseLauncher, Settings: map[string]any{"workers": cfg.workers}, AppID: appID, MasterKey: masterKey},
		pair.Lifekit{AppID: appID, MasterKey: masterKey}, stopServer, log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, r.Close(err)) }()
	parse, ours, dbs := r.Parse, r.Ours, r.Workspace.DBs

	env := environment{
		when:         time.Now().UTC(),
		parseVersion: parse.Version,
		node:         pair.CommandOutput(ctx, r.Repo, cfg.Node, "--version"),
		goVersion:    pair.CommandOutput(ctx, r.Repo, "go", "env", "GOVERSION"),
		postgres:     dbs.Version,
		lifekit:      pair.LifekitVersion(ctx, r.Repo),
		cpus:         runtime.NumCPU(),
		cpuModel:     cpuModel(),
		loadBefore:   loadAverage(),
	}
	b := &bench{cfg: cfg, log: log,
		ours:  &target{Server: ours, done: map[string]int{}},
		parse: &target{Server: parse, done: map[string]int{}},
	}
	b.postmaster, err = postmasterPID(ctx, cfg.Postgres)
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
	where, err := cfg.WriteReport(out.String())
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
