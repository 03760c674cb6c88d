package main

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// A connLimit keeps the server's open connections under a limit, so that
// it never runs out of file descriptors (an accept that fails with EMFILE
// leaves every new client waiting while net/http retries). At the limit, a
// new connection first makes room by closing the connection that has been
// idle (between two requests) the longest; if none is idle, it is answered
// with a JSON 503 and closed.
//
// It wraps the listener and is the server's ConnState hook, which tells it
// which connections are idle.
type connLimit struct {
	net.Listener
	max int

	mu   sync.Mutex
	open int                    // accepted and not yet closed
	idle map[net.Conn]time.Time // since when each idle connection is idle
}

// maxConns is the connection limit for configured (0: a default): the
// open-file limit less 64 descriptors for the store, logs and pipes (at
// least half of it), or 10,000 where the limit is unknown.
func maxConns(configured int) int {
	if configured > 0 {
		return configured
	}
	n := openFileLimit()
	if n == 0 {
		return 10000
	}
	return max(n-64, n/2)
}

func newConnLimit(ln net.Listener, max int) *connLimit {
	return &connLimit{Listener: ln, max: max, idle: make(map[net.Conn]time.Time)}
}

// busyResponse is the answer of a connection over the limit.
var busyResponse = func() []byte {
	body, _ := json.Marshal(&apiError{Code: 1, Message: "too many connections: try again later"})
	return []byte("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n" +
		"Retry-After: 1\r\nConnection: close\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + string(body))
}()

// Accept returns the next connection within the limit.
func (l *connLimit) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		var evicted net.Conn
		if l.open >= l.max {
			evicted = l.evictLocked()
		}
		ok := l.open < l.max
		if ok {
			l.open++
		}
		l.mu.Unlock()
		if evicted != nil {
			evicted.Close()
		}
		if ok {
			return &limitedConn{Conn: c, l: l}, nil
		}
		c.SetWriteDeadline(time.Now().Add(time.Second))
		c.Write(busyResponse) // best effort: the client may not even read
		c.Close()
	}
}

// evictLocked picks the connection idle the longest, if any, to be closed
// by the caller once l.mu is released; its slot is free at once, since
// nothing will be served on it. l.mu is held.
func (l *connLimit) evictLocked() net.Conn {
	var oldest net.Conn
	var since time.Time
	for c, t := range l.idle {
		if oldest == nil || t.Before(since) {
			oldest, since = c, t
		}
	}
	if oldest == nil {
		return nil
	}
	delete(l.idle, oldest)
	oldest.(*limitedConn).release()
	return oldest
}

// track is the server's ConnState hook.
func (l *connLimit) track(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if state == http.StateIdle {
		l.idle[c] = time.Now()
	} else {
		delete(l.idle, c)
	}
}

// A limitedConn gives its slot back when closed, once.
type limitedConn struct {
	net.Conn
	l    *connLimit
	once sync.Once
}

// release frees the connection's slot, the first time. l.mu is held.
func (c *limitedConn) release() {
	c.once.Do(func() { c.l.open-- })
}

func (c *limitedConn) Close() error {
	c.l.mu.Lock()
	c.release()
	delete(c.l.idle, c)
	c.l.mu.Unlock()
	return c.Conn.Close()
}
