package httpctl_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/httpctl"
)

// flaky answers 503 to its first request and 200 after.
func flaky() *httptest.Server {
	var n atomic.Int32
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "hello")
	}))
}

func ExampleTransport() {
	srv := flaky()
	defer srv.Close()

	tr := &httpctl.Transport{
		DialTimeout:    time.Second,
		AttemptTimeout: 2 * time.Second,
		RequestTimeout: 5 * time.Second,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	resp, err := client.Get(srv.URL) // the 503 is retried
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output:
	// 200 hello
}

func ExampleTransport_stats() {
	srv := flaky()
	defer srv.Close()

	tr := &httpctl.Transport{
		Backoff: func(int) time.Duration { return 0 },
		Stats: func(s *httpctl.Stats) {
			for i, a := range s.Attempts {
				fmt.Printf("attempt %d: status %d, retried %v\n", i+1, a.StatusCode, a.Retry)
			}
			fmt.Println("outcome:", s.StatusCode, s.Err)
		},
	}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close() // the hook runs now that the body is done
	// Output:
	// attempt 1: status 503, retried true
	// attempt 2: status 200, retried false
	// outcome: 200 <nil>
}

// A Retry rule can narrow the default: here, never retry a 429.
func ExampleDefaultRetry() {
	retry := func(a *httpctl.Attempt) bool {
		if a.Response != nil && a.Response.StatusCode == http.StatusTooManyRequests {
			return false
		}
		return httpctl.DefaultRetry(a)
	}
	tr := &httpctl.Transport{Retry: retry}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", "http://127.0.0.1/", nil)
	fmt.Println(retry(&httpctl.Attempt{Request: req, Try: 1, Response: &http.Response{StatusCode: 429}}))
	fmt.Println(retry(&httpctl.Attempt{Request: req, Try: 1, Response: &http.Response{StatusCode: 503}}))
	// Output:
	// false
	// true
}

func ExampleExponentialBackoff() {
	backoff := httpctl.ExponentialBackoff(50*time.Millisecond, time.Second)
	for try := 1; try <= 6; try++ {
		d := backoff(try)
		ceiling := min(time.Second, 50*time.Millisecond<<(try-1))
		fmt.Println(try, d >= 0 && d <= ceiling)
	}
	// Output:
	// 1 true
	// 2 true
	// 3 true
	// 4 true
	// 5 true
	// 6 true
}

func ExampleIdempotent() {
	get, _ := http.NewRequest("GET", "http://127.0.0.1/", nil)
	post, _ := http.NewRequest("POST", "http://127.0.0.1/", nil)
	fmt.Println(httpctl.Idempotent(get), httpctl.Idempotent(post))
	post.Header.Set("Idempotency-Key", "order-42")
	fmt.Println(httpctl.Idempotent(post))
	// Output:
	// true false
	// true
}

// A server that answers 503, then drops the connection: the retry fails
// too, and RoundTrip's error says how far the request got.
func ExampleError() {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close() // no response at all
		}
	}))
	defer srv.Close()

	tr := &httpctl.Transport{MaxTries: 2, Backoff: func(int) time.Duration { return 0 }}
	defer tr.CloseIdleConnections()
	_, err := (&http.Client{Transport: tr}).Get(srv.URL)

	var he *httpctl.Error
	if errors.As(err, &he) {
		fmt.Println(he.Attempts, he.LastStatus, errors.Is(err, io.EOF))
		fmt.Println(he)
	}
	// Output:
	// 2 503 true
	// httpctl: 2 attempts, last status 503: EOF
}

// A Retry-After that runs past the request's deadline ends the retries:
// RoundTrip returns the response at once, rather than sleep into a timeout.
func ExampleTransport_retryAfter() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()

	tr := &httpctl.Transport{
		RequestTimeout: 5 * time.Second,
		MaxRetryAfter:  time.Minute,
		Stats:          func(s *httpctl.Stats) { fmt.Println("not retried:", s.NoRetry) },
	}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))
	resp.Body.Close()
	// Output:
	// 503 30
	// not retried: deadline
}

func ExampleTimeoutError() {
	err := &httpctl.TimeoutError{Kind: "attempt", Limit: 2 * time.Second}
	fmt.Println(err)
	fmt.Println(err.Timeout())
	// Output:
	// httpctl: attempt timeout (2s) exceeded
	// true
}

func ExampleTransport_CloseIdleConnections() {
	tr := &httpctl.Transport{}
	// Release the pool when the client is no longer needed.
	tr.CloseIdleConnections()
	fmt.Println("closed")
	// Output:
	// closed
}

func ExampleTransport_RoundTrip() {
	srv := flaky()
	defer srv.Close()
	tr := &httpctl.Transport{Backoff: func(int) time.Duration { return 0 }}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// 200
}
