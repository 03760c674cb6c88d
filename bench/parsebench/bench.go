package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

// bench is one benchmark: both servers, and the runs made on them.
type bench struct {
	cfg         config
	log         io.Writer
	ours, parse *target
	postmaster  int // PID of PostgreSQL's postmaster; 0 if unknown

	runs    []runResult // measured runs, in the order made
	checks  []check
	stopped string // why the runs stopped early, if they did
}

// runResult is one measured (or warm-up) run of a case on a server.
type runResult struct {
	caseName string
	server   string // the server's Name
	pair     int    // 1-based; 0 for a warm-up
	ok       int
	failed   int
	firstErr string
	elapsed  time.Duration
	p50, p99 time.Duration
	cpuUse
}

func (r runResult) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

// perThousand is d per 1,000 requests answered as wanted.
func (r runResult) perThousand(d time.Duration) time.Duration {
	if r.ok == 0 {
		return 0
	}
	return d * 1000 / time.Duration(r.ok)
}

// run seeds both servers, then runs every case: a warm-up on each server,
// then cfg.pairs runs on each, lifekit and Parse Server in alternation.
// It returns an error only if ctx is done; a server that dies ends the
// runs, and the report says so.
func (b *bench) run(ctx context.Context) error {
	client := &http.Client{Timeout: 60 * time.Second}
	for _, t := range []*target{b.ours, b.parse} {
		start := time.Now()
		if err := t.seed(ctx, client, b.cfg.objects, b.cfg.counters); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			b.stopped = fmt.Sprintf("seeding failed: %v", err)
			fmt.Fprintln(b.log, "parsebench:", b.stopped)
			return nil
		}
		fmt.Fprintf(b.log, "parsebench: seeded %s with %d objects and %d counters in %v\n",
			t.Name, len(t.objects), len(t.counters), time.Since(start).Round(time.Millisecond))
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		for _, t := range []*target{b.ours, b.parse} {
			if !exited(t.Server) {
				b.checks = append(b.checks, t.check(cctx, client))
			}
		}
	}()

	sent := map[*target]map[string]int{b.ours: {}, b.parse: {}}
	measure := func(c benchCase, t *target, p int, bounds load) (runResult, bool) {
		if exited(t.Server) {
			b.stopped = fmt.Sprintf("%s exited during the runs; the end of its output:\n%s", t.Name, lastLines(pair.Tail(t.Log), 3))
			return runResult{}, false
		}
		if !sleep(ctx, b.cfg.pause) {
			return runResult{}, false
		}
		first := sent[t][c.name]
		w := startWatch(t.PID(), b.postmaster, t.database, b.cfg.interval)
		res := bounds.run(ctx, c.want, func(ctx context.Context, i int) (*http.Request, error) {
			method, path, body := c.request(t, first+i)
			return t.newRequest(ctx, method, path, body)
		})
		use := w.stop()
		sent[t][c.name] += res.ok + res.failed
		t.done[c.name] += res.ok
		if ctx.Err() != nil {
			return runResult{}, false
		}
		r := runResult{caseName: c.name, server: t.Name, pair: p, ok: res.ok, failed: res.failed,
			firstErr: res.firstErr, elapsed: res.elapsed,
			p50: percentile(res.latencies, 50), p99: percentile(res.latencies, 99), cpuUse: use}
		what := fmt.Sprintf("pair %d", p)
		if p == 0 {
			what = "warm-up"
		}
		fmt.Fprintf(b.log, "parsebench: %-9s %-7s %-12s %6d ok %4d failed  %7.0f req/s  p50 %6.2f ms  p99 %7.2f ms  server %6.1f ms/1k  db %6.1f ms/1k\n",
			c.name, what, t.Name, r.ok, r.failed, r.rate(), ms(r.p50), ms(r.p99),
			ms(r.perThousand(r.serverCPU)), ms(r.perThousand(r.dbCPU)))
		return r, true
	}

	for _, name := range b.cfg.cases {
		c, _ := caseNamed(name)
		if b.cfg.warmup.requests > 0 {
			for _, t := range []*target{b.ours, b.parse} {
				if _, ok := measure(c, t, 0, b.cfg.warmup); !ok {
					return b.end(ctx)
				}
			}
		}
		for p := 1; p <= b.cfg.pairs; p++ {
			for _, t := range []*target{b.ours, b.parse} {
				r, ok := measure(c, t, p, b.cfg.load)
				if !ok {
					return b.end(ctx)
				}
				b.runs = append(b.runs, r)
			}
		}
	}
	return nil
}

// end is run's return when the runs stop early: ctx's error if it is done,
// else nil (a server died; b.stopped says which, for the report).
func (b *bench) end(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintln(b.log, "parsebench:", b.stopped)
	return nil
}

func exited(s *pair.Server) bool {
	select {
	case <-s.Exited():
		return true
	default:
		return false
	}
}

// sleep waits d, or until ctx is done; it says whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// processesOf is s's process and its descendants, now.
func (b *bench) processesOf(s *pair.Server) []procStat {
	list, err := processes()
	if err != nil {
		return nil
	}
	return tree(list, s.PID())
}

// postmasterPID is the PID of the PostgreSQL server of url, as the parent
// of a backend: PostgreSQL forks one backend per connection from the
// postmaster. It must run on this machine, where /proc shows it.
func postmasterPID(ctx context.Context, url string) (int, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var backend int
	if err := conn.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		return 0, fmt.Errorf("postgres backend pid: %w", err)
	}
	st, err := readStat(backend)
	if err != nil {
		return 0, fmt.Errorf("postgres backend %d is not visible in /proc (another machine or container?): %w", backend, err)
	}
	return st.ppid, nil
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// lastLines is the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
