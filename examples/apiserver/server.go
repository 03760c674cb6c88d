package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/graceful"
	"github.com/lifekit/lifekit/lifecycle"
)

// Server serves the HTTP routes. It is the last component to start, since
// it depends on every other one through API, and the first to stop: it stops
// taking requests and drains those in flight (see drain) before the events
// are flushed and the store is closed.
//
// Start listens, through the Process, which under graceful hands the
// socket over from the previous generation. Run serves, then tells the
// Process the server is ready, which lets the previous generation go.
type Server struct {
	Config  *Config          `inject:""`
	Logger  *slog.Logger     `inject:""`
	Errors  *errs.Aggregator `inject:""`
	Fleet   *Fleet           `inject:""`
	API     *API             `inject:""`
	Process Process          `inject:""`

	// Graph is the graph the server belongs to, for /readyz and
	// /debug/lifecycle. newGraph sets it; it is not injected, since a
	// graph is not one of its own objects.
	Graph *lifecycle.Graph

	srv      *http.Server
	ln       net.Listener
	served   chan error
	stopping atomic.Bool // set by Stop: see closeWhenStopping

	// The admin server: /debug/* and /readyz with every component's
	// error, on -admin-addr (loopback by default), for operators only.
	// nil when -admin-addr is empty.
	admin       *http.Server
	adminLn     net.Listener
	adminServed chan error
}

func (s *Server) Start(ctx context.Context) error {
	ln, err := s.Process.Listen("tcp", s.Config.Addr)
	if err != nil {
		return errs.Errorf("listen on %s: %w", s.Config.Addr, err)
	}
	limit := newConnLimit(ln, maxConns(s.Config.MaxConns))
	s.ln = limit
	s.srv = &http.Server{
		ConnState:         limit.track,
		Handler:           graceful.Handler(s.closeWhenStopping(s.Handler())), // the drain says "Connection: close"
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	s.served = make(chan error, 1)
	if s.Config.AdminAddr == "" {
		return nil
	}
	// Through Process too: the admin socket passes to the next generation
	// like the API's.
	if s.adminLn, err = s.Process.Listen("tcp", s.Config.AdminAddr); err != nil {
		return errs.Errorf("listen on %s (admin): %w", s.Config.AdminAddr, err)
	}
	s.admin = &http.Server{
		Handler:           s.AdminHandler(),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      time.Minute,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	s.adminServed = make(chan error, 1)
	return nil
}

// Run serves until the server is stopped, or fails.
func (s *Server) Run(ctx context.Context) error {
	go func() { s.served <- s.srv.Serve(s.ln) }()
	if s.admin != nil {
		go func() { s.adminServed <- s.admin.Serve(s.adminLn) }()
		s.Logger.Info("serving", "addr", s.ln.Addr().String(), "admin", s.adminLn.Addr().String())
	} else {
		s.Logger.Info("serving", "addr", s.ln.Addr().String())
	}
	if err := s.Process.Ready(); err != nil {
		return errs.Errorf("tell the process we are ready: %w", err)
	}
	var err error
	select {
	case err = <-s.served: // an early return: the graph stops
	case <-ctx.Done():
		err = <-s.served // Stop shuts the server down
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return errs.Errorf("serve: %w", err)
}

// Stop drains: lame duck, then shutdown (see Process.Drain). The admin
// server shuts down at once, alongside: its clients are operators, and
// the drain's lame duck waits until every listener of the process is
// quiet.
func (s *Server) Stop(ctx context.Context) error {
	s.stopping.Store(true)
	adminDone := make(chan error, 1)
	if s.admin != nil {
		go func() {
			err := s.admin.Shutdown(ctx)
			if served := <-s.adminServed; !errors.Is(served, http.ErrServerClosed) && err == nil {
				err = served
			}
			adminDone <- err
		}()
	} else {
		adminDone <- nil
	}
	err := s.Process.Drain(ctx, s.srv, s.Config.LameDuck)
	if aerr := <-adminDone; aerr != nil {
		err = errors.Join(err, errs.Errorf("admin: %w", aerr))
	}
	if err != nil {
		return errs.Errorf("drain: %w", err)
	}
	return nil
}

// closeWhenStopping says "Connection: close" (HTTP/2: GOAWAY) in every
// response once Stop has begun. graceful's lame duck says it too, but
// when the next generation dies during the drain, graceful resumes
// serving, keep-alives on, before Upgrades.Drain stops this generation
// for good: a request served in between would keep its connection to a
// server about to close it.
func (s *Server) closeWhenStopping(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.stopping.Load() {
			w.Header().Set("Connection", "close")
		}
		h.ServeHTTP(w, r)
	})
}

// Addr returns the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// AdminAddr returns the address of the admin server, or nil if none.
func (s *Server) AdminAddr() net.Addr {
	if s.adminLn == nil {
		return nil
	}
	return s.adminLn.Addr()
}

// AdminHandler returns the operators' routes: /debug/errors,
// /debug/lifecycle, and /readyz with each component's error, which the
// public /readyz does not show.
func (s *Server) AdminHandler() http.Handler {
	mux := http.NewServeMux()
	s.operatorRoutes(mux, nil)
	s.route(mux, "/readyz", nil, methods{http.MethodGet: s.readyzDetail})
	s.route(mux, "/healthz", nil, methods{http.MethodGet: handler(http.HandlerFunc(live))})
	mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errNoRoute.with("no route for %s", clip(r.URL.Path))
	}))
	return s.recoverPanics(cleanPaths(s.handle, mux))
}

// operatorRoutes adds the routes for operators to mux, behind gate.
func (s *Server) operatorRoutes(mux *http.ServeMux, gate func(http.ResponseWriter, *http.Request) error) {
	s.route(mux, "/debug/errors", gate, methods{http.MethodGet: s.debugErrors})
	s.route(mux, "/debug/lifecycle", gate, methods{http.MethodGet: s.lifecycleReport})
	s.route(mux, "/debug/readyz", gate, methods{http.MethodGet: s.readyzDetail})
}

// readyzDetail is the operators' /readyz: each component's error.
func (s *Server) readyzDetail(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), s.Config.ReadyTimeout)
	defer cancel()
	s.Graph.HealthHandler().ServeHTTP(w, r.WithContext(ctx))
	return nil
}

// Handler returns the server's routes. Every route but the probes needs
// the keys (see keyring.authorize): the API a client's, /debug/* the
// master key. Web pages of the allowed origins may call it (see cors).
func (s *Server) Handler() http.Handler {
	keys := newKeyring(s.Config.Keys, s.Config.MaxBody)
	client := func(w http.ResponseWriter, r *http.Request) error { return keys.authorize(w, r, accessClient) }
	master := func(w http.ResponseWriter, r *http.Request) error { return keys.authorize(w, r, accessMaster) }
	// The API, behind the keys; POST /v1/batch runs its requests here.
	api := http.NewServeMux()
	s.route(api, "/v1/classes/{class}", nil, methods{http.MethodGet: s.API.list, http.MethodPost: s.API.create})
	s.route(api, "/v1/classes/{class}/{id}", nil, methods{
		http.MethodGet: s.API.get, http.MethodPut: s.API.update, http.MethodDelete: s.API.remove,
	})
	s.route(api, "/v1/events", nil, methods{http.MethodPost: s.API.event})
	s.route(api, "/v1/events/{name}", nil, methods{http.MethodPost: s.API.namedEvent})
	api.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errNoRoute.with("no route for %s", clip(r.URL.Path))
	}))
	mux := http.NewServeMux()
	s.route(mux, "/v1/batch", client, methods{http.MethodPost: s.batch(api)})
	mux.Handle("/v1/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if err := client(w, r); err != nil {
			return err
		}
		api.ServeHTTP(w, r)
		return nil
	}))
	s.operatorRoutes(mux, master)
	s.route(mux, "/healthz", nil, methods{http.MethodGet: handler(http.HandlerFunc(live))})
	s.route(mux, "/readyz", nil, methods{http.MethodGet: s.readyz})
	mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if err := client(w, r); err != nil {
			return err // a client without the keys learns nothing of the routes
		}
		return errNoRoute.with("no route for %s", clip(r.URL.Path))
	}))
	return s.recoverPanics(cors(s.Config.AllowOrigins, cleanPaths(s.handle, mux)))
}

// cleanPaths answers a request whose path is not in canonical form ("..",
// ".", doubled or missing slashes) with a JSON 404, where http.ServeMux
// would redirect it to the cleaned path with an HTML body: no route of
// this API is reached that way, and a client that follows redirects should
// not be led to one.
func cleanPaths(handle func(func(http.ResponseWriter, *http.Request) error) http.Handler, next http.Handler) http.Handler {
	notFound := handle(func(w http.ResponseWriter, r *http.Request) error {
		return errNoRoute.with("no route for %s: the path is not in canonical form", clip(r.URL.Path))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "" || p[0] != '/' || path.Clean(p) != p && path.Clean(p)+"/" != p {
			notFound.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readyz answers readiness probes: "ok", or a 503 that names the
// components that are not ready, and nothing more: their errors may name
// hosts, users and databases, which are not the client's business. The
// check is bounded by -ready-timeout, so that a store that hangs (a frozen
// database) makes the server not ready instead of hanging the probe.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), s.Config.ReadyTimeout)
	defer cancel()
	err := s.Graph.Health(ctx)
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if err == nil {
		io.WriteString(w, "ok\n")
		return nil
	}
	w.WriteHeader(http.StatusServiceUnavailable)
	var names []string
	for _, e := range unjoin(err) {
		if ce := new(lifecycle.ComponentError); errors.As(e, &ce) && !slices.Contains(names, ce.Component) {
			names = append(names, ce.Component)
		}
	}
	switch {
	case len(names) > 0:
		fmt.Fprintf(w, "not ready: %s\n", strings.Join(names, ", "))
	case errors.Is(err, lifecycle.ErrNotReady):
		io.WriteString(w, "not ready: starting or stopping\n")
	default:
		io.WriteString(w, "not ready\n")
	}
	return nil
}

// unjoin returns the errors joined in err (errors.Join), or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// debugErrors serves this server's error groups, or with scope=fleet those
// of every server on the database.
func (s *Server) debugErrors(w http.ResponseWriter, r *http.Request) error {
	switch scope := r.URL.Query().Get("scope"); scope {
	case "", "server":
		s.Errors.ServeHTTP(w, r)
		return nil
	case "fleet":
		return s.Fleet.serve(w, r)
	default:
		return errInvalidQuery.with("scope %q: want server or fleet", clip(scope))
	}
}

// methods maps the methods of a route to their handlers.
type methods map[string]func(http.ResponseWriter, *http.Request) error

// route serves pattern with the handler of the request's method, and
// answers other methods with a JSON 405. HEAD goes where GET does. A
// request goes through gate first, if not nil: an error it returns is the
// answer.
func (s *Server) route(mux *http.ServeMux, pattern string, gate func(http.ResponseWriter, *http.Request) error, m methods) {
	var allowed []string
	for method := range m {
		allowed = append(allowed, method)
		if method == http.MethodGet {
			allowed = append(allowed, http.MethodHead)
		}
	}
	slices.Sort(allowed)
	allow := strings.Join(allowed, ", ")
	mux.Handle(pattern, s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if gate != nil {
			if err := gate(w, r); err != nil {
				return err
			}
		}
		h, ok := m[r.Method]
		if !ok && r.Method == http.MethodHead {
			h, ok = m[http.MethodGet]
		}
		if !ok {
			w.Header().Set("Allow", allow)
			return errMethod.with("method %s not allowed on %s: use %s", r.Method, r.URL.Path, allow)
		}
		return h(w, r)
	}))
}

// handler adapts a plain http.Handler.
func handler(h http.Handler) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		h.ServeHTTP(w, r)
		return nil
	}
}

// handle answers the error of h, if any: an *apiError as it is; anything
// else as a bare 500, its detail recorded at /debug/errors and logged, never
// sent to the client.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		if e := new(apiError); errors.As(err, &e) {
			writeError(w, e)
			return
		}
		if r.Context().Err() != nil && errors.Is(err, context.Canceled) {
			// The client went away: nobody to answer, nothing to record.
			writeError(w, errUnavailable)
			return
		}
		s.Errors.Record(err)
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		switch {
		case errors.Is(err, context.DeadlineExceeded) || busy(err):
			// Not the client's deadline (see above): the store's bound.
			writeError(w, errStoreSlow)
			return
		case conflict(err):
			writeError(w, errStoreConflict)
			return
		case unwritable(err):
			writeError(w, errStoreFull)
			return
		}
		writeError(w, errInternal)
	})
}

// recoverPanics turns a handler's panic into a recorded 500, as it would an
// error, so that one bad request does not end the connection unanswered.
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err := errs.Errorf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
			s.Errors.Record(err)
			s.Logger.Error("request panicked", "err", err)
			writeError(w, errInternal)
		}()
		h.ServeHTTP(w, r)
	})
}

// live is /healthz: the process runs and serves HTTP. Whether it should get
// traffic is /readyz's question.
func live(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// lifecycleReport is /debug/lifecycle: how the graph started, as a table,
// as JSON (?format=json) or as the graph in DOT (?format=dot).
func (s *Server) lifecycleReport(w http.ResponseWriter, r *http.Request) error {
	switch f := r.URL.Query().Get("format"); f {
	case "", "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(s.Graph.Report().String()))
	case "json":
		writeValue(w, http.StatusOK, s.Graph.Report())
	case "dot":
		w.Header().Set("Content-Type", "text/vnd.graphviz; charset=utf-8")
		return s.Graph.WriteDOT(w)
	default:
		return errInvalidQuery.with("format %q: want text, json or dot", clip(f))
	}
	return nil
}
