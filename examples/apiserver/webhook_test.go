package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// hook is a webhook endpoint for tests: it answers with the statuses given,
// in turn (the last one from then on), and passes on every call it gets.
type hook struct {
	srv      *httptest.Server
	calls    chan hookCall
	statuses []int
	n        atomic.Int64
}

type hookCall struct {
	key  string
	body map[string]any
}

func newHook(t *testing.T, statuses ...int) *hook {
	h := &hook{calls: make(chan hookCall, 100), statuses: statuses}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &body)
		h.calls <- hookCall{r.Header.Get("Idempotency-Key"), body}
		i := int(h.n.Add(1)) - 1
		w.WriteHeader(h.statuses[min(i, len(h.statuses)-1)])
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func TestWebhook(t *testing.T) {
	t.Run("called after save", func(t *testing.T) {
		h := newHook(t, http.StatusOK)
		s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) { c.WebhookURL = h.srv.URL })
		id := s.create(t, "Score", `{"points": 3}`)
		call := <-h.calls
		obj, _ := call.body["object"].(map[string]any)
		if call.body["triggerName"] != "afterSave" || call.body["className"] != "Score" ||
			obj["objectId"] != id || obj["points"] != 3.0 || obj["createdAt"] == nil || call.key == "" {
			t.Errorf("webhook call = %v (Idempotency-Key %q), want afterSave of Score %s with its fields", call.body, call.key, id)
		}
		s.do(t, http.MethodPut, "/v1/classes/Score/"+id, `{"points": 4}`).want(t, http.StatusOK, 0)
		call2 := <-h.calls
		if obj, _ := call2.body["object"].(map[string]any); obj["points"] != 4.0 || call2.key == call.key {
			t.Errorf("webhook call after update = %v (key %q), want points 4 and a new key", call2.body, call2.key)
		}
	})

	t.Run("after a transaction's commit, never after its rollback", func(t *testing.T) {
		h := newHook(t, http.StatusOK)
		s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) { c.WebhookURL = h.srv.URL })
		id := s.create(t, "Score", `{"points": 1}`)
		<-h.calls
		flush := func() {
			t.Helper()
			if err := component[*Webhook](t, s.graph).Flush(context.Background()); err != nil {
				t.Fatalf("Flush: %v", err)
			}
		}
		s.do(t, http.MethodPost, "/v1/batch", `{"transaction": true, "requests": [
			{"method": "POST", "path": "/v1/classes/Score", "body": {"points": 2}},
			{"method": "PUT", "path": "/v1/classes/Score/`+id+`", "body": {"points": 3}},
			{"method": "DELETE", "path": "/v1/classes/Score/AAAAAAAAAA"}]}`).want(t, http.StatusNotFound, 101)
		flush()
		select {
		case c := <-h.calls:
			t.Errorf("a webhook call for a save that was rolled back: %v", c.body)
		default:
		}
		s.do(t, http.MethodPost, "/v1/batch", `{"transaction": true, "requests": [
			{"method": "POST", "path": "/v1/classes/Score", "body": {"points": 4}},
			{"method": "PUT", "path": "/v1/classes/Score/`+id+`", "body": {"points": 5}}]}`).want(t, http.StatusOK, 0)
		flush()
		got := map[any]bool{}
		for range 2 {
			obj, _ := (<-h.calls).body["object"].(map[string]any)
			got[obj["points"]] = true
		}
		if !got[4.0] || !got[5.0] {
			t.Errorf("webhook calls after the commit: points %v, want 4 and 5", got)
		}
	})

	t.Run("retried on 503 with the same key", func(t *testing.T) {
		h := newHook(t, http.StatusServiceUnavailable, http.StatusOK)
		s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) { c.WebhookURL = h.srv.URL })
		s.create(t, "Score", `{"points": 3}`)
		first, second := <-h.calls, <-h.calls
		if first.key != second.key || first.key == "" {
			t.Errorf("Idempotency-Key of the retry = %q, want the first try's %q", second.key, first.key)
		}
		if err := component[*Webhook](t, s.graph).Flush(context.Background()); err != nil {
			t.Errorf("Flush: %v", err)
		}
		if g := component[*errs.Aggregator](t, s.graph).Groups(); len(g) != 0 {
			t.Errorf("errors recorded for a call that succeeded on retry: %v", g)
		}
	})

	t.Run("failures grouped in /debug/errors", func(t *testing.T) {
		h := newHook(t, http.StatusInternalServerError)
		s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) {
			c.WebhookURL = h.srv.URL + "/hook?token=s3cret"
			c.WebhookTimeout = 5 * time.Second
		})
		const saves = 3
		for range saves {
			s.create(t, "Score", `{"points": 3}`) // the save succeeds whatever the hook says
		}
		component[*Webhook](t, s.graph).Flush(context.Background())
		var report struct {
			Groups []errs.Group `json:"groups"`
		}
		r := s.do(t, http.MethodGet, "/debug/errors?format=json", "")
		if err := json.Unmarshal(r.body, &report); err != nil {
			t.Fatal(err)
		}
		if len(report.Groups) != 1 || report.Groups[0].Count != saves ||
			!strings.Contains(report.Groups[0].Message, "answered 500") {
			t.Errorf("/debug/errors = %s, want one group of %d webhook failures", r.body, saves)
		}
		noSecret(t, s)
	})

	t.Run("unreachable hook", func(t *testing.T) {
		h := newHook(t, http.StatusOK)
		url := "http://user:pa55@" + strings.TrimPrefix(h.srv.URL, "http://") + "/hook?token=s3cret"
		h.srv.Close() // nothing listens there any more
		s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) {
			c.WebhookURL = url
			c.WebhookTimeout = 2 * time.Second
		})
		s.create(t, "Score", `{"points": 3}`)
		component[*Webhook](t, s.graph).Flush(context.Background())
		g := component[*errs.Aggregator](t, s.graph).Groups()
		if len(g) != 1 || g[0].Count != 1 || !strings.Contains(g[0].Message, "webhook afterSave") {
			t.Errorf("errors = %+v, want one webhook failure", g)
		}
		noSecret(t, s)
	})
}

// noSecret checks that /debug/errors, in both its forms, shows neither the
// webhook's token nor its password.
func noSecret(t *testing.T, s *testServer) {
	t.Helper()
	for _, path := range []string{"/debug/errors?format=json", "/debug/errors"} {
		body := string(s.do(t, http.MethodGet, path, "").body)
		if !strings.Contains(body, "webhook afterSave") {
			t.Fatalf("%s shows no webhook failure: the check below would prove nothing", path)
		}
		for _, secret := range []string{"s3cret", "pa55"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows the webhook's secret %q", path, secret)
			}
		}
	}
}
