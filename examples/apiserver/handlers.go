package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"

	"github.com/lifekit/lifekit/batch"
)

// API holds the handlers of the /v1 routes. It has no lifecycle methods of
// its own: it is wired to the components it uses, which the graph starts
// before the Server that serves it.
//
// A handler returns an *apiError for a client's mistake, which is sent as
// it is, or any other error, which the Server records at /debug/errors and
// answers with a bare 500. A handler that returns an error has written
// nothing, and one that refuses a request has changed nothing.
type API struct {
	Config  *Config  `inject:""`
	Store   Store    `inject:""`
	Events  *Events  `inject:""`
	Webhook *Webhook `inject:""`
}

// create is POST /v1/classes/{class}: 201 with objectId and createdAt, and
// a Location header, as Parse answers.
func (a *API) create(w http.ResponseWriter, r *http.Request) error {
	class, err := classOf(r)
	if err != nil {
		return err
	}
	fields, err := a.readFields(w, r)
	if err != nil {
		return err
	}
	t := now()
	o := &Object{Class: class, CreatedAt: t, UpdatedAt: t, Data: encodeFields(fields)}
	if err := a.Store.Create(r.Context(), o); err != nil {
		return err
	}
	a.Webhook.AfterSave(o)
	w.Header().Set("Location", "/v1/classes/"+class+"/"+o.ID)
	writeValue(w, http.StatusCreated, map[string]string{"objectId": o.ID, "createdAt": formatTime(o.CreatedAt)})
	return nil
}

// get is GET /v1/classes/{class}/{id}: the object with its fields.
func (a *API) get(w http.ResponseWriter, r *http.Request) error {
	class, id, err := objectOf(r)
	if err != nil {
		return err
	}
	o, err := a.Store.Get(r.Context(), class, id)
	if errors.Is(err, errNoObject) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o.appendJSON(nil))
	return nil
}

// update is PUT /v1/classes/{class}/{id}: the fields given replace those of
// the same name, the others stay; 200 with updatedAt, as Parse answers.
func (a *API) update(w http.ResponseWriter, r *http.Request) error {
	class, id, err := objectOf(r)
	if err != nil {
		return err
	}
	fields, err := a.readFields(w, r)
	if err != nil {
		return err
	}
	o, err := a.Store.Update(r.Context(), class, id, fields, now())
	if errors.Is(err, errNoObject) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	a.Webhook.AfterSave(o)
	writeValue(w, http.StatusOK, map[string]string{"updatedAt": formatTime(o.UpdatedAt)})
	return nil
}

// remove is DELETE /v1/classes/{class}/{id}: 200 with {}.
func (a *API) remove(w http.ResponseWriter, r *http.Request) error {
	class, id, err := objectOf(r)
	if err != nil {
		return err
	}
	err = a.Store.Delete(r.Context(), class, id)
	if errors.Is(err, errNoObject) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, []byte("{}"))
	return nil
}

// list is GET /v1/classes/{class}?where=...&limit=...&order=...:
// {"results": [...]}.
func (a *API) list(w http.ResponseWriter, r *http.Request) error {
	class, err := classOf(r)
	if err != nil {
		return err
	}
	// url.Values from r.URL.Query() drops what it cannot parse; a query
	// that does not parse is refused instead.
	params, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return errInvalidQuery.with("query string: %v", err)
	}
	q, err := parseListQuery(params)
	if err != nil {
		return err
	}
	q.MaxBytes = a.Config.MaxListBytes
	objs, err := a.Store.List(r.Context(), class, q)
	if errors.Is(err, errListTooLarge) {
		return errInvalidQuery.with("the results would pass %d bytes: ask for fewer with limit", a.Config.MaxListBytes)
	}
	if err != nil {
		return err
	}
	b := append(make([]byte, 0, 256*len(objs)+16), `{"results":[`...)
	for i, o := range objs {
		if i > 0 {
			b = append(b, ',')
		}
		b = o.appendJSON(b)
	}
	writeJSON(w, http.StatusOK, append(b, "]}"...))
	return nil
}

// event is POST /v1/events: 202 with eventId and at once the event is
// committed (group commit; see Events).
func (a *API) event(w http.ResponseWriter, r *http.Request) error {
	body, err := a.readBody(w, r)
	if err != nil {
		return err
	}
	ev, err := decodeEvent(body)
	if err != nil {
		return err
	}
	ev.ID, ev.At = newID(16), now()
	if err := a.Events.Add(r.Context(), ev); err != nil {
		if errors.Is(err, batch.ErrClosed) {
			return errUnavailable
		}
		return err
	}
	writeValue(w, http.StatusAccepted, map[string]string{"eventId": ev.ID, "at": formatTime(ev.At)})
	return nil
}

// readFields reads the request body of a create or an update: the fields
// of one JSON object, checked (see decodeFields).
func (a *API) readFields(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, error) {
	body, err := a.readBody(w, r)
	if err != nil {
		return nil, err
	}
	return decodeFields(body)
}

// readBody reads the request body, at most Config.MaxBody bytes of it.
func (a *API) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > a.Config.MaxBody {
		return nil, errTooLarge.with("request body of %d bytes: the limit is %d", r.ContentLength, a.Config.MaxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.Config.MaxBody))
	if err != nil {
		if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
			return nil, errTooLarge.with("request body over the limit of %d bytes", a.Config.MaxBody)
		}
		// The error may name the server's and the client's sockets
		// (a *net.OpError after a read timeout): not the client's business.
		return nil, errInvalidJSON.with("reading body: %s", bodyReadFailure(err))
	}
	return body, nil
}

// bodyReadFailure says why reading a body failed, in words that name no
// address: the body was cut short, or took too long.
func bodyReadFailure(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ended before its declared length"
	case errors.Is(err, os.ErrDeadlineExceeded):
		return "the body took too long to arrive"
	}
	return "the connection failed"
}

// classOf returns the request's class name, checked.
func classOf(r *http.Request) (string, error) {
	class := r.PathValue("class")
	if !validName(class) {
		return "", errInvalidClass.with("invalid class name %q: want a letter, then letters, digits or _, at most %d", clip(class), maxNameLen)
	}
	return class, nil
}

// objectOf returns the request's class name and object id, checked. An id
// that could not have been made by the server names no object: 404.
func objectOf(r *http.Request) (class, id string, err error) {
	if class, err = classOf(r); err != nil {
		return "", "", err
	}
	if id = r.PathValue("id"); !validID(id) {
		return "", "", errNotFound
	}
	return class, id, nil
}
