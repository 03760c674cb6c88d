package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"

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
	Creates *Creates `inject:""`
	Updates *Updates `inject:""`
	Webhook *Webhook `inject:""`

	types typeCache // the type each field keeps
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
	if err := a.types.check(r.Context(), a.Store, class, fields); err != nil {
		return err
	}
	data := make(map[string]json.RawMessage, len(fields))
	if _, err := applyChanges(data, fields); err != nil { // operations apply to nothing
		return err
	}
	t := now()
	o := &Object{Class: class, CreatedAt: t, UpdatedAt: t, Data: encodeFields(data)}
	if err := a.Creates.Add(r.Context(), o); err != nil { // group commit: see Creates
		if errors.Is(err, batch.ErrClosed) {
			return errUnavailable
		}
		return err
	}
	afterCommit(r.Context(), func() { a.Webhook.AfterSave(o) })
	w.Header().Set("Location", baseURL(r)+"/v1/classes/"+class+"/"+o.ID)
	writeValue(w, http.StatusCreated, map[string]string{"objectId": o.ID, "createdAt": formatTime(o.CreatedAt)})
	return nil
}

// baseURL is the URL of the server as the client reached it, for the
// absolute Location Parse answers with.
func baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// get is GET /v1/classes/{class}/{id}: the object with its fields.
func (a *API) get(w http.ResponseWriter, r *http.Request) error {
	class, id, err := objectOf(r)
	if err != nil {
		return err
	}
	// keys and include, as for a list.
	var q listQuery
	if r.URL.RawQuery != "" {
		params, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return errInvalidQuery.with("query string: %v", err)
		}
		for name := range params {
			if name != "keys" && name != "include" {
				return errInvalidQuery.with("unsupported parameter %q: want keys or include", clip(name))
			}
		}
		if q, err = parseListQuery(params); err != nil {
			return err
		}
	}
	o, err := a.Store.Get(r.Context(), class, id)
	if errors.Is(err, errNoObject) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if len(q.Include) > 0 {
		if err := a.include(r.Context(), []*Object{o}, q.Include); err != nil {
			return err
		}
	}
	if q.Keys != nil {
		o = o.only(q.Keys)
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
	if err := a.types.check(r.Context(), a.Store, class, fields); err != nil {
		return err
	}
	o, err := a.Updates.Update(r.Context(), class, id, fields, now()) // group commit on SQLite: see Updates
	if errors.Is(err, errNoObject) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	afterCommit(r.Context(), func() { a.Webhook.AfterSave(o) })
	// As Parse: the new values of the fields an operation changed.
	answer := map[string]json.RawMessage{"updatedAt": json.RawMessage(`"` + formatTime(o.UpdatedAt) + `"`)}
	var data map[string]json.RawMessage
	for k, v := range fields {
		if op, ok := isOp(v); ok && op.Op != "Delete" {
			if data == nil {
				if err := json.Unmarshal(o.Data, &data); err != nil {
					return err
				}
			}
			if nv, ok := data[k]; ok {
				answer[k] = nv
			}
		}
	}
	writeJSON(w, http.StatusOK, encodeFields(answer))
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
	if len(q.Include) > 0 {
		if err := a.include(r.Context(), objs, q.Include); err != nil {
			return err
		}
	}
	b := append(make([]byte, 0, 256*len(objs)+16), `{"results":[`...)
	for i, o := range objs {
		if i > 0 {
			b = append(b, ',')
		}
		if q.Keys != nil {
			o = o.only(q.Keys)
		}
		b = o.appendJSON(b)
	}
	b = append(b, ']')
	if q.Count {
		n, err := a.Store.Count(r.Context(), class, q)
		if err != nil {
			return err
		}
		b = append(append(b, `,"count":`...), strconv.Itoa(n)...)
	}
	writeJSON(w, http.StatusOK, append(b, '}'))
	return nil
}

// include replaces, in each object, the Pointers of the fields named by
// include with the objects they point to (Parse's include, one level
// deep): their fields, with "__type": "Object" and "className". A Pointer
// to an object that does not exist stays a Pointer.
func (a *API) include(ctx context.Context, objs []*Object, include []string) error {
	type ref struct{ class, id string }
	fetched := make(map[ref][]byte)
	for _, o := range objs {
		var data map[string]json.RawMessage
		if err := json.Unmarshal(o.Data, &data); err != nil {
			return err
		}
		changed := false
		for _, f := range include {
			var p struct {
				Type      string `json:"__type"`
				ClassName string `json:"className"`
				ObjectID  string `json:"objectId"`
			}
			if v, ok := data[f]; !ok || json.Unmarshal(v, &p) != nil || p.Type != "Pointer" {
				continue
			}
			key := ref{p.ClassName, p.ObjectID}
			full, ok := fetched[key]
			if !ok {
				target, err := a.Store.Get(ctx, p.ClassName, p.ObjectID)
				switch {
				case errors.Is(err, errNoObject):
				case err != nil:
					return err
				default:
					head := append([]byte(`{"__type":"Object","className":`), strconv.Quote(p.ClassName)...)
					full = target.appendJSON(append(head, ','))
					full = append(full[:len(head)+1], full[len(head)+2:]...) // one object: drop the inner brace
				}
				fetched[key] = full
			}
			if full != nil {
				data[f], changed = full, true
			}
		}
		if changed {
			o.Data = encodeFields(data)
		}
	}
	return nil
}

// namedEvent is POST /v1/events/{name}: Parse's Analytics.track, with
// {"dimensions": {...}} (and "at", which is ignored: the server dates its
// events). 200 with {} once committed, as Parse answers.
func (a *API) namedEvent(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if !validName(name) {
		return errInvalidEvent.with("invalid event name %q: want a letter, then letters, digits or _, at most %d", clip(name), maxNameLen)
	}
	body, err := a.readBody(w, r)
	if err != nil {
		return err
	}
	m, err := decodeObject(body, "body")
	if err != nil {
		return err
	}
	ev := Event{Name: name, Data: []byte("{}")}
	for k, v := range m {
		switch k {
		case "dimensions":
			dims, err := decodeFields(v)
			if err != nil {
				return errInvalidEvent.with("dimensions: %v", err)
			}
			ev.Data = encodeFields(dims)
		case "at":
		default:
			return errInvalidEvent.with("unknown field %q: want dimensions", clip(k))
		}
	}
	ev.ID, ev.At = newID(16), now()
	if err := a.Events.Add(r.Context(), ev); err != nil {
		if errors.Is(err, batch.ErrClosed) {
			return errUnavailable
		}
		return err
	}
	writeJSON(w, http.StatusOK, []byte("{}"))
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
// of one JSON object, checked (see decodeFields). No body at all is no
// fields, as Parse takes it.
func (a *API) readFields(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, error) {
	body, err := a.readBody(w, r)
	if err != nil {
		return nil, err
	}
	if len(body) == 0 {
		return map[string]json.RawMessage{}, nil
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
