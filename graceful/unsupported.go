//go:build !unix

package graceful

import (
	"context"

	"github.com/lifekit/lifekit/errs"
)

// Here a process cannot pass its sockets on: New returns ErrNotSupported,
// so no Upgrader exists and the functions below are never reached.

const supported = false

func (u *Upgrader) inherit() error { return errs.Wrap(ErrNotSupported) }

func closeFD(int) {}

func executablePath() string { return "" }

func boundTo(int, string, string, bool) bool { return false }

func (u *Upgrader) dupSocketsLocked() ([]dupFD, error) { return nil, errs.Wrap(ErrNotSupported) }

func (u *Upgrader) upgrade(context.Context, []dupFD) error { return errs.Wrap(ErrNotSupported) }

func (u *Upgrader) watchNext(int, chan struct{}) {}
