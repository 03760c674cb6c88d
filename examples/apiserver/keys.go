package main

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// Keys are the application's credentials, Parse's: every API request names
// the application id; it may also have to carry one of the client keys (if
// any is set), and the master key opens the operators' routes.
//
// They come from flags, the environment or a file (see resolveKeys), are
// compared in constant time and never logged: Keys formats as "[redacted]".
type Keys struct {
	AppID         string
	MasterKey     string
	RESTAPIKey    string // X-Parse-REST-API-Key: REST clients
	JavaScriptKey string // X-Parse-Javascript-Key, or _JavaScriptKey in the body: the JavaScript SDK
	ClientKey     string // X-Parse-Client-Key: the iOS and Android SDKs
	DotNetKey     string // X-Parse-Windows-Key: the .NET SDK
}

// String hides the keys from fmt, and so from any log of a Config.
func (Keys) String() string { return "[redacted]" }

// LogValue hides the keys from log/slog.
func (Keys) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// keysFile is the JSON form of Keys in a keys file. Its names are Parse
// Server's configuration options, so that -keys-file may also name a Parse
// Server config.json: the options other than these are ignored.
type keysFile struct {
	AppID         string `json:"appId"`
	MasterKey     string `json:"masterKey"`
	RESTAPIKey    string `json:"restAPIKey,omitempty"`
	JavaScriptKey string `json:"javascriptKey,omitempty"`
	ClientKey     string `json:"clientKey,omitempty"`
	DotNetKey     string `json:"dotNetKey,omitempty"`
}

// generatedKeysFile is where a server given no keys keeps the ones it made,
// in its data directory.
const generatedKeysFile = "keys.json"

// maxKeyLen bounds a key: keys travel in headers.
const maxKeyLen = 256

// resolveKeys completes c.Keys. Keys given as flags or in the environment
// win over those of -keys-file. A server given none at all, and no file,
// uses DATA/keys.json, which it creates on its first start with a new
// application id and master key (mode 0600), telling out where they are:
// the README's first command then runs with no setup and is still closed
// to anyone who cannot read the data directory. A key file that others may
// read is logged as a warning.
func (c *Config) resolveKeys(logger *slog.Logger, out io.Writer) error {
	file := c.KeysFile
	if file == "" && c.Keys == (Keys{}) {
		file = filepath.Join(c.DataDir, generatedKeysFile)
		created, err := createKeys(file)
		if err != nil {
			return fmt.Errorf("keys: %w", err)
		}
		if created != nil {
			fmt.Fprintf(out, "apiserver: made new keys in %s (readable by you alone): application id %s; the master key is in the file\n", file, created.AppID)
		}
	}
	if file != "" {
		k, err := readKeys(file, logger)
		if err != nil {
			return fmt.Errorf("keys: %w", err)
		}
		for _, p := range []struct{ given, file *string }{
			{&c.Keys.AppID, &k.AppID}, {&c.Keys.MasterKey, &k.MasterKey}, {&c.Keys.RESTAPIKey, &k.RESTAPIKey},
			{&c.Keys.JavaScriptKey, &k.JavaScriptKey}, {&c.Keys.ClientKey, &k.ClientKey}, {&c.Keys.DotNetKey, &k.DotNetKey},
		} {
			if *p.given == "" {
				*p.given = *p.file
			}
		}
	}
	return c.Keys.validate(file)
}

// validate reports keys a server cannot run with. from names the file the
// keys came from, if any, for the messages.
func (k Keys) validate(from string) error {
	where := ""
	if from != "" {
		where = " (keys file " + from + ")"
	}
	var problems []error
	if k.AppID == "" {
		problems = append(problems, fmt.Errorf("no application id: give -app-id or appId in -keys-file%s, or no keys at all to use generated ones", where))
	}
	if k.MasterKey == "" {
		problems = append(problems, fmt.Errorf("no master key: give -master-key or masterKey in -keys-file%s, or no keys at all to use generated ones", where))
	}
	named := []struct{ name, v string }{
		{"application id", k.AppID}, {"master key", k.MasterKey}, {"REST API key", k.RESTAPIKey},
		{"JavaScript key", k.JavaScriptKey}, {"client key", k.ClientKey}, {".NET key", k.DotNetKey},
	}
	for _, n := range named {
		if !validKey(n.v) {
			// The key itself is not shown: it may be a secret.
			problems = append(problems, fmt.Errorf("the %s%s: want at most %d visible ASCII characters, no spaces", n.name, where, maxKeyLen))
		}
	}
	for _, n := range named[2:] {
		if n.v != "" && n.v == k.MasterKey {
			problems = append(problems, fmt.Errorf("the %s%s is the master key: a client would have the master's rights", n.name, where))
		}
	}
	if k.AppID != "" && k.AppID == k.MasterKey {
		problems = append(problems, fmt.Errorf("the master key%s is the application id, which every client sends", where))
	}
	return errors.Join(problems...)
}

// validKey reports whether s can travel as a header value unchanged.
func validKey(s string) bool {
	if len(s) > maxKeyLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// readKeys reads a keys file: JSON, at most 1 MiB.
func readKeys(path string, logger *slog.Logger) (*keysFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		logger.Warn("the keys file may be read by other users: make it 0600", "file", path, "mode", fi.Mode().Perm().String())
	}
	b, err := io.ReadAll(io.LimitReader(f, 1<<20+1))
	if err != nil {
		return nil, err
	}
	if len(b) > 1<<20 {
		return nil, fmt.Errorf("%s: larger than 1 MiB", path)
	}
	var k keysFile
	if err := json.Unmarshal(b, &k); err != nil {
		// Not the error's text: a syntax error quotes the file's bytes.
		return nil, fmt.Errorf("%s: not a JSON object of keys", path)
	}
	return &k, nil
}

// createKeys writes new keys to path, unless it exists, and returns them,
// or nil if it existed. The file appears whole or not at all: it is
// written aside, synced, and linked into place, which fails if another
// process made one first.
func createKeys(path string) (*keysFile, error) {
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	k := &keysFile{AppID: newID(24), MasterKey: newID(40)}
	b, err := json.MarshalIndent(k, "", "  ")
	if err != nil {
		return nil, err
	}
	tmp := path + "." + newID(8) + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp)
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Link(tmp, path); errors.Is(err, fs.ErrExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return k, nil
}

// access is what a request may do.
type access int

const (
	accessClient access = iota // the API
	accessMaster               // the API and the operators' routes
)

// A keyring checks the keys of requests. It keeps digests of the keys and
// compares digests, so that a comparison takes the same time whatever the
// key sent, its length included.
type keyring struct {
	app    [sha256.Size]byte
	master [sha256.Size]byte
	client []clientKey // the client keys set; a request must carry one if any is
	// maxBody bounds the body read for the keys the JavaScript SDK sends there.
	maxBody int64
}

type clientKey struct {
	header string // where a request carries it
	sum    [sha256.Size]byte
}

func newKeyring(k Keys, maxBody int64) *keyring {
	r := &keyring{app: sha256.Sum256([]byte(k.AppID)), master: sha256.Sum256([]byte(k.MasterKey)), maxBody: maxBody}
	for _, c := range []struct{ header, key string }{
		{"X-Parse-REST-API-Key", k.RESTAPIKey}, {"X-Parse-Javascript-Key", k.JavaScriptKey},
		{"X-Parse-Client-Key", k.ClientKey}, {"X-Parse-Windows-Key", k.DotNetKey},
	} {
		if c.key != "" {
			r.client = append(r.client, clientKey{c.header, sha256.Sum256([]byte(c.key))})
		}
	}
	return r
}

// is reports whether s is the key whose digest is sum, in constant time.
func is(sum *[sha256.Size]byte, s string) bool {
	got := sha256.Sum256([]byte(s))
	return subtle.ConstantTimeCompare(sum[:], got[:]) == 1
}

// Parse's answers to a request without the keys it needs.
var (
	errUnauthorized   = &apiError{Status: http.StatusForbidden, Message: "unauthorized"}
	errMasterRequired = &apiError{Status: http.StatusForbidden, Message: "unauthorized: master key is required"}
)

// authorize checks that r carries the keys for need, as Parse Server does:
// the application id in X-Parse-Application-Id; the master key in
// X-Parse-Master-Key, which alone is enough; otherwise one of the client
// keys, if any is set. The JavaScript SDK sends a POST whose JSON body
// holds the keys instead (_ApplicationId, _JavaScriptKey, _MasterKey, with
// _ClientVersion and the like): authorize then reads the body, takes those
// fields out, and leaves r.Body holding the rest.
func (k *keyring) authorize(w http.ResponseWriter, r *http.Request, need access) error {
	h := r.Header
	master := h.Get("X-Parse-Master-Key")
	clientKey := func(header string) string { return h.Get(header) }
	if !is(&k.app, h.Get("X-Parse-Application-Id")) {
		env, err := k.envelope(w, r)
		if err != nil {
			return err
		}
		if master != "" && !is(&k.master, master) {
			return errUnauthorized
		}
		if env.master != "" {
			master = env.master
		}
		// As Parse Server: the JavaScript key comes from the body alone.
		clientKey = func(header string) string {
			if header == "X-Parse-Javascript-Key" {
				return env.javaScript
			}
			return h.Get(header)
		}
	}
	if master != "" && is(&k.master, master) {
		return nil
	}
	if need == accessMaster {
		return errMasterRequired
	}
	if len(k.client) == 0 {
		return nil
	}
	for i := range k.client {
		if is(&k.client[i].sum, clientKey(k.client[i].header)) {
			return nil
		}
	}
	return errUnauthorized
}

// envelopeFields are the fields of a JavaScript SDK request body that say
// who sends it, not what to store.
var envelopeFields = []string{
	"_ApplicationId", "_JavaScriptKey", "_MasterKey", "_ClientVersion", "_InstallationId",
	"_SessionToken", "_context", "_ContentType", "_RevocableSession", "_noBody",
}

// The keys a request body carried.
type envelope struct {
	master, javaScript string
}

// envelope reads the keys from r's body, which must be a JSON object with
// the application id in _ApplicationId, and replaces the body with the
// object less the envelope's fields.
func (k *keyring) envelope(w http.ResponseWriter, r *http.Request) (envelope, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return envelope{}, errUnauthorized
	}
	if r.ContentLength > k.maxBody {
		return envelope{}, errTooLarge.with("request body of %d bytes: the limit is %d", r.ContentLength, k.maxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, k.maxBody))
	if err != nil {
		if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
			return envelope{}, errTooLarge.with("request body over the limit of %d bytes", k.maxBody)
		}
		return envelope{}, errInvalidJSON.with("reading body: %s", bodyReadFailure(err))
	}
	fields, err := decodeObject(body, "body")
	if err != nil {
		return envelope{}, errUnauthorized // as Parse Server: no readable body, no application id
	}
	str := func(name string) string {
		var s string
		json.Unmarshal(fields[name], &s) // not a string: ""
		return s
	}
	if !is(&k.app, str("_ApplicationId")) {
		return envelope{}, errUnauthorized
	}
	env := envelope{master: str("_MasterKey"), javaScript: str("_JavaScriptKey")}
	for _, f := range envelopeFields {
		delete(fields, f)
	}
	if _, ok := fields["_method"]; ok {
		// The SDK sends every request as a POST (which no browser
		// preflights); the real method is here, and a GET's parameters
		// are the body's other fields.
		method := str("_method")
		delete(fields, "_method")
		switch method {
		case http.MethodGet, http.MethodDelete:
			q := make(url.Values, len(fields))
			for k, v := range fields {
				var s string
				if json.Unmarshal(v, &s) != nil {
					s = string(bytes.TrimSpace(v)) // where as an object, a number, a boolean
				}
				q.Set(k, s)
			}
			r.Method, r.URL.RawQuery = method, q.Encode()
			r.Body, r.ContentLength = http.NoBody, 0
			return env, nil
		case http.MethodPost, http.MethodPut:
			r.Method = method
		default:
			return envelope{}, errInvalidJSON.with("_method %q: want GET, POST, PUT or DELETE", clip(method))
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the values as sent: no longer than they came
	if err := enc.Encode(fields); err != nil {
		return envelope{}, errInvalidJSON.with("body: %v", err)
	}
	r.Body = io.NopCloser(&b)
	r.ContentLength = int64(b.Len())
	return env, nil
}
