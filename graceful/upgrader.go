package graceful

import (
	"context"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"sync"

	"github.com/lifekit/lifekit/errs"
)

// An Upgrader hands its process's sockets to the next generation of the
// same program. Make exactly one per process, with [New], before anything
// else listens; its methods are safe for concurrent use.
//
// The caller owns the listeners and packet connections it returns, and
// closes them, usually through [Upgrader.Shutdown], [Shutdown] or
// http.Server.Shutdown. Call
// [Upgrader.Stop] when the process is done with the Upgrader: it ends an
// upgrade in progress and, in a process that stops for good, removes the
// PID file and the Unix sockets it created.
type Upgrader struct {
	cfg    config
	log    *slog.Logger // nil: silent
	pid    int
	notify string // NOTIFY_SOCKET, or ""
	exe    string // the path this program was started from; "" to ask os.Executable

	parent    int      // PID of the generation that started this one; 0 if none
	readyPipe *os.File // where Ready tells the parent; nil if no parent

	mu        sync.Mutex
	inherited []*inheritedFD // not yet claimed by Listen or ListenPacket
	sockets   []*socket
	files     []*passedFile // AddFile and AddConn, for the next generation
	ready     bool
	upgrading chan struct{} // closed when the running upgrade returns; nil if none
	handedOff bool          // the next generation is ready: this one drains
	stopped   bool
	stopCh    chan struct{} // closed by Stop
	exit      chan struct{} // closed on handover or Stop

	// After a handover: the next generation, and a channel closed if it
	// dies (signal or non-zero status) while this one still lives.
	next      int
	nextDied  chan struct{}
	nextDeath string // how it died, for the log
	committed bool   // the drain passed its lame duck: too late to serve again

	quiet broadcaster // told when one of the sockets' listeners becomes quiet
}

// origin says where a socket came from, which decides who unlinks a Unix
// socket's path.
type origin uint8

const (
	created     origin = iota // bound by this generation
	fromParent                // handed over by the previous generation
	fromSystemd               // passed by systemd (socket activation)
)

// An inheritedFD is a socket descriptor this process was started with and
// that no Listen has claimed yet.
type inheritedFD struct {
	fd      int
	origin  origin
	network string // fromParent: the Listen arguments of the previous generation
	address string
	name    string // fromSystemd: the FileDescriptorName, "unknown" if none; file: its name
	file    bool   // a file of the previous generation's AddFile or AddConn, not a socket
}

// A socket is one that Listen or ListenPacket returned and that the next
// generation inherits.
type socket struct {
	network, address string // the arguments, by which the next generation claims it
	origin           origin
	path             string // a Unix socket's file, unlinked when the service stops; "" if none
	ln               *listener
	pc               net.PacketConn
}

// New returns the Upgrader of this process. If the process was started by
// [Upgrader.Upgrade], or by systemd with sockets (LISTEN_FDS), it takes the
// sockets it was given, to be claimed by Listen and ListenPacket, and
// removes the variables that described them from the environment, as
// sd_listen_fds(3) does. On platforms other than Unix it returns
// [ErrNotSupported].
func New(opts ...Option) (*Upgrader, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if !supported {
		return nil, errs.Wrap(ErrNotSupported)
	}
	u := &Upgrader{
		cfg:    cfg,
		log:    cfg.log,
		pid:    os.Getpid(),
		notify: os.Getenv("NOTIFY_SOCKET"),
		exe:    executablePath(),
		stopCh: make(chan struct{}),
		exit:   make(chan struct{}),
	}
	if err := u.inherit(); err != nil {
		return nil, err
	}
	if u.parent == 0 { // once per service: later generations see the same
		if msg := reaperWarning(u.pid, readProc); msg != "" {
			u.logAttrs(slog.LevelWarn, "orphans may not be reaped", slog.Int("pid", u.pid), slog.String("detail", msg))
		}
	}
	return u, nil
}

// HasParent reports whether this generation was started by another one's
// Upgrade, which waits for its Ready.
func (u *Upgrader) HasParent() bool { return u.parent != 0 }

// Ready tells the world that this generation serves: it writes the PID file
// (see [WithPIDFile]), then tells the generation that started it, which
// hands over and begins to drain, or, for the first generation, tells
// systemd (READY=1) when NOTIFY_SOCKET is set. Call it once every Listen
// and ListenPacket is done and the servers are started: sockets inherited
// and not claimed by then are closed. In a generation that Upgrade started,
// the listeners of Listen accept from here on, not before. A second call
// does nothing.
func (u *Upgrader) Ready() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ready {
		return nil
	}
	if u.stopped || u.handedOff {
		return errs.Errorf("graceful: ready: %w", ErrExiting)
	}
	if u.cfg.pidFile != "" {
		if err := writePIDFile(u.cfg.pidFile, u.pid); err != nil {
			return err
		}
	}
	// The readiness message: "1", then the descriptor number of each
	// socket of the parent that this generation did not take, which the
	// parent then closes at once (see handOver).
	msg := []byte{'1'}
	for _, f := range u.inherited {
		u.logAttrs(slog.LevelDebug, "unclaimed inherited descriptor closed", slog.Int("fd", f.fd),
			slog.String("network", f.network), slog.String("address", f.address), slog.String("name", f.name))
		closeFD(f.fd)
		if f.origin == fromParent && !f.file {
			msg = strconv.AppendInt(append(msg, ' '), int64(f.fd), 10)
		}
	}
	u.inherited = nil
	if u.readyPipe != nil {
		msg = append(msg, '\n') // the parent reads up to here: a leaked write end cannot hold it
		_, err := u.readyPipe.Write(msg)
		u.readyPipe.Close()
		u.readyPipe = nil
		if err != nil {
			return errs.Errorf("graceful: tell parent %d ready: %w", u.parent, err)
		}
	} else {
		u.sdNotify("READY=1")
	}
	for _, l := range u.listenersLocked() {
		l.start() // the parent drains from now on
	}
	u.ready = true
	u.logAttrs(slog.LevelInfo, "ready", slog.Int("pid", u.pid), slog.Int("parent", u.parent))
	return nil
}

// Exit returns a channel that is closed when this generation must drain its
// servers and exit: once the next generation it started is ready, or once
// Stop was called. After [ErrResumed] it returns a new channel.
func (u *Upgrader) Exit() <-chan struct{} {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.exit
}

// HandedOver reports whether a next generation has taken over from this
// one. Once Exit is closed, it tells an upgrade (true) from a Stop (false),
// for a program that logs or exits differently. If Stop is called while an
// upgrade runs and the next generation becomes ready all the same, it has
// taken over: HandedOver is true, and Stop does not stop the service for
// good.
func (u *Upgrader) HandedOver() bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.handedOff
}

// Stop ends the Upgrader. An upgrade in progress is abandoned: its process
// is killed and reaped, and Upgrade returns an error wrapping [ErrExiting].
// Every listener stops accepting. If this generation did not hand over to a
// next one, it stops for good: Stop tells systemd (STOPPING=1), removes the
// PID file if it still names this process, unlinks the Unix sockets that
// this generation owns, and closes its listeners' descriptors, so that new
// clients are refused at once while accepted connections drain (and those
// already waiting in a socket, which its listener accepts first). Call Stop
// before draining the servers: the lame duck of [Upgrader.Shutdown] and
// [Shutdown] relies on it.
// Stop does not close the listeners it returned, and is idempotent; Exit
// is closed when it returns.
func (u *Upgrader) Stop() {
	u.mu.Lock()
	if u.stopped {
		u.mu.Unlock()
		return
	}
	u.stopped = true
	close(u.stopCh)
	running := u.upgrading
	u.mu.Unlock()
	if running != nil {
		<-running
	}

	u.mu.Lock()
	defer u.mu.Unlock()
	final := !u.handedOff
	for _, f := range u.inherited {
		closeFD(f.fd)
	}
	u.inherited = nil
	if u.readyPipe != nil {
		u.readyPipe.Close() // the parent sees that this generation gave up
		u.readyPipe = nil
	}
	for _, s := range u.sockets {
		if s.ln != nil {
			s.ln.drain(final)
		}
		if final && s.path != "" && (s.origin == created || s.origin == fromParent && u.ready) {
			if err := os.Remove(s.path); err != nil && !os.IsNotExist(err) {
				u.logAttrs(slog.LevelWarn, "socket unlink failed", slog.String("path", s.path), slog.Any("err", err))
			}
		}
	}
	if final && (u.parent == 0 || u.ready) {
		u.sdNotify("STOPPING=1")
		if u.ready && u.cfg.pidFile != "" {
			if err := removePIDFile(u.cfg.pidFile, u.pid); err != nil {
				u.logAttrs(slog.LevelWarn, "PID file removal failed", slog.String("path", u.cfg.pidFile), slog.Any("err", err))
			}
		}
	}
	u.closeExitLocked()
	u.logAttrs(slog.LevelInfo, "stopped", slog.Int("pid", u.pid), slog.Bool("handed_off", u.handedOff))
}

func (u *Upgrader) closeExitLocked() {
	select {
	case <-u.exit:
	default:
		close(u.exit)
	}
}

// Upgrade starts the next generation: the file now at the path this
// program was started from, so that a deploy that replaced the file or
// switched a symbolic link to a new release takes effect, with the same
// arguments, working directory and environment, and with this generation's
// sockets. If no file is at that path any more, Upgrade fails and says so. It returns nil once that process called Ready; this
// generation's listeners then stop accepting and Exit is closed.
//
// If the new process cannot be started, exits or crashes before it is
// ready, or is not ready within the upgrade timeout ([WithUpgradeTimeout]),
// it is killed if it still runs and reaped, Upgrade returns an error
// wrapping [ErrUpgradeFailed] that says what happened, and this generation
// goes on serving as if nothing had happened; it may try again. When ctx
// ends first, the new process is killed and reaped likewise and the error
// wraps ctx's. One upgrade runs at a time: a call while another runs
// returns [ErrUpgradeInProgress] at once. Upgrade returns [ErrNotReady]
// before Ready, and [ErrExiting] after a handover or Stop.
//
// With systemd, Upgrade sends RELOADING=1 when it starts, then MAINPID= the
// new process and READY=1 on success, or READY=1 alone on failure.
func (u *Upgrader) Upgrade(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return errs.Errorf("graceful: upgrade: %w", context.Cause(ctx))
	}
	u.mu.Lock()
	switch {
	case u.stopped || u.handedOff:
		u.mu.Unlock()
		return errs.Errorf("graceful: upgrade: %w", ErrExiting)
	case !u.ready:
		u.mu.Unlock()
		return errs.Errorf("graceful: upgrade: %w", ErrNotReady)
	case u.upgrading != nil:
		u.mu.Unlock()
		return errs.Errorf("graceful: upgrade: %w", ErrUpgradeInProgress)
	}
	done := make(chan struct{})
	u.upgrading = done
	fds, err := u.dupSocketsLocked()
	u.mu.Unlock()

	defer func() {
		u.mu.Lock()
		u.upgrading = nil
		u.mu.Unlock()
		close(done)
	}()
	if err != nil {
		return err
	}
	return u.upgrade(ctx, fds)
}

// A dupFD is a duplicate of a socket's descriptor, for the next generation.
type dupFD struct {
	passedFD
	dup int
	ln  *listener // the socket's listener, if it has one
}

// handOver makes this generation the old one, once the next is ready. The
// listeners in unclaimed, whose sockets the next generation did not take
// (it listens elsewhere, or bound a new socket beside the old one), close
// their descriptors at once, so that new connections go where the next
// generation listens; the others leave theirs open, since it is the next
// generation's socket too.
func (u *Upgrader) handOver(child int, unclaimed []*listener) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.handedOff = true
	for _, l := range u.listenersLocked() {
		retire := slices.Contains(unclaimed, l)
		if retire {
			u.logAttrs(slog.LevelInfo, "listener closed: the next generation did not take its socket", slog.Int("pid", u.pid),
				slog.String("local", l.Addr().String()))
		}
		l.drain(retire)
	}
	u.sdNotify("MAINPID=" + strconv.Itoa(child) + "\nREADY=1")
	u.closeExitLocked()
	u.next, u.nextDied, u.nextDeath = child, make(chan struct{}), ""
	go u.watchNext(child, u.nextDied)
}

// resumeLocked makes this generation serve again after its next one died:
// the state before the upgrade. u.mu is held.
func (u *Upgrader) resumeLocked() {
	u.handedOff, u.stopped = false, false
	u.stopCh, u.exit = make(chan struct{}), make(chan struct{})
	for _, l := range u.listenersLocked() {
		l.resume()
		if l.isRetired() {
			u.logAttrs(slog.LevelWarn, "listener not serving again: its socket was closed at the handover", slog.Int("pid", u.pid),
				slog.String("local", l.Addr().String()))
		}
	}
	u.restorePIDFile()
	u.sdNotify("MAINPID=" + strconv.Itoa(u.pid) + "\nREADY=1\nSTATUS=next generation died: " + u.nextDeath)
	u.logAttrs(slog.LevelWarn, "serving again", slog.Int("pid", u.pid), slog.Int("next", u.next), slog.String("status", u.nextDeath))
	u.next, u.nextDied, u.nextDeath = 0, nil, ""
}

// keepServing restores this generation's state after a failed upgrade.
func (u *Upgrader) keepServing(reason error) {
	// A child that became ready just as the deadline passed may have
	// written its PID.
	u.restorePIDFile()
	u.sdNotify("READY=1\nSTATUS=upgrade failed: " + oneLine(reason.Error()))
}

// restorePIDFile writes this process's PID to the PID file again, if there
// is one, after a next generation that may have written its own failed.
func (u *Upgrader) restorePIDFile() {
	if u.cfg.pidFile == "" {
		return
	}
	if err := writePIDFile(u.cfg.pidFile, u.pid); err != nil {
		u.logAttrs(slog.LevelWarn, "PID file restore failed", slog.String("path", u.cfg.pidFile), slog.Any("err", err))
	}
}

// sdNotify sends state to systemd when NOTIFY_SOCKET is set; see notify.go.
func (u *Upgrader) sdNotify(state string) {
	if u.notify == "" {
		return
	}
	if err := sdNotify(u.notify, state); err != nil {
		u.logAttrs(slog.LevelWarn, "systemd notify failed", slog.String("state", state), slog.Any("err", err))
	}
}

// logAttrs logs an event if the Upgrader has a logger.
func (u *Upgrader) logAttrs(level slog.Level, msg string, attrs ...slog.Attr) {
	if u.log != nil {
		u.log.LogAttrs(context.Background(), level, msg, attrs...)
	}
}
