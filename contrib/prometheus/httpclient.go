package lifekitprom

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/lifekit/lifekit/httpctl"
	"github.com/prometheus/client_golang/prometheus"
)

// durationBuckets are the OpenTelemetry semantic conventions' advised
// boundaries for http.client.request.duration, in seconds.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}

// HTTPClientMetrics records the requests of httpctl Transports whose Stats
// hook is its Observe method. It is a prometheus.Collector: register it
// once, and share it among Transports. Create it with NewHTTPClientMetrics;
// it is safe for concurrent use.
type HTTPClientMetrics struct {
	duration *prometheus.HistogramVec
	attempts *prometheus.CounterVec
	refused  *prometheus.CounterVec
}

// NewHTTPClientMetrics returns metrics for httpctl Transports; see the
// package documentation for their names and labels.
func NewHTTPClientMetrics() *HTTPClientMetrics {
	return &HTTPClientMetrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "lifekit_http_client_request_duration_seconds",
			Help:    "Duration of HTTP client requests, every attempt and wait included, until the body was read or closed.",
			Buckets: durationBuckets,
		}, []string{"http_request_method", "server_address", "http_response_status_code", "error_type"}),
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lifekit_http_client_attempts_total",
			Help: "Attempts made by httpctl Transports: the first try of each request and every retry.",
		}, []string{"http_request_method", "server_address"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lifekit_http_client_retries_refused_total",
			Help: "Retries the Retry rule wanted that were not made, by reason: max tries, budget, deadline, retry-after too long, body not replayable.",
		}, []string{"reason"}),
	}
}

// Observe records one request. Use it as an httpctl.Transport's Stats hook:
//
//	&httpctl.Transport{Stats: m.Observe}
//
// It keeps nothing of st, which is valid only during the call.
func (m *HTTPClientMetrics) Observe(st *httpctl.Stats) {
	method, host := methodLabel(st.Request), ""
	if st.Request != nil && st.Request.URL != nil {
		host = st.Request.URL.Hostname()
	}
	m.duration.WithLabelValues(method, host, statusLabel(st.StatusCode), errorType(st)).Observe(st.Duration.Seconds())
	m.attempts.WithLabelValues(method, host).Add(float64(len(st.Attempts)))
	if st.NoRetry != "" {
		m.refused.WithLabelValues(st.NoRetry).Inc()
	}
}

// Describe implements prometheus.Collector.
func (m *HTTPClientMetrics) Describe(ch chan<- *prometheus.Desc) {
	m.duration.Describe(ch)
	m.attempts.Describe(ch)
	m.refused.Describe(ch)
}

// Collect implements prometheus.Collector.
func (m *HTTPClientMetrics) Collect(ch chan<- prometheus.Metric) {
	m.duration.Collect(ch)
	m.attempts.Collect(ch)
	m.refused.Collect(ch)
}

// methodLabel returns the request's method, or "_OTHER" for one the
// semantic conventions do not list, so that a client cannot make a series
// per made-up method.
func methodLabel(r *http.Request) string {
	if r == nil {
		return "_OTHER"
	}
	switch r.Method {
	case "", http.MethodGet:
		return http.MethodGet
	case http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodConnect, http.MethodOptions, http.MethodTrace, "QUERY":
		return r.Method
	}
	return "_OTHER"
}

// statusLabels holds the labels of the status codes 100 to 599, made once
// so that Observe does not format a number per request.
var statusLabels = func() [600]string {
	var l [600]string
	for i := 100; i < len(l); i++ {
		l[i] = strconv.Itoa(i)
	}
	return l
}()

// statusLabel returns the label of a status code: "" for none (an error).
func statusLabel(code int) string {
	if code >= 100 && code < len(statusLabels) {
		return statusLabels[code]
	}
	if code == 0 {
		return ""
	}
	return "_OTHER"
}

// errorType returns the semantic conventions' error.type of a request.
func errorType(st *httpctl.Stats) string {
	switch {
	case st.Err != nil && errors.Is(st.Err, context.DeadlineExceeded):
		return "timeout"
	case st.Err != nil && errors.Is(st.Err, context.Canceled):
		return "canceled"
	case st.Err != nil:
		return "_OTHER"
	case st.StatusCode >= 400:
		return statusLabel(st.StatusCode)
	}
	return ""
}
