// Command errs shows the errs package at work: a few workers fail in
// different ways, every error is recorded in an Aggregator, and the program
// prints the groups and one error in full. With -http it also serves the
// Aggregator's page, and its JSON through expvar, until interrupted.
//
//	go run ./examples/errs
//	go run ./examples/errs -http 127.0.0.1:8081   # then open /debug/errors or /debug/vars
package main

import (
	"context"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// errNotFound is a sentinel: declared with the standard errors.New, and
// wrapped where it is returned.
var errNotFound = errors.New("not found")

type store struct{ users map[int]string }

func (s *store) user(id int) (string, error) {
	name, ok := s.users[id]
	if !ok {
		return "", errs.Errorf("user %d: %w", id, errNotFound)
	}
	return name, nil
}

func parseID(raw string) (int, error) {
	id, err := strconv.Atoi(raw)
	if err != nil {
		return 0, errs.Wrap(err)
	}
	return id, nil
}

func readConfig(path string) error {
	_, err := os.ReadFile(path)
	return errs.Wrap(err)
}

// handle is one request: its errors come from three different places.
func handle(s *store, raw string) error {
	id, err := parseID(raw)
	if err != nil {
		return errs.Errorf("handle %q: %w", raw, err)
	}
	if _, err := s.user(id); err != nil {
		return errs.Wrap(err)
	}
	return nil
}

func main() {
	addr := flag.String("http", "", "serve the error page on this address (e.g. 127.0.0.1:8081)")
	flag.Parse()

	s := &store{users: map[int]string{1: "ada", 2: "grace"}}
	agg := errs.NewAggregator(errs.WithMaxGroups(100))

	// Workers handle requests concurrently and send their errors back to
	// this goroutine, which wraps them: a second stack marks the crossing.
	requests := []string{"1", "2", "3", "x7", "4", "2", "y", "99"}
	results := make(chan error, len(requests))
	var wg sync.WaitGroup
	for _, raw := range requests {
		wg.Go(func() { results <- handle(s, raw) })
	}
	wg.Wait()
	close(results)
	var last error
	for err := range results {
		if err != nil {
			last = errs.Wrap(err)
			agg.Record(last)
		}
	}
	if err := readConfig("/nonexistent/app.toml"); err != nil {
		agg.Record(err)
		fmt.Println("is fs.ErrNotExist:", errors.Is(err, fs.ErrNotExist))
	}

	fmt.Printf("\nerror groups (%v), most frequent first:\n", agg)
	for _, g := range agg.Groups() {
		fmt.Printf("  %3d  %s  %s\n", g.Count, g.Fingerprint, g.Message)
	}
	fmt.Printf("\none error in full (%%+v):\n%+v\n", last)

	if *addr == "" {
		return
	}
	// Publishing is the program's choice: errs imports no expvar.
	expvar.Publish("errors", agg.Expvar())
	mux := http.NewServeMux()
	mux.Handle("GET /debug/errors", agg)
	mux.Handle("GET /debug/vars", expvar.Handler())
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Printf("\nserving http://%s/debug/errors (Ctrl-C to stop)\n", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
