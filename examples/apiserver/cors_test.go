package main

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// By default, as Parse Server, any web page may call the API with the
// keys: preflights are answered without them, and answers to a request
// with an Origin say any origin may read them.
func TestCORSAnyOrigin(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()))
	bare := s.bare(t)
	r := bare.do(t, http.MethodOptions, "/v1/classes/Thing", "",
		"Origin", "https://app.example", "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "x-parse-application-id, content-type")
	if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "X-Parse-Application-Id") {
		t.Errorf("preflight: %d %v, want 204 allowing any origin, POST and Parse's headers", r.status, r.header)
	}
	r = s.do(t, http.MethodPost, "/v1/classes/Thing", `{"a":1}`, "Origin", "https://app.example", "Content-Type", "text/plain")
	r.want(t, http.StatusCreated, 0)
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
	}
	if r := s.do(t, http.MethodGet, "/healthz", ""); r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a request without Origin got CORS headers: %v", r.header)
	}
}

// With a list of origins, only their pages may call the API: others get
// no CORS headers, and a write that a browser says comes from another site
// is refused even with the keys. Programs, which send no Origin, are not
// affected.
func TestCORSListedOrigins(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t), func(c *Config) { c.AllowOrigins = []string{"https://app.example", "http://localhost:3000"} })
		for _, origin := range []string{"https://app.example", "http://localhost:3000"} {
			r := s.bare(t).do(t, http.MethodOptions, "/v1/classes/Thing", "", "Origin", origin, "Access-Control-Request-Method", "PUT")
			if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != origin || !slices.Contains(r.header.Values("Vary"), "Origin") {
				t.Errorf("preflight from %s: %d %v, want 204 allowing it, Vary: Origin", origin, r.status, r.header)
			}
			r = s.do(t, http.MethodPost, "/v1/classes/Thing", `{"a":1}`, "Origin", origin, "Sec-Fetch-Site", "cross-site")
			r.want(t, http.StatusCreated, 0)
			if r.header.Get("Access-Control-Allow-Origin") != origin {
				t.Errorf("write from %s: Access-Control-Allow-Origin %q", origin, r.header.Get("Access-Control-Allow-Origin"))
			}
		}
		r := s.bare(t).do(t, http.MethodOptions, "/v1/classes/Thing", "", "Origin", "http://evil.example", "Access-Control-Request-Method", "POST")
		if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight from another origin: %d %v, want 204 without CORS headers", r.status, r.header)
		}

		before := dump(t, s.store)
		for _, h := range [][]string{
			{"Origin", "http://evil.example"},
			{"Origin", "http://evil.example", "Content-Type", "text/plain"},
			{"Sec-Fetch-Site", "cross-site"},
			{"Sec-Fetch-Site", "same-site", "Origin", "https://other.app.example"},
		} {
			for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
				r := s.do(t, m, "/v1/classes/Thing", `{"a":2}`, h...)
				r.want(t, http.StatusForbidden, 119)
			}
		}
		if after := dump(t, s.store); after != before {
			t.Errorf("refused cross-site writes changed the store:\n%s\n%s", before, after)
		}
		// Reads are safe; the browser keeps the answer from the page.
		r = s.do(t, http.MethodGet, "/v1/classes/Thing", "", "Origin", "http://evil.example")
		r.want(t, http.StatusOK, 0)
		if r.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("a read from another origin may be read by its page: %v", r.header)
		}
		// A program: no Origin, no Sec-Fetch-Site.
		s.create(t, "Thing", `{"a":3}`)
	})
}

func TestAllowOriginFlag(t *testing.T) {
	parse := func(args ...string) (*Config, error) {
		return parseConfig(args, func(string) string { return "" }, io.Discard)
	}
	cfg, err := parse()
	if err != nil || !slices.Equal(cfg.AllowOrigins, []string{"*"}) {
		t.Fatalf("default origins %q (%v), want *", cfg.AllowOrigins, err)
	}
	cfg, err = parse("-allow-origin", "https://a.example, https://b.example:8443", "-allow-origin", "http://localhost:3000")
	if err != nil || !slices.Equal(cfg.AllowOrigins, []string{"https://a.example", "https://b.example:8443", "http://localhost:3000"}) {
		t.Fatalf("origins %q (%v)", cfg.AllowOrigins, err)
	}
	for _, bad := range []string{"https://a.example/", "https://a.example/app", "ftp://a.example", "a.example", "https://u:p@a.example", "https://a.example?x=1", ","} {
		if _, err := parse("-allow-origin", bad); err == nil || !strings.Contains(err.Error(), "-allow-origin") {
			t.Errorf("-allow-origin %q: err %v, want one naming the flag", bad, err)
		}
	}
}
