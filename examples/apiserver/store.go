package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
)

// A Store keeps objects and events. It is a component of the lifecycle
// graph: Start opens the database and creates the tables, Stop closes it,
// Health pings it. newSQLiteStore and newPostgresStore return the two
// implementations, which share every statement but a few dialect fragments.
//
// Every value from a request reaches SQL as a bound parameter: class names,
// ids, field names and values of where filters, limits. The only SQL text a
// request chooses is one of a fixed set of fragments (see order).
type Store interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	Health(ctx context.Context) error

	// Create stores o, giving it a fresh id.
	Create(ctx context.Context, o *Object) error
	// CreateMany stores objs, giving each a fresh id. It returns nil when
	// all were stored, a *batch.PartialError naming those that were not
	// when others were, and any other error when none was.
	CreateMany(ctx context.Context, objs []*Object) error
	// Get returns the object, or an error wrapping errNoObject.
	Get(ctx context.Context, class, id string) (*Object, error)
	// Update sets fields on the object (each replaces the field of that
	// name, as Parse's PUT does, or is an operation applied to it with the
	// row locked: see applyChanges), sets its updatedAt to at and
	// returns it, or an error wrapping errNoObject, or an *apiError for an
	// operation that does not fit the field.
	Update(ctx context.Context, class, id string, fields map[string]json.RawMessage, at time.Time) (*Object, error)
	// Delete deletes the object, or returns an error wrapping errNoObject.
	Delete(ctx context.Context, class, id string) error
	// List returns the objects of class that match q, in q's order.
	List(ctx context.Context, class string, q listQuery) ([]*Object, error)
	// Count returns how many objects of class match q's filter.
	Count(ctx context.Context, class string, q listQuery) (int, error)
	// FieldTypes sets the types of the fields of class in want that have
	// none yet, and returns the type of every field in want: the one set
	// now, or the one set before, which may differ.
	FieldTypes(ctx context.Context, class string, want map[string]string) (map[string]string, error)
	// InTx runs fn with a context in which the store's calls share one
	// transaction, and commits it if fn returns nil, or rolls it back and
	// returns fn's error. Calls with that context must not run
	// concurrently. The transaction lasts at most the store's timeout.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// InsertEvents stores events in one transaction: all or none.
	InsertEvents(ctx context.Context, events []Event) error

	// PutErrorCounts writes the error counts of one run of a server, in
	// one transaction, and deletes the counts last seen before expired.
	// Counts only grow: writing a count again, or a smaller one, changes
	// nothing, so a failed write may simply be retried.
	PutErrorCounts(ctx context.Context, counts []ErrorCount, expired time.Time) error
	// ErrorCounts returns every error count last seen at or after since.
	ErrorCounts(ctx context.Context, since time.Time) ([]ErrorCount, error)
}

// errNoObject is a store's answer for an object that does not exist.
var errNoObject = errors.New("no such object")

// A storeTx is the transaction of Store.InTx, carried by the context of
// the calls that share it.
type storeTx struct {
	tx *sql.Tx
	// committed are the funcs to run once the transaction has committed,
	// in order (afterCommit).
	committed []func()
}

type txKey struct{}

// txFrom returns the transaction ctx carries, or nil.
func txFrom(ctx context.Context) *storeTx {
	t, _ := ctx.Value(txKey{}).(*storeTx)
	return t
}

// afterCommit runs f once the transaction of ctx commits, and never if it
// rolls back; with no transaction, it runs f now. Work that must not
// happen for a write that may yet be undone (a webhook) goes through it.
func afterCommit(ctx context.Context, f func()) {
	if t := txFrom(ctx); t != nil {
		t.committed = append(t.committed, f)
		return
	}
	f()
}

// A dialect is what differs between the SQL databases: how to open them,
// their schema, placeholders, and how to compare a field of a JSON column.
type dialect struct {
	name   string
	source string // the SQLite file or the PostgreSQL URL (secret: not for logs)
	// open returns the pools for writes and for reads (the same one for
	// PostgreSQL; for SQLite, one connection for writes, several for reads).
	// open connects; busy is how long a call may wait for a lock the
	// database holds elsewhere (SQLite's busy_timeout), where that
	// wait does not heed the call's context.
	open func(ctx context.Context, busy time.Duration) (w, r *sql.DB, err error)
	// schema creates the tables if they do not exist.
	schema func(ctx context.Context, db *sql.DB) error
	// writers is how many write transactions are worth running at once.
	writers int
	// numbered: placeholders are $1, $2... (PostgreSQL) rather than ?.
	numbered bool
	// forUpdate locks a row read in a transaction ("" where the
	// transaction itself holds the lock, as in SQLite).
	forUpdate string
	// greatest is the function that returns the larger of two values.
	greatest string
	// equal appends the SQL that is true when field of the data column
	// equals v, and false or NULL otherwise (missing fields included).
	equal func(b *builder, field string, v value)
	// compare appends the SQL that is true when field of the data column,
	// a number, string or date as v is, compares to v as sqlOp says.
	compare func(b *builder, field, sqlOp string, v value)
	// sortKey returns the SQL expression that sorts by field of the data
	// column (dates by their time).
	sortKey func(b *builder, field string) string
	// falseLit is the dialect's false.
	falseLit string
	// updateInPlace, if set, appends the one statement that applies
	// fields to an object in the database and returns its created_at and
	// data, or returns false for changes it cannot apply there (see
	// sqlStore.Update).
	updateInPlace func(b *builder, class, id string, fields map[string]json.RawMessage, at int64) bool
	// dir is the directory of the database's files, whose disk Health
	// watches; "" where the database is elsewhere (PostgreSQL).
	dir string
}

// A builder assembles one statement and its arguments. Statements are
// written with ? placeholders; sql renumbers them for dialects that need it.
type builder struct {
	strings.Builder
	args []any
}

// arg adds v as the next argument and returns its placeholder.
func (b *builder) arg(v any) string {
	b.args = append(b.args, v)
	return "?"
}

// sql returns the statement in d's placeholder style.
func (d *dialect) sql(s string) string {
	if !d.numbered {
		return s
	}
	var out strings.Builder
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '?' {
			n++
			out.WriteByte('$')
			out.WriteString(strconv.Itoa(n))
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

// The fixed statements, with ? placeholders.
const (
	sqlInsertObject = "INSERT INTO objects (class, id, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
	sqlGetObject    = "SELECT created_at, updated_at, data FROM objects WHERE class = ? AND id = ?"
	sqlUpdateObject = "UPDATE objects SET updated_at = ?, data = ? WHERE class = ? AND id = ?"
	sqlDeleteObject = "DELETE FROM objects WHERE class = ? AND id = ?"
	sqlProbeWrite   = "INSERT INTO health (instance, at) VALUES (?, ?) ON CONFLICT (instance) DO UPDATE SET at = excluded.at"
	sqlInsertEvents = "INSERT INTO events (id, name, at, data) VALUES "
)

// maxEventsPerStatement bounds the rows of one INSERT, keeping its
// parameters under both databases' limits (SQLite: 32766, PostgreSQL: 65535).
const maxEventsPerStatement = 500

// sqlStore is the Store of both dialects.
type sqlStore struct {
	d    dialect
	w, r *sql.DB
	// Config's StoreTimeout bounds every call (none if Config is nil, as
	// in tests of the store alone), so that a database that hangs fails
	// the request instead of holding it.
	Config *Config `inject:""`

	get, del *sql.Stmt // prepared at Start: the hot statements

	// newID, if set, makes the ids of CreateMany (tests make ids collide).
	newID func() string
	// inPlace counts the updates that updateInPlace's statement applied,
	// fellBack those whose statement updated nothing, so that Update took
	// the transaction (tests check which way an update went).
	inPlace, fellBack atomic.Int64
}

func (s *sqlStore) Start(ctx context.Context) error {
	busy := 10 * time.Second
	if s.Config != nil && s.Config.StoreTimeout > 0 {
		busy = s.Config.StoreTimeout // a call cannot last longer anyway
	}
	w, r, err := s.d.open(ctx, busy)
	if err != nil {
		return errs.Errorf("open %s: %w", s.d.name, err)
	}
	s.w, s.r = w, r
	if err := s.d.schema(ctx, w); err != nil {
		s.close()
		return errs.Errorf("create %s schema: %w", s.d.name, err)
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		db   *sql.DB
		sql  string
	}{{&s.get, r, sqlGetObject}, {&s.del, w, sqlDeleteObject}} {
		if *p.stmt, err = p.db.PrepareContext(ctx, s.d.sql(p.sql)); err != nil {
			s.close()
			return errs.Errorf("prepare %q: %w", p.sql, err)
		}
	}
	return nil
}

func (s *sqlStore) Stop(ctx context.Context) error { return s.close() }

// bound gives a call its deadline: ctx's, or timeout from now if sooner.
func (s *sqlStore) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.Config == nil || s.Config.StoreTimeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeoutCause(ctx, s.Config.StoreTimeout, errStoreTimeout)
}

// each runs the query q, with args, and calls row for each row it returns,
// with the row's Scan, until row returns an error. It runs in the
// transaction of ctx if there is one; otherwise on db, through prepared if
// it is not nil (q is then prepared's text).
//
// On PostgreSQL, outside a transaction, the query goes to pgx itself on
// one of db's connections (sql.Conn.Raw). database/sql would start a
// goroutine for every query with a cancellable context, to watch it
// (Rows.awaitDone), and wake it at the end; pgx watches ctx with
// context.AfterFunc. Without that goroutine, the CPU time of the load
// benchmarks (client and server in one process) fell by 7% for GET by id,
// 4% for Increment and 20% for where. ctx still bounds the query.
func (s *sqlStore) each(ctx context.Context, db *sql.DB, prepared *sql.Stmt, q string, args []any, row func(scan func(dest ...any) error) error) error {
	var rows *sql.Rows
	var err error
	switch t := txFrom(ctx); {
	case t != nil:
		rows, err = t.tx.QueryContext(ctx, q, args...)
	case s.d.numbered:
		return s.eachPgx(ctx, db, q, args, row)
	case prepared != nil:
		rows, err = prepared.QueryContext(ctx, args...)
	default:
		rows, err = db.QueryContext(ctx, q, args...)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := scanAll(rows.Next, rows.Scan, row); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close() // a commit's error may come only now
}

// scanAll calls row with scan for each row next moves to, until row fails.
func scanAll(next func() bool, scan func(dest ...any) error, row func(scan func(dest ...any) error) error) error {
	for next() {
		if err := row(scan); err != nil {
			return err
		}
	}
	return nil
}

// begin returns the transaction of ctx, or a new one, which the caller
// must end: own says which.
func (s *sqlStore) begin(ctx context.Context) (tx *sql.Tx, own bool, err error) {
	if t := txFrom(ctx); t != nil {
		return t.tx, false, nil
	}
	tx, err = s.w.BeginTx(ctx, nil)
	return tx, true, err
}

func (s *sqlStore) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if txFrom(ctx) != nil {
		return errs.New("InTx: a transaction is already open")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return errs.Errorf("begin: %w", err)
	}
	t := &storeTx{tx: tx}
	committing := false
	defer func() {
		if !committing { // fn failed or panicked
			tx.Rollback()
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, t)); err != nil {
		return err
	}
	committing = true
	if err := ctx.Err(); err != nil {
		// The bound ran out after the last call: database/sql has rolled
		// the transaction back, and Commit would only say ErrTxDone.
		return errs.Errorf("commit: %w", err)
	}
	if err := tx.Commit(); err != nil {
		if ctx.Err() != nil {
			return errs.Errorf("commit: %w", ctx.Err())
		}
		return errs.Errorf("commit: %w", err)
	}
	for _, f := range t.committed {
		f()
	}
	return nil
}

// errStoreTimeout is the cause of a store call's context when the store's
// own bound ended it.
var errStoreTimeout = errors.New("the store did not answer in time")

// Writers returns how many write transactions are worth running at once.
func (s *sqlStore) Writers() int { return s.d.writers }

func (s *sqlStore) close() error {
	var all []error
	for _, st := range []*sql.Stmt{s.get, s.del} {
		if st != nil {
			all = append(all, st.Close())
		}
	}
	all = append(all, s.w.Close())
	if s.r != s.w {
		all = append(all, s.r.Close())
	}
	return errs.Wrap(errors.Join(all...))
}

// Health tells whether the store can serve, so that /readyz fails while it
// cannot: both pools answer, a write commits (a row of the health table:
// a full disk, a read-only file or database, a PostgreSQL standby fail it),
// and, for SQLite on Linux, the disk of its files has room for the largest
// write a request may make (a write can still commit into space the WAL
// already holds when the disk is full). Each check is bounded like any
// store call, and nothing is remembered: the next check after the cause is
// gone passes.
func (s *sqlStore) Health(ctx context.Context) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.w.PingContext(ctx); err != nil {
		return errs.Errorf("ping %s: %w", s.d.name, err)
	}
	if s.r != s.w {
		if err := s.r.PingContext(ctx); err != nil {
			return errs.Errorf("ping %s readers: %w", s.d.name, err)
		}
	}
	instance := "store"
	if s.Config != nil && s.Config.Instance != "" {
		instance = s.Config.Instance
	}
	if _, err := s.w.ExecContext(ctx, s.d.sql(sqlProbeWrite), instance, time.Now().UnixMilli()); err != nil {
		return errs.Errorf("%s cannot write: %w", s.d.name, err)
	}
	if s.d.dir == "" {
		return nil
	}
	free, ok := freeSpace(s.d.dir)
	if need := s.roomNeeded(); ok && free < need {
		return errs.Errorf("%s: %d bytes free on the disk of its files, less than the %d that a write may need", s.d.name, free, need)
	}
	return nil
}

// roomNeeded is the free disk space under which a SQLite store is not
// ready: twice the largest body (its object goes to the WAL, then to the
// database file), and 1 MiB for indexes and the WAL's own growth.
func (s *sqlStore) roomNeeded() uint64 {
	body := int64(1 << 20)
	if s.Config != nil && s.Config.MaxBody > 0 {
		body = s.Config.MaxBody
	}
	return uint64(2*body + 1<<20)
}

// unwritable reports whether err says the database cannot take writes for
// now, whoever asks: a full disk, a read-only file or database, an I/O
// error, a PostgreSQL short of resources. The request is answered 503,
// which a client or a load balancer may retry elsewhere; /readyz tells the
// same (see Health).
func unwritable(err error) bool {
	var sqliteErr interface{ Code() int }
	if errors.As(err, &sqliteErr) {
		switch sqliteErr.Code() & 0xff { // the primary result code
		case 8, 10, 13, 14: // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
			return true
		}
	}
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) {
		state := pgErr.SQLState()
		// Class 53: insufficient resources (disk full, out of memory, too
		// many connections); 25006: read-only transaction (a standby);
		// 58030: I/O error.
		return strings.HasPrefix(state, "53") || state == "25006" || state == "58030"
	}
	return false
}

func (s *sqlStore) FieldTypes(ctx context.Context, class string, want map[string]string) (types map[string]string, err error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	tx, own, err := s.begin(ctx)
	if err != nil {
		return nil, errs.Errorf("field types of %s: begin: %w", class, err)
	}
	defer func() {
		if err != nil && own {
			tx.Rollback()
		}
	}()
	var ins, sel builder
	ins.WriteString("INSERT INTO schema_fields (class, field, type) VALUES ")
	sel.WriteString("SELECT field, type FROM schema_fields WHERE class = " + sel.arg(class) + " AND field IN (")
	// In one order, so that two first writes of a class's fields lock
	// their rows in the same order: a map's order would deadlock them.
	for i, field := range slices.Sorted(maps.Keys(want)) {
		if i > 0 {
			ins.WriteString(", ")
			sel.WriteString(", ")
		}
		ins.WriteString("(" + ins.arg(class) + ", " + ins.arg(field) + ", " + ins.arg(want[field]) + ")")
		sel.WriteString(sel.arg(field))
	}
	ins.WriteString(" ON CONFLICT (class, field) DO NOTHING")
	sel.WriteString(")")
	if _, err := tx.ExecContext(ctx, s.d.sql(ins.String()), ins.args...); err != nil {
		return nil, errs.Errorf("field types of %s: insert: %w", class, err)
	}
	rows, err := tx.QueryContext(ctx, s.d.sql(sel.String()), sel.args...)
	if err != nil {
		return nil, errs.Errorf("field types of %s: select: %w", class, err)
	}
	defer rows.Close()
	types = make(map[string]string, len(want))
	for rows.Next() {
		var field, t string
		if err := rows.Scan(&field, &t); err != nil {
			return nil, errs.Errorf("field types of %s: %w", class, err)
		}
		types[field] = t
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Errorf("field types of %s: %w", class, err)
	}
	rows.Close()
	if !own {
		return types, nil
	}
	if err := tx.Commit(); err != nil {
		return nil, errs.Errorf("field types of %s: commit: %w", class, err)
	}
	return types, nil
}

// busy reports whether err says the database was held by others for as
// long as the call could wait: SQLite's busy_timeout, which is the store's
// bound, ran out (SQLITE_BUSY, SQLITE_LOCKED), or PostgreSQL's lock or
// statement timeout did. Like the store's own deadline, it is a 503.
// (PostgreSQL's deadlocks and serialization failures are conflict's.)
func busy(err error) bool {
	var sqliteErr interface{ Code() int }
	if errors.As(err, &sqliteErr) {
		switch sqliteErr.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) {
		state := pgErr.SQLState()
		// lock_not_available, query_canceled
		return state == "55P03" || state == "57014"
	}
	return false
}

// conflict reports whether err says PostgreSQL gave up on the call's
// transaction for another's sake: a deadlock (two transactional batches
// that lock the same objects in opposite orders), or a serialization
// failure (a database whose default isolation is stricter than READ
// COMMITTED). Nothing of the transaction stayed; sent again, it may pass:
// a 503.
func conflict(err error) bool {
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) {
		state := pgErr.SQLState()
		return state == "40P01" || state == "40001" // deadlock_detected, serialization_failure
	}
	return false
}

// createTries bounds the attempts to find a free id: with 62^10 ids a
// collision is already rare enough that a second one means a bug.
const createTries = 3

// Create is CreateMany of one object: a statement of its own (Creates
// batches the server's creates; a batch's transaction sends them here).
func (s *sqlStore) Create(ctx context.Context, o *Object) error {
	return s.CreateMany(ctx, []*Object{o})
}

// CreateMany inserts the objects with as few statements as the
// parameter limits allow, each its own transaction: one round trip and one
// commit, and so one disk flush, for up to maxEventsPerStatement objects
// (Creates' batches are smaller). A row whose id was taken (ON CONFLICT DO
// NOTHING leaves it out of RETURNING) gets another id and goes again, up
// to createTries times. When some objects were stored and others not, it returns a
// *batch.PartialError naming the others, so that a caller is not told of a
// failure for an object a statement stored. (As with any commit, a
// connection lost after the database committed and before it answered
// reports a failure for what was stored.)
func (s *sqlStore) CreateMany(ctx context.Context, objs []*Object) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	type key struct{ class, id string }
	stored := make(map[*Object]bool, len(objs))
	pending := objs
	var failed error
	for try := 0; len(pending) > 0 && failed == nil; try++ {
		if try == createTries {
			failed = errs.Errorf("insert %d objects: %d id collisions in a row", len(pending), createTries)
			break
		}
		id := s.newID
		if id == nil {
			id = func() string { return newID(10) }
		}
		taken := make(map[key]bool, len(pending))
		for _, o := range pending {
			o.ID = id()
			for taken[key{o.Class, o.ID}] { // unique within the batch too
				o.ID = id()
			}
			taken[key{o.Class, o.ID}] = true
		}
		for chunk := range slices.Chunk(pending, maxEventsPerStatement) {
			if failed = s.insertObjects(ctx, chunk, stored); failed != nil {
				break
			}
		}
		var again []*Object
		for _, o := range pending {
			if !stored[o] {
				again = append(again, o)
			}
		}
		pending = again
	}
	switch {
	case len(pending) == 0:
		return nil
	case len(stored) == 0:
		return failed
	}
	pe := &batch.PartialError{Failed: make(map[int]error, len(pending))}
	for i, o := range objs {
		if !stored[o] {
			pe.Failed[i] = failed
		}
	}
	return pe
}

// insertObjects inserts objs in one statement, and marks in stored those
// that were (the others' ids were taken).
func (s *sqlStore) insertObjects(ctx context.Context, objs []*Object, stored map[*Object]bool) error {
	var b builder
	b.WriteString("INSERT INTO objects (class, id, created_at, updated_at, data) VALUES ")
	byKey := make(map[[2]string]*Object, len(objs))
	for i, o := range objs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + b.arg(o.Class) + ", " + b.arg(o.ID) + ", " + b.arg(o.CreatedAt.UnixMilli()) + ", " +
			b.arg(o.UpdatedAt.UnixMilli()) + ", " + b.arg(string(o.Data)) + ")")
		byKey[[2]string{o.Class, o.ID}] = o
	}
	b.WriteString(" ON CONFLICT DO NOTHING RETURNING class, id")
	var inserted []*Object
	err := s.each(ctx, s.w, nil, s.d.sql(b.String()), b.args, func(scan func(...any) error) error {
		var k [2]string
		if err := scan(&k[0], &k[1]); err != nil {
			return err
		}
		inserted = append(inserted, byKey[k])
		return nil
	})
	if err != nil {
		return errs.Errorf("insert %d objects: %w", len(objs), err)
	}
	// The statement committed when its rows were all read.
	for _, o := range inserted {
		stored[o] = true
	}
	return nil
}

func (s *sqlStore) Get(ctx context.Context, class, id string) (*Object, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	o := &Object{Class: class, ID: id}
	var created, updated int64
	found := false
	err := s.each(ctx, s.r, s.get, s.d.sql(sqlGetObject), []any{class, id}, func(scan func(...any) error) error {
		found = true
		return scan(&created, &updated, &o.Data)
	})
	if err != nil {
		return nil, errs.Errorf("get %s object: %w", class, err)
	}
	if !found {
		return nil, errs.Wrap(errNoObject)
	}
	o.CreatedAt, o.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return o, nil
}

// Update applies fields to the object in one statement where the dialect
// can (updateInPlace: PostgreSQL, for values, Delete and integer
// Increments), and otherwise reads, merges and writes it in one
// transaction, with the row locked (PostgreSQL) or the database's write
// lock held (SQLite, whose writer transactions begin IMMEDIATE). Either
// way, concurrent updates of one object each see the other's fields.
func (s *sqlStore) Update(ctx context.Context, class, id string, fields map[string]json.RawMessage, at time.Time) (o *Object, err error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if s.d.updateInPlace != nil {
		var b builder
		if s.d.updateInPlace(&b, class, id, fields, at.UnixMilli()) {
			o = &Object{Class: class, ID: id, UpdatedAt: at}
			var created int64
			found := false
			err := s.each(ctx, s.w, nil, s.d.sql(b.String()), b.args, func(scan func(...any) error) error {
				found = true
				return scan(&created, &o.Data)
			})
			if err != nil {
				return nil, errs.Errorf("update %s object: %w", class, err)
			}
			if found {
				s.inPlace.Add(1)
				o.CreatedAt = time.UnixMilli(created).UTC()
				return o, nil
			}
			s.fellBack.Add(1)
			// No such object, or a field that an Increment cannot add to
			// in the database: the transaction below tells which, and
			// answers as it always does.
		}
	}
	tx, own, err := s.begin(ctx)
	if err != nil {
		return nil, errs.Errorf("update %s object: begin: %w", class, err)
	}
	defer func() {
		if err != nil && own {
			tx.Rollback()
		}
	}()
	o = &Object{Class: class, ID: id, UpdatedAt: at}
	var created int64
	var data []byte
	err = tx.QueryRowContext(ctx, s.d.sql("SELECT created_at, data FROM objects WHERE class = ? AND id = ?"+s.d.forUpdate), class, id).
		Scan(&created, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Wrap(errNoObject)
	}
	if err != nil {
		return nil, errs.Errorf("update %s object: read: %w", class, err)
	}
	var merged map[string]json.RawMessage
	if err := json.Unmarshal(data, &merged); err != nil {
		return nil, errs.Errorf("update %s object %s: stored data: %w", class, id, err)
	}
	if merged == nil {
		merged = make(map[string]json.RawMessage, len(fields))
	}
	if _, err := applyChanges(merged, fields); err != nil {
		return nil, err
	}
	o.CreatedAt, o.Data = time.UnixMilli(created).UTC(), encodeFields(merged)
	if _, err := tx.ExecContext(ctx, s.d.sql(sqlUpdateObject), at.UnixMilli(), string(o.Data), class, id); err != nil {
		return nil, errs.Errorf("update %s object: write: %w", class, err)
	}
	if !own {
		return o, nil
	}
	if err := tx.Commit(); err != nil {
		return nil, errs.Errorf("update %s object: commit: %w", class, err)
	}
	return o, nil
}

func (s *sqlStore) Delete(ctx context.Context, class, id string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var res sql.Result
	var err error
	if t := txFrom(ctx); t != nil {
		res, err = t.tx.ExecContext(ctx, s.d.sql(sqlDeleteObject), class, id)
	} else {
		res, err = s.del.ExecContext(ctx, class, id)
	}
	if err != nil {
		return errs.Errorf("delete %s object: %w", class, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return errs.Errorf("delete %s object: %w", class, err)
	}
	if n == 0 {
		return errs.Wrap(errNoObject)
	}
	return nil
}

func (s *sqlStore) List(ctx context.Context, class string, q listQuery) ([]*Object, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if q.Limit == 0 {
		return []*Object{}, nil
	}
	stmt, args := s.listSQL(class, q)
	list := []*Object{}
	size := 0
	err := s.each(ctx, s.r, nil, stmt, args, func(scan func(...any) error) error {
		o := &Object{Class: class}
		var created, updated int64
		if err := scan(&o.ID, &created, &updated, &o.Data); err != nil {
			return err
		}
		if size += len(o.Data); q.MaxBytes > 0 && size > q.MaxBytes {
			return errListTooLarge // stop reading: memory stays bounded
		}
		o.CreatedAt, o.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		list = append(list, o)
		return nil
	})
	if errors.Is(err, errListTooLarge) {
		return nil, errs.Wrap(errListTooLarge)
	}
	if err != nil {
		return nil, errs.Errorf("list %s objects: %w", class, err)
	}
	return list, nil
}

func (s *sqlStore) Count(ctx context.Context, class string, q listQuery) (int, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	stmt, args := s.countSQL(class, q)
	var n int
	if err := s.each(ctx, s.r, nil, stmt, args, func(scan func(...any) error) error { return scan(&n) }); err != nil {
		return 0, errs.Errorf("count %s objects: %w", class, err)
	}
	return n, nil
}

// listSQL builds the query of List. Its text depends only on the dialect,
// the shape of the filter (its ops and the kinds of its values), and the
// number and directions of the sort keys: never on a name or a value from
// the request, which all go into args.
func (s *sqlStore) listSQL(class string, q listQuery) (string, []any) {
	var b builder
	b.WriteString("SELECT id, created_at, updated_at, data FROM objects WHERE class = ")
	b.WriteString(b.arg(class))
	for _, c := range q.Where {
		b.WriteString(" AND ")
		s.where(&b, c)
	}
	b.WriteString(" ORDER BY ")
	byID := false
	for _, k := range q.Order {
		switch k.Field {
		case "objectId":
			b.WriteString("id")
			byID = true
		case "createdAt":
			b.WriteString("created_at")
		case "updatedAt":
			b.WriteString("updated_at")
		default:
			b.WriteString(s.d.sortKey(&b, k.Field))
		}
		if k.Desc {
			b.WriteString(" DESC NULLS FIRST, ") // as PostgreSQL sorts: nulls are greatest
		} else {
			b.WriteString(" ASC NULLS LAST, ")
		}
		if byID {
			break // ids are unique: a later key sorts nothing
		}
	}
	if len(q.Order) == 0 {
		b.WriteString("created_at ASC, ")
	}
	if !byID {
		// Ties go by id, in the direction of the first key.
		if len(q.Order) > 0 && q.Order[0].Desc {
			b.WriteString("id DESC, ")
		} else {
			b.WriteString("id ASC, ")
		}
	}
	sql := strings.TrimSuffix(b.String(), ", ")
	b.Reset()
	b.WriteString(sql)
	b.WriteString(" LIMIT " + b.arg(q.Limit) + " OFFSET " + b.arg(q.Skip))
	return s.d.sql(b.String()), b.args
}

// countSQL builds the query of Count: listSQL's filter, counted.
func (s *sqlStore) countSQL(class string, q listQuery) (string, []any) {
	var b builder
	b.WriteString("SELECT COUNT(*) FROM objects WHERE class = ")
	b.WriteString(b.arg(class))
	for _, c := range q.Where {
		b.WriteString(" AND ")
		s.where(&b, c)
	}
	return s.d.sql(b.String()), b.args
}

// column returns the column of objectId, createdAt or updatedAt, or "".
func column(field string) string {
	switch field {
	case "objectId":
		return "id"
	case "createdAt":
		return "created_at"
	case "updatedAt":
		return "updated_at"
	}
	return ""
}

// columnArg returns v as the column of field holds it.
func columnArg(field string, v value) any {
	if field == "objectId" {
		return v.Str
	}
	return v.Int // a Date: Unix milliseconds
}

// where appends the SQL of one condition, in parentheses. A test of a
// missing field is false, except for $ne, $nin and $exists: false, which
// Parse's clients expect to match it.
func (s *sqlStore) where(b *builder, c condition) {
	b.WriteByte('(')
	defer b.WriteByte(')')
	switch c.Op {
	case opOr, opAnd:
		join := " OR "
		if c.Op == opAnd {
			join = " AND "
		}
		for i, clause := range c.Clauses {
			if i > 0 {
				b.WriteString(join)
			}
			b.WriteByte('(')
			if len(clause) == 0 {
				b.WriteString("1 = 1")
			}
			for j, sub := range clause {
				if j > 0 {
					b.WriteString(" AND ")
				}
				s.where(b, sub)
			}
			b.WriteByte(')')
		}
		return
	}
	if col := column(c.Field); col != "" {
		switch c.Op {
		case opExists:
			b.WriteString("1 = 1")
		case opNotExists:
			b.WriteString("1 = 0")
		case opIn, opNin:
			if len(c.Values) == 0 {
				b.WriteString(map[op]string{opIn: "1 = 0", opNin: "1 = 1"}[c.Op])
				return
			}
			b.WriteString(col + map[op]string{opIn: " IN (", opNin: " NOT IN ("}[c.Op])
			for i, v := range c.Values {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(b.arg(columnArg(c.Field, v)))
			}
			b.WriteByte(')')
		default:
			b.WriteString(col + " " + comparison[c.Op] + " " + b.arg(columnArg(c.Field, c.value)))
		}
		return
	}
	switch c.Op {
	case opEq:
		s.d.equal(b, c.Field, c.value)
	case opNe:
		b.WriteString("NOT COALESCE((")
		s.d.equal(b, c.Field, c.value)
		b.WriteString("), " + s.d.falseLit + ")")
	case opLt, opLte, opGt, opGte:
		s.d.compare(b, c.Field, comparison[c.Op], c.value)
	case opIn, opNin:
		if c.Op == opNin {
			b.WriteString("NOT COALESCE(")
		}
		b.WriteByte('(')
		if len(c.Values) == 0 {
			b.WriteString("1 = 0")
		}
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(" OR ")
			}
			b.WriteByte('(')
			s.d.equal(b, c.Field, v)
			b.WriteByte(')')
		}
		b.WriteByte(')')
		if c.Op == opNin {
			b.WriteString(", " + s.d.falseLit + ")")
		}
	case opExists:
		b.WriteString("NOT ")
		b.WriteByte('(')
		s.d.equal(b, c.Field, value{Kind: kindNull, JSON: "null"})
		b.WriteByte(')')
	case opNotExists:
		s.d.equal(b, c.Field, value{Kind: kindNull, JSON: "null"})
	}
}

// InsertEvents inserts the events with as few statements as the parameter
// limits allow, in one transaction: one commit, and so one disk flush, for
// the whole batch.
func (s *sqlStore) InsertEvents(ctx context.Context, events []Event) (err error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return errs.Errorf("insert events: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	for chunk := range slices.Chunk(events, maxEventsPerStatement) {
		var b builder
		b.WriteString(sqlInsertEvents)
		for i, ev := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + b.arg(ev.ID) + ", " + b.arg(ev.Name) + ", " + b.arg(ev.At.UnixMilli()) + ", " + b.arg(string(ev.Data)) + ")")
		}
		if _, err := tx.ExecContext(ctx, s.d.sql(b.String()), b.args...); err != nil {
			return errs.Errorf("insert %d events: %w", len(chunk), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return errs.Errorf("insert events: commit: %w", err)
	}
	return nil
}
