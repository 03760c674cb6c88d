package lifekitprom_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/contrib/prometheus"
	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/httpctl"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func ExampleNewAggregatorCollector() {
	agg := errs.NewAggregator()
	reg := prometheus.NewRegistry()
	reg.MustRegister(lifekitprom.NewAggregatorCollector(agg))

	for range 3 {
		agg.Record(errs.New("disk full"))
	}
	fmt.Println(testutil.CollectAndCount(lifekitprom.NewAggregatorCollector(agg), "lifekit_errors_total"), "series")
	// Output:
	// 1 series
}

func ExampleNewBatchCollector() {
	b := batch.New(func(ctx context.Context, items []string) error { return nil })
	reg := prometheus.NewRegistry()
	reg.MustRegister(lifekitprom.NewBatchCollector("events", b.Stats))

	b.Add(context.Background(), "signup")
	b.Close(context.Background())
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP lifekit_batch_items_added_total Items the batcher accepted.
# TYPE lifekit_batch_items_added_total counter
lifekit_batch_items_added_total{batcher="events"} 1
`), "lifekit_batch_items_added_total")
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleHTTPClientMetrics() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()

	m := lifekitprom.NewHTTPClientMetrics()
	prometheus.NewRegistry().MustRegister(m)
	tr := &httpctl.Transport{Stats: m.Observe}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close() // the request is recorded when its body is closed

	fmt.Println(testutil.CollectAndCount(m, "lifekit_http_client_request_duration_seconds"), "series")
	// Output:
	// 1 series
}
