package batch_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lifekit/lifekit/batch"
)

func Example() {
	ctx := context.Background()
	b := batch.New(func(ctx context.Context, words []string) error {
		fmt.Println(strings.Join(words, " "))
		return nil
	}, batch.WithMaxSize(3), batch.WithMaxWait(time.Minute))

	for _, w := range strings.Fields("a b c d e") {
		if err := b.Add(ctx, w); err != nil {
			fmt.Println(err)
		}
	}
	// Close commits what is left.
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// a b c
	// d e
}

// errBusy is what the flaky store below returns while it is busy.
var errBusy = errors.New("store busy")

// Retries belong inside the commit function, bounded and honouring ctx: a
// commit must not add items back to its own Batcher.
func Example_retry() {
	tries := 0
	insert := func(ctx context.Context, rows []string) error { // stands for a store
		tries++
		if tries < 3 {
			return errBusy
		}
		fmt.Println("stored", rows)
		return nil
	}
	b := batch.New(func(ctx context.Context, rows []string) error {
		err := insert(ctx, rows)
		for try := 1; try < 5 && errors.Is(err, errBusy); try++ {
			select {
			case <-ctx.Done(): // Close gave up on this commit
				return context.Cause(ctx)
			case <-time.After(time.Duration(try) * time.Millisecond):
			}
			err = insert(ctx, rows)
		}
		return err
	}, batch.WithMaxSize(2))

	ctx := context.Background()
	for _, row := range []string{"a", "b"} {
		if err := b.Add(ctx, row); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println("tries:", tries)
	// Output:
	// stored [a b]
	// tries: 3
}

// Event is an analytics event, written to a store in batches.
type Event struct {
	Name string
	At   time.Time
}

func ExampleNew() {
	var stored int // stands for a table
	b := batch.New(func(ctx context.Context, events []Event) error {
		// A real commit writes all the events in one statement, with ctx.
		stored += len(events)
		return nil
	},
		batch.WithMaxSize(500),
		batch.WithMaxWait(50*time.Millisecond),
		batch.WithQueueSize(10_000),
	)

	ctx := context.Background()
	for i := range 1200 {
		if err := b.Add(ctx, Event{Name: fmt.Sprint("click ", i), At: time.Now()}); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println("stored:", stored)
	// Output:
	// stored: 1200
}

func ExampleBatcher_Add() {
	b := batch.New(func(ctx context.Context, lines []string) error {
		fmt.Printf("shipping %d lines\n", len(lines))
		return nil
	}, batch.WithMaxSize(100), batch.WithMaxWait(time.Minute))

	ctx := context.Background()
	for i := range 250 {
		// Add returns as soon as the line is queued.
		if err := b.Add(ctx, fmt.Sprint("line ", i)); err != nil {
			fmt.Println(err) // ErrClosed, ErrFull or ctx's error
		}
	}
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// shipping 100 lines
	// shipping 100 lines
	// shipping 50 lines
}

// errTaken is what the user store below returns for a name in use.
var errTaken = errors.New("name taken")

func ExampleBatcher_AddWait() {
	taken := map[string]bool{"ann": true}
	var commits int
	b := batch.New(func(ctx context.Context, names []string) error {
		commits++
		// One write for every caller; failing items are reported one by one.
		failed := make(map[int]error)
		for i, n := range names {
			if taken[n] {
				failed[i] = fmt.Errorf("%s: %w", n, errTaken)
				continue
			}
			taken[n] = true
		}
		return &batch.PartialError{Failed: failed}
	}, batch.WithMaxSize(4), batch.WithMaxWait(time.Minute))

	// Four requests sign up at once; each waits for its own result.
	names := []string{"ann", "bob", "cy", "dee"}
	results := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { results[i] = b.AddWait(context.Background(), n) })
	}
	wg.Wait()

	for i, n := range names {
		fmt.Printf("%s: %v (taken: %t)\n", n, results[i], errors.Is(results[i], errTaken))
	}
	fmt.Println("commits:", commits)
	// Close reports no failure: the commit it would wait for is done.
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ann: ann: name taken (taken: true)
	// bob: <nil> (taken: false)
	// cy: <nil> (taken: false)
	// dee: <nil> (taken: false)
	// commits: 1
}

func ExampleBatcher_Flush() {
	b := batch.New(func(ctx context.Context, items []int) error {
		fmt.Println("commit", items)
		return nil
	}, batch.WithMaxWait(time.Minute))

	ctx := context.Background()
	for i := range 2 {
		if err := b.Add(ctx, i+1); err != nil {
			fmt.Println(err)
		}
	}
	// Commit now, for example before answering a client that must see them.
	if err := b.Flush(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println("flushed")
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// commit [1 2]
	// flushed
}

func ExampleBatcher_Close() {
	b := batch.New(func(ctx context.Context, items []int) error {
		fmt.Println("commit", items)
		return nil
	})
	if err := b.Add(context.Background(), 1); err != nil {
		fmt.Println(err)
	}

	// Bound the shutdown: what cannot be committed in time is reported,
	// not lost silently.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println(b.Add(context.Background(), 2))
	// Output:
	// commit [1]
	// batch: closed
}

// A lifecycle graph stops the components it starts through this interface.
type stopper interface {
	Stop(ctx context.Context) error
}

func ExampleBatcher_Stop() {
	b := batch.New(func(ctx context.Context, items []string) error {
		fmt.Println("commit", items)
		return nil
	})
	if err := b.Add(context.Background(), "last words"); err != nil {
		fmt.Println(err)
	}

	var component stopper = b
	if err := component.Stop(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// commit [last words]
}

func ExampleBatcher_Stats() {
	errUnlucky := errors.New("unlucky batch")
	b := batch.New(func(ctx context.Context, items []int) error {
		if slices.Contains(items, 13) {
			return errUnlucky
		}
		return nil
	}, batch.WithMaxSize(10), batch.WithMaxWait(time.Minute))

	ctx := context.Background()
	for i := range 25 {
		if err := b.Add(ctx, i); err != nil {
			fmt.Println(err)
		}
	}
	// Close reports the failures of the commits it waited for, which may
	// or may not include the unlucky one; Stats counts every commit.
	if err := b.Close(ctx); err != nil && !errors.Is(err, errUnlucky) {
		fmt.Println(err)
	}

	s := b.Stats()
	fmt.Printf("added %d, committed %d, failed %d\n", s.Added, s.Committed, s.Failed)
	fmt.Printf("batches: %d by size, %d by close\n", s.Batches.Size, s.Batches.Close)
	// Output:
	// added 25, committed 15, failed 10
	// batches: 2 by size, 1 by close
}

func ExampleWithMaxSize() {
	b := batch.New(func(ctx context.Context, items []int) error {
		fmt.Println(items)
		return nil
	}, batch.WithMaxSize(2), batch.WithMaxWait(time.Minute))
	for i := range 5 {
		if err := b.Add(context.Background(), i); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// [0 1]
	// [2 3]
	// [4]
}

func ExampleWithMaxWait() {
	b := batch.New(func(ctx context.Context, items []string) error {
		fmt.Println("commit", items)
		return nil
	}, batch.WithMaxWait(10*time.Millisecond))

	// A lone item is committed once it has waited 10ms.
	if err := b.AddWait(context.Background(), "lonely"); err != nil {
		fmt.Println(err)
	}
	fmt.Println("batches by time:", b.Stats().Batches.Time)
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// commit [lonely]
	// batches by time: 1
}

// With NoWait a lone item is committed at once, and items that arrive while
// the commit slot is busy are committed together as soon as it frees up.
func ExampleNoWait() {
	started, release := make(chan struct{}), make(chan struct{})
	b := batch.New(func(ctx context.Context, items []string) error {
		fmt.Println("commit", items)
		if items[0] == "a" {
			close(started)
			<-release // a slow write
		}
		return nil
	}, batch.WithMaxWait(batch.NoWait))

	ctx := context.Background()
	if err := b.Add(ctx, "a"); err != nil {
		fmt.Println(err)
	}
	<-started // "a" is committed at once, with no wait for more
	for _, item := range []string{"b", "c", "d"} {
		if err := b.Add(ctx, item); err != nil {
			fmt.Println(err)
		}
	}
	close(release) // b, c and d waited for the slot: they go together
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// commit [a]
	// commit [b c d]
}

func ExampleWithMaxBytes() {
	// Batches of at most 16 bytes of messages, as a size-capped request
	// body needs.
	b := batch.New(func(ctx context.Context, msgs []string) error {
		fmt.Println(msgs)
		return nil
	},
		batch.WithMaxBytes(16, func(s string) int { return len(s) }),
		batch.WithMaxWait(time.Minute))
	for _, m := range []string{"hello", "world", "batch", "of", "bytes"} {
		if err := b.Add(context.Background(), m); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// [hello world batch]
	// [of bytes]
}

func ExampleWithConcurrency() {
	var (
		mu    sync.Mutex
		total int
	)
	// Up to four batches are written at once; their order is then free.
	b := batch.New(func(ctx context.Context, items []int) error {
		mu.Lock()
		defer mu.Unlock()
		for _, it := range items {
			total += it
		}
		return nil
	}, batch.WithConcurrency(4), batch.WithMaxSize(10))
	for i := 1; i <= 100; i++ {
		if err := b.Add(context.Background(), i); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Println(total)
	// Output:
	// 5050
}

func ExampleWithQueueSize() {
	release := make(chan struct{})
	b := batch.New(func(ctx context.Context, items []int) error {
		<-release // a slow store
		return nil
	}, batch.WithMaxSize(1), batch.WithQueueSize(1), batch.WithFullPolicy(batch.Fail))

	ctx := context.Background()
	fmt.Println(b.Add(ctx, 1)) // committing
	fmt.Println(b.Add(ctx, 2)) // queued
	fmt.Println(b.Add(ctx, 3)) // no room
	close(release)
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// <nil>
	// batch: queue full
}

func ExampleWithFullPolicy() {
	release := make(chan struct{})
	b := batch.New(func(ctx context.Context, items []string) error {
		<-release
		return nil
	}, batch.WithMaxSize(1), batch.WithQueueSize(1), batch.WithFullPolicy(batch.Drop))

	// Telemetry that must never slow the caller down: drop when full.
	ctx := context.Background()
	for _, m := range []string{"a", "b", "c", "d"} {
		if err := b.Add(ctx, m); err != nil {
			fmt.Println(err)
		}
	}
	close(release)
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	s := b.Stats()
	fmt.Printf("committed %d, dropped %d\n", s.Committed, s.Dropped)
	// Output:
	// committed 2, dropped 2
}

func ExampleWithLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // for a stable output
			}
			return a
		},
	}))
	b := batch.New(func(ctx context.Context, items []int) error {
		return errors.New("store unavailable")
	}, batch.WithLogger(logger), batch.WithMaxWait(time.Minute))
	if err := b.Add(context.Background(), 1); err != nil {
		fmt.Println(err)
	}
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// level=ERROR msg="commit failed" items=1 failed=1 trigger=close err="store unavailable"
	// batch: close: 1 of 1 items failed: store unavailable
}

func ExamplePartialError() {
	b := batch.New(func(ctx context.Context, ids []int) error {
		// The store accepted every row but the second.
		return &batch.PartialError{Failed: map[int]error{1: errors.New("bad row")}}
	}, batch.WithMaxSize(3), batch.WithMaxWait(time.Minute))

	results := make([]error, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() { results[i] = b.AddWait(context.Background(), i) })
	}
	wg.Wait()
	failed := 0
	for _, err := range results {
		if err != nil {
			failed++
			fmt.Println(err)
		}
	}
	fmt.Println("failed:", failed)
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// bad row
	// failed: 1
}

func ExamplePanicError() {
	b := batch.New(func(ctx context.Context, items []int) error {
		panic(fmt.Sprintf("cannot encode item %d", items[0])) // a bug
	}, batch.WithMaxSize(1))

	err := b.AddWait(context.Background(), 1)
	var pe *batch.PanicError
	if errors.As(err, &pe) {
		fmt.Println("recovered:", pe.Value)
	}
	fmt.Println(err)
	fmt.Println("panics:", b.Stats().Panics)
	if err := b.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// recovered: cannot encode item 1
	// panic: cannot encode item 1
	// panics: 1
}

func ExampleFullPolicy_String() {
	fmt.Println(batch.Block, batch.Drop, batch.Fail)
	// Output:
	// block drop fail
}

func ExampleBatchCounts_Total() {
	c := batch.BatchCounts{Size: 3, Time: 2, Close: 1}
	fmt.Println(c.Total())
	// Output:
	// 6
}
