package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// load is the load client, the same for both servers: concurrency
// goroutines, each with a keep-alive connection of its own, send requests
// one after another until requests have been sent or duration has passed,
// whichever comes first.
type load struct {
	concurrency int
	requests    int
	duration    time.Duration
	timeout     time.Duration // of one request
}

// loadResult is one run of a load.
type loadResult struct {
	ok, failed int
	firstErr   string          // the first failure, as an example
	elapsed    time.Duration   // from the first request sent to the last answer read
	latencies  []time.Duration // of the requests answered as wanted, sorted
}

// run sends requests made by req (i is the request's number in the run,
// from 0) and counts those answered with status want. The connections are
// new for each run and closed after it: both servers start each run from
// the same state, whatever their idle timeouts.
func (l load) run(ctx context.Context, want int, req func(ctx context.Context, i int) (*http.Request, error)) loadResult {
	tr := &http.Transport{
		MaxIdleConns:        l.concurrency,
		MaxIdleConnsPerHost: l.concurrency,
		MaxConnsPerHost:     l.concurrency,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: l.timeout}

	deadline := time.Now().Add(l.duration)
	var (
		next     atomic.Int64
		mu       sync.Mutex
		res      loadResult
		firstErr string
		wg       sync.WaitGroup
	)
	lat := make([][]time.Duration, l.concurrency)
	start := time.Now()
	for c := range l.concurrency {
		wg.Go(func() {
			var ok, failed int
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := int(next.Add(1)) - 1
				if i >= l.requests {
					break
				}
				err := l.one(ctx, client, want, i, req, &lat[c])
				if err == nil {
					ok++
					continue
				}
				failed++
				mu.Lock()
				if firstErr == "" {
					firstErr = err.Error()
				}
				mu.Unlock()
			}
			mu.Lock()
			res.ok += ok
			res.failed += failed
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.firstErr = firstErr
	res.latencies = slices.Concat(lat...)
	slices.Sort(res.latencies)
	return res
}

func (l load) one(ctx context.Context, client *http.Client, want, i int, req func(context.Context, int) (*http.Request, error), lat *[]time.Duration) error {
	r, err := req(ctx, i)
	if err != nil {
		return err
	}
	t0 := time.Now()
	resp, err := client.Do(r)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: status %d, want %d", r.Method, r.URL.Path, resp.StatusCode, want)
	}
	*lat = append(*lat, d)
	return nil
}

// percentile is the p-th percentile (0 < p <= 100) of sorted durations,
// by the nearest-rank method; 0 for none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(float64(len(sorted))*p/100)) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}
