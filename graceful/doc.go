// Package graceful restarts a server process in place: on a signal it
// starts the next generation of the program, hands it the listening
// sockets, and drains the old one, so that a deploy refuses no connection
// and fails no request.
//
// # A typical main
//
// One [Upgrader] per process, made before anything listens. Listeners come
// from it, the program tells it when it serves, and wires the signals:
//
//	u, err := graceful.New(graceful.WithPIDFile("/run/app.pid"))
//	if err != nil {
//		return err
//	}
//	defer u.Stop()
//
//	ln, err := u.Listen("tcp", ":8080") // inherited from the previous generation, or new
//	if err != nil {
//		return err
//	}
//	srv := &http.Server{Handler: graceful.Handler(mux)} // for a drain that fails no request
//	go srv.Serve(ln)
//	sigs := make(chan os.Signal, 1)
//	signal.Notify(sigs, syscall.SIGUSR2, syscall.SIGTERM) // before Ready
//	if err := u.Ready(); err != nil { // the previous generation may now drain
//		return err
//	}
//
//	for loop := true; loop; {
//		select {
//		case sig := <-sigs:
//			if sig == syscall.SIGTERM {
//				loop = false
//				break
//			}
//			go func() {
//				if err := u.Upgrade(ctx); err != nil {
//					log.Print(err) // this generation keeps serving
//				}
//			}()
//		case <-u.Exit(): // the next generation is ready
//			loop = false
//		}
//	}
//	u.Stop()
//	return u.Shutdown(ctx, srv, 5*time.Second) // ends once every client is told
//
// (Shutdown returns [ErrResumed] if the next generation died while this
// one drained: examples/graceful then goes round its loop again.)
//
// The package never calls signal.Notify: which signal upgrades and which
// stops is the program's choice. Wire the signals before Ready, which
// makes the process the one systemd and operators signal. The program in examples/graceful is this
// main, complete.
//
// # Upgrades
//
// [Upgrader.Upgrade] starts the file that is at that moment at the path
// the program was started from (os.Args[0] made absolute, searched in PATH,
// and checked against os.Executable when New runs), so that a deploy that
// renamed a new build over the old one, or switched a "current" symbolic
// link, runs the new build; it fails clearly if the file is gone. (Not
// os.Executable at upgrade time: /proc/self/exe resolves symbolic links and
// follows the running file when it is renamed aside, so it would start the
// old build again.) The new process gets
// the same arguments, working directory and environment, minus this
// package's private variables, and the sockets that Listen and
// ListenPacket returned and that are still open. Its own Listen calls with
// the same network and address strings get them back; the kernel never
// stops accepting connections on them, so none is refused.
//
// The new process calls [Upgrader.Ready] once it serves. The old one then
// stops accepting, closes its Exit channel and drains. (A connection that
// reaches the socket at that very instant may still be accepted by the old
// one, which serves it like the others it drains.) Until then the old
// one serves alone: the new one's listeners accept nothing before its
// Ready, so that a new process that fails before it is ready takes no
// connection with it. A new process that exits, crashes or misses the
// deadline of [WithUpgradeTimeout] is killed if it still runs and reaped,
// no zombie left; Upgrade returns an error wrapping [ErrUpgradeFailed] that
// says what happened (exit status, signal or deadline), and the old
// generation serves on and may try again. Upgrades do not overlap: a
// second Upgrade while one runs returns [ErrUpgradeInProgress].
//
// A new generation that dies after Ready (a signal, or a non-zero exit
// status) while the old one still drains is noticed (on Linux): the old
// one serves again, and [Upgrader.Shutdown], its drain, returns
// [ErrResumed] instead of shutting the server down; the program goes back
// to serving and waiting for Exit. Once the old generation's lame duck is
// over it is too late, and the death is only logged. A new generation that
// exits with status 0 (it handed over in turn, or was stopped) is no such
// death.
//
// # How the sockets pass
//
// By inheritance across fork and exec: each socket's descriptor is
// duplicated inside syscall.RawConn.Control, and the process is started
// with syscall.ForkExec, which places the duplicates at descriptors 3, 4,
// ... of the child. The package never calls (*os.File).Fd on a socket, as
// os/exec would: Fd switches a descriptor to blocking mode, a flag that
// every duplicate shares, which would leave this process's listeners
// blocking while they still serve. Every other descriptor the package opens
// is close-on-exec, and so is each inherited one, from New on.
//
// The child learns what it inherits from three private variables:
// LIFEKIT_GRACEFUL_FDS (a JSON list of network, address and descriptor),
// LIFEKIT_GRACEFUL_READY_FD (the write end of a pipe) and
// LIFEKIT_GRACEFUL_PPID (its parent's PID, checked against getppid). New
// removes them from the environment. Ready writes the PID file, then "1"
// to the pipe, followed by the descriptor numbers of the sockets it did
// not take; the parent reads that, or end of file if the child died. At
// the handover the parent closes the sockets the child did not take, after
// accepting what waits in them: new connections then go where the child
// listens. That is how a host can change on the same port (see
// [Upgrader.Listen]).
//
// Other files pass the same way, by name: [Upgrader.AddFile] and
// [Upgrader.AddConn] in one generation (a lock file, a memfd, a Unix socket
// connection to a peer), [Upgrader.File] in the next, before its Ready.
//
// Unix sockets are not unlinked when a listener closes, since the next
// generation serves them; the generation that stops for good ([Upgrader.Stop]
// without a successor) unlinks the ones it created or inherited. UDP and
// other packet sockets pass like listeners; both generations may read from
// one during the hand-over.
//
// # Draining HTTP
//
// [Shutdown] drains an http.Server in two steps. For a lame-duck period it
// answers every request with "Connection: close" (over HTTP/2, a GOAWAY),
// which tells each keep-alive client, with a complete response, to open
// its next connection elsewhere; then it calls srv.Shutdown. A client that
// never retries sees no failed request. [Upgrader.Shutdown] does the same
// for a server on the Upgrader's listeners, and ends the lame duck early
// once every one of them has stopped accepting and every connection it
// accepted is closed: under steady load the clients move within
// milliseconds, and the old generation need not serve out the whole
// period. The listeners count connections below TLS, so this works for a
// server that terminates TLS itself (srv.ServeTLS, or [crypto/tls.NewListener]
// around the listener).
//
// The safe way to say "Connection: close" is [Handler]: wrap the server's
// handler, and the drain adds the header to each response and closes
// nothing under a client; a connection idle between two requests is told
// on its next one. That holds for HTTP/1.1 and HTTP/2, with or without
// TLS.
//
// Without Handler, the drain can only turn keep-alives off, and net/http
// then closes at once every connection that is idle between two requests,
// while a client may be sending its next request on it. For plain HTTP/1.1
// the listeners of [Upgrader.Listen] make up for it. Once the generation
// has stopped accepting (after a successful Upgrade, or after Stop), a
// connection that net/http closes between requests, or after it began to
// read the next request and gave up on it, is kept open and watched
// instead (the bytes read are handed back): if its client sends another
// request, the listener hands the connection back to the server as if
// newly accepted, and it is answered with "Connection: close"; if the
// client closes it, so does the listener. This applies only to connections
// that began with an HTTP/1.x request line. TLS connections cannot be
// handed back (the server's TLS layer has already said goodbye): without
// Handler, 23 and 35 of 50 busy TLS clients lost a request in two drains
// of this package's tests. HTTP/2 connections are not closed as idle, and
// get their GOAWAY from srv.Shutdown when the lame duck is over.
//
// When srv.Shutdown closes the listener, the listener closes the
// connections that never sent a byte: net/http alone treats those as idle
// only after 5 seconds, so one silent client would hold every drain that
// long. A request in flight is always waited for, up to Shutdown's
// context.
//
// # Orphans and zombies
//
// After an upgrade the old generation exits, and the kernel gives the new
// one, its child, to the nearest ancestor that is a child subreaper, or to
// PID 1. That process must reap each generation when it exits in turn.
// systemd, tini and other inits do; a program that is PID 1 by accident, as
// in a container started without an init, does not, and every generation
// that ends stays a zombie. A service that is PID 1 itself cannot upgrade
// at all: its exit ends every process in its PID namespace. [New] warns
// once, in the first generation's log ("orphans may not be reaped"), when
// it is PID 1, or when neither PID 1 nor any ancestor is a program known
// to reap. Run such a service under an init: `docker run --init`, tini
// (ENTRYPOINT ["tini", "--", "/app"]), or a systemd unit as below.
//
// # systemd
//
// A service started by systemd with sockets (socket activation) finds them
// through Listen: the socket whose FileDescriptorName= is the address
// passed to Listen, else the one bound to that address. New checks
// LISTEN_PID, honours LISTEN_FDNAMES, takes the descriptors from 3 on and
// removes LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES from the environment,
// as sd_listen_fds(3) does; sockets not claimed by Ready are closed.
//
// With NOTIFY_SOCKET set (a path, or an abstract socket written with a
// leading "@"), the first generation's Ready sends READY=1; Upgrade sends
// RELOADING=1 (with MONOTONIC_USEC=) when it starts, then MAINPID= the new
// process and READY=1 once it is ready, or READY=1 alone if it failed; and
// Stop, in the generation that stops for good, sends STOPPING=1. A unit:
//
//	[Unit]
//	Description=app
//	After=network.target
//
//	[Service]
//	Type=notify
//	NotifyAccess=main
//	ExecStart=/usr/local/bin/app -addr :8080 -pidfile /run/app/app.pid
//	ExecReload=/bin/kill -USR2 $MAINPID
//	RuntimeDirectory=app
//	TimeoutStopSec=40
//	Restart=on-failure
//
//	[Install]
//	WantedBy=multi-user.target
//
// systemctl reload app then upgrades in place; MAINPID= moves systemd's
// attention to the new process before the old one exits, and systemd does
// not take the old one's exit for the service's. TimeoutStopSec must cover
// the lame duck and the drain. For socket activation add an app.socket
// unit with ListenStream=8080 (and FileDescriptorName=web to serve it with
// Listen("tcp", "web")).
//
// # Platforms
//
// Upgrades work on Unix; they are tested on Linux. Elsewhere the package
// builds, [New] returns [ErrNotSupported], and [Shutdown] works.
package graceful
