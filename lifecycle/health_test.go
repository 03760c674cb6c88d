package lifecycle

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"
)

type checked struct {
	part
	sick  error
	block chan struct{}
}

func (c *checked) Health(ctx context.Context) error {
	if c.block != nil {
		<-c.block
	}
	return c.sick
}

type checked2 struct{ checked }

func TestHealth(t *testing.T) {
	rec := &recorder{}
	a := &checked{part: part{name: "a", rec: rec}}
	b := &checked2{checked{part: part{name: "b", rec: rec}}}
	g := New()
	if err := g.Provide(&Object{Value: a}, &Object{Value: b}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	check := func(want string) {
		t.Helper()
		if err := g.Health(ctx); errText(err) != want {
			t.Errorf("Health() = %s, want %s", errText(err), want)
		}
	}
	check("lifecycle: not ready: not started")
	if err := g.Health(ctx); !errors.Is(err, ErrNotReady) {
		t.Errorf("Health() = %v, want ErrNotReady", err)
	}
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	check("<nil>")
	a.sick = errors.New("disk full")
	b.sick = errors.New("no leader")
	err := g.Health(ctx)
	ces := componentErrors(err)
	if len(ces) != 2 || ces[0].Component != "*lifecycle.checked" || ces[0].Op != "health" || ces[0].Err != a.sick ||
		ces[1].Component != "*lifecycle.checked2" || ces[1].Err != b.sick {
		t.Errorf("Health() = %v, want the errors of a and b in order", err)
	}
	if err := g.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	check("lifecycle: not ready: stopping")
}

func TestHealthTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := &checked{part: part{name: "a", rec: &recorder{}}, block: make(chan struct{})}
		defer close(c.block)
		g := New()
		if err := g.Provide(&Object{Value: c}); err != nil {
			t.Fatal(err)
		}
		if err := g.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer g.Stop(context.Background())
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		want := "health *lifecycle.checked after 1s: did not return: context deadline exceeded"
		if err := g.Health(ctx); errText(err) != want {
			t.Errorf("Health() = %s, want %s", errText(err), want)
		}
	})
}

func TestHealthHandler(t *testing.T) {
	c := &checked{part: part{name: "a", rec: &recorder{}}}
	g := New()
	if err := g.Provide(&Object{Value: c}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(g.HealthHandler())
	defer srv.Close()
	get := func(wantCode int, wantBody string) {
		t.Helper()
		resp, err := srv.Client().Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != wantCode || durationRE.ReplaceAllString(string(body), "") != wantBody {
			t.Errorf("GET /readyz = %d %q, want %d %q", resp.StatusCode, body, wantCode, wantBody)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
	}
	get(http.StatusServiceUnavailable, "lifecycle: not ready: not started\n")
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	get(http.StatusOK, "ok\n")
	c.sick = errors.New("disk full")
	get(http.StatusServiceUnavailable, "health *lifecycle.checked: disk full\n")
	if err := g.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	get(http.StatusServiceUnavailable, "lifecycle: not ready: stopping\n")
}
