package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadRun(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Query().Get("fail") != "" {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()

	tests := []struct {
		name             string
		l                load
		failEvery        int
		wantOK, wantFail int
	}{
		{"bounded by requests", load{concurrency: 4, requests: 200, duration: time.Minute, timeout: 5 * time.Second}, 0, 200, 0},
		{"failures counted", load{concurrency: 3, requests: 100, duration: time.Minute, timeout: 5 * time.Second}, 10, 90, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			served.Store(0)
			res := tt.l.run(context.Background(), http.StatusOK, func(ctx context.Context, i int) (*http.Request, error) {
				url := srv.URL
				if tt.failEvery > 0 && i%tt.failEvery == 0 {
					url += "?fail=1"
				}
				return http.NewRequestWithContext(ctx, "GET", url, nil)
			})
			if res.ok != tt.wantOK || res.failed != tt.wantFail || len(res.latencies) != tt.wantOK {
				t.Errorf("run() = %d ok, %d failed, %d latencies; want %d, %d, %d", res.ok, res.failed, len(res.latencies), tt.wantOK, tt.wantFail, tt.wantOK)
			}
			if int(served.Load()) != tt.wantOK+tt.wantFail {
				t.Errorf("server saw %d requests, want %d", served.Load(), tt.wantOK+tt.wantFail)
			}
			if (tt.wantFail > 0) != (res.firstErr != "") {
				t.Errorf("firstErr = %q with %d failures", res.firstErr, tt.wantFail)
			}
		})
	}
}

func TestLoadRunDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond) // a server that takes its time
	}))
	defer srv.Close()
	l := load{concurrency: 2, requests: 1_000_000, duration: 100 * time.Millisecond, timeout: 5 * time.Second}
	res := l.run(context.Background(), http.StatusOK, func(ctx context.Context, i int) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	})
	if res.ok == 0 || res.ok >= 1000 || res.elapsed > 5*time.Second {
		t.Errorf("run() for 100ms = %d ok in %v, want a few dozen, well under the request bound", res.ok, res.elapsed)
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 200; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{50, 100 * time.Millisecond}, {99, 198 * time.Millisecond}, {100, 200 * time.Millisecond}, {0.1, time.Millisecond}}
	for _, tt := range tests {
		if got := percentile(d, tt.p); got != tt.want {
			t.Errorf("percentile(1..200 ms, %v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if got := percentile(nil, 99); got != 0 {
		t.Errorf("percentile(nil, 99) = %v, want 0", got)
	}
}
