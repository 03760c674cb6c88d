// Package errs records where errors come from and groups them by it.
//
// An error made with [New], [Errorf] or [Wrap] carries the stack of the code
// that made it. Its Error method returns the message alone, on one line, so
// logs and API responses read as before; the stack is there for %+v, for
// [StackOf] and [Stacks], and for log/slog, where the error logs as a group of
// its message, fingerprint and stack.
//
//	if err := db.QueryRowContext(ctx, q, id).Scan(&u.Name); err != nil {
//		return errs.Errorf("load user %d: %w", id, err)
//	}
//
// The errors work with errors.Is, errors.As, errors.Unwrap and errors.Join
// as the standard library's do. They are immutable, and nothing here changes
// an error it is given, so one error may be wrapped and printed by many
// goroutines at once.
//
// # One stack per path
//
// Wrapping at every return is the habit that makes stacks useful, and it is
// cheap here: Wrap adds a stack only where the error reached a new path. An
// error wrapped again on its way up the stack that recorded it keeps that one
// stack and costs little more than a glance at the caller. An error that
// crossed to another goroutine, or was stored and returned later from
// elsewhere, gets a second stack where it is wrapped, and %+v prints both.
//
// Capturing a stack records program counters only. Functions, files and lines
// are looked up when a stack is printed or grouped, once per call site for
// the whole process, so the second %+v of an error from the same place costs
// a fraction of the first.
//
// # Grouping
//
// [Fingerprint] gives a key that is equal for errors from the same chain of
// functions and the same error site in it, told apart by the origin's
// template (Errorf's format, New's text with its values taken out, the
// error it wraps), whatever the values in their messages, their line
// numbers or the Go version that built the program; errors without a stack
// are grouped by type and message with numbers, hexadecimal strings, UUIDs
// and quoted strings taken out. An [Aggregator] counts errors by
// fingerprint in bounded memory and serves its table over HTTP, as HTML or
// JSON:
//
//	agg := errs.NewAggregator()
//	mux.Handle("GET /debug/errors", agg)
//	...
//	agg.Record(err) // where errors are handled, e.g. in middleware
//
// # Printing
//
// %v and %s print the message; %+v prints the message, then each stack on
// the chain, the origin first, one frame per two lines as Go's panics do:
//
//	load user 42: sql: no rows in result set
//	example.com/app/store.(*Users).Get
//		/src/app/store/users.go:31
//	example.com/app/api.getUser
//		/src/app/api/users.go:18
//
// A chain with several stacks prints a "--- stack i of n" line before each,
// and a stack that ends with frames already printed counts them instead of
// repeating them. Only an error of this package prints stacks: one wrapped
// by fmt.Errorf prints its message alone, so wrap with Errorf or Wrap.
//
// # Other tools
//
// Every error of this package has a StackTrace method returning its origin
// stack's return addresses, which sentry-go and other error trackers read,
// and an ErrorType method naming the type to show, which OpenTelemetry's
// semantic conventions read for error.type. [ReplaceAttr] makes a log/slog
// handler log any error with a stack on its chain as a group, whatever
// wraps it. The modules under contrib/ in lifekit's repository do the same
// for Sentry, OpenTelemetry, zap, zerolog and Prometheus.
package errs
