package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
)

// fleetRetention is how long a run's error counts stay in the fleet table
// after they were last seen.
const fleetRetention = 7 * 24 * time.Hour

// An ErrorCount is one server run's count of one group of errors, as the
// fleet table keeps it: one row per fingerprint, instance, run and
// first-seen time. A group the Aggregator evicted and saw again starts
// from 1 with a later first-seen time: a row of its own.
type ErrorCount struct {
	Fingerprint string
	Instance    string       // the server's -instance name
	Run         string       // one process: its counts start from 0
	Count       int64        // errors of the group this run has seen
	First, Last time.Time    // First is also part of the row's key
	Message     string       // of the run's first error of the group
	Stack       []errs.Frame // its origin stack
}

// Fleet shares the server's error groups with every server on the same
// database, so that /debug/errors?scope=fleet shows the errors of the whole
// fleet: counts summed, first and last seen, which instances, and a sample
// message and stack per fingerprint. /debug/errors alone still shows this
// process's errs.Aggregator.
//
// Each process is a run with an id of its own. Every -fleet-interval, and
// when the server stops, Fleet writes the run's count of each group that
// changed through a batch.Batcher: one transaction per flush for all of the
// groups. A row holds the run's total, not the change since the last
// write, and a write keeps the larger of the stored and the new count: a
// failed write is retried at the next flush without counting anything
// twice. Rows last seen more than fleetRetention ago are deleted.
//
// Fleet must stop after every component that records errors, so that its
// last write has their last errors: the Server, Webhook and Upgrades each
// inject the Fleet, which makes the graph stop them first.
//
// What it cannot see: the errors of the last interval of a server that is
// killed, and those of a group the Aggregator evicted (it keeps at most
// errs.DefaultMaxGroups groups) between the last flush and the eviction.
type Fleet struct {
	Config *Config          `inject:""`
	Logger *slog.Logger     `inject:""`
	Errors *errs.Aggregator `inject:""`
	Store  Store            `inject:""`

	run string
	b   *batch.Batcher[ErrorCount]

	mu      sync.Mutex         // one flush at a time
	written map[groupKey]int64 // the count last written, per group
}

// groupKey names one of the Aggregator's groups as the fleet table keys it:
// a group evicted and seen again is another, with a later First.
type groupKey struct {
	fingerprint string
	first       int64 // Unix milliseconds, as stored
}

// key returns the group c counts.
func (c ErrorCount) key() groupKey { return groupKey{c.Fingerprint, c.First.UnixMilli()} }

func (f *Fleet) Start(ctx context.Context) error {
	f.run = newID(12)
	f.written = make(map[groupKey]int64)
	f.b = batch.New(func(ctx context.Context, counts []ErrorCount) error {
		return f.Store.PutErrorCounts(ctx, counts, time.Now().Add(-fleetRetention))
	}, batch.WithMaxSize(errs.DefaultMaxGroups))
	return nil
}

// Run flushes every -fleet-interval until the server stops.
func (f *Fleet) Run(ctx context.Context) error {
	t := time.NewTicker(f.Config.FleetInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := f.Flush(ctx); err != nil && ctx.Err() == nil {
				f.Logger.LogAttrs(ctx, slog.LevelWarn, "sharing error counts failed", slog.Any("err", err))
			}
		}
	}
}

// Stop writes the counts of the errors seen until now, the server's last
// ones included (it stops first), and closes the batcher.
func (f *Fleet) Stop(ctx context.Context) error {
	return errors.Join(f.Flush(ctx), f.b.Close(ctx))
}

// Flush writes the count of every group that changed since the last flush,
// and waits for the write.
func (f *Fleet) Flush(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	groups := f.Errors.Groups()
	live := make(map[groupKey]bool, len(groups))
	var sent []ErrorCount
	for _, g := range groups {
		c := ErrorCount{
			Fingerprint: g.Fingerprint, Instance: f.Config.Instance, Run: f.run,
			Count: g.Count, First: g.First, Last: g.Last, Message: g.Message, Stack: g.Stack,
		}
		live[c.key()] = true
		if g.Count == f.written[c.key()] {
			continue
		}
		if err := f.b.Add(ctx, c); err != nil {
			return errs.Errorf("share error counts: %w", err)
		}
		sent = append(sent, c)
	}
	// Forget the groups the Aggregator evicted: the map stays within its
	// bound.
	for key := range f.written {
		if !live[key] {
			delete(f.written, key)
		}
	}
	if len(sent) == 0 {
		return nil
	}
	if err := f.b.Flush(ctx); err != nil {
		return errs.Errorf("share error counts: %w", err)
	}
	for _, c := range sent {
		f.written[c.key()] = c.Count
	}
	return nil
}

// A FleetGroup is one group of errors across the fleet.
type FleetGroup struct {
	Fingerprint string       `json:"fingerprint"`
	Count       int64        `json:"count"` // summed over every instance and run
	First       time.Time    `json:"first"`
	Last        time.Time    `json:"last"`
	Instances   []string     `json:"instances"` // sorted
	Message     string       `json:"message"`   // of the earliest error
	Stack       []errs.Frame `json:"stack"`     // its origin stack
}

// fleetGroups sums counts by fingerprint, most frequent first (ties: most
// recent first, then by fingerprint).
func fleetGroups(counts []ErrorCount) []FleetGroup {
	byFP := make(map[string]*FleetGroup)
	for _, c := range counts {
		g := byFP[c.Fingerprint]
		if g == nil {
			g = &FleetGroup{Fingerprint: c.Fingerprint, First: c.First, Last: c.Last, Message: c.Message, Stack: c.Stack}
			byFP[c.Fingerprint] = g
		}
		g.Count += c.Count
		if c.First.Before(g.First) {
			g.First, g.Message, g.Stack = c.First, c.Message, c.Stack
		}
		if c.Last.After(g.Last) {
			g.Last = c.Last
		}
		if !slices.Contains(g.Instances, c.Instance) {
			g.Instances = append(g.Instances, c.Instance)
		}
	}
	groups := make([]FleetGroup, 0, len(byFP))
	for _, g := range byFP {
		slices.Sort(g.Instances)
		groups = append(groups, *g)
	}
	slices.SortFunc(groups, func(a, b FleetGroup) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last), strings.Compare(a.Fingerprint, b.Fingerprint))
	})
	return groups
}

// serve answers /debug/errors?scope=fleet: the fleet's groups as an HTML
// table, or as JSON ({"groups": [...]}) with format=json or an Accept header
// that prefers application/json to text/html, as the Aggregator's own view.
// The page is made before anything is written, so that a failure is a
// whole 500; an error writing it means the client went away, and is not
// one of the server's.
func (f *Fleet) serve(w http.ResponseWriter, r *http.Request) error {
	asJSON := wantsJSON(r.Header.Get("Accept"))
	switch format := r.URL.Query().Get("format"); format {
	case "":
	case "json":
		asJSON = true
	case "html":
		asJSON = false
	default:
		return errInvalidQuery.with("format %q: want json or html", clip(format))
	}
	counts, err := f.Store.ErrorCounts(r.Context(), time.Now().Add(-fleetRetention))
	if err != nil {
		return err
	}
	groups := fleetGroups(counts)
	var page bytes.Buffer
	contentType := "text/html; charset=utf-8"
	if asJSON {
		contentType = "application/json"
		err = json.NewEncoder(&page).Encode(struct {
			Groups []FleetGroup `json:"groups"`
		}{groups})
	} else {
		err = fleetPage.Execute(&page, groups)
	}
	if err != nil {
		return errs.Errorf("fleet view: %w", err)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(page.Bytes())
	return nil
}

// wantsJSON reports whether an Accept header prefers application/json to
// text/html: JSON is acceptable (q above 0) and HTML is not, or is less
// wanted.
func wantsJSON(accept string) bool {
	var jsonQ, htmlQ float64
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, err := strconv.ParseFloat(params["q"], 64); err == nil {
			q = v
		}
		switch mt {
		case "application/json":
			jsonQ = max(jsonQ, q)
		case "text/html":
			htmlQ = max(htmlQ, q)
		}
	}
	return jsonQ > 0 && jsonQ > htmlQ
}

var fleetPage = template.Must(template.New("fleet").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Errors across the fleet</title>
<style>body{font-family:sans-serif}td,th{padding:4px 8px;text-align:left;vertical-align:top}pre{margin:0}</style>
</head><body>
<h1>Errors across the fleet</h1>
<p>{{len .}} groups. This server alone: <a href="?">/debug/errors</a>.</p>
<table>
<tr><th>count</th><th>fingerprint</th><th>instances</th><th>first</th><th>last</th><th>message and stack</th></tr>
{{range .}}<tr><td>{{.Count}}</td><td><code>{{.Fingerprint}}</code></td><td>{{range $i, $n := .Instances}}{{if $i}}, {{end}}{{$n}}{{end}}</td>
<td>{{.First.Format "2006-01-02 15:04:05Z07:00"}}</td><td>{{.Last.Format "2006-01-02 15:04:05Z07:00"}}</td>
<td>{{.Message}}<pre>{{range .Stack}}{{.Function}}
	{{.File}}:{{.Line}}
{{end}}</pre></td></tr>
{{end}}</table>
</body></html>
`))
