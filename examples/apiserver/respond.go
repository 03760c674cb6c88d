package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// An apiError is a client's mistake, answered with its HTTP status and a
// JSON body {"code": ..., "error": ...}. The codes are Parse's, so that
// Parse clients recognise them; -1 (Parse's "other cause") marks an HTTP-level
// mistake with no Parse code, such as an unknown route.
type apiError struct {
	Status  int    `json:"-"`
	Code    int    `json:"code,omitempty"` // 0 for none, as Parse's "unauthorized"
	Message string `json:"error"`
}

func (e *apiError) Error() string { return e.Message }

// with returns an error of e's kind with a more precise message.
func (e *apiError) with(format string, args ...any) *apiError {
	return &apiError{Status: e.Status, Code: e.Code, Message: fmt.Sprintf(format, args...)}
}

// The kinds of apiError. Handlers return these (or one made with .with);
// any other error is the server's and becomes errInternal.
var (
	errInternal      = &apiError{http.StatusInternalServerError, 1, "internal server error"}
	errUnavailable   = &apiError{http.StatusServiceUnavailable, 1, "server is shutting down"}
	errStoreSlow     = &apiError{http.StatusServiceUnavailable, 1, "the store did not answer in time"}
	errStoreConflict = &apiError{http.StatusServiceUnavailable, 1, "the store gave up the request for a concurrent one's sake: send it again"}
	errStoreFull     = &apiError{http.StatusServiceUnavailable, 1, "the store cannot serve this now (disk full or read-only): try again later"}
	errNotFound      = &apiError{http.StatusNotFound, 101, "object not found"}
	errInvalidQuery  = &apiError{http.StatusBadRequest, 102, "invalid query"}
	errInvalidClass  = &apiError{http.StatusBadRequest, 103, "invalid class name"}
	errInvalidKey    = &apiError{http.StatusBadRequest, 105, "invalid field name"}
	errInvalidJSON   = &apiError{http.StatusBadRequest, 107, "invalid JSON"}
	errTooLarge      = &apiError{http.StatusRequestEntityTooLarge, 116, "request body too large"}
	errInvalidEvent  = &apiError{http.StatusBadRequest, 160, "invalid event"}
	errNoRoute       = &apiError{http.StatusNotFound, -1, "no such route"}
	errMethod        = &apiError{http.StatusMethodNotAllowed, -1, "method not allowed"}
)

// writeJSON sends body, which is JSON, with status.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// writeValue sends v as JSON with status.
func writeValue(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Handlers pass maps of strings and times and *apiError: unreachable.
		panic(fmt.Sprintf("writeValue: %v", err))
	}
	writeJSON(w, status, body)
}

// writeError sends e as the JSON error body.
func writeError(w http.ResponseWriter, e *apiError) {
	writeValue(w, e.Status, e)
}
