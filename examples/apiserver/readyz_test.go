package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lifekit/lifekit/lifecycle"
)

// brokenStore stands for a store that is up but unhealthy: its Health
// fails with what a database driver says, a DSN included, or hangs until
// the check's context ends, as with a frozen PostgreSQL.
type brokenStore struct {
	hang bool
}

func (b *brokenStore) Health(ctx context.Context) error {
	if b.hang {
		<-ctx.Done()
		return ctx.Err()
	}
	return errors.New(`failed to connect to "postgres://app:s3cret@db.internal:5432/prod": connection refused`)
}

// /readyz names the component that is not ready, and nothing of its error:
// no user, password, host, port or database. A component that hangs makes
// the server not ready once -ready-timeout has passed, instead of holding
// the probe. The admin listener's /readyz gives the detail.
func TestReadyzSaysOnlyWhichComponent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store *brokenStore
	}{{"failing", &brokenStore{}}, {"hanging", &brokenStore{hang: true}}} {
		t.Run(tc.name, func(t *testing.T) {
			g := lifecycle.New()
			if err := g.Provide(&lifecycle.Object{Value: tc.store}); err != nil {
				t.Fatal(err)
			}
			if err := g.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			defer g.Stop(context.Background())
			s := &Server{Graph: g, Config: &Config{ReadyTimeout: 50 * time.Millisecond}}

			rec := httptest.NewRecorder()
			s.readyz(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			body, _ := io.ReadAll(rec.Result().Body)
			if rec.Code != http.StatusServiceUnavailable || strings.TrimSpace(string(body)) != "not ready: *main.brokenStore" {
				t.Errorf("readyz = %d %q, want 503 naming *main.brokenStore only", rec.Code, body)
			}
			for _, secret := range []string{"app", "s3cret", "db.internal", "5432", "prod", "postgres", "deadline"} {
				if strings.Contains(string(body), secret) {
					t.Errorf("readyz body %q shows %q", body, secret)
				}
			}

			// The operators' /readyz, on the admin listener, says why.
			rec = httptest.NewRecorder()
			s.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			body, _ = io.ReadAll(rec.Result().Body)
			want := "connection refused"
			if tc.store.hang {
				want = "did not return"
			}
			if rec.Code != http.StatusServiceUnavailable || !strings.Contains(string(body), want) {
				t.Errorf("admin readyz = %d %q, want 503 saying %q", rec.Code, body, want)
			}
		})
	}
}
