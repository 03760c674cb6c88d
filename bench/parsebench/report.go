package main

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// environment is what the report's header says about the run.
type environment struct {
	when         time.Time
	parseVersion string
	parseProcs   int // node processes: the primary and its workers
	node         string
	goVersion    string
	postgres     string
	lifekit      string
	cpus         int
	cpuModel     string
	loadBefore   string
	loadAfter    string
}

// ratio is one ratio between the servers, over the pairs of runs: each
// pair gives one, and the report shows their median and range.
type ratio struct {
	values []float64
	better int // pairs in which lifekit did better
}

func (r ratio) String() string {
	if len(r.values) == 0 {
		return "n/a"
	}
	s := slices.Sorted(slices.Values(r.values))
	return fmt.Sprintf("**%s** [%s–%s]", fmtRatio(median(s)), fmtRatio(s[0]), fmtRatio(s[len(s)-1]))
}

// caseRatios are the ratios of one case, each oriented so that above 1
// means lifekit did better.
type caseRatios struct {
	rate   ratio // requests/s, lifekit ÷ Parse Server
	perCPU ratio // requests per second of server CPU, lifekit ÷ Parse Server
	p99    ratio // p99 latency, Parse Server ÷ lifekit
	db     ratio // database CPU per request, Parse Server ÷ lifekit
}

// ratios pairs the runs of one case by their pair number. With sched, the
// CPU ratios are of the threads' schedstat time rather than of stat's.
func ratios(runs []runResult, caseName, ours, parse string, sched bool) caseRatios {
	byPair := map[int][2]*runResult{}
	var order []int
	for i := range runs {
		r := &runs[i]
		if r.caseName != caseName || r.pair == 0 {
			continue
		}
		p, ok := byPair[r.pair]
		if !ok {
			order = append(order, r.pair)
		}
		switch r.server {
		case ours:
			p[0] = r
		case parse:
			p[1] = r
		}
		byPair[r.pair] = p
	}
	var cr caseRatios
	add := func(rt *ratio, x, y float64) { // x ÷ y, oriented already
		if x > 0 && y > 0 && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			v := x / y
			rt.values = append(rt.values, v)
			if v > 1 {
				rt.better++
			}
		}
	}
	for _, p := range order {
		o, q := byPair[p][0], byPair[p][1]
		if o == nil || q == nil || o.ok == 0 || q.ok == 0 {
			continue
		}
		add(&cr.rate, o.rate(), q.rate())
		oServer, qServer, oDB, qDB := o.serverCPU, q.serverCPU, o.dbCPU, q.dbCPU
		if sched {
			oServer, qServer, oDB, qDB = o.serverRun, q.serverRun, o.dbRun, q.dbRun
		}
		if o.serverOK && q.serverOK {
			add(&cr.perCPU, perCPUSecond(o.ok, oServer), perCPUSecond(q.ok, qServer))
		}
		add(&cr.p99, float64(q.p99), float64(o.p99))
		if o.dbOK && q.dbOK {
			add(&cr.db, float64(q.perThousand(qDB)), float64(o.perThousand(oDB)))
		}
	}
	return cr
}

// perCPUSecond is the requests answered per second of the server's CPU
// time.
func perCPUSecond(ok int, cpu time.Duration) float64 {
	if cpu == 0 {
		return math.Inf(1)
	}
	return float64(ok) / cpu.Seconds()
}

func writeReport(w io.Writer, cfg config, env environment, b *bench) {
	ours, parse := b.ours.Name, b.parse.Name
	fmt.Fprintf(w, "# lifekit's API server against Parse Server, on one PostgreSQL\n\n")
	fmt.Fprintf(w, "- run %s by `bench/parsebench`\n", env.when.Format(time.RFC3339))
	fmt.Fprintf(w, "- Parse Server %s on node %s, %d node processes (a cluster primary and %d workers), at `/parse`\n",
		env.parseVersion, env.node, env.parseProcs, max(0, env.parseProcs-1))
	fmt.Fprintf(w, "- lifekit examples/apiserver at `/v1`, one process, built from %s with %s\n", env.lifekit, env.goVersion)
	fmt.Fprintf(w, "- PostgreSQL %s, a fresh database for each server\n", env.postgres)
	fmt.Fprintf(w, "- %d CPUs (%s); load average %s before, %s after\n", env.cpus, env.cpuModel, env.loadBefore, env.loadAfter)
	fmt.Fprintf(w, "- load: one Go client in this process, %d requests in flight on %d keep-alive connections; "+
		"a run ends at %d requests or %v; a warm-up of %d requests or %v on each server before each case; "+
		"then %d pairs of runs, lifekit first, each after %v idle\n",
		cfg.load.concurrency, cfg.load.concurrency, cfg.load.requests, cfg.load.duration,
		cfg.warmup.requests, cfg.warmup.duration, cfg.pairs, cfg.pause)
	fmt.Fprintf(w, "- seeded through each server's API: %d objects (get, where; 20 per `bucket` value), %d counters (increment)\n\n",
		len(b.ours.objects), len(b.ours.counters))
	if b.stopped != "" {
		fmt.Fprintf(w, "**The runs stopped early:** %s\n\n", cell(b.stopped))
	}

	fmt.Fprintf(w, "## Ratios\n\n")
	fmt.Fprintf(w, "Each pair of runs (lifekit's, then Parse Server's) gives one ratio; the table shows their median, "+
		"in brackets their range. Every ratio is oriented so that **above 1, lifekit does better**.\n\n")
	fmt.Fprintf(w, "| case | requests/s, lifekit ÷ Parse | requests per server CPU-second, lifekit ÷ Parse | p99, Parse ÷ lifekit | database CPU per request, Parse ÷ lifekit | pairs lifekit better (of %d): req/s, per CPU, p99, DB |\n", cfg.pairs)
	fmt.Fprintf(w, "|---|---|---|---|---|---|\n")
	for _, name := range cfg.cases {
		c, _ := caseNamed(name)
		cr := ratios(b.runs, name, ours, parse, false)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d, %d, %d, %d |\n", c.title, cr.rate, cr.perCPU, cr.p99, cr.db,
			cr.rate.better, cr.perCPU.better, cr.p99.better, cr.db.better)
	}
	fmt.Fprintf(w, "\nThe CPU ratios again from the threads' schedstat (to the ns) instead of stat's 10 ms ticks, as a check:\n\n")
	fmt.Fprintf(w, "| case | requests per server CPU-second, lifekit ÷ Parse | database CPU per request, Parse ÷ lifekit |\n|---|---|---|\n")
	for _, name := range cfg.cases {
		c, _ := caseNamed(name)
		cr := ratios(b.runs, name, ours, parse, true)
		fmt.Fprintf(w, "| %s | %s | %s |\n", c.title, cr.perCPU, cr.db)
	}

	for _, name := range cfg.cases {
		c, _ := caseNamed(name)
		fmt.Fprintf(w, "\n## %s\n\n", c.title)
		method, path, body := c.request(b.ours, 0)
		if p, err := url.QueryUnescape(path); err == nil {
			path = p
		}
		fmt.Fprintf(w, "`%s %s`", method, strings.ReplaceAll(path, "|", `\|`))
		if body != nil {
			fmt.Fprintf(w, " `%s`", body)
		}
		fmt.Fprintf(w, " (lifekit's path; Parse Server's has `/parse` for `/v1`)\n\n")
		fmt.Fprintf(w, "Medians over the runs; requests/s with its range. CPU in ms per 1,000 requests answered.\n\n")
		fmt.Fprintf(w, "| server | requests/s | p50 | p99 | server CPU | database CPU | client CPU | machine busy | steal | failed | runs |\n")
		fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, server := range []string{ours, parse} {
			var rs []runResult
			for _, r := range b.runs {
				if r.caseName == name && r.server == server && r.pair > 0 {
					rs = append(rs, r)
				}
			}
			if len(rs) == 0 {
				continue
			}
			rates := collect(rs, func(r runResult) float64 { return r.rate() })
			failed := 0
			for _, r := range rs {
				failed += r.failed
			}
			fmt.Fprintf(w, "| %s | %s [%s–%s] | %.2f ms | %.2f ms | %s | %s | %s | %s | %s | %d | %d |\n", server,
				group(median(rates)), group(slices.Min(rates)), group(slices.Max(rates)),
				median(collect(rs, func(r runResult) float64 { return ms(r.p50) })),
				median(collect(rs, func(r runResult) float64 { return ms(r.p99) })),
				cpuCell(rs, func(r runResult) (time.Duration, bool) { return r.serverCPU, r.serverOK }),
				cpuCell(rs, func(r runResult) (time.Duration, bool) { return r.dbCPU, r.dbOK }),
				cpuCell(rs, func(r runResult) (time.Duration, bool) { return r.clientCPU, true }),
				pctCell(rs, func(r runResult) time.Duration { return r.machine.busy }),
				pctCell(rs, func(r runResult) time.Duration { return r.machine.steal }),
				failed, len(rs))
		}
		for _, r := range b.runs {
			if r.caseName == name && r.firstErr != "" {
				fmt.Fprintf(w, "\nFirst failure on %s (pair %d): `%s`\n", r.server, r.pair, strings.ReplaceAll(r.firstErr, "`", "'"))
				break
			}
		}
	}

	fmt.Fprintf(w, "\n## Checks\n\nAfter the runs, each server was asked for what it acknowledged (warm-ups included): "+
		"the creates, counted, and the counters, summed.\n\n")
	for _, c := range b.checks {
		verdict := "all there"
		if !c.ok() {
			verdict = "**MISMATCH**"
		}
		fmt.Fprintf(w, "- %s: %s: %s\n", c.server, c, verdict)
	}

	fmt.Fprintf(w, "\n## Every run\n\n")
	fmt.Fprintf(w, "CPU in ms over the whole run: utime + stime from /proc/PID/stat (10 ms ticks per process), "+
		"and in brackets the time on a CPU summed over the processes' threads from /proc/PID/task/TID/schedstat (to the ns), as a check. "+
		"backends: PostgreSQL backends of the server's database seen during the run, "+
		"and how many of them exited before its end (their last ≤ %v of CPU is missed). "+
		"client: this process, the load client. busy, steal: shares of the machine's %d CPUs, from /proc/stat.\n\n", cfg.interval, env.cpus)
	var stat, sched [2]time.Duration // server, database
	fmt.Fprintf(w, "| case | pair | server | ok | failed | seconds | requests/s | p50 ms | p99 ms | server CPU | database CPU | backends (exited) | client CPU | busy | steal |\n")
	fmt.Fprintf(w, "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range b.runs {
		fmt.Fprintf(w, "| %s | %d | %s | %d | %d | %.2f | %s | %.2f | %.2f | %.0f (%.0f) | %s | %d (%d) | %.0f | %s | %s |\n",
			r.caseName, r.pair, r.server, r.ok, r.failed, r.elapsed.Seconds(), group(r.rate()), ms(r.p50), ms(r.p99),
			ms(r.serverCPU), ms(r.serverRun), dbCell(r), r.backends, r.gone, ms(r.clientCPU),
			pct(r.machine.busy, r.machine.total, r.machineOK), pct(r.machine.steal, r.machine.total, r.machineOK))
		stat[0] += r.serverCPU
		sched[0] += r.serverRun
		if r.dbOK {
			stat[1] += r.dbCPU
			sched[1] += r.dbRun
		}
	}
	if stat[0] > 0 && sched[0] > 0 {
		fmt.Fprintf(w, "\nOver all the runs, schedstat's CPU time ÷ stat's: servers %.3f", float64(sched[0])/float64(stat[0]))
		if stat[1] > 0 && sched[1] > 0 {
			fmt.Fprintf(w, ", database backends %.3f", float64(sched[1])/float64(stat[1]))
		}
		fmt.Fprintf(w, ".\n")
	}
}

func dbCell(r runResult) string {
	if !r.dbOK {
		return "n/a"
	}
	return fmt.Sprintf("%.0f (%.0f)", ms(r.dbCPU), ms(r.dbRun))
}

// cpuCell is the median of a CPU figure per 1,000 requests, in ms.
func cpuCell(rs []runResult, f func(runResult) (time.Duration, bool)) string {
	var v []float64
	for _, r := range rs {
		if d, ok := f(r); ok && r.ok > 0 {
			v = append(v, ms(r.perThousand(d)))
		}
	}
	if len(v) == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f ms", median(v))
}

// pctCell is the median share of the machine's CPU capacity (all CPUs) a
// figure took.
func pctCell(rs []runResult, f func(runResult) time.Duration) string {
	var v []float64
	for _, r := range rs {
		if r.machineOK && r.machine.total > 0 {
			v = append(v, 100*float64(f(r))/float64(r.machine.total))
		}
	}
	if len(v) == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", median(v))
}

func pct(part, total time.Duration, ok bool) string {
	if !ok || total <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(part)/float64(total))
}

func collect(rs []runResult, f func(runResult) float64) []float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	return v
}

// median of v, which it sorts; 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func fmtRatio(x float64) string {
	if x >= 10 {
		return fmt.Sprintf("%.1f×", x)
	}
	return fmt.Sprintf("%.2f×", x)
}

// group is x rounded, with commas between thousands: 12,345.
func group(x float64) string {
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// cell is s as plain text in a table cell or a line of the report.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
