package errs_test

import (
	"errors"
	"expvar"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

func ExampleNew() {
	err := errs.New("quota exceeded")
	fmt.Println(err)
	fmt.Println(errs.StackOf(err)[0].Function)
	// Output:
	// quota exceeded
	// github.com/lifekit/lifekit/errs_test.ExampleNew
}

func ExampleErrorf() {
	err := errs.Errorf("read config %s: %w", "app.toml", fs.ErrNotExist)
	fmt.Println(err)
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	// Output:
	// read config app.toml: file does not exist
	// true
}

func ExampleWrap() {
	_, err := os.Open("does-not-exist.txt")
	err = errs.Wrap(err)
	fmt.Println(err)
	fmt.Println(errors.Is(err, fs.ErrNotExist), len(errs.StackOf(err)) > 0)
	// Output:
	// open does-not-exist.txt: no such file or directory
	// true true
}

// Wrapping again on the way up the same path keeps the one stack: Wrap
// returns the error itself.
func ExampleWrap_samePath() {
	err := errs.New("disk full")
	again := errs.Wrap(err)
	fmt.Println(again == err, len(errs.Stacks(again)))
	// Output:
	// true 1
}

// An error that comes from another goroutine gets a second stack where it
// is wrapped, so %+v shows both where it began and where it arrived.
func ExampleWrap_goroutine() {
	ch := make(chan error)
	go func() { ch <- errs.New("worker failed") }()
	err := errs.Wrap(<-ch)
	fmt.Println(len(errs.Stacks(err)))
	// Output:
	// 2
}

// mustOpen is a helper: its errors should point at its caller.
func mustOpen(name string) error {
	_, err := os.Open(name)
	return errs.WrapSkip(err, 1)
}

func ExampleWrapSkip() {
	err := mustOpen("missing.txt")
	fmt.Println(errs.StackOf(err)[0].Function)
	// Output:
	// github.com/lifekit/lifekit/errs_test.ExampleWrapSkip
}

func ExampleStackOf() {
	err := errs.Errorf("save: %w", errs.New("conflict"))
	for _, f := range errs.StackOf(err)[:1] {
		fmt.Println(f.Function, f.Line > 0)
	}
	fmt.Println(errs.StackOf(io.EOF) == nil)
	// Output:
	// github.com/lifekit/lifekit/errs_test.ExampleStackOf true
	// true
}

func ExampleStacks() {
	a := errs.New("a")
	ch := make(chan error)
	go func() { ch <- errs.New("b") }()
	err := errors.Join(a, <-ch)
	fmt.Println(len(errs.Stacks(err)))
	// Output:
	// 2
}

func ExampleFingerprint() {
	var fps []string
	for _, id := range []int{7, 12} {
		// The same place, different messages: one group.
		fps = append(fps, errs.Fingerprint(errs.Errorf("user %d not found", id)))
	}
	fmt.Println(fps[0] == fps[1], strings.HasPrefix(fps[0], "v2:"))

	// Without a stack, errors group by type and message, numbers aside.
	a := errs.Fingerprint(fmt.Errorf("dial 10.0.0.1:5432: refused"))
	b := errs.Fingerprint(fmt.Errorf("dial 10.0.0.2:6432: refused"))
	fmt.Println(a == b)
	// Output:
	// true true
	// true
}

//go:noinline
func lookup(id int) error { return errs.Errorf("user %d not found", id) }

func ExampleAggregator() {
	agg := errs.NewAggregator(errs.WithMaxGroups(100))
	for id := range 3 {
		agg.Record(lookup(id))
	}
	agg.Record(io.ErrUnexpectedEOF)
	for _, g := range agg.Groups() {
		fmt.Println(g.Count, g.Message)
	}
	// Output:
	// 3 user 0 not found
	// 1 unexpected EOF
}

func ExampleNewAggregator() {
	agg := errs.NewAggregator()
	fmt.Println(agg.MaxGroups(), len(agg.Groups()))
	// Output:
	// 1024 0
}

func ExampleWithMaxGroups() {
	agg := errs.NewAggregator(errs.WithMaxGroups(1))
	agg.Record(errs.New("first"))
	agg.Record(fmt.Errorf("second"))
	fmt.Println(len(agg.Groups()), agg.Evicted())
	// Output:
	// 1 1
}

func ExampleAggregator_Record() {
	agg := errs.NewAggregator()
	err := errs.New("boom")
	fmt.Println(agg.Record(err) == errs.Fingerprint(err))
	fmt.Println(agg.Record(nil) == "")
	// Output:
	// true
	// true
}

func ExampleAggregator_Groups() {
	agg := errs.NewAggregator()
	agg.Record(io.EOF)
	agg.Record(io.EOF)
	g := agg.Groups()[0]
	fmt.Println(g.Count, g.Message, g.Stack == nil, !g.First.After(g.Last))
	// Output:
	// 2 EOF true true
}

func ExampleAggregator_ServeHTTP() {
	agg := errs.NewAggregator()
	agg.Record(errs.New("payment declined"))

	mux := http.NewServeMux()
	mux.Handle("GET /debug/errors", agg)

	req := httptest.NewRequest("GET", "/debug/errors?format=json", nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(strings.Contains(rec.Body.String(), `"message": "payment declined"`))
	// Output:
	// 200 application/json
	// true
}

// An Aggregator prints as a short summary.
func ExampleAggregator_String() {
	agg := errs.NewAggregator()
	agg.Record(errs.New("payment declined"))
	agg.Record(errs.New("payment declined"))
	agg.Record(io.EOF)
	fmt.Println(agg)
	// Output:
	// 3 errors in 2 groups
}

// Publish an Aggregator with expvar through Expvar, and /debug/vars shows
// its groups as JSON. The package publishes nothing itself.
func ExampleAggregator_Expvar() {
	agg := errs.NewAggregator()
	expvar.Publish("errors", agg.Expvar()) // once, in main
	fmt.Println(expvar.Get("errors"))
	// Output:
	// {"groups":[],"evicted":0,"max_groups":1024}
}

// Errors from this package log as a group: message, fingerprint and stack.
func Example_slog() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == "time" || a.Key == "stack" || a.Key == "fingerprint" {
				return slog.Attr{} // vary from run to run
			}
			return a
		},
	}))
	logger.Error("request failed", "err", errs.New("db timeout"))
	// Output:
	// level=ERROR msg="request failed" err.msg="db timeout"
}

func ExampleFrame() {
	f := errs.StackOf(errs.New("x"))[0]
	fmt.Println(strings.HasSuffix(f.File, "example_test.go"), f.Function)
	// Output:
	// true github.com/lifekit/lifekit/errs_test.ExampleFrame
}

func ExampleAggregator_Evicted() {
	agg := errs.NewAggregator(errs.WithMaxGroups(2))
	agg.Record(errors.New("a"))
	agg.Record(errors.New("b"))
	agg.Record(errors.New("c")) // a third group: the least recent goes
	fmt.Println(len(agg.Groups()), agg.Evicted())
	// Output:
	// 2 1
}

func ExampleAggregator_MaxGroups() {
	fmt.Println(errs.NewAggregator().MaxGroups() == errs.DefaultMaxGroups)
	fmt.Println(errs.NewAggregator(errs.WithMaxGroups(50)).MaxGroups())
	// Output:
	// true
	// 50
}
