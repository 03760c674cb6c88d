package errs_test

// The functions in this file make the errors that testdata/format.golden
// shows with %+v. Its line numbers are in the golden file: edit with care,
// and run go test -run TestFormatGolden -update after.

import (
	"errors"
	"io"

	"github.com/lifekit/lifekit/errs"
)

//go:noinline
func goldenOpen() error { return errs.Wrap(io.ErrUnexpectedEOF) }

//go:noinline
func goldenLoad() error { return errs.Errorf("load config: %w", goldenOpen()) }

//go:noinline
func goldenCrossed() error {
	ch := make(chan error)
	go func() { ch <- goldenLoad() }()
	return errs.Wrap(<-ch)
}

//go:noinline
func goldenJoined() error {
	return errs.Wrap(errors.Join(goldenLoad(), goldenCrossed()))
}
