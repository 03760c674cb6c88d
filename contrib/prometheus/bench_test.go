package lifekitprom_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/lifekit/lifekit/contrib/prometheus"
	"github.com/lifekit/lifekit/httpctl"
)

// BenchmarkObserve measures the Stats hook on the request path, for a
// request that succeeded at once.
func BenchmarkObserve(b *testing.B) {
	m := lifekitprom.NewHTTPClientMetrics()
	req, _ := http.NewRequest(http.MethodGet, "http://api.example/v1/users/42", nil)
	st := &httpctl.Stats{
		Request:    req,
		Attempts:   []httpctl.AttemptStats{{StatusCode: 200}},
		StatusCode: 200,
		Duration:   3 * time.Millisecond,
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Observe(st)
	}
}
