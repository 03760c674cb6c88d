package pair

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// Options are what both programs of this package take on their command
// lines (AddFlags) and from the environment: where Parse Server and
// lifekit come from, how long they may take to start, where the report
// goes.
type Options struct {
	Report   string // the Markdown report's file; "" for stdout
	ParseDir string // where install.sh put Parse Server
	Node     string // the node executable
	Repo     string // the lifekit repository; "" for RepoRoot
	Keep     bool   // keep the workspace's directory (the servers' output)
	Timeout  time.Duration
	Postgres string // $LIFEKIT_TEST_POSTGRES
}

// AddFlags registers the options' flags on fs, and takes Postgres from
// the environment.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Report, "report", "", "write the Markdown report to this file (default stdout)")
	fs.StringVar(&o.ParseDir, "parse-server-dir", DefaultParseDir(), "directory of bench/parseshadow/install.sh ($LIFEKIT_PARSE_SERVER_DIR)")
	fs.StringVar(&o.Node, "node", "node", "node executable")
	fs.StringVar(&o.Repo, "repo", "", "lifekit repository to build the API server from (default: the directory of `go env GOWORK`)")
	fs.BoolVar(&o.Keep, "keep", false, "keep the temporary directory with both servers' output")
	fs.DurationVar(&o.Timeout, "start-timeout", 2*time.Minute, "time each server has to build and start")
	o.Postgres = os.Getenv("LIFEKIT_TEST_POSTGRES")
}

// Main runs run with a context that Ctrl-C and SIGTERM cancel, and exits
// with status 1, the error printed after program's name, if it fails. The
// servers run in process groups of their own (see Server), so Ctrl-C
// reaches this process alone, whose run then stops them in order: servers
// first, then the databases they hold open.
func Main(program string, run func(ctx context.Context) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", program, err)
		os.Exit(1)
	}
}

// A Run is one run of a program: its workspace and both servers.
type Run struct {
	Options
	Workspace   *Workspace
	Parse, Ours *Server

	program string
	log     io.Writer
	stop    func(*Server) error
}

// StartRun makes a workspace named for program and starts both servers in
// it: p and l as given (launcher, settings, keys, flags), with the
// options' directories, node and timeout, and the workspace's databases
// and directories. stop stops a server at the end (Server.Stop if nil).
// The caller must Close the run, also after an error of its own.
func StartRun(ctx context.Context, program string, o Options, p Parse, l Lifekit, stop func(*Server) error, log io.Writer) (*Run, error) {
	if o.Repo == "" {
		repo, err := RepoRoot(ctx)
		if err != nil {
			return nil, err
		}
		o.Repo = repo
	}
	if stop == nil {
		stop = (*Server).Stop
	}
	ws, err := NewWorkspace(ctx, program, o.Postgres)
	if err != nil {
		return nil, err
	}
	r := &Run{Options: o, Workspace: ws, program: program, log: log, stop: stop}
	p.Dir, p.Node, p.Timeout = o.ParseDir, o.Node, o.Timeout
	p.DatabaseURL, p.WorkDir = ws.DBs.URL("parse"), filepath.Join(ws.Dir, "parse")
	l.Repo, l.Timeout = o.Repo, o.Timeout
	l.DatabaseURL, l.WorkDir = ws.DBs.URL("lifekit"), filepath.Join(ws.Dir, "lifekit")
	if r.Parse, r.Ours, err = StartBoth(ctx, p, l); err != nil {
		return nil, errors.Join(err, r.Close(err))
	}
	fmt.Fprintf(log, "%s: Parse Server %s on %s, lifekit on %s\n", program, r.Parse.Version, r.Parse.Addr, r.Ours.Addr)
	return r, nil
}

// Close stops the servers and removes the workspace, keeping its directory
// if the options say so or the run failed (runErr), and returns what went
// wrong.
func (r *Run) Close(runErr error) error {
	var err error
	for _, s := range []*Server{r.Ours, r.Parse} {
		if s != nil {
			if serr := r.stop(s); serr != nil {
				fmt.Fprintf(r.log, "%s: %v\n", r.program, serr)
			}
		}
	}
	keep := r.Keep || runErr != nil
	err = r.Workspace.Close(keep)
	if keep {
		fmt.Fprintf(r.log, "%s: servers' output kept in %s\n", r.program, r.Workspace.Dir)
	}
	return err
}

// WriteReport writes report to the options' file, or stdout, and returns
// where it went.
func (o Options) WriteReport(report string) (where string, err error) {
	if o.Report == "" {
		_, err = io.WriteString(os.Stdout, report)
		return "stdout", err
	}
	return o.Report, os.WriteFile(o.Report, []byte(report), 0o644)
}
