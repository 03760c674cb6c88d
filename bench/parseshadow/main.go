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
	"strings"
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

func main() {
	var o pair.Options
	o.AddFlags(flag.CommandLine)
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parseshadow: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	pair.Main("parseshadow", func(ctx context.Context) error { return run(ctx, o, os.Stderr) })
}

// run starts both servers, compares, writes the report and cleans up, on
// every return: the servers are stopped and the databases dropped.
func run(ctx context.Context, o pair.Options, log io.Writer) (err error) {
	r, err := pair.StartRun(ctx, "parseshadow", o,
		pair.Parse{Launcher: parseLauncher, AppID: appID, MasterKey: masterKey},
		pair.Lifekit{AppID: appID, MasterKey: masterKey}, nil, log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, r.Close(err)) }()

	results, err := compare(ctx, r.Parse, r.Ours, cases)
	if err != nil {
		return err
	}
	env := environment{
		parseVersion: r.Parse.Version,
		node:         pair.CommandOutput(ctx, r.Repo, o.Node, "--version"),
		postgres:     r.Workspace.DBs.Version,
		lifekit:      pair.LifekitVersion(ctx, r.Repo),
		when:         time.Now().UTC(),
	}
	var out strings.Builder
	writeReport(&out, env, results)
	where, err := o.WriteReport(out.String())
	if err != nil {
		return err
	}
	agreed, text, differed := tally(results)
	fmt.Fprintf(log, "parseshadow: %d requests: %d agree, %d agree but for the error message, %d differ; report on %s\n",
		len(results), agreed, text, differed, where)
	return nil
}
