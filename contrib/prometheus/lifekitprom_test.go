package lifekitprom_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/contrib/prometheus"
	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/httpctl"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// failure fails at one of two sites: two groups.
//
//go:noinline
func failure(second bool) error {
	if second {
		return errs.New("quota exceeded")
	}
	return errs.New("disk full")
}

func TestAggregatorCollector(t *testing.T) {
	agg := errs.NewAggregator(errs.WithMaxGroups(2))
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(lifekitprom.NewAggregatorCollector(agg))

	var a, b string
	for range 3 {
		a = agg.Record(failure(false))
	}
	b = agg.Record(failure(true))
	want := fmt.Sprintf(`
# HELP lifekit_errors_evicted_groups_total Error groups the errs.Aggregator dropped to stay within its bound.
# TYPE lifekit_errors_evicted_groups_total counter
lifekit_errors_evicted_groups_total 0
# HELP lifekit_errors_max_groups The most error groups the errs.Aggregator keeps.
# TYPE lifekit_errors_max_groups gauge
lifekit_errors_max_groups 2
# HELP lifekit_errors_total Errors recorded by the errs.Aggregator, per group (fingerprint).
# TYPE lifekit_errors_total counter
lifekit_errors_total{fingerprint=%q} 3
lifekit_errors_total{fingerprint=%q} 1
`, a, b)
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Error(err)
	}

	// A third group evicts one: the series stay within the bound.
	agg.Record(errs.New("third site"))
	if n := testutil.CollectAndCount(lifekitprom.NewAggregatorCollector(agg), "lifekit_errors_total"); n != 2 {
		t.Errorf("%d lifekit_errors_total series, want 2 (MaxGroups)", n)
	}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP lifekit_errors_evicted_groups_total Error groups the errs.Aggregator dropped to stay within its bound.
# TYPE lifekit_errors_evicted_groups_total counter
lifekit_errors_evicted_groups_total 1
`), "lifekit_errors_evicted_groups_total"); err != nil {
		t.Error(err)
	}
}

func TestBatchCollector(t *testing.T) {
	fail := errors.New("store down")
	var failing atomic.Bool
	b := batch.New(func(ctx context.Context, items []int) error {
		if failing.Load() {
			return fail
		}
		return nil
	}, batch.WithMaxSize(3), batch.WithMaxWait(time.Hour))
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(lifekitprom.NewBatchCollector("events", b.Stats))
	ctx := context.Background()
	for i := range 4 { // one batch by size, one item left
		if err := b.Add(ctx, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	failing.Store(true)
	b.Add(ctx, 9)
	if err := b.Close(ctx); !errors.Is(err, fail) {
		t.Fatalf("Close = %v, want the commit's error", err)
	}
	for _, c := range []struct {
		metric string
		labels []string // name=value pairs
		want   float64
	}{
		{"lifekit_batch_items_added_total", nil, 5},
		{"lifekit_batch_items_total", []string{"outcome=committed"}, 4},
		{"lifekit_batch_items_total", []string{"outcome=failed"}, 1},
		{"lifekit_batch_items_total", []string{"outcome=dropped"}, 0},
		{"lifekit_batch_commits_total", []string{"trigger=size"}, 1},
		{"lifekit_batch_commits_total", []string{"trigger=flush"}, 1},
		{"lifekit_batch_commits_total", []string{"trigger=close"}, 1},
		{"lifekit_batch_items_queued", nil, 0},
	} {
		if got := value(t, reg, c.metric, append(c.labels, "batcher=events")...); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.metric, c.labels, got, c.want)
		}
	}
}

func TestHTTPClientMetrics(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/missing":
			http.NotFound(w, r)
		case calls.Add(1) == 1: // the first /flaky: retried
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			io.WriteString(w, "ok")
		}
	}))
	defer srv.Close()
	m := lifekitprom.NewHTTPClientMetrics()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(m)
	tr := &httpctl.Transport{Stats: m.Observe, Backoff: func(int) time.Duration { return 0 }, RetryBudget: -1}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	get := func(path string) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	get("/flaky") // 503, then 200
	get("/missing")

	// A request that fails: the server is gone.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	req, _ := http.NewRequest("PURGE", deadURL, nil)
	if _, err := (&http.Client{Transport: &httpctl.Transport{Stats: m.Observe, MaxTries: 1}}).Do(req); err == nil {
		t.Fatal("request to a closed server succeeded")
	}

	host := "host=127.0.0.1"
	for _, c := range []struct {
		metric string
		labels []string
		want   float64
	}{
		{"lifekit_http_client_request_duration_seconds", []string{"http_request_method=GET", "server_address=127.0.0.1", "http_response_status_code=200", "error_type="}, 1},
		{"lifekit_http_client_request_duration_seconds", []string{"http_request_method=GET", "server_address=127.0.0.1", "http_response_status_code=404", "error_type=404"}, 1},
		{"lifekit_http_client_request_duration_seconds", []string{"http_request_method=_OTHER", "server_address=127.0.0.1", "http_response_status_code=", "error_type=_OTHER"}, 1},
		{"lifekit_http_client_attempts_total", []string{"http_request_method=GET", "server_address=127.0.0.1"}, 3},
	} {
		if got := value(t, reg, c.metric, c.labels...); got != c.want {
			t.Errorf("%s%v = %v, want %v (%s)", c.metric, c.labels, got, c.want, host)
		}
	}
	if n := testutil.CollectAndCount(m, "lifekit_http_client_retries_refused_total"); n != 0 {
		t.Errorf("%d refused-retry series, want none", n)
	}
}

func TestHTTPClientMetricsRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	m := lifekitprom.NewHTTPClientMetrics()
	tr := &httpctl.Transport{Stats: m.Observe, MaxTries: 2, Backoff: func(int) time.Duration { return 0 }, RetryBudget: -1}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(m)
	if got := value(t, reg, "lifekit_http_client_retries_refused_total", "reason=max tries"); got != 1 {
		t.Errorf(`retries refused for "max tries" = %v, want 1`, got)
	}
}

// value returns the value of the one series of metric whose labels include
// every name=value pair: a counter's or gauge's value, a histogram's sample
// count. It fails the test if there is not exactly one.
func value(t *testing.T, g prometheus.Gatherer, metric string, labels ...string) float64 {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var found []*dto.Metric
	for _, f := range families {
		if f.GetName() != metric {
			continue
		}
	series:
		for _, m := range f.GetMetric() {
			have := map[string]string{}
			for _, l := range m.GetLabel() {
				have[l.GetName()] = l.GetValue()
			}
			for _, p := range labels {
				name, v, _ := strings.Cut(p, "=")
				if have[name] != v {
					continue series
				}
			}
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s%v: %d series, want 1", metric, labels, len(found))
	}
	switch m := found[0]; {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	t.Fatalf("%s: unknown metric type", metric)
	return 0
}

// A request a deadline ended is error_type="timeout", one its caller
// cancelled is "canceled". The server holds each request until the client
// gives up on it.
func TestHTTPClientMetricsTimeoutAndCanceled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	m := lifekitprom.NewHTTPClientMetrics()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(m)
	tr := &httpctl.Transport{Stats: m.Observe, MaxTries: 1}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	do := func(ctx context.Context) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			t.Fatal("a request the server never answered succeeded")
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	do(ctx)
	cancel()
	ctx, cancel = context.WithCancel(context.Background())
	started := make(chan struct{})
	go func() { <-started; cancel() }()
	do(httptraceGotConn(ctx, started))

	for _, errType := range []string{"timeout", "canceled"} {
		labels := []string{"http_request_method=GET", "server_address=127.0.0.1", "http_response_status_code=", "error_type=" + errType}
		if got := value(t, reg, "lifekit_http_client_request_duration_seconds", labels...); got != 1 {
			t.Errorf("requests with error_type=%q = %v, want 1", errType, got)
		}
	}
}

// httptraceGotConn returns ctx with a trace that closes ch once the request
// has a connection, so that a cancellation lands while it is on the wire.
func httptraceGotConn(ctx context.Context, ch chan struct{}) context.Context {
	var once sync.Once
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { once.Do(func() { close(ch) }) },
	})
}

// Two Aggregators in one registry are told apart by a label each is
// registered with.
func TestTwoAggregators(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	for _, name := range []string{"api", "worker"} {
		agg := errs.NewAggregator()
		agg.Record(failure(name == "worker"))
		prometheus.WrapRegistererWith(prometheus.Labels{"aggregator": name}, reg).
			MustRegister(lifekitprom.NewAggregatorCollector(agg))
	}
	for _, name := range []string{"api", "worker"} {
		if got := value(t, reg, "lifekit_errors_max_groups", "aggregator="+name); got == 0 {
			t.Errorf("lifekit_errors_max_groups{aggregator=%q} missing", name)
		}
	}
	if n, err := testutil.GatherAndCount(reg, "lifekit_errors_total"); err != nil || n != 2 {
		t.Errorf("lifekit_errors_total: %d series (%v), want 2, one per aggregator", n, err)
	}
}
