package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Without the application id, nothing is served but the probes, and a
// refused request changes nothing: no id, a wrong one, a cross-site
// text/plain POST as a web page of another site can send, and the keys
// in a body that is not JSON.
func TestKeysRequired(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		id := s.create(t, "Thing", `{"a":1}`)
		before := dump(t, s.store)
		for _, c := range []struct {
			name, method, path, body string
			headers                  []string
		}{
			{"no id", http.MethodPost, "/v1/classes/Thing", `{"a":2}`, nil},
			{"no id, get", http.MethodGet, "/v1/classes/Thing/" + id, "", nil},
			{"no id, list", http.MethodGet, "/v1/classes/Thing", "", nil},
			{"no id, put", http.MethodPut, "/v1/classes/Thing/" + id, `{"a":2}`, nil},
			{"no id, delete", http.MethodDelete, "/v1/classes/Thing/" + id, "", nil},
			{"no id, event", http.MethodPost, "/v1/events", `{"name":"E"}`, nil},
			{"no id, no route", http.MethodGet, "/nowhere", "", nil},
			{"wrong id", http.MethodPost, "/v1/classes/Thing", `{"a":2}`, []string{"X-Parse-Application-Id", testAppID + "x"}},
			{"id of another case", http.MethodPost, "/v1/classes/Thing", `{"a":2}`, []string{"X-Parse-Application-Id", strings.ToUpper(testAppID)}},
			{"the master key as id", http.MethodPost, "/v1/classes/Thing", `{"a":2}`, []string{"X-Parse-Application-Id", testMasterKey}},
			{"cross-site text/plain", http.MethodPost, "/v1/classes/Csrf", `{"p":1}`, []string{"Content-Type", "text/plain", "Origin", "http://evil.example"}},
			{"wrong id in the body", http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"nope","a":2}`, []string{"Content-Type", "text/plain"}},
			{"id in the body, not a string", http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":["` + testAppID + `"],"a":2}`, []string{"Content-Type", "text/plain"}},
			{"id in a body that is not JSON", http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"` + testAppID + `",`, []string{"Content-Type", "text/plain"}},
			{"id in a body with a duplicate", http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"` + testAppID + `","a":1,"a":2}`, []string{"Content-Type", "text/plain"}},
			{"wrong master key beside the id in the body", http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"` + testAppID + `","a":2}`, []string{"X-Parse-Master-Key", "nope"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				r := s.bare(t).do(t, c.method, c.path, c.body, c.headers...)
				r.want(t, http.StatusForbidden, 0)
				if string(r.body) != `{"error":"unauthorized"}` {
					t.Errorf("body %s, want Parse's {\"error\":\"unauthorized\"}", r.body)
				}
			})
		}
		if after := dump(t, s.store); after != before {
			t.Errorf("refused requests changed the store:\nbefore\n%s\nafter\n%s", before, after)
		}
		// The probes need no key: load balancers send none.
		for _, p := range []string{"/healthz", "/readyz"} {
			resp, err := http.Get(s.url + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s without keys = %d, want 200", p, resp.StatusCode)
			}
		}
	})
}

// The JavaScript SDK sends a text/plain POST whose body holds the keys and
// the client's details beside the fields: they say who sends, and are not
// stored.
func TestKeysInTheBody(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t), func(c *Config) { c.Keys.JavaScriptKey = "js-key" })
		body := `{"score":7,"_ApplicationId":"` + testAppID + `","_JavaScriptKey":"js-key","_ClientVersion":"js8.6.0",` +
			`"_InstallationId":"5b2c5d3e-0d5c-4c7e-9a4a-8e6f1f6a1b2c","_context":{},"_RevocableSession":"1","name":"<b>&"}`
		bare := s.bare(t)
		r := bare.do(t, http.MethodPost, "/v1/classes/Thing", body, "Content-Type", "text/plain")
		r.want(t, http.StatusCreated, 0)
		id, _ := r.object(t)["objectId"].(string)
		js := []string{"X-Parse-Javascript-Key", "js-key"} // needed now, by every client
		got := s.do(t, http.MethodGet, "/v1/classes/Thing/"+id, "", js...).object(t)
		delete(got, "objectId")
		delete(got, "createdAt")
		delete(got, "updatedAt")
		if b, _ := json.Marshal(got); string(b) != `{"name":"\u003cb\u003e\u0026","score":7}` {
			t.Errorf("stored %s, want the fields without the envelope's", b)
		}

		// With a JavaScript key set, a body without it, or with another,
		// is refused; the key in a header does not count for a body's
		// request, as with Parse Server.
		for _, body := range []string{
			`{"score":7,"_ApplicationId":"` + testAppID + `"}`,
			`{"score":7,"_ApplicationId":"` + testAppID + `","_JavaScriptKey":"other"}`,
		} {
			r := bare.do(t, http.MethodPost, "/v1/classes/Thing", body, "X-Parse-Javascript-Key", "js-key")
			r.want(t, http.StatusForbidden, 0)
		}
		// The master key in the body does without the JavaScript key.
		r = bare.do(t, http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"`+testAppID+`","_MasterKey":"`+testMasterKey+`","a":1}`)
		r.want(t, http.StatusCreated, 0)
		r = bare.do(t, http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"`+testAppID+`","_MasterKey":"wrong","a":1}`)
		r.want(t, http.StatusForbidden, 0)
		// An envelope alone makes an empty object.
		r = bare.do(t, http.MethodPost, "/v1/classes/Thing", `{"_ApplicationId":"`+testAppID+`","_JavaScriptKey":"js-key"}`)
		r.want(t, http.StatusCreated, 0)
		id, _ = r.object(t)["objectId"].(string)
		if got := s.do(t, http.MethodGet, "/v1/classes/Thing/"+id, "", js...).object(t); len(got) != 3 {
			t.Errorf("an envelope alone stored %v, want no field", got)
		}
	})
}

// With client keys set, a request needs one of them besides the id (any
// one), or the master key.
func TestClientKeys(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()), func(c *Config) {
		c.Keys.RESTAPIKey, c.Keys.ClientKey = "rest-key", "client-key"
	})
	for _, c := range []struct {
		headers []string
		want    int
	}{
		{nil, http.StatusForbidden},
		{[]string{"X-Parse-REST-API-Key", "wrong"}, http.StatusForbidden},
		{[]string{"X-Parse-REST-API-Key", "client-key"}, http.StatusForbidden}, // a key in another's header
		{[]string{"X-Parse-Javascript-Key", "rest-key"}, http.StatusForbidden},
		{[]string{"X-Parse-Master-Key", "wrong"}, http.StatusForbidden},
		{[]string{"X-Parse-REST-API-Key", "rest-key"}, http.StatusCreated},
		{[]string{"X-Parse-Client-Key", "client-key"}, http.StatusCreated},
		{[]string{"X-Parse-Master-Key", testMasterKey}, http.StatusCreated},
		{[]string{"X-Parse-Master-Key", "wrong", "X-Parse-REST-API-Key", "rest-key"}, http.StatusCreated}, // Parse: a wrong master key is no master key
	} {
		r := s.do(t, http.MethodPost, "/v1/classes/Thing", `{"a":1}`, c.headers...)
		if r.status != c.want {
			t.Errorf("headers %q: %d %s, want %d", c.headers, r.status, r.body, c.want)
		}
	}
}

// The keys never reach the log, whatever a client sends, nor does a
// Config printed or logged whole.
func TestKeysNeverLogged(t *testing.T) {
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := startServerLogging(t, &localProcess{}, newSQLiteStore(t.TempDir()), &logs, func(c *Config) {
		c.Keys.RESTAPIKey = "rest-key-secret"
		logger.Info("config", "config", c, "keys", c.Keys)
		logger.Info(fmt.Sprintf("%v %+v %s", c, c, c.Keys))
	})
	for _, h := range [][]string{
		{"X-Parse-Master-Key", testMasterKey},
		{"X-Parse-Master-Key", testMasterKey + "-wrong"},
		{"X-Parse-REST-API-Key", "rest-key-secret"},
	} {
		s.do(t, http.MethodGet, s.url+"/debug/nowhere", "", h...)
		s.do(t, http.MethodPost, "/v1/classes/Thing", `{`, h...)
	}
	out := logs.String()
	if !strings.Contains(out, `msg=serving`) || !strings.Contains(out, "[redacted]") {
		t.Fatalf("the server's log was not captured, or does not redact:\n%s", out)
	}
	if strings.Contains(out, testMasterKey) || strings.Contains(out, "rest-key-secret") {
		t.Errorf("the log shows a key:\n%s", out)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// resolveKeys: generated keys on the first start, read back on the next;
// flags and environment over a file; Parse Server's config.json read as a
// keys file; clear errors that never show a key.
func TestResolveKeys(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	config := func(t *testing.T, args ...string) *Config {
		t.Helper()
		cfg, err := parseConfig(append([]string{"-data", filepath.Join(t.TempDir(), "data")}, args...), func(string) string { return "" }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}

	t.Run("generated", func(t *testing.T) {
		cfg := config(t)
		var out bytes.Buffer
		if err := cfg.resolveKeys(logger, &out); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(cfg.DataDir, "keys.json")
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("keys file mode %v, want 0600", fi.Mode().Perm())
		}
		k := cfg.Keys
		if len(k.AppID) != 24 || len(k.MasterKey) != 40 || k.RESTAPIKey != "" || k.JavaScriptKey != "" {
			t.Errorf("generated %d-character id and %d-character master key, client keys %q %q; want 24, 40, none",
				len(k.AppID), len(k.MasterKey), k.RESTAPIKey, k.JavaScriptKey)
		}
		msg := out.String()
		if !strings.Contains(msg, path) || !strings.Contains(msg, k.AppID) || strings.Contains(msg, k.MasterKey) {
			t.Errorf("first start says %q: want the file's path and the id, not the master key", msg)
		}
		// The next start (or upgrade) reads them, and says nothing.
		again := &Config{DataDir: cfg.DataDir}
		out.Reset()
		if err := again.resolveKeys(logger, &out); err != nil {
			t.Fatal(err)
		}
		if again.Keys != k || out.Len() != 0 {
			t.Errorf("second start: keys equal %v, said %q; want the same keys, silently", again.Keys == k, out.String())
		}
		if entries, _ := os.ReadDir(cfg.DataDir); len(entries) != 1 {
			t.Errorf("data dir holds %d files, want keys.json alone", len(entries))
		}
	})

	t.Run("file, flags win", func(t *testing.T) {
		// Parse Server's own config.json: its other options are ignored.
		path := filepath.Join(t.TempDir(), "config.json")
		os.WriteFile(path, []byte(`{"appId":"file-app","masterKey":"file-master","restAPIKey":"file-rest","databaseURI":"postgres://x","port":1337}`), 0o600)
		cfg := config(t, "-keys-file", path, "-rest-api-key", "flag-rest")
		if err := cfg.resolveKeys(logger, io.Discard); err != nil {
			t.Fatal(err)
		}
		if k := cfg.Keys; k.AppID != "file-app" || k.MasterKey != "file-master" || k.RESTAPIKey != "flag-rest" || k.JavaScriptKey != "" {
			t.Errorf("keys %q %q %q %q, want file-app file-master flag-rest and none", k.AppID, k.MasterKey, k.RESTAPIKey, k.JavaScriptKey)
		}
		if _, err := os.Stat(filepath.Join(cfg.DataDir, "keys.json")); err == nil {
			t.Error("keys.json made although keys were given")
		}
	})

	t.Run("environment", func(t *testing.T) {
		env := map[string]string{"APISERVER_APP_ID": "env-app", "APISERVER_MASTER_KEY": "env-master"}
		cfg, err := parseConfig([]string{"-data", t.TempDir()}, func(k string) string { return env[k] }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if err := cfg.resolveKeys(logger, io.Discard); err != nil {
			t.Fatal(err)
		}
		if cfg.Keys.AppID != "env-app" || cfg.Keys.MasterKey != "env-master" {
			t.Errorf("keys from the environment: %q %q", cfg.Keys.AppID, cfg.Keys.MasterKey)
		}
	})

	t.Run("readable by others", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.json")
		os.WriteFile(path, []byte(`{"appId":"a","masterKey":"master"}`), 0o644)
		os.Chmod(path, 0o644) // whatever the umask
		var logs lockedBuffer
		cfg := config(t, "-keys-file", path)
		if err := cfg.resolveKeys(slog.New(slog.NewTextHandler(&logs, nil)), io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "0600") {
			t.Errorf("no warning for a keys file of mode 0644: %q", logs.String())
		}
	})

	for _, c := range []struct {
		name string
		args []string
		file string // the keys file's content, if any
		want string // in the error
	}{
		{"no master key", []string{"-app-id", "a"}, "", "no master key"},
		{"no id", []string{"-master-key", "secret-master"}, "", "no application id"},
		{"master key as client key", []string{"-app-id", "a", "-master-key", "secret-master", "-javascript-key", "secret-master"}, "", "JavaScript key"},
		{"master key as id", []string{"-app-id", "secret-master", "-master-key", "secret-master"}, "", "is the application id"},
		{"a space", []string{"-app-id", "a", "-master-key", "secret master"}, "", "visible ASCII"},
		{"too long", []string{"-app-id", "a", "-master-key", strings.Repeat("k", 257)}, "", "at most 256"},
		{"file missing", []string{"-keys-file", "/nonexistent/keys.json"}, "", "no such file"},
		{"file not JSON", nil, `{"appId": "a", "masterKey": "secret-master"`, "not a JSON object of keys"},
		{"file without master", nil, `{"appId": "a"}`, "masterKey in -keys-file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if c.file != "" {
				path := filepath.Join(t.TempDir(), "keys.json")
				os.WriteFile(path, []byte(c.file), 0o600)
				args = append(args, "-keys-file", path)
			}
			cfg := config(t, args...)
			err := cfg.resolveKeys(logger, io.Discard)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one saying %q", err, c.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows a key: %v", err)
			}
		})
	}
}
