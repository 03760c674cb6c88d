package main

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A store that does not answer fails the request within -store-timeout
// with a 503, instead of holding it: here SQLite's write lock, held by
// another connection for the whole test, stands for a database that
// hangs. Reads still answer, and the request that timed out changed
// nothing.
func TestStoreTimeout(t *testing.T) {
	dir := t.TempDir()
	s := startServer(t, newSQLiteStore(dir), func(c *Config) { c.StoreTimeout = 200 * time.Millisecond })
	id := s.create(t, "Thing", `{"n": 1}`)

	db, err := sql.Open("sqlite", filepath.Join(dir, sqliteFile)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(context.Background(), nil) // takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	start := time.Now()
	r := s.do(t, http.MethodPost, "/v1/classes/Thing", `{"n": 2}`)
	took := time.Since(start)
	if r.status != http.StatusServiceUnavailable || !strings.Contains(string(r.body), "did not answer") {
		t.Errorf("create while the database is locked = %d %s after %v; want 503 saying the store did not answer", r.status, r.body, took)
	}
	if took > 5*time.Second { // the lock is held for the whole test: only the bound ends the call
		t.Errorf("create took %v, want it cut off at the store timeout", took)
	}
	s.do(t, http.MethodGet, "/v1/classes/Thing/"+id, "").want(t, http.StatusOK, 0)
	tx.Rollback()
	if r := s.do(t, http.MethodGet, "/v1/classes/Thing", ""); !strings.Contains(string(r.body), id) || strings.Count(string(r.body), `"objectId"`) != 1 {
		t.Errorf("after the lock: %s, want only the first object", r.body)
	}
}
