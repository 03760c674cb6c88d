package errs

import (
	"fmt"
	"io"
	"testing"
)

// depthN calls f n frames down.
//
//go:noinline
func depthN(n int, f func()) {
	if n <= 1 {
		f()
		return
	}
	depthN(n-1, f)
}

// BenchmarkFrameCache compares the first %+v and Fingerprint of an error,
// with the frame cache emptied before each, against repeated ones: what the
// process-wide cache saves.
func BenchmarkFrameCache(b *testing.B) {
	var err error
	depthN(15, func() { err = Wrap(io.EOF) })
	for _, tt := range []struct {
		name string
		op   func()
	}{
		{"op=plusv", func() { fmt.Fprintf(io.Discard, "%+v", err) }},
		{"op=fingerprint", func() { _ = Fingerprint(err) }},
	} {
		b.Run(tt.name+"/cache=empty", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				frameTable.Store(nil)
				tt.op()
			}
		})
		b.Run(tt.name+"/cache=warm", func(b *testing.B) {
			b.ReportAllocs()
			tt.op()
			for b.Loop() {
				tt.op()
			}
		})
	}
}
