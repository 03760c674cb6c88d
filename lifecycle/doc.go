// Package lifecycle wires a program's parts together and starts and stops
// them in dependency order: the heart of a service's main.
//
// A [Graph] holds objects. [Graph.Provide] adds them; [Graph.Populate] fills
// their struct fields tagged inject with each other; [Graph.Start] starts the
// ones that have lifecycle methods, each after everything it depends on, and
// [Graph.Stop] stops them in reverse. [Graph.Run] does all of it for main,
// until a signal arrives.
//
// # A typical main
//
//	type Server struct {
//		Store  *store.DB    `inject:""`        // the one *store.DB
//		Cache  cache.Cache  `inject:""`        // the one value that implements cache.Cache
//		Events *batch.Batcher[Event] `inject:"events"` // the object named "events"
//	}
//
//	func (s *Server) Start(ctx context.Context) error { ... } // listen
//	func (s *Server) Stop(ctx context.Context) error  { ... } // drain
//
//	func main() {
//		logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
//		g := lifecycle.New(lifecycle.WithLogger(logger))
//		err := g.Provide(
//			&lifecycle.Object{Value: &Server{}},
//			&lifecycle.Object{Value: store.Open(dsn)},
//			&lifecycle.Object{Value: cache.NewLRU(1 << 20)},
//			&lifecycle.Object{Value: batch.New(writeEvents), Name: "events"},
//		)
//		if err == nil {
//			err = g.Run(context.Background())
//		}
//		if err != nil {
//			logger.Error("exit", "err", err)
//			os.Exit(1)
//		}
//	}
//
// Run starts the store, the cache and the batcher concurrently, then the
// server; on SIGTERM it stops the server first, then the other three, and
// returns nil.
//
// # Injection
//
// Populate fills exported fields tagged inject:
//
//   - inject:"" on a pointer to a struct takes the unnamed object of that
//     type. If none was provided, and no named one either, Populate creates
//     one with new, adds it to the graph, and populates it in turn.
//   - inject:"" on an interface takes the one unnamed object that implements
//     it.
//   - inject:"name" takes the object provided with that Name.
//   - inject:"private" takes a new object, made for this field alone. On a
//     map field it makes a new, empty map, as facebookgo/inject does (a map
//     is not an object of the graph: no order, no lifecycle).
//   - inject:"inline" populates the fields of a struct value in place.
//   - inject:"" on a slice of an interface or of pointers to structs takes
//     a group: every object that fits, named or not, in the order they were
//     provided (then created); on a map with string keys, every named one,
//     by name. The holder is not a member of its own group, nor is a private
//     object. A group of what nothing provides is empty, not an error. The
//     holder starts after every member: WriteDOT draws one edge per member.
//   - inject:",optional" and inject:"name,optional" fill the field as the
//     forms without the option do when something provides it, and leave it
//     nil when nothing does: no object is created for it, and a missing
//     implementation or name is not an error. WriteDOT draws its edge
//     dashed. [Report] lists components only: groups and optional fields
//     show there through the start order they impose.
//
// A test can run the graph its program builds with fakes in it: [Replace]
// and [Graph.ReplaceNamed] swap a provided object for another before
// Populate.
//
// Populate fails instead of guessing: a missing object, two objects that
// implement one interface, a tag on an unexported field, a bad tag or a field
// of the wrong kind is an error that names the full path of the field, such
// as *app.Server.Store, and every candidate with where it was provided. The
// same objects always give the same graph, the same order and the same
// errors. A field set before Populate is left as it is.
//
// # Components
//
// An object is a component when it has a lifecycle method, found by
// interface: [Starter], [Stopper], [Runner], [HealthChecker], or, for code
// written for facebookgo/startstop, Start() error, Stop() error,
// Open() error or Close() error. The first of Start(ctx), Start(), Open() is
// its start method, and the first of Stop(ctx), Stop(), Close() its stop
// method; a *sql.DB, for one, is stopped with Close.
//
// A component starts once every component it depends on has started, whether
// through its own fields or through objects without lifecycle methods, and
// stops once every component that depends on it has stopped. Components that
// do not depend on each other start and stop concurrently;
// [WithConcurrency](1) makes both sequential and deterministic. Objects may
// point at each other in cycles, but a cycle through two components is an
// error that prints the cycle, since no order honours it.
//
// # Failure
//
// A failed, panicking or timed-out Start rolls back: every component that
// started is stopped exactly once, in reverse order, with a fresh context
// bounded by the stop timeout. Stop is best effort: it calls every Stop
// method whatever the others return, and returns all their errors. Every
// error of a component is a [*ComponentError] that names it and says how long
// it ran. Errors that originate here carry a stack from
// github.com/lifekit/lifekit/errs.
//
// # Observing
//
// [Graph.Health] and [Graph.HealthHandler] aggregate the components' Health
// methods, and report not ready before Start completes and once Stop begins.
// [Graph.Report] gives each component's start and stop durations and order,
// and the critical path of Start; [Graph.WriteDOT] draws the graph. With
// [WithLogger], the graph logs every phase and component with durations.
//
// # Cost
//
// Provide, Populate, Start and Stop cost time linear in the number of objects
// and fields: objects are indexed by type, name and pointer; each struct type
// is read with reflect once; an interface field scans the objects once per
// interface type. Start and Stop run each lifecycle call in a goroutine of
// its own, and pass objects with no lifecycle method inline.
package lifecycle
