package errs_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/lifekit/lifekit/errs"
)

// depth calls f fifteen frames down, the depth of a handler's database call
// in a typical server.
//
//go:noinline
func depth(n int, f func()) {
	if n <= 1 {
		f()
		return
	}
	depth(n-1, f)
}

var sink error

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		for b.Loop() {
			sink = errs.New("x")
		}
	})
}

func BenchmarkWrap(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		for b.Loop() {
			sink = errs.Wrap(io.EOF)
		}
	})
}

//go:noinline
func stackedBelow() error { return errs.New("below") }

func BenchmarkRewrapSamePath(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		err := stackedBelow()
		for b.Loop() {
			sink = errs.Wrap(err)
		}
		if sink != err {
			b.Fatal("re-wrap on the same path added a layer")
		}
	})
}

func BenchmarkErrorfSamePath(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		err := stackedBelow()
		for b.Loop() {
			sink = errs.Errorf("context: %w", err)
		}
	})
}

func BenchmarkFormatPlusV(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		err := errs.Wrap(io.EOF)
		fmt.Fprintf(io.Discard, "%+v", err) // warm the frame cache
		for b.Loop() {
			fmt.Fprintf(io.Discard, "%+v", err)
		}
	})
}

func BenchmarkFingerprint(b *testing.B) {
	b.ReportAllocs()
	depth(15, func() {
		err := errs.Wrap(io.EOF)
		for b.Loop() {
			_ = errs.Fingerprint(err)
		}
	})
}

func BenchmarkRecordKnown(b *testing.B) {
	b.ReportAllocs()
	agg := errs.NewAggregator()
	var err error
	depth(15, func() { err = errs.Wrap(io.EOF) })
	agg.Record(err)
	b.SetParallelism(4) // 8 goroutines on 2 cores
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			agg.Record(err)
		}
	})
}
