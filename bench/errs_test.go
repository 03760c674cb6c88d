package bench

// Benchmarks of errs against the error libraries lifekit's users run today.
//
// Every stack is captured stackDepth frames deep, about where a service's
// handler code sits, because the cost of a capture and of printing it grows
// with the depth. The function that wraps or creates the error is the frame
// at stackDepth; when an error is made "below" a call site it is made by a
// //go:noinline function that call site calls (newLifekit, newPkg, ...).

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	crdberrors "github.com/cockroachdb/errors"
	"github.com/facebookgo/stackerr"
	goerrors "github.com/go-errors/errors"
	pkgerrors "github.com/pkg/errors"

	"github.com/lifekit/lifekit/errs"
)

// stackDepth is how many frames are on the stack where the benchmarks below
// wrap or create an error: the wrapping function's frame and every frame
// above it, runtime.goexit included.
const stackDepth = 15

// errPlain is the error every Wrap benchmark wraps: a sentinel with no stack,
// as returned by the standard library.
var errPlain = errors.New("plain")

// Sinks keep the compiler from discarding results. b.Loop already keeps the
// calls in its body alive; storing the result also makes the store part of
// every implementation's cost alike.
var (
	sinkErr    error
	sinkPCs    []uintptr
	sinkString string
)

// framesHere returns the number of frames on its caller's stack, the
// caller's own frame included.
//
//go:noinline
func framesHere() int {
	var pcs [64]uintptr
	return runtime.Callers(2, pcs[:])
}

// atDepth calls f with depth frames on the stack, f's own frame included, by
// recursing until the stack is deep enough. If the stack is already deeper,
// f runs where it is (TestAtDepth checks that it is not).
//
//go:noinline
func atDepth(depth int, f func()) {
	if framesHere()+1 >= depth {
		f()
		return
	}
	atDepth(depth, f)
}

// floorCallers is the least a stack capture can cost: one allocation for the
// program counters and one runtime.Callers, starting at the frame of its
// caller as errs.Wrap and the peers do.
//
//go:noinline
func floorCallers() []uintptr {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	return pcs[:n]
}

// The newX functions create an error with a stack in each library, one frame
// below their caller.

//go:noinline
func newLifekit() error { return errs.New("boom") }

//go:noinline
func newPkg() error { return pkgerrors.New("boom") }

//go:noinline
func newCockroach() error { return crdberrors.New("boom") }

//go:noinline
func newGoErrors() error { return goerrors.New("boom") }

//go:noinline
func newStackerr() error { return stackerr.New("boom") }

// stackerrRefresh is how many times BenchmarkRewrap re-wraps one stackerr
// error before starting again from a fresh one; see there.
const stackerrRefresh = 256

// BenchmarkWrap measures adding a stack to an error that has none.
//
// floor is what any capture costs at this depth; the peers are what users
// call today to get the same stack on the same error.
func BenchmarkWrap(b *testing.B) {
	b.Run("impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkErr = errs.Wrap(errPlain)
			}
		})
	})
	b.Run("impl=floor", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkPCs = floorCallers()
			}
		})
	})
	b.Run("impl=pkg/errors", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkErr = pkgerrors.WithStack(errPlain)
			}
		})
	})
	b.Run("impl=cockroachdb", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkErr = crdberrors.WithStack(errPlain)
			}
		})
	})
	b.Run("impl=go-errors", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkErr = goerrors.Wrap(errPlain, 0)
			}
		})
	})
	b.Run("impl=stackerr", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkErr = stackerr.Wrap(errPlain)
			}
		})
	})
}

// BenchmarkRewrap measures wrapping, again, an error that already carries a
// stack from the same call path: it was created one frame below the call
// site, which wraps it on its way up, as code that wraps every returned error
// does.
//
// lifekit returns the error as it is (TestRewrapSamePath checks this).
// pkg/errors and cockroachdb add a second stack; go-errors returns an error
// of its own type unchanged; stackerr appends a stack to the error it is
// given, in place. floor is the price of any new capture at this depth.
func BenchmarkRewrap(b *testing.B) {
	b.Run("impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			base := newLifekit()
			for b.Loop() {
				sinkErr = errs.Wrap(base)
			}
		})
	})
	b.Run("impl=floor", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			for b.Loop() {
				sinkPCs = floorCallers()
			}
		})
	})
	b.Run("impl=pkg/errors", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			base := newPkg()
			for b.Loop() {
				sinkErr = pkgerrors.WithStack(base)
			}
		})
	})
	b.Run("impl=cockroachdb", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			base := newCockroach()
			for b.Loop() {
				sinkErr = crdberrors.WithStack(base)
			}
		})
	})
	b.Run("impl=go-errors", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			base := newGoErrors()
			for b.Loop() {
				sinkErr = goerrors.Wrap(base, 0)
			}
		})
	})
	b.Run("impl=stackerr", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			// stackerr.Wrap appends the new stack to the error it is given.
			// Re-wrapping one error b.N times would hold b.N stacks, so start
			// again from a fresh error every stackerrRefresh wraps, with the
			// timer stopped. The appends then grow a slice of at most
			// stackerrRefresh stacks: slightly cheaper per wrap than growing
			// a fresh error's one-stack slice, as real code does.
			base := newStackerr()
			n := 0
			for b.Loop() {
				if n++; n == stackerrRefresh {
					b.StopTimer()
					base, n = newStackerr(), 0
					b.StartTimer()
				}
				sinkErr = stackerr.Wrap(base)
			}
		})
	})
}

// plusV lists, for each implementation, how to create an error with a stack
// and how to print it with that full stack. All but go-errors print it for
// %+v; go-errors prints only the message for %+v, and its full stack with
// ErrorStack, which also reads each frame's source line from disk.
var plusV = []struct {
	name   string
	create func() error
	print  func(w io.Writer, err error)
}{
	{"lifekit", newLifekit, printPlusV},
	{"pkg/errors", newPkg, printPlusV},
	{"cockroachdb", newCockroach, printPlusV},
	{"go-errors", newGoErrors, func(w io.Writer, err error) {
		io.WriteString(w, err.(*goerrors.Error).ErrorStack())
	}},
	{"stackerr", newStackerr, printPlusV},
}

func printPlusV(w io.Writer, err error) { fmt.Fprintf(w, "%+v", err) }

// BenchmarkFormatPlusV measures printing an error and its stack, the way a
// log line or an error page does: the same error many times, so caches,
// where there are any, are warm. The error is created stackDepth+1 frames
// deep, and printed once before the clock starts.
func BenchmarkFormatPlusV(b *testing.B) {
	for _, impl := range plusV {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.ReportAllocs()
			var err error
			atDepth(stackDepth, func() { err = impl.create() })
			impl.print(io.Discard, err)
			for b.Loop() {
				impl.print(io.Discard, err)
			}
		})
	}
}

// aggregatorGoroutines is how many goroutines BenchmarkAggregatorRecord
// records from, as a busy service's handlers would.
const aggregatorGoroutines = 8

// BenchmarkAggregatorRecord measures recording an error whose group the
// aggregator has already seen, from aggregatorGoroutines goroutines at once.
// No peer aggregates errors, so lifekit runs alone; records/s is the
// throughput of all goroutines together.
//
// RunParallel starts a multiple of GOMAXPROCS goroutines: exactly
// aggregatorGoroutines when GOMAXPROCS divides it, else the next multiple
// above (the goroutines metric says how many).
func BenchmarkAggregatorRecord(b *testing.B) {
	b.Run("impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		agg := errs.NewAggregator()
		var err error
		atDepth(stackDepth, func() { err = newLifekit() })
		agg.Record(err)
		procs := runtime.GOMAXPROCS(0)
		perProc := (aggregatorGoroutines + procs - 1) / procs
		b.SetParallelism(perProc)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				agg.Record(err)
			}
		})
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		b.ReportMetric(float64(perProc*procs), "goroutines")
	})
}

// fingerprintBatch is how many fresh errors the cold Fingerprint benchmark
// creates at a time, with the timer stopped.
const fingerprintBatch = 512

// BenchmarkFingerprint measures computing an error's group key.
//
//   - cache=warm: the same error value again and again.
//   - cache=cold: a new error value each time, from the same call site, so
//     nothing is memoised on the error itself. The process-wide frame
//     cache is warm all the same: the public API cannot empty it, and a
//     service's call sites are all in it within minutes.
//   - err=nostack: an error from fmt.Errorf, grouped by type and by its
//     message with the numbers and hex taken out.
func BenchmarkFingerprint(b *testing.B) {
	b.Run("err=stack/cache=warm/impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		var err error
		atDepth(stackDepth, func() { err = newLifekit() })
		sinkString = errs.Fingerprint(err)
		for b.Loop() {
			sinkString = errs.Fingerprint(err)
		}
	})
	b.Run("err=stack/cache=cold/impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		atDepth(stackDepth, func() {
			fresh := make([]error, fingerprintBatch)
			i := len(fresh)
			for b.Loop() {
				if i == len(fresh) {
					b.StopTimer()
					for j := range fresh {
						fresh[j] = newLifekit()
					}
					i = 0
					b.StartTimer()
				}
				sinkString = errs.Fingerprint(fresh[i])
				i++
			}
		})
	})
	b.Run("err=nostack/impl=lifekit", func(b *testing.B) {
		b.ReportAllocs()
		err := fmt.Errorf("load user %d from shard 0x%x: %w", 81234, 0xbeef, errPlain)
		sinkString = errs.Fingerprint(err)
		for b.Loop() {
			sinkString = errs.Fingerprint(err)
		}
	})
}

// TestAtDepth checks that the benchmarks capture stacks as deep as they say.
func TestAtDepth(t *testing.T) {
	var got int
	atDepth(stackDepth, func() { got = framesHere() })
	if got != stackDepth {
		t.Errorf("frames on the stack inside atDepth(%d, f) = %d, want %d", stackDepth, got, stackDepth)
	}
}

// TestRewrapSamePath checks that BenchmarkRewrap measures what it says for
// lifekit: a wrap on the call path the stack was captured on returns the
// error unchanged, with no second stack.
func TestRewrapSamePath(t *testing.T) {
	atDepth(stackDepth, func() {
		base := newLifekit()
		got := errs.Wrap(base)
		if got != base {
			t.Errorf("errs.Wrap(err) on the path err was created on = %#v, want err itself (%#v)", got, base)
		}
		if n := len(errs.Stacks(got)); n != 1 {
			t.Errorf("len(errs.Stacks(errs.Wrap(err))) = %d, want 1", n)
		}
	})
}

// TestWrapCaptures checks that every Wrap in BenchmarkWrap, and the floor,
// captures the whole stack, so that no implementation is measured doing less.
func TestWrapCaptures(t *testing.T) {
	type stackTracer interface{ StackTrace() pkgerrors.StackTrace }
	atDepth(stackDepth, func() {
		got := []struct {
			name   string
			frames int
		}{
			{"floor", len(floorCallers())},
			{"lifekit", len(errs.StackOf(errs.Wrap(errPlain)))},
			{"pkg/errors", len(pkgerrors.WithStack(errPlain).(stackTracer).StackTrace())},
			{"cockroachdb", len(crdberrors.GetReportableStackTrace(crdberrors.WithStack(errPlain)).Frames)},
			{"go-errors", len(goerrors.Wrap(errPlain, 0).StackFrames())},
			{"stackerr", len(stackerr.Wrap(errPlain).(*stackerr.Error).MultiStack().Stacks()[0])},
		}
		for _, g := range got {
			// A library may leave out runtime.goexit and the like.
			if g.frames < stackDepth-2 || g.frames > stackDepth {
				t.Errorf("%s: wrap at depth %d captured %d frames, want %d-%d", g.name, stackDepth, g.frames, stackDepth-2, stackDepth)
			}
		}
	})
}

// TestFormatPrintsStack checks that BenchmarkFormatPlusV prints the whole
// stack for every implementation: a fair comparison prints the same thing.
func TestFormatPrintsStack(t *testing.T) {
	for _, impl := range plusV {
		t.Run(impl.name, func(t *testing.T) {
			var err error
			atDepth(stackDepth, func() { err = impl.create() })
			var sb strings.Builder
			impl.print(&sb, err)
			out := sb.String()
			if !strings.Contains(out, "boom") {
				t.Errorf("output has no message:\n%s", out)
			}
			// Every atDepth frame must be printed: stackDepth less the
			// frames from this one up, less the frame of the func atDepth
			// calls.
			want := stackDepth - framesHere() - 1
			if n := strings.Count(out, "atDepth"); n < want {
				t.Errorf("output names atDepth %d times, want %d or more (a full stack):\n%s", n, want, out)
			}
		})
	}
}
