package main

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"
)

// A store that turns read-only (SQLite's query_only, as a read-only file
// gives; a PostgreSQL whose sessions are read-only, as on a standby after
// a failover): /readyz names the store, a write is a 503 that changes
// nothing, reads go on; once writable again, /readyz is ok and writes
// succeed, with no restart.
func TestStoreReadOnly(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := b.newStore(t)
		s := startServer(t, st)
		id := s.create(t, "Thing", `{"a":1}`)
		db := st.(*sqlStore).w
		readOnly := func(on bool) {
			t.Helper()
			switch b.name {
			case "sqlite":
				// The writer pool has one connection: this is it.
				pragma := "PRAGMA query_only = 0"
				if on {
					pragma = "PRAGMA query_only = 1"
				}
				if _, err := db.Exec(pragma); err != nil {
					t.Fatal(err)
				}
			case "postgres":
				// New sessions of the database are read-only; the pool's
				// idle ones are closed, so that every session is new.
				// The session that turns it back must be writable itself.
				ctx := context.Background()
				conn, err := db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				stmt := "ALTER DATABASE " + currentDatabase(t, db) + " RESET default_transaction_read_only"
				if on {
					stmt = "ALTER DATABASE " + currentDatabase(t, db) + " SET default_transaction_read_only = on"
				}
				for _, q := range []string{"SET default_transaction_read_only = off", stmt} {
					if _, err := conn.ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
				}
				conn.Close()
				db.SetMaxIdleConns(0)
				db.SetMaxIdleConns(postgresPoolSize)
			}
		}
		t.Cleanup(func() { readOnly(false) })

		readOnly(true)
		r := s.do(t, http.MethodGet, "/readyz", "")
		if r.status != http.StatusServiceUnavailable || strings.TrimSpace(string(r.body)) != "not ready: *main.sqlStore" {
			t.Errorf("/readyz on a read-only store = %d %q, want 503 naming the store", r.status, r.body)
		}
		if r := s.do(t, http.MethodGet, "/debug/readyz", ""); !strings.Contains(string(r.body), "cannot write") {
			t.Errorf("the operators' /readyz does not say why: %q", r.body)
		}
		before := dump(t, st)
		s.do(t, http.MethodPost, "/v1/classes/Thing", `{"a":2}`).want(t, http.StatusServiceUnavailable, 1)
		s.do(t, http.MethodPut, "/v1/classes/Thing/"+id, `{"a":2}`).want(t, http.StatusServiceUnavailable, 1)
		s.do(t, http.MethodDelete, "/v1/classes/Thing/"+id, "").want(t, http.StatusServiceUnavailable, 1)
		s.do(t, http.MethodGet, "/v1/classes/Thing/"+id, "").want(t, http.StatusOK, 0)
		if after := dump(t, st); after != before {
			t.Errorf("writes to a read-only store changed it:\n%s\n%s", before, after)
		}

		readOnly(false)
		if r := s.do(t, http.MethodGet, "/readyz", ""); r.status != http.StatusOK {
			t.Errorf("/readyz once writable again = %d %q, want 200", r.status, r.body)
		}
		s.do(t, http.MethodPut, "/v1/classes/Thing/"+id, `{"a":3}`).want(t, http.StatusOK, 0)
	})
}

// currentDatabase returns the name of db's database, quoted for SQL.
func currentDatabase(t *testing.T, db *sql.DB) string {
	t.Helper()
	var name string
	if err := db.QueryRowContext(context.Background(), "SELECT quote_ident(current_database())").Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}
