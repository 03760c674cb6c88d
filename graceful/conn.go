package graceful

import (
	"bytes"
	"io"
	"net"
	"runtime"
	"sync"
	"syscall"
	"time"
)

// This file holds the listener that Listen returns for stream sockets. It
// tracks the connections it accepted so that a generation that is going away
// loses no request on them. Two things need it:
//
//   - A connection that never sent a byte (a client that connected and went
//     silent, or a load balancer's pre-opened connection) is closed when the
//     listener is closed, which http.Server.Shutdown does first. net/http
//     alone keeps such a connection until it is 5 s old.
//
//   - During the lame duck, Shutdown disables keep-alives, and net/http then
//     closes every HTTP/1 connection that sits idle between two requests,
//     and every connection whose last response it composed just before the
//     switch, as soon as that response is written. A client that sends its
//     next request at that moment loses it: the server reads nothing, or
//     resets the connection. Once its generation is draining, the listener
//     keeps such a connection open instead ("parks" it) and watches it:
//     if the client sends another request, Accept hands the connection to
//     the server again, which answers it with "Connection: close"; if the
//     client closes it, so does the listener; whatever is still parked when
//     the listener is closed is closed then.
//
// The listener keeps a copy (up to 16 KiB) of the bytes the server read
// from a connection since it began its last response: the start of a
// request it has not answered. When the server closes a draining
// connection, either it holds no such bytes (it is between requests) and
// the connection is parked; or net/http's idle sweep picked it just as a
// request arrived, and the serving goroutine answers that request and
// closes again, so this Close is put off; or the server gave up on those
// bytes (net/http's background read took the first byte of the next
// request, then keep-alives went off), and they are handed back with the
// parked connection. (A client that pipelines, sending a request before
// the previous response has begun, may still lose it, as with net/http
// alone; browsers and Go's client do not pipeline.)
//
// Only connections whose first bytes were an HTTP/1.x request line are ever
// parked: bytes that the server has not read cannot be handed back inside a
// TLS stream or an HTTP/2 connection, and another protocol's server means
// what it says when it closes. Those connections close at once, as ever.

// aLongTimeAgo is a deadline in the past: setting it interrupts a blocked
// Accept or Read at once.
var aLongTimeAgo = time.Unix(1, 0)

type listenerState uint8

const (
	accepting listenerState = iota
	waiting                 // a new generation's, before Ready: the previous one accepts alone
	draining                // stopped accepting: the next generation does, or none will
	closed
)

// A listener wraps the net.Listener bound to a socket and tracks the
// connections it accepted. Its zero value is not usable; see newListener.
type listener struct {
	inner net.Listener
	addr  net.Addr

	// mu guards the listener's fields and every transition of a conn into
	// or out of the parked and queued states. Lock order: the Upgrader's
	// mu, then mu, then a conn's mu, then quiet's (a broadcaster takes no
	// other lock).
	mu          sync.Mutex
	state       listenerState
	innerClosed bool
	conns       map[*conn]struct{} // every open connection accepted
	queue       []*conn            // parked connections with a new request, for Accept
	wake        chan struct{}      // closed and replaced when queue or state changes
	watchers    sync.WaitGroup     // one goroutine per parked connection
	accepts     int                // Accepts waiting in inner.Accept while accepting
	interrupted bool               // inner.Accept was interrupted for the queue: not an error
	quiet       *broadcaster       // told when the listener becomes quiet; may be nil
}

// newListener wraps inner. If quiet is not nil, it is told each time the
// listener becomes quiet (see isQuietLocked). With wait, Accept takes no
// connection until start is called.
func newListener(inner net.Listener, quiet *broadcaster, wait bool) *listener {
	l := &listener{
		inner: inner,
		addr:  inner.Addr(),
		conns: make(map[*conn]struct{}),
		wake:  make(chan struct{}),
		quiet: quiet,
	}
	if wait {
		l.state = waiting
	}
	return l
}

// start lets a waiting listener accept.
func (l *listener) start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state == waiting {
		l.state = accepting
		l.signalLocked()
	}
}

// dropLocked forgets c, which is closed or about to be. l.mu is held.
func (l *listener) dropLocked(c *conn) {
	delete(l.conns, c)
	l.quietLocked()
}

// isQuietLocked reports whether the listener is quiet: it accepts no more,
// no Accept is taking a connection from the socket, and every connection it
// accepted is closed. No client of it is left to be told to go elsewhere.
// l.mu is held.
func (l *listener) isQuietLocked() bool {
	return l.state != accepting && l.accepts == 0 && len(l.conns) == 0
}

func (l *listener) isQuiet() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.isQuietLocked()
}

// quietLocked tells l.quiet if the listener is quiet. l.mu is held.
func (l *listener) quietLocked() {
	if l.quiet != nil && l.isQuietLocked() {
		l.quiet.broadcast()
	}
}

// A broadcaster is an event that can be waited for again and again: wait
// returns a channel that the next broadcast closes. Its zero value is
// ready to use; its mutex is taken last of all.
type broadcaster struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *broadcaster) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *broadcaster) broadcast() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// signalLocked wakes every Accept waiting for the queue or a state change.
func (l *listener) signalLocked() {
	close(l.wake)
	l.wake = make(chan struct{})
}

func (l *listener) opErr(err error) error {
	return &net.OpError{Op: "accept", Net: l.addr.Network(), Addr: l.addr, Err: err}
}

// Accept waits for the next connection. While the listener is waiting it
// takes none; once it is draining it accepts no new connection and returns
// only parked ones that carry a new request, until it is closed.
func (l *listener) Accept() (net.Conn, error) {
	for {
		l.mu.Lock()
		switch {
		case l.state == closed:
			l.mu.Unlock()
			return nil, l.opErr(net.ErrClosed)
		case len(l.queue) > 0:
			c := l.queue[0]
			l.queue[0] = nil
			l.queue = l.queue[1:]
			c.mu.Lock()
			c.queued = false
			v := c.cur
			c.mu.Unlock()
			l.mu.Unlock()
			return v, nil
		case l.state == draining || l.state == waiting:
			wake := l.wake
			l.mu.Unlock()
			<-wake
			continue
		}
		// Until this Accept has registered what it takes from the
		// socket, a connection may be on its way to the server: the
		// listener is not quiet.
		l.accepts++
		l.mu.Unlock()

		nc, err := l.inner.Accept()
		if err != nil {
			l.mu.Lock()
			l.accepts--
			state, interrupted := l.state, l.interrupted
			if interrupted && l.accepts == 0 {
				l.interrupted = false
				l.setInnerDeadline(time.Time{})
			}
			l.quietLocked()
			l.mu.Unlock()
			if state != accepting || interrupted {
				continue // interrupted by drain or Close, or for the queue
			}
			return nil, err
		}
		l.mu.Lock()
		l.accepts--
		if l.state == closed {
			l.quietLocked()
			l.mu.Unlock()
			nc.Close()
			return nil, l.opErr(net.ErrClosed)
		}
		c := &conn{nc: nc, l: l}
		c.cur = &view{c: c}
		l.conns[c] = struct{}{}
		l.mu.Unlock()
		return c.cur, nil
	}
}

// Close stops accepting and closes the connections that nothing will answer
// any more: those that never sent a byte and those that are parked. The
// others are left to their server, which closes them when it has answered.
// Close does not unlink a Unix socket: the Upgrader does when its process
// stops for good.
func (l *listener) Close() error {
	l.mu.Lock()
	if l.state == closed {
		l.mu.Unlock()
		return l.opErr(net.ErrClosed)
	}
	l.state = closed
	l.signalLocked()
	var doomed []*conn
	for c := range l.conns {
		c.mu.Lock()
		if c.parked || c.queued || c.closeAsked || (c.cur != nil && !c.heard) {
			c.closed, c.cur, c.parked, c.queued = true, nil, false, false
			doomed = append(doomed, c)
			l.dropLocked(c)
		}
		c.mu.Unlock()
	}
	l.queue = nil
	l.quietLocked()
	closeInner := !l.innerClosed
	l.innerClosed = true
	l.mu.Unlock()

	var err error
	if closeInner {
		err = l.inner.Close()
	}
	for _, c := range doomed {
		c.nc.Close()
	}
	l.watchers.Wait() // each returns as soon as its connection is closed
	return err
}

// Addr returns the socket's address.
func (l *listener) Addr() net.Addr { return l.addr }

// SyscallConn gives access to the listening socket, for socket options. The
// descriptor must not be closed, nor made blocking.
func (l *listener) SyscallConn() (syscall.RawConn, error) {
	sc, ok := l.inner.(syscall.Conn)
	if !ok {
		return nil, l.opErr(syscall.EINVAL)
	}
	return sc.SyscallConn()
}

// drain stops accepting new connections. With closeInner, it also closes
// this process's descriptor of the socket (when no other process holds
// one, the socket goes, and clients connecting from now on are refused or
// reach another socket at once), after accepting the connections that wait
// in it, which Accept then returns like parked ones; without, the
// descriptor stays open until Close (the next generation holds its own).
func (l *listener) drain(closeInner bool) {
	l.mu.Lock()
	if l.state != accepting && l.state != waiting {
		l.mu.Unlock()
		return
	}
	// A listener still waiting for Ready never served: the queue of its
	// socket is the previous generation's, which still serves it.
	served := l.state == accepting
	l.state = draining
	l.signalLocked()
	l.quietLocked()
	closeNow := closeInner && !l.innerClosed
	if closeNow {
		l.innerClosed = true
	}
	l.mu.Unlock()

	if closeNow {
		if served {
			// Adopted before the close, so that the listener is not
			// quiet for an instant with clients still untold.
			l.adopt(acceptBacklog(l.inner))
		}
		l.inner.Close()
		return
	}
	// Interrupt a pending Accept; the loop then sees the new state. This
	// is no hard barrier: if a connection arrives before the goroutine in
	// Accept runs again, Go's poller lets the readiness win over the
	// expired deadline (closing the descriptor races the same way), and
	// that one connection is accepted and served here, like those
	// accepted a moment before. The next Accept waits.
	if d, ok := l.inner.(interface{ SetDeadline(time.Time) error }); ok {
		d.SetDeadline(aLongTimeAgo)
	}
}

// adopt queues connections taken from the socket for Accept, as if
// accepted there.
func (l *listener) adopt(ncs []net.Conn) {
	if len(ncs) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, nc := range ncs {
		if l.state == closed {
			nc.Close()
			continue
		}
		c := &conn{nc: nc, l: l, queued: true}
		c.cur = &view{c: c}
		l.conns[c] = struct{}{}
		l.queue = append(l.queue, c)
	}
	l.signalLocked()
}

// setInnerDeadline sets the deadline of the listening socket, if it has
// one. l.mu is held.
func (l *listener) setInnerDeadline(t time.Time) {
	if d, ok := l.inner.(interface{ SetDeadline(time.Time) error }); ok && !l.innerClosed {
		d.SetDeadline(t)
	}
}

// resume makes a draining listener accept again, as when its generation
// serves again after the next one died. A closed one stays closed, and so
// does one whose descriptor is closed (its socket was not the next
// generation's): nothing is left to accept from.
func (l *listener) resume() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state != draining || l.innerClosed {
		return
	}
	l.state = accepting
	l.setInnerDeadline(time.Time{}) // drain's interrupt is void
	l.signalLocked()
}

// isRetired reports whether the listener drains with its descriptor
// closed: it will not accept again.
func (l *listener) isRetired() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state == draining && l.innerClosed
}

// rawConn returns the listening socket for handing over, or false once this
// process's descriptor is closed.
func (l *listener) rawConn() (syscall.RawConn, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.innerClosed {
		return nil, false
	}
	rc, err := l.SyscallConn()
	return rc, err == nil
}

// watchLocked starts watching a parked connection, or closes it if the
// listener is closed. l.mu and c.mu are held.
func (l *listener) watchLocked(c *conn) {
	if l.state == closed {
		c.closed, c.cur, c.parked = true, nil, false
		l.dropLocked(c)
		c.nc.Close()
		return
	}
	c.watching = true
	l.watchers.Add(1)
	go l.watch(c)
}

// watch waits for the client of a parked connection to send a request or
// to close it, and queues the connection for Accept or closes it.
func (l *listener) watch(c *conn) {
	defer l.watchers.Done()
	c.mu.Lock()
	pending := len(c.stash) > 0 // the interrupted Read got the next request already
	c.mu.Unlock()
	var got []byte
	var err error
	if !pending {
		c.nc.SetDeadline(time.Time{}) // the server's deadlines, and the interrupt, are void
		buf := make([]byte, 4096)
		n, rerr := c.nc.Read(buf)
		got, err = buf[:n], rerr
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.watching = false
	if c.closed {
		return // closed by Close
	}
	if len(got) > 0 {
		c.heard = true
		c.stash = append(c.stash, got...)
	}
	if err == nil && len(c.stash) > 0 && looksLikeRequest(c.stash) && l.state != closed {
		c.parked, c.queued, c.closeAsked = false, true, false
		c.unanswered, c.overflow = nil, false
		c.cur = &view{c: c}
		l.queue = append(l.queue, c)
		l.signalLocked()
		if l.state == accepting && l.accepts > 0 {
			// Serving again after the next generation died: Accept waits
			// in the socket, not for the queue. Interrupt it.
			l.interrupted = true
			l.setInnerDeadline(aLongTimeAgo)
		}
		return
	}
	// The client closed it, sent something else, or the listener is done.
	c.closed, c.cur, c.parked = true, nil, false
	l.dropLocked(c)
	c.nc.Close()
}

type connKind uint8

const (
	kindUnknown connKind = iota // nothing read yet
	kindHTTP1                   // began with an HTTP/1.x request line
	kindOther                   // TLS, HTTP/2, anything else
)

// A conn is one accepted connection. The server holds a view of it; when
// the connection is parked and handed back, the server gets a new view, and
// the old one behaves as closed.
type conn struct {
	nc net.Conn
	l  *listener

	mu         sync.Mutex
	cur        *view  // the view in use; nil when parked or closed
	stash      []byte // bytes read from the socket that no view has returned yet
	kind       connKind
	heard      bool   // the client sent at least one byte
	unanswered []byte // copy of the bytes cur returned since its last write began, up to maxUnanswered
	overflow   bool   // more than maxUnanswered such bytes: they cannot be handed back
	reading    bool   // a Read through cur is blocked in the socket
	closeAsked bool   // Close was deferred because a request was being answered
	parked     bool
	watching   bool
	queued     bool
	closed     bool
}

// maxUnanswered bounds the copy a conn keeps of the bytes its server has
// read and not answered yet: enough for the head of a request, which is
// all that parking ever needs to hand back.
const maxUnanswered = 16 << 10

// keepLocked records that the server was handed b. c.mu is held.
func (c *conn) keepLocked(b []byte) {
	if c.overflow || len(c.unanswered)+len(b) > maxUnanswered {
		c.overflow, c.unanswered = true, nil
		return
	}
	c.unanswered = append(c.unanswered, b...)
}

// pendingLocked reports whether the server holds bytes it has not answered.
func (c *conn) pendingLocked() bool { return c.overflow || len(c.unanswered) > 0 }

// A view is the net.Conn that the server sees.
type view struct{ c *conn }

func (v *view) opErr(op string, err error) error {
	return &net.OpError{Op: op, Net: v.c.nc.LocalAddr().Network(), Source: v.c.nc.LocalAddr(), Addr: v.c.nc.RemoteAddr(), Err: err}
}

func (v *view) Read(p []byte) (int, error) {
	c := v.c
	c.mu.Lock()
	if c.cur != v {
		c.mu.Unlock()
		return 0, v.opErr("read", net.ErrClosed)
	}
	if len(c.stash) > 0 {
		n := copy(p, c.stash)
		c.stash = c.stash[n:]
		if len(c.stash) == 0 {
			c.stash = nil
		}
		c.keepLocked(p[:n])
		c.mu.Unlock()
		return n, nil
	}
	c.reading = true
	c.mu.Unlock()

	n, err := c.nc.Read(p)

	c.mu.Lock()
	c.reading = false
	if n > 0 {
		c.heard = true
		if c.kind == kindUnknown {
			c.kind = classify(p[:n])
		}
	}
	if c.cur == v {
		c.keepLocked(p[:n])
		c.mu.Unlock()
		return n, err
	}
	// Parked (or closed) while this Read waited: whatever it got belongs
	// to the next request, and the connection can now be watched.
	c.stash = append(c.stash, p[:n]...)
	watch := c.parked && !c.watching && !c.closed
	c.mu.Unlock()
	if watch {
		l := c.l
		l.mu.Lock()
		c.mu.Lock()
		if c.parked && !c.watching && !c.closed {
			l.watchLocked(c)
		}
		c.mu.Unlock()
		l.mu.Unlock()
	}
	return 0, v.opErr("read", net.ErrClosed)
}

func (v *view) Write(p []byte) (int, error) {
	c := v.c
	if err := v.startWrite("write"); err != nil {
		return 0, err
	}
	return c.nc.Write(p)
}

// startWrite marks the bytes read so far as answered. It must come before
// the write, not after: once the client has the response it may send its
// next request at once, and a Read may return the start of it while this
// write returns.
func (v *view) startWrite(op string) error {
	c := v.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != v {
		return v.opErr(op, net.ErrClosed)
	}
	c.unanswered, c.overflow = c.unanswered[:0], false
	return nil
}

// ReadFrom keeps net/http's sendfile path for a TCP connection.
func (v *view) ReadFrom(r io.Reader) (int64, error) {
	if err := v.startWrite("readfrom"); err != nil {
		return 0, err
	}
	return io.Copy(v.c.nc, r)
}

// Close closes the connection, or parks it: see the top of this file.
func (v *view) Close() error {
	c, l := v.c, v.c.l
	l.mu.Lock()
	defer l.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != v || c.closed {
		return nil
	}
	if l.state == draining && c.kind == kindHTTP1 {
		switch {
		case c.pendingLocked() && byIdleSweep():
			// A request arrived just as net/http's idle sweep picked the
			// connection: its goroutine answers it, then closes again.
			c.closeAsked = true
			return nil
		case c.overflow:
			// The server gave up on more than could be handed back.
		default:
			// Between requests, or the server gave up on the start of
			// the next request: hand those bytes to the next view.
			c.stash = append(c.unanswered, c.stash...)
			c.unanswered = nil
			c.cur, c.parked, c.closeAsked = nil, true, false
			if c.reading {
				c.nc.SetReadDeadline(aLongTimeAgo) // that Read starts the watch
			} else {
				l.watchLocked(c)
			}
			return nil
		}
	}
	c.closed, c.cur = true, nil
	l.dropLocked(c)
	return c.nc.Close()
}

// byIdleSweep reports whether view.Close was called by net/http's sweep of
// idle connections (SetKeepAlivesEnabled(false) and Shutdown run it).
//
// A server closes a connection whose bytes it has read and not answered in
// two cases, which must be told apart. Either net/http's sweep saw the
// connection idle just as the next request arrived: the serving goroutine
// has that request and answers it, then closes the connection itself. Or
// the serving goroutine gave up on the connection: with keep-alives off,
// net/http closes right after a response composed just before they were
// switched off, and its background read may already have taken the first
// byte of the client's next request, which is then lost unless the
// listener hands it back. Only the caller tells which: this runs only on
// that rare path.
func byIdleSweep() bool {
	var pcs [4]uintptr
	n := runtime.Callers(3, pcs[:]) // skip Callers, byIdleSweep, Close
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if f.Function == "net/http.(*Server).closeIdleConns" {
			return true
		}
		if !more {
			return false
		}
	}
}

func (v *view) LocalAddr() net.Addr  { return v.c.nc.LocalAddr() }
func (v *view) RemoteAddr() net.Addr { return v.c.nc.RemoteAddr() }

func (v *view) SetDeadline(t time.Time) error {
	return v.deadline(t, net.Conn.SetDeadline)
}

func (v *view) SetReadDeadline(t time.Time) error {
	return v.deadline(t, net.Conn.SetReadDeadline)
}

func (v *view) SetWriteDeadline(t time.Time) error {
	return v.deadline(t, net.Conn.SetWriteDeadline)
}

func (v *view) deadline(t time.Time, set func(net.Conn, time.Time) error) error {
	c := v.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != v {
		return v.opErr("set", net.ErrClosed)
	}
	return set(c.nc, t)
}

// CloseWrite shuts down the writing side, as (*net.TCPConn).CloseWrite.
func (v *view) CloseWrite() error {
	c := v.c
	c.mu.Lock()
	defer c.mu.Unlock()
	cw, ok := c.nc.(interface{ CloseWrite() error })
	if c.cur != v || !ok {
		return v.opErr("close", net.ErrClosed)
	}
	return cw.CloseWrite()
}

// SyscallConn gives access to the socket, for socket options.
func (v *view) SyscallConn() (syscall.RawConn, error) {
	sc, ok := v.c.nc.(syscall.Conn)
	if !ok {
		return nil, v.opErr("raw", syscall.EINVAL)
	}
	return sc.SyscallConn()
}

// classify tells from the first bytes a client sent whether it speaks
// HTTP/1.x: a request line "METHOD target HTTP/1.x" ends with a newline in
// them. Anything else, including a request line cut short, is kindOther,
// which keeps the connection out of parking.
func classify(b []byte) connKind {
	line, _, ok := bytes.Cut(b, []byte("\n"))
	if !ok {
		return kindOther
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	method, _, ok := bytes.Cut(line, []byte(" "))
	if !ok || len(method) == 0 || !isUpper(method) {
		return kindOther
	}
	i := bytes.LastIndexByte(line, ' ')
	if proto := line[i+1:]; i <= len(method) || !bytes.Equal(proto, []byte("HTTP/1.1")) && !bytes.Equal(proto, []byte("HTTP/1.0")) {
		return kindOther
	}
	return kindHTTP1
}

// looksLikeRequest reports whether the bytes a parked connection received
// can begin an HTTP request: a method is a token, upper case in practice.
func looksLikeRequest(b []byte) bool {
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		i = len(b)
	}
	return i > 0 && isUpper(b[:i])
}

func isUpper(b []byte) bool {
	for _, ch := range b {
		if ch < 'A' || ch > 'Z' {
			return false
		}
	}
	return true
}
