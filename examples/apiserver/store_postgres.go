package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	"github.com/lifekit/lifekit/errs"
)

// postgresPoolSize bounds the connections one server opens.
const postgresPoolSize = 16

// newPostgresStore returns the Store of the PostgreSQL database at url, for
// running several servers behind a load balancer. Start creates the tables
// if they do not exist, under an advisory lock so that servers starting
// together do not race.
func newPostgresStore(url string) *sqlStore {
	return &sqlStore{d: dialect{
		name:   "postgres",
		source: url,
		open: func(ctx context.Context, _ time.Duration) (w, r *sql.DB, err error) {
			db, err := sql.Open("pgx", url)
			if err != nil {
				return nil, nil, err
			}
			db.SetMaxOpenConns(postgresPoolSize)
			db.SetMaxIdleConns(postgresPoolSize)
			if err := db.PingContext(ctx); err != nil {
				db.Close()
				return nil, nil, err
			}
			return db, db, nil
		},
		writers:   4,
		schema:    postgresSchema,
		numbered:  true,
		forUpdate: " FOR UPDATE",
		greatest:  "GREATEST",
		equal:     postgresEqual,
		compare:   postgresCompare,
		sortKey:   postgresSortKey,
		falseLit:  "false",

		updateInPlace: postgresUpdate,
	}}
}

// schemaLock is the key of the advisory lock held while creating tables.
const schemaLock = 0x6c6966656b6974 // "lifekit"

func postgresSchema(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(schemaLock)); err != nil {
		return errs.Wrap(err)
	}
	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS objects (
			class      TEXT   NOT NULL,
			id         TEXT   NOT NULL,
			created_at BIGINT NOT NULL, -- Unix milliseconds
			updated_at BIGINT NOT NULL,
			data       JSONB  NOT NULL,
			PRIMARY KEY (class, id)
		)`,
		`CREATE INDEX IF NOT EXISTS objects_class_created ON objects (class, created_at, id)`,
		`CREATE INDEX IF NOT EXISTS objects_class_updated ON objects (class, updated_at, id)`,
		`CREATE TABLE IF NOT EXISTS events (
			id   TEXT   NOT NULL PRIMARY KEY,
			name TEXT   NOT NULL,
			at   BIGINT NOT NULL, -- Unix milliseconds
			data JSONB  NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS error_groups (
			fingerprint TEXT   NOT NULL,
			instance    TEXT   NOT NULL,
			run         TEXT   NOT NULL,
			count       BIGINT NOT NULL,
			first_seen  BIGINT NOT NULL, -- Unix milliseconds
			last_seen   BIGINT NOT NULL,
			message     TEXT   NOT NULL,
			stack       JSONB  NOT NULL,
			-- A group the Aggregator evicted and saw again is a new row.
			PRIMARY KEY (fingerprint, instance, run, first_seen)
		)`,
		// Expiry and the fleet view select by last_seen.
		`CREATE INDEX IF NOT EXISTS error_groups_last_seen ON error_groups (last_seen)`,
		// The type each field of a class keeps (Parse's schema, fields only).
		`CREATE TABLE IF NOT EXISTS schema_fields (
			class TEXT NOT NULL,
			field TEXT NOT NULL,
			type  TEXT NOT NULL,
			PRIMARY KEY (class, field)
		)`,
		// Health writes a row here: can the store still write?
		`CREATE TABLE IF NOT EXISTS health (
			instance TEXT   NOT NULL PRIMARY KEY,
			at       BIGINT NOT NULL -- Unix milliseconds
		)`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return errs.Wrap(err)
		}
	}
	return errs.Wrap(tx.Commit())
}

// postgresEqual compares a field of the jsonb data column with jsonb
// equality, which tells "1" from 1 from true as JSON does, and compares
// numbers by value (1 = 1.0), as SQLite does; Dates and Pointers by
// containment of the value's keys.
func postgresEqual(b *builder, field string, v value) {
	switch v.Kind {
	case kindNull:
		b.WriteString("COALESCE(jsonb_typeof(data -> " + b.arg(field) + "::text), 'null') = 'null'")
	case kindDate, kindPointer:
		b.WriteString("(data -> " + b.arg(field) + "::text) @> " + b.arg(v.JSON) + "::jsonb")
	default:
		b.WriteString("data -> " + b.arg(field) + "::text = " + b.arg(v.JSON) + "::jsonb")
	}
}

// postgresCompare compares a number, string or date field. Strings and
// dates compare as text in the "C" collation (by bytes), as in SQLite.
func postgresCompare(b *builder, field, sqlOp string, v value) {
	switch v.Kind {
	case kindString:
		b.WriteString("jsonb_typeof(data -> " + b.arg(field) + "::text) = 'string' AND (data ->> " + b.arg(field) + "::text) COLLATE \"C\" " + sqlOp + " " + b.arg(v.Str) + "::text")
	case kindDate:
		b.WriteString("(data -> " + b.arg(field) + "::text ->> '__type') = 'Date' AND (data -> " + b.arg(field) + "::text ->> 'iso') COLLATE \"C\" " + sqlOp + " " + b.arg(v.Str) + "::text")
	default: // kindNumber
		b.WriteString("jsonb_typeof(data -> " + b.arg(field) + "::text) = 'number' AND data -> " + b.arg(field) + "::text " + sqlOp + " " + b.arg(v.JSON) + "::jsonb")
	}
}

// postgresSortKey sorts a field by its jsonb value: numbers by value,
// strings in the database's collation, dates by their iso text.
func postgresSortKey(b *builder, field string) string {
	return "COALESCE(data -> " + b.arg(field) + "::text -> 'iso', data -> " + b.arg(field) + "::text)"
}

// maxInPlaceInt bounds the integers postgresUpdate adds in the database:
// below 10^18 in magnitude, a stored value and an amount always sum within
// an int64, as increment's do in Go.
const maxInPlaceInt = 1e18

// postgresUpdate appends the UPDATE that applies fields to an object in
// one statement, with no transaction around it: the row's lock is the
// statement's, and a concurrent update of the row is waited for and then
// applied to (PostgreSQL re-reads a row another transaction changed), so
// two Increments both count. It handles values and null, Delete, and
// Increments by an integer; it returns false for anything else (Add,
// AddUnique, Remove, a fractional or huge amount), which Update applies in
// Go.
//
// An Increment adds in the database only to a field that is missing, null
// or an integer of at most 18 digits; the statement's WHERE says so, and
// for any other value it updates nothing, and Update falls back to Go's
// arithmetic (floats, overflow) and errors (a field of another type). Its
// text depends only on the number of Increments.
func postgresUpdate(b *builder, class, id string, fields map[string]json.RawMessage, at int64) bool {
	var (
		deleted []string
		set     = make(map[string]json.RawMessage, len(fields))
		incs    = make(map[string]int64)
	)
	for k, v := range fields {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			deleted = append(deleted, k)
			continue
		}
		op, ok := isOp(v)
		if !ok {
			set[k] = v
			continue
		}
		switch op.Op {
		case "Delete":
			deleted = append(deleted, k)
		case "Increment":
			n, err := strconv.ParseInt(string(bytes.TrimSpace(op.Amount)), 10, 64)
			if err != nil || n <= -maxInPlaceInt || n >= maxInPlaceInt {
				return false
			}
			incs[k] = n
		default:
			return false
		}
	}
	if deleted == nil {
		deleted = []string{} // an empty text[], not NULL
	}
	names := slices.Sorted(maps.Keys(incs)) // one text for one number of Increments
	// Arguments are added in the order of their placeholders in the text,
	// which has no "?" of its own (dialect.sql would number it).
	b.WriteString("UPDATE objects SET updated_at = " + b.arg(at) + ", data = ")
	b.WriteString(strings.Repeat("jsonb_set(", len(names)))
	b.WriteString("((data - " + b.arg(deleted) + "::text[]) || " + b.arg(string(encodeFields(set))) + "::jsonb)")
	for _, k := range names {
		b.WriteString(", ARRAY[" + b.arg(k) + "::text], to_jsonb(COALESCE((data ->> " + b.arg(k) + "::text)::bigint, 0) + " + b.arg(incs[k]) + "::bigint))")
	}
	b.WriteString(" WHERE class = " + b.arg(class) + " AND id = " + b.arg(id))
	for _, k := range names {
		b.WriteString(" AND (COALESCE(jsonb_typeof(data -> " + b.arg(k) + "::text), 'null') = 'null' OR " +
			"(jsonb_typeof(data -> " + b.arg(k) + "::text) = 'number' AND (data ->> " + b.arg(k) + "::text) ~ '^-{0,1}[0-9]{1,18}$'))")
	}
	b.WriteString(" RETURNING created_at, data")
	return true
}

// eachPgx is each on PostgreSQL outside a transaction: the query through
// pgx, on a connection of db's pool.
func (s *sqlStore) eachPgx(ctx context.Context, db *sql.DB, q string, args []any, row func(scan func(dest ...any) error) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close() // back to the pool, or dropped if pgx closed it
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("a connection of the pool is a %T, not pgx's", driverConn)
		}
		rows, err := c.Conn().Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		if err := scanAll(rows.Next, rows.Scan, row); err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	})
}
