package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

var (
	errOdd  = errors.New("odd item")
	errBoom = errors.New("boom")
)

// addWaitAll calls AddWait for each item concurrently and returns the
// results by item.
func addWaitAll(b *Batcher[int], items ...int) map[int]error {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		got = make(map[int]error)
	)
	for _, it := range items {
		wg.Go(func() {
			err := b.AddWait(context.Background(), it)
			mu.Lock()
			got[it] = err
			mu.Unlock()
		})
	}
	wg.Wait()
	return got
}

func TestItemResults(t *testing.T) {
	failOdd := func(items []int) map[int]error {
		failed := make(map[int]error)
		for i, it := range items {
			if it%2 != 0 {
				failed[i] = fmt.Errorf("item %d: %w", it, errOdd)
			}
		}
		return failed
	}
	tests := []struct {
		name   string
		commit func(context.Context, []int) error
		want   func(item int) error // the error each item's result must match; nil for success
		panics uint64
	}{
		{
			name:   "all committed",
			commit: func(context.Context, []int) error { return nil },
			want:   func(int) error { return nil },
		},
		{
			name: "partial",
			commit: func(_ context.Context, items []int) error {
				return &PartialError{Failed: failOdd(items)}
			},
			want: func(it int) error {
				if it%2 != 0 {
					return errOdd
				}
				return nil
			},
		},
		{
			name: "partial wrapped, bad indexes and nil errors ignored",
			commit: func(_ context.Context, items []int) error {
				failed := failOdd(items)
				failed[-1] = errBoom
				failed[len(items)] = errBoom
				for i, it := range items {
					if it == 0 {
						failed[i] = nil
					}
				}
				return fmt.Errorf("insert: %w", &PartialError{Failed: failed})
			},
			want: func(it int) error {
				if it%2 != 0 {
					return errOdd
				}
				return nil
			},
		},
		{
			name:   "partial empty",
			commit: func(context.Context, []int) error { return &PartialError{} },
			want:   func(int) error { return nil },
		},
		{
			name:   "partial typed nil",
			commit: func(context.Context, []int) error { return (*PartialError)(nil) },
			want:   func(int) error { return nil },
		},
		{
			name: "partial typed nil wrapped",
			commit: func(context.Context, []int) error {
				var pe *PartialError // built only if an item fails
				return fmt.Errorf("insert: %w", pe)
			},
			want: func(int) error { return nil },
		},
		{
			name:   "error whose As panics",
			commit: func(context.Context, []int) error { return buggyError{panicIn: "As"} },
			want:   func(int) error { return &PanicError{} },
			panics: 1,
		},
		{
			name:   "error whose Unwrap panics",
			commit: func(context.Context, []int) error { return fmt.Errorf("insert: %w", buggyError{panicIn: "Unwrap"}) },
			want:   func(int) error { return &PanicError{} },
			panics: 1,
		},
		{
			name:   "whole batch",
			commit: func(context.Context, []int) error { return errBoom },
			want:   func(int) error { return errBoom },
		},
		{
			name:   "panic",
			commit: func(context.Context, []int) error { panic("kaput") },
			want:   func(int) error { return &PanicError{} },
			panics: 1,
		},
		{
			name:   "panic with an error",
			commit: func(context.Context, []int) error { panic(errBoom) },
			want:   func(int) error { return errBoom },
			panics: 1,
		},
		{
			name:   "panic nil",
			commit: func(context.Context, []int) error { panic(nil) },
			want:   func(int) error { return new(runtime.PanicNilError) },
			panics: 1,
		},
		{
			name: "panic with a partial error is a whole failure",
			commit: func(_ context.Context, items []int) error {
				panic(&PartialError{Failed: failOdd(items)})
			},
			want:   func(int) error { return &PanicError{} },
			panics: 1,
		},
		{
			name:   "goexit",
			commit: func(context.Context, []int) error { runtime.Goexit(); return nil },
			want:   func(int) error { return ErrGoexit },
		},
	}
	items := []int{0, 1, 2, 3, 4}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := New(tt.commit, WithMaxSize(len(items)), WithMaxWait(time.Hour))
				got := addWaitAll(b, items...)
				var failed uint64
				for _, it := range items {
					err, want := got[it], tt.want(it)
					switch {
					case want == nil && err != nil:
						t.Errorf("AddWait(%d) = %v, want nil", it, err)
					case want == nil:
					case errors.As(want, new(*PanicError)):
						failed++
						if !errors.As(err, new(*PanicError)) {
							t.Errorf("AddWait(%d) = %v, want a *PanicError", it, err)
						}
					case errors.As(want, new(*runtime.PanicNilError)):
						failed++
						if !errors.As(err, new(*PanicError)) || !errors.As(err, new(*runtime.PanicNilError)) {
							t.Errorf("AddWait(%d) = %v, want a *PanicError wrapping a *runtime.PanicNilError", it, err)
						}
					default:
						failed++
						if !errors.Is(err, want) {
							t.Errorf("AddWait(%d) = %v, want %v", it, err, want)
						}
					}
				}
				s := b.Stats()
				if s.Failed != failed || s.Committed != uint64(len(items))-failed || s.Panics != tt.panics {
					t.Errorf("Stats() Failed, Committed, Panics = %d, %d, %d, want %d, %d, %d",
						s.Failed, s.Committed, s.Panics, failed, uint64(len(items))-failed, tt.panics)
				}
				// The Batcher keeps working after any outcome.
				if err := b.Add(context.Background(), 10); err != nil {
					t.Errorf("Add() after the commit = %v, want nil", err)
				}
				b.Close(context.Background())
				if s := b.Stats(); s.Added != uint64(len(items))+1 || s.Batches.Total() != 2 {
					t.Errorf("Stats() Added, batches = %d, %d, want %d, 2", s.Added, s.Batches.Total(), len(items)+1)
				}
				checkBalance(t, b.Stats())
			})
		})
	}
}

// buggyError is an error type whose Unwrap or As method panics, as a
// buggy one might when the Batcher looks for a PartialError in it.
type buggyError struct{ panicIn string }

func (e buggyError) Error() string { return "buggy" }

func (e buggyError) Unwrap() error {
	if e.panicIn == "Unwrap" {
		panic("buggy Unwrap")
	}
	return nil
}

func (e buggyError) As(any) bool {
	if e.panicIn == "As" {
		panic("buggy As")
	}
	return false
}

// TestPanicNil checks that panic(nil) in commit is a failure also where
// recover returns nil for it, under GODEBUG=panicnil=1.
func TestPanicNil(t *testing.T) {
	t.Setenv("GODEBUG", strings.TrimPrefix(os.Getenv("GODEBUG")+",panicnil=1", ","))
	synctest.Test(t, func(t *testing.T) {
		b := New(func(context.Context, []int) error { panic(nil) }, WithMaxSize(1))
		err := b.AddWait(context.Background(), 1)
		var pe *PanicError
		if !errors.As(err, &pe) || pe.Value != nil {
			t.Errorf("AddWait(commit panics nil) = %v, want a *PanicError with a nil Value", err)
		}
		if err := b.Close(context.Background()); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
		if s := b.Stats(); s.Committed != 0 || s.Failed != 1 || s.Panics != 1 {
			t.Errorf("Stats() Committed, Failed, Panics = %d, %d, %d, want 0, 1, 1", s.Committed, s.Failed, s.Panics)
		}
	})
}

// TestSettle checks that a batch settled twice, as after a panic in the
// middle of settling or a Goexit, keeps only the second result.
func TestSettle(t *testing.T) {
	partial := &PartialError{Failed: map[int]error{0: errOdd, 2: errBoom, 9: errBoom, -1: errBoom, 1: nil}}
	tests := []struct {
		name   string
		first  error // settled first, as a partial result
		second error
		whole  bool
		want   []error // per item
		failed int
	}{
		{"partial", nil, partial, false, []error{errOdd, nil, errBoom}, 2},
		{"partial then whole", partial, ErrGoexit, true, []error{ErrGoexit, ErrGoexit, ErrGoexit}, 3},
		{"whole then partial", errBoom, partial, false, []error{errOdd, nil, errBoom}, 2},
		{"partial then typed nil", partial, (*PartialError)(nil), false, []error{nil, nil, nil}, 0},
		{"partial then nil", partial, nil, false, []error{nil, nil, nil}, 0},
		{"partial looked at as whole", nil, partial, true, []error{partial, partial, partial}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bt := &batch[int]{items: []int{10, 11, 12}}
			bt.settle(tt.first, false)
			bt.settle(tt.second, tt.whole)
			for i, want := range tt.want {
				if got := bt.itemErr(i); got != want {
					t.Errorf("itemErr(%d) = %v, want %v", i, got, want)
				}
			}
			if bt.failed != tt.failed {
				t.Errorf("failed = %d, want %d", bt.failed, tt.failed)
			}
			if want := firstNonNil(tt.want); bt.firstErr != want {
				t.Errorf("firstErr = %v, want %v", bt.firstErr, want)
			}
		})
	}
}

func firstNonNil(results []error) error {
	for _, err := range results {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestPanicError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := New(func(context.Context, []int) error { panic("kaput") }, WithMaxSize(1))
		defer b.Close(context.Background())
		err := b.AddWait(context.Background(), 1)
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Fatalf("AddWait() = %v, want a *PanicError", err)
		}
		if pe.Value != "kaput" {
			t.Errorf("PanicError.Value = %v, want kaput", pe.Value)
		}
		if !bytes.Contains(pe.Stack, []byte("TestPanicError")) {
			t.Errorf("PanicError.Stack = %s, want the commit func's frame", pe.Stack)
		}
		if got, want := err.Error(), "panic: kaput"; got != want {
			t.Errorf("AddWait().Error() = %q, want %q", got, want)
		}
	})
}

func TestPartialErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		e    *PartialError
		want string
	}{
		{"none", &PartialError{}, "batch: no item failed"},
		{"nil error only", &PartialError{Failed: map[int]error{1: nil}}, "batch: no item failed"},
		{"one", &PartialError{Failed: map[int]error{3: errOdd}}, "batch: item 3 failed: odd item"},
		{"several", &PartialError{Failed: map[int]error{7: errBoom, 2: errOdd, 5: errBoom}}, "batch: 3 items failed; item 2: odd item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("PartialError(%v).Error() = %q, want %q", tt.e.Failed, got, tt.want)
			}
		})
	}
	var none *PartialError
	if got, want := none.Error(), "batch: no item failed"; got != want {
		t.Errorf("(*PartialError)(nil).Error() = %q, want %q", got, want)
	}
	if got := none.Unwrap(); got != nil {
		t.Errorf("(*PartialError)(nil).Unwrap() = %v, want nil", got)
	}
	e := &PartialError{Failed: map[int]error{2: errOdd, 1: errBoom}}
	if !errors.Is(e, errOdd) || !errors.Is(e, errBoom) {
		t.Errorf("errors.Is(%v, each item error) = false, want true", e)
	}
}

// TestFlushError checks that Flush and Close report the items that failed
// in the commits they waited for.
func TestFlushError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := make(chan struct{})
		b := New(func(_ context.Context, items []int) error {
			<-gate
			if items[0] < 10 {
				return &PartialError{Failed: map[int]error{1: errOdd}}
			}
			return errBoom
		}, WithMaxSize(3), WithMaxWait(time.Hour))
		addN(t, b, 0, 5) // a batch of 3 and one of 2, each failing one
		flushed := make(chan error)
		go func() { flushed <- b.Flush(context.Background()) }()
		synctest.Wait()
		close(gate)
		err := <-flushed
		if !errors.Is(err, errOdd) || err.Error() != "batch: flush: 2 of 5 items failed: odd item" {
			t.Errorf("Flush() = %v, want batch: flush: 2 of 5 items failed: odd item", err)
		}
		if err := b.Flush(context.Background()); err != nil {
			t.Errorf("Flush(nothing queued) = %v, want nil", err)
		}
		addN(t, b, 10, 2)
		err = b.Close(context.Background())
		if !errors.Is(err, errBoom) || err.Error() != "batch: close: 2 of 2 items failed: boom" {
			t.Errorf("Close() = %v, want batch: close: 2 of 2 items failed: boom", err)
		}
	})
}

func TestLogger(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
			ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				switch {
				case a.Key == slog.TimeKey:
					return slog.Attr{}
				case a.Key == "stack" && strings.Contains(a.Value.String(), "TestLogger"):
					return slog.String("stack", "ok")
				}
				return a
			},
		}))
		calls := 0
		b := New(func(context.Context, []int) error {
			calls++
			switch calls {
			case 1:
				return nil
			case 2:
				return errBoom
			}
			panic("kaput")
		}, WithMaxSize(2), WithMaxWait(time.Hour), WithLogger(logger))
		addN(t, b, 0, 2) // committed: nothing logged
		synctest.Wait()
		if buf.Len() != 0 {
			t.Errorf("log after a good commit = %q, want nothing", buf.String())
		}
		addN(t, b, 2, 4)
		b.Close(context.Background())
		want := "level=ERROR msg=\"commit failed\" items=2 failed=2 trigger=size err=boom\n" +
			"level=ERROR msg=\"commit panicked\" items=2 failed=2 trigger=size err=\"panic: kaput\" stack=ok\n"
		if got := buf.String(); got != want {
			t.Errorf("log =\n%s\nwant\n%s", got, want)
		}
	})
}
