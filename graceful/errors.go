package graceful

import "errors"

// Errors returned by an [Upgrader]; they are part of its contract. Match them
// with [errors.Is]: the errors returned wrap them with details.
var (
	// ErrNotSupported is returned by [New] on platforms where a process
	// cannot hand its sockets to a new one (everything but Unix).
	ErrNotSupported = errors.New("graceful: not supported on this platform")

	// ErrNotReady is returned by [Upgrader.Upgrade] before [Upgrader.Ready]:
	// a generation that does not serve yet must not start the next one.
	ErrNotReady = errors.New("graceful: not ready")

	// ErrUpgradeInProgress is returned by [Upgrader.Upgrade] while another
	// upgrade of the same generation runs. Upgrades never overlap.
	ErrUpgradeInProgress = errors.New("graceful: upgrade in progress")

	// ErrUpgradeFailed is wrapped by the error of an [Upgrader.Upgrade]
	// whose next generation could not be started, exited or was killed
	// before it was ready, or missed the deadline. The error says which,
	// with the process's exit status. This generation keeps serving and
	// may try again.
	ErrUpgradeFailed = errors.New("graceful: upgrade failed")

	// ErrExiting is returned by Listen, ListenPacket, Ready and Upgrade once
	// this generation has handed over to the next one or was stopped, and
	// wrapped by an Upgrade that [Upgrader.Stop] interrupted.
	ErrExiting = errors.New("graceful: exiting")

	// ErrResumed is returned by [Upgrader.Shutdown] when the next
	// generation died while this one drained (killed by a signal, or
	// exited with a non-zero status): this generation serves again. The
	// server was not shut down and its listeners accept again, HandedOver
	// is false, and [Upgrader.Exit] returns a new channel: go back to
	// serving, as before the upgrade.
	ErrResumed = errors.New("graceful: next generation died; serving again")
)
