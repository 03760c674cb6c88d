package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

// sqliteFile is the database's file name in the data directory.
const sqliteFile = "apiserver.db"

// newSQLiteStore returns the Store of a SQLite database in dir, which
// Start creates, with the file, if it does not exist.
//
// SQLite has one writer at a time, so writes go through a pool of one
// connection whose transactions begin IMMEDIATE (taking the write lock at
// once, so that a busy database waits out busy_timeout instead of failing
// on a lock upgrade), and reads through a pool of read-only connections,
// which WAL lets run alongside the writer. The same holds across processes:
// during an upgrade two generations share the file.
//
// synchronous=FULL makes every commit durable, also against a power loss,
// before it returns: what makes the 202 of POST /v1/events mean "stored".
// The events batcher amortises that flush over each batch.
func newSQLiteStore(dir string) *sqlStore {
	path := filepath.Join(dir, sqliteFile)
	return &sqlStore{d: dialect{
		name:   "sqlite",
		source: path,
		open: func(ctx context.Context, busy time.Duration) (w, r *sql.DB, err error) {
			// SQLite's wait for a lock does not heed the context: it is
			// bounded by busy_timeout alone.
			busyMS := strconv.FormatInt(busy.Milliseconds(), 10)
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, nil, err
			}
			w, err = sql.Open("sqlite", path+"?_busy_timeout="+busyMS+"&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate")
			if err != nil {
				return nil, nil, err
			}
			w.SetMaxOpenConns(1)
			if err := w.PingContext(ctx); err != nil { // creates the file and switches it to WAL
				w.Close()
				return nil, nil, err
			}
			r, err = sql.Open("sqlite", path+"?_busy_timeout="+busyMS+"&_query_only=1")
			if err != nil {
				w.Close()
				return nil, nil, err
			}
			n := max(4, runtime.GOMAXPROCS(0))
			r.SetMaxOpenConns(n)
			r.SetMaxIdleConns(n)
			return w, r, nil
		},
		writers:  1,
		dir:      dir,
		greatest: "max",
		schema:   sqliteSchema,
		equal:    sqliteEqual,
		compare:  sqliteCompare,
		sortKey:  sqliteSortKey,
		falseLit: "0",
	}}
}

func sqliteSchema(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `
CREATE TABLE IF NOT EXISTS objects (
	class      TEXT    NOT NULL,
	id         TEXT    NOT NULL,
	created_at INTEGER NOT NULL, -- Unix milliseconds
	updated_at INTEGER NOT NULL,
	data       TEXT    NOT NULL CHECK (json_valid(data)),
	PRIMARY KEY (class, id)
);
CREATE INDEX IF NOT EXISTS objects_class_created ON objects (class, created_at, id);
CREATE INDEX IF NOT EXISTS objects_class_updated ON objects (class, updated_at, id);
CREATE TABLE IF NOT EXISTS events (
	id   TEXT    NOT NULL PRIMARY KEY,
	name TEXT    NOT NULL,
	at   INTEGER NOT NULL, -- Unix milliseconds
	data TEXT    NOT NULL CHECK (json_valid(data))
);
CREATE TABLE IF NOT EXISTS error_groups (
	fingerprint TEXT    NOT NULL,
	instance    TEXT    NOT NULL,
	run         TEXT    NOT NULL,
	count       INTEGER NOT NULL,
	first_seen  INTEGER NOT NULL, -- Unix milliseconds
	last_seen   INTEGER NOT NULL,
	message     TEXT    NOT NULL,
	stack       TEXT    NOT NULL CHECK (json_valid(stack)),
	-- A group the Aggregator evicted and saw again is a new row.
	PRIMARY KEY (fingerprint, instance, run, first_seen)
);
-- Expiry and the fleet view select by last_seen.
CREATE INDEX IF NOT EXISTS error_groups_last_seen ON error_groups (last_seen);
-- The type each field of a class keeps (Parse's schema, fields only).
CREATE TABLE IF NOT EXISTS schema_fields (
	class TEXT NOT NULL,
	field TEXT NOT NULL,
	type  TEXT NOT NULL,
	PRIMARY KEY (class, field)
);
-- Health writes a row here: can the store still write?
CREATE TABLE IF NOT EXISTS health (
	instance TEXT    NOT NULL PRIMARY KEY,
	at       INTEGER NOT NULL -- Unix milliseconds
);`)
	return err
}

// sqliteEqual compares a field of the data column with json_type and
// json_extract, so that the string "1", the number 1 and true differ, as
// they do in JSON (json_extract alone gives 1 for true). The JSON paths are
// bound parameters too; field names are letters, digits and underscores,
// and quoted in the paths besides.
func sqliteEqual(b *builder, field string, v value) {
	path := `$."` + field + `"`
	switch v.Kind {
	case kindNull:
		b.WriteString("COALESCE(json_type(data, " + b.arg(path) + "), 'null') = 'null'")
	case kindBool:
		b.WriteString("json_type(data, " + b.arg(path) + ") = " + b.arg(v.JSON)) // 'true' or 'false'
	case kindDate:
		b.WriteString("json_extract(data, " + b.arg(path+".__type") + ") = 'Date' AND json_extract(data, " + b.arg(path+".iso") + ") = " + b.arg(v.Str))
	case kindPointer:
		b.WriteString("json_extract(data, " + b.arg(path+".__type") + ") = 'Pointer' AND json_extract(data, " + b.arg(path+".className") +
			") = " + b.arg(v.Str) + " AND json_extract(data, " + b.arg(path+".objectId") + ") = " + b.arg(v.ID))
	default:
		sqliteCompare(b, field, "=", v)
	}
}

// sqliteCompare compares a number, string or date field: json_type keeps
// the comparison to values of v's kind, and strings compare by their UTF-8
// bytes (SQLite's BINARY collation), as PostgreSQL's "C" does.
func sqliteCompare(b *builder, field, sqlOp string, v value) {
	path := `$."` + field + `"`
	switch v.Kind {
	case kindString:
		b.WriteString("json_type(data, " + b.arg(path) + ") = 'text' AND json_extract(data, " + b.arg(path) + ") " + sqlOp + " " + b.arg(v.Str))
	case kindDate:
		b.WriteString("json_extract(data, " + b.arg(path+".__type") + ") = 'Date' AND json_extract(data, " + b.arg(path+".iso") + ") " + sqlOp + " " + b.arg(v.Str))
	default: // kindNumber
		var n any = v.Float
		if v.IsInt {
			n = v.Int
		}
		b.WriteString("json_type(data, " + b.arg(path) + ") IN ('integer', 'real') AND json_extract(data, " + b.arg(path) + ") " + sqlOp + " " + b.arg(n))
	}
}

// sqliteSortKey sorts a field by its value, a date by its iso text (the
// server writes every date in one format, so text order is time order).
func sqliteSortKey(b *builder, field string) string {
	path := `$."` + field + `"`
	return "COALESCE(json_extract(data, " + b.arg(path+".iso") + "), json_extract(data, " + b.arg(path) + "))"
}
