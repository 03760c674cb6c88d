package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// maxBatch bounds the requests of one POST /v1/batch (Parse's SDKs send
// 20 at a time at most; Parse Server's default limit is 50).
const maxBatch = 50

// A batchRequest is one request of POST /v1/batch.
type batchRequest struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body"`
}

// batch is POST /v1/batch: {"requests": [{"method", "path", "body"}, ...]},
// which Parse's saveAll and destroyAll send. Each request runs in turn,
// through api (the /v1 routes, with the batch's keys), and the answer is
// an array, in order, of {"success": ...} or {"error": {"code", "error"}}:
// one request's failure does not stop the others.
//
// With "transaction": true (the SDKs' saveAll and destroyAll with
// {transaction: true}), the requests share one transaction of the store:
// all of them commit, and the answer is the array of their successes, or
// the first that fails stops the batch, nothing it did stays, and the
// answer is that request's error, with its status, saying which request it
// was. (Parse Server answers a 500 then: see the README.) Webhooks of the
// batch's saves are called once it has committed. Such a batch holds
// SQLite's one writer while it runs, so it may not read: a GET in it is
// refused before it starts (the SDKs send only writes in a transaction),
// and a list that scans a large class cannot hold every other write back.
func (s *Server) batch(api http.Handler) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		body, err := s.API.readBody(w, r)
		if err != nil {
			return err
		}
		fields, err := decodeObject(body, "body")
		if err != nil {
			return err
		}
		var reqs []batchRequest
		var transaction bool
		for k, v := range fields {
			switch k {
			case "requests":
				if err := json.Unmarshal(v, &reqs); err != nil {
					return errInvalidJSON.with("requests: want an array of {method, path, body}")
				}
			case "transaction":
				if json.Unmarshal(v, &transaction) != nil {
					return errInvalidJSON.with("transaction: want true or false")
				}
			default:
				return errInvalidJSON.with("unknown field %q: want requests", clip(k))
			}
		}
		if len(reqs) > maxBatch {
			return errInvalidQuery.with("requests: %d of them, more than %d", len(reqs), maxBatch)
		}
		if transaction {
			for i, br := range reqs {
				if br.Method == http.MethodGet {
					return errInvalidJSON.with("request %d: a GET cannot be part of a transaction: send it on its own", i)
				}
			}
		}
		out := append(make([]byte, 0, 64*len(reqs)), '[')
		if !transaction {
			for i, br := range reqs {
				if i > 0 {
					out = append(out, ',')
				}
				entry, _ := s.batchOne(api, r, br)
				out = append(out, entry...)
			}
			writeJSON(w, http.StatusOK, append(out, ']'))
			return nil
		}
		var failed *apiError
		err = s.API.Store.InTx(r.Context(), func(ctx context.Context) error {
			in := r.WithContext(ctx)
			for i, br := range reqs {
				entry, e := s.batchOne(api, in, br)
				if e != nil {
					failed = e.with("request %d of the transaction failed, and none of its requests was applied: %s", i, e.Message)
					return failed
				}
				if i > 0 {
					out = append(out, ',')
				}
				out = append(out, entry...)
			}
			return nil
		})
		if err != nil {
			if failed != nil {
				return failed
			}
			return err
		}
		writeJSON(w, http.StatusOK, append(out, ']'))
		return nil
	}
}

// batchOne runs one request of a batch and returns its entry of the
// answer, and its error if it failed.
func (s *Server) batchOne(api http.Handler, parent *http.Request, br batchRequest) ([]byte, *apiError) {
	fail := func(e *apiError) ([]byte, *apiError) {
		b, _ := json.Marshal(map[string]*apiError{"error": e})
		return b, e
	}
	switch br.Method {
	case http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodGet:
	default:
		return fail(errInvalidJSON.with("method %q: want POST, PUT, DELETE or GET", clip(br.Method)))
	}
	// The SDKs send the path with the server URL's path: /v1/classes/...
	if !strings.HasPrefix(br.Path, "/v1/classes/") {
		return fail(errInvalidJSON.with("path %q: want /v1/classes/...", clip(br.Path)))
	}
	var body []byte
	if len(br.Body) > 0 && !bytes.Equal(br.Body, []byte("null")) {
		body = br.Body
	}
	req, err := http.NewRequestWithContext(parent.Context(), br.Method, br.Path, bytes.NewReader(body))
	if path, _, _ := strings.Cut(br.Path, "?"); err != nil || req.URL.Path != path || req.URL.RawQuery != "" && br.Method != http.MethodGet {
		return fail(errInvalidJSON.with("path %q: not a path", clip(br.Path)))
	}
	req.Host, req.TLS, req.RemoteAddr = parent.Host, parent.TLS, parent.RemoteAddr
	rec := &recorder{header: make(http.Header), status: http.StatusOK}
	api.ServeHTTP(rec, req)
	if rec.status >= 400 {
		e := apiError{Status: rec.status}
		if json.Unmarshal(rec.body.Bytes(), &e) != nil || e.Message == "" {
			e = apiError{Status: rec.status, Code: 1, Message: "status " + strconv.Itoa(rec.status)}
		}
		return fail(&e)
	}
	b := append([]byte(`{"success":`), bytes.TrimSpace(rec.body.Bytes())...)
	return append(b, '}'), nil
}

// A recorder is the http.ResponseWriter of one request of a batch.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}
