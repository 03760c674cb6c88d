package main

import (
	"bytes"
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
// one request's failure does not stop the others. "transaction": true is
// refused: the requests would not commit together.
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
		for k, v := range fields {
			switch k {
			case "requests":
				if err := json.Unmarshal(v, &reqs); err != nil {
					return errInvalidJSON.with("requests: want an array of {method, path, body}")
				}
			case "transaction":
				var tx bool
				if json.Unmarshal(v, &tx) != nil {
					return errInvalidJSON.with("transaction: want true or false")
				}
				if tx {
					return errInvalidQuery.with("transaction: true is not supported by this server: send the requests without it")
				}
			default:
				return errInvalidJSON.with("unknown field %q: want requests", clip(k))
			}
		}
		if len(reqs) > maxBatch {
			return errInvalidQuery.with("requests: %d of them, more than %d", len(reqs), maxBatch)
		}
		out := append(make([]byte, 0, 64*len(reqs)), '[')
		for i, br := range reqs {
			if i > 0 {
				out = append(out, ',')
			}
			out = append(out, s.batchOne(api, r, br)...)
		}
		writeJSON(w, http.StatusOK, append(out, ']'))
		return nil
	}
}

// batchOne runs one request of a batch and returns its entry of the answer.
func (s *Server) batchOne(api http.Handler, parent *http.Request, br batchRequest) []byte {
	fail := func(e *apiError) []byte {
		b, _ := json.Marshal(map[string]*apiError{"error": e})
		return b
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
		var e apiError
		if json.Unmarshal(rec.body.Bytes(), &e) != nil || e.Message == "" {
			e = apiError{Code: 1, Message: "status " + strconv.Itoa(rec.status)}
		}
		return fail(&e)
	}
	b := append([]byte(`{"success":`), bytes.TrimSpace(rec.body.Bytes())...)
	return append(b, '}')
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
