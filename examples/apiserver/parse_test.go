package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lifekit/lifekit/batch"
)

// list runs a query and returns the values of field in the results, in
// order, as JSON text ("" for a missing field).
func (s *testServer) list(t *testing.T, class string, params url.Values, field string) []string {
	t.Helper()
	r := s.do(t, http.MethodGet, "/v1/classes/"+class+"?"+params.Encode(), "")
	r.want(t, http.StatusOK, 0)
	var out struct {
		Results []map[string]json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("list %s: %v", r.body, err)
	}
	var vals []string
	for _, o := range out.Results {
		vals = append(vals, string(o[field]))
	}
	return vals
}

// The where operators, on numbers, strings, Dates, objectId and createdAt,
// equality on Pointers, $or and $and, as Parse's clients send them.
func TestWhereOperators(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		date := func(day int) string {
			return fmt.Sprintf(`{"__type":"Date","iso":"2026-01-%02dT10:00:00.000Z"}`, day)
		}
		ids := map[int]string{}
		for i := 1; i <= 5; i++ {
			ids[i] = s.create(t, "Q", fmt.Sprintf(`{"i":%d,"n":%d,"s":"s%d","d":%s,"p":{"__type":"Pointer","className":"P","objectId":"p%d"}}`, i, i*10, i, date(i), i%2))
		}
		s.create(t, "Q", `{"i":6}`)          // fields missing
		s.create(t, "Q", `{"i":7,"n":null}`) // null: left out
		for _, c := range []struct{ where, want string }{
			{`{"n":{"$gt":20}}`, "3 4 5"},
			{`{"n":{"$gte":20,"$lt":40}}`, "2 3"},
			{`{"n":{"$lte":10.5}}`, "1"},
			{`{"n":{"$ne":30}}`, "1 2 4 5 6 7"}, // $ne matches other types and missing fields, as in Parse
			{`{"n":{"$in":[10,"60",50]}}`, "1 5"},
			{`{"n":{"$nin":[10,20]}}`, "3 4 5 6 7"},
			{`{"n":{"$exists":true}}`, "1 2 3 4 5"},
			{`{"n":{"$exists":false}}`, "6 7"},
			{`{"s":{"$gt":"s3"}}`, "4 5"},
			{`{"s":{"$lt":"s2"}}`, "1"},
			{`{"d":{"$gt":` + date(3) + `}}`, "4 5"},
			{`{"d":{"$lte":` + date(2) + `}}`, "1 2"},
			{`{"d":` + date(4) + `}`, "4"},
			{`{"p":{"__type":"Pointer","className":"P","objectId":"p1"}}`, "1 3 5"},
			{`{"p":{"$ne":{"__type":"Pointer","className":"P","objectId":"p1"}}}`, "2 4 6 7"},
			{`{"objectId":"` + ids[2] + `"}`, "2"},
			{`{"objectId":{"$in":["` + ids[1] + `","` + ids[4] + `"]}}`, "1 4"},
			{`{"objectId":{"$nin":["` + ids[1] + `"]},"i":{"$lt":3}}`, "2"},
			{`{"$or":[{"i":1},{"s":"s4"},{"n":{"$gt":40}}]}`, "1 4 5"},
			{`{"$and":[{"i":{"$gt":1}},{"$or":[{"i":2},{"i":5}]}]}`, "2 5"},
			{`{"createdAt":{"$gt":{"__type":"Date","iso":"2000-01-01T00:00:00Z"}},"i":{"$in":[1,2]}}`, "1 2"},
			{`{"createdAt":{"$lt":{"__type":"Date","iso":"2000-01-01T00:00:00Z"}}}`, ""},
		} {
			got := strings.Join(s.list(t, "Q", url.Values{"where": {c.where}, "order": {"i"}}, "i"), " ")
			if got != c.want {
				t.Errorf("where %s: i = %q, want %q", c.where, got, c.want)
			}
		}
	})
}

// order on any field, several keys, descending, objectId; skip, limit,
// count, keys; include of a Pointer.
func TestListParameters(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		for i, v := range []string{`{"g":"b","n":2}`, `{"g":"a","n":3}`, `{"g":"b","n":1}`, `{"g":"a","n":1}`, `{"n":0}`} {
			s.create(t, "O", v[:len(v)-1]+fmt.Sprintf(`,"i":%d}`, i))
		}
		for _, c := range []struct {
			params url.Values
			want   string
		}{
			{url.Values{"order": {"n,i"}}, "4 2 3 0 1"},
			{url.Values{"order": {"-n,i"}}, "1 0 2 3 4"},
			{url.Values{"order": {"g,-n"}}, "1 3 0 2 4"}, // a missing field sorts last, as in PostgreSQL
			{url.Values{"order": {"-g,n"}}, "4 2 0 3 1"},
			{url.Values{"order": {"i"}, "skip": {"2"}, "limit": {"2"}}, "2 3"},
			{url.Values{"order": {"i"}, "skip": {"10"}}, ""},
		} {
			if got := strings.Join(s.list(t, "O", c.params, "i"), " "); got != c.want {
				t.Errorf("%v: i = %q, want %q", c.params, got, c.want)
			}
		}
		// objectId as a sort key: the ids, in order.
		ids := s.list(t, "O", url.Values{"order": {"-objectId"}}, "objectId")
		if !slices.IsSortedFunc(ids, func(a, b string) int { return strings.Compare(b, a) }) || len(ids) != 5 {
			t.Errorf("order=-objectId: %v", ids)
		}

		r := s.do(t, http.MethodGet, "/v1/classes/O?"+url.Values{"where": {`{"g":"a"}`}, "count": {"1"}, "limit": {"1"}, "keys": {"g"}}.Encode(), "")
		var out struct {
			Results []map[string]any `json:"results"`
			Count   *int             `json:"count"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil || out.Count == nil || *out.Count != 2 || len(out.Results) != 1 {
			t.Fatalf("count=1: %s, want 1 result and count 2", r.body)
		}
		if o := out.Results[0]; len(o) != 4 || o["g"] != "a" {
			t.Errorf("keys=g: %v, want objectId, createdAt, updatedAt and g", o)
		}
		r = s.do(t, http.MethodGet, "/v1/classes/O?count=1&limit=0", "")
		if string(r.body) != `{"results":[],"count":5}` {
			t.Errorf("count=1&limit=0: %s", r.body)
		}

		// include: the pointed-to object replaces the Pointer.
		target := s.create(t, "Team", `{"name":"red"}`)
		s.create(t, "Player", `{"team":{"__type":"Pointer","className":"Team","objectId":"`+target+`"},"lost":{"__type":"Pointer","className":"Team","objectId":"gone"}}`)
		r = s.do(t, http.MethodGet, "/v1/classes/Player?include=team,lost", "")
		var players struct {
			Results []map[string]map[string]any `json:"results"`
		}
		if err := json.Unmarshal(r.body, &players); err != nil {
			// objectId and the dates are strings, not objects: decode loosely.
			var loose struct {
				Results []map[string]json.RawMessage `json:"results"`
			}
			if err := json.Unmarshal(r.body, &loose); err != nil || len(loose.Results) != 1 {
				t.Fatalf("include: %s", r.body)
			}
			players.Results = []map[string]map[string]any{{}}
			for _, f := range []string{"team", "lost"} {
				var m map[string]any
				json.Unmarshal(loose.Results[0][f], &m)
				players.Results[0][f] = m
			}
		}
		team, lost := players.Results[0]["team"], players.Results[0]["lost"]
		if team["__type"] != "Object" || team["className"] != "Team" || team["objectId"] != target || team["name"] != "red" || team["createdAt"] == nil {
			t.Errorf("included team: %v", team)
		}
		if lost["__type"] != "Pointer" {
			t.Errorf("a Pointer to no object: %v, want the Pointer", lost)
		}
		// keys and include on a get by id too.
		player := s.list(t, "Player", url.Values{}, "objectId")[0]
		r = s.do(t, http.MethodGet, "/v1/classes/Player/"+strings.Trim(player, `"`)+"?include=team&keys=team", "")
		r.want(t, http.StatusOK, 0)
		var one map[string]json.RawMessage
		json.Unmarshal(r.body, &one)
		if _, ok := one["lost"]; ok || !strings.Contains(string(one["team"]), `"name":"red"`) || len(one) != 4 {
			t.Errorf("get with include and keys: %s", r.body)
		}
		s.do(t, http.MethodGet, "/v1/classes/Player/"+strings.Trim(player, `"`)+"?limit=1", "").want(t, http.StatusBadRequest, 102)
		// An empty create body is an empty object.
		s.do(t, http.MethodPost, "/v1/classes/Empty", "").want(t, http.StatusCreated, 0)
	})
}

// Increment, Add, AddUnique, Remove and Delete, applied in the store's
// transaction: concurrent increments all count; an update answers with the
// new values; null removes a field.
func TestFieldOperations(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		id := s.create(t, "Op", `{"n":{"__op":"Increment","amount":5},"tags":{"__op":"AddUnique","objects":["a","a","b"]},"gone":{"__op":"Delete"},"z":null}`)
		get := func() map[string]any {
			return s.do(t, http.MethodGet, "/v1/classes/Op/"+id, "").object(t)
		}
		if o := get(); o["n"] != 5.0 || fmt.Sprint(o["tags"]) != "[a b]" || o["gone"] != nil || len(o) != 5 {
			t.Errorf("created with operations: %v", o)
		}

		r := s.do(t, http.MethodPut, "/v1/classes/Op/"+id, `{"n":{"__op":"Increment","amount":10},"tags":{"__op":"Add","objects":["a",{"x":1}]},"other":1}`)
		r.want(t, http.StatusOK, 0)
		if a := r.object(t); a["n"] != 15.0 || fmt.Sprint(a["tags"]) != "[a b a map[x:1]]" || a["other"] != nil || a["updatedAt"] == nil {
			t.Errorf("update answer %s: want updatedAt, and n and tags (changed by an operation)", r.body)
		}
		s.do(t, http.MethodPut, "/v1/classes/Op/"+id, `{"tags":{"__op":"Remove","objects":["a",{"x":1}]},"n":{"__op":"Increment","amount":-0.5},"other":null}`).want(t, http.StatusOK, 0)
		if o := get(); o["n"] != 14.5 || fmt.Sprint(o["tags"]) != "[b]" || o["other"] != nil {
			t.Errorf("after Remove, a negative Increment and a null: %v", o)
		}
		s.do(t, http.MethodPut, "/v1/classes/Op/"+id, `{"tags":{"__op":"Delete"}}`).want(t, http.StatusOK, 0)
		if o := get(); o["tags"] != nil {
			t.Errorf("after Delete: %v", o)
		}

		// 20 concurrent increments of one counter: all count.
		counter := s.create(t, "Op", `{"c":0}`)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				if status, body := s.concurrently(t, http.MethodPut, "/v1/classes/Op/"+counter, `{"c":{"__op":"Increment","amount":1}}`); status != http.StatusOK {
					t.Errorf("increment: %d %s", status, body)
				}
			})
		}
		wg.Wait()
		if o := s.do(t, http.MethodGet, "/v1/classes/Op/"+counter, "").object(t); o["c"] != 20.0 {
			t.Errorf("after 20 concurrent increments c = %v, want 20", o["c"])
		}
		// An integer past int64 becomes a float, not a wrapped integer.
		big := s.create(t, "Op", `{"c":9223372036854775807}`)
		r = s.do(t, http.MethodPut, "/v1/classes/Op/"+big, `{"c":{"__op":"Increment","amount":1}}`)
		if a := r.object(t); a["c"] != 9.223372036854776e18 {
			t.Errorf("increment past int64: %s", r.body)
		}
	})
}

// POST /v1/batch with "transaction": true: all the requests apply, or,
// when one fails, none does, and the answer is that one's error. Field
// types set by a batch that rolled back are not kept, in the store or in
// the server's cache.
func TestBatchTransaction(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		counter := s.create(t, "T", `{"n":1}`)
		gone := s.create(t, "T", `{"n":0}`)
		dump := func() string {
			t.Helper()
			return string(s.do(t, http.MethodGet, "/v1/classes/T?order=objectId", "").body)
		}
		batch := func(requests ...string) response {
			t.Helper()
			return s.do(t, http.MethodPost, "/v1/batch", `{"transaction":true,"requests":[`+strings.Join(requests, ",")+`]}`)
		}
		inc := `{"method":"PUT","path":"/v1/classes/T/` + counter + `","body":{"n":{"__op":"Increment","amount":10}}}`

		before := dump()
		for _, c := range []struct {
			name         string
			last         string // the request that fails, after a create and an Increment
			status, code int
		}{
			{"a missing object", `{"method":"DELETE","path":"/v1/classes/T/AAAAAAAAAA"}`, 404, 101},
			{"a field of another type", `{"method":"POST","path":"/v1/classes/T","body":{"n":"ten"}}`, 400, 111},
			{"a bad field name", `{"method":"PUT","path":"/v1/classes/T/` + counter + `","body":{"bad-name":1}}`, 400, 105},
			{"a bad path", `{"method":"PUT","path":"/v1/users/x","body":{}}`, 400, 107},
		} {
			r := batch(`{"method":"POST","path":"/v1/classes/T","body":{"n":5,"fresh":"new field"}}`, inc, c.last)
			r.want(t, c.status, c.code)
			if !strings.Contains(string(r.body), "request 2 of the transaction") {
				t.Errorf("%s: %s: want the failed request named", c.name, r.body)
			}
			if after := dump(); after != before {
				t.Errorf("%s: the store changed:\n%s\nwant\n%s", c.name, after, before)
			}
		}
		// "fresh" was typed String in the rolled-back transactions only.
		s.do(t, http.MethodPost, "/v1/classes/T", `{"fresh":1}`).want(t, http.StatusCreated, 0)

		// A GET may not hold SQLite's writer: refused before anything runs.
		before = dump()
		r := batch(inc, `{"method":"GET","path":"/v1/classes/T/`+counter+`"}`)
		r.want(t, http.StatusBadRequest, 107)
		if after := dump(); after != before {
			t.Errorf("a transaction with a GET changed the store:\n%s", after)
		}

		r = batch(`{"method":"POST","path":"/v1/classes/T","body":{"n":7}}`, inc,
			`{"method":"DELETE","path":"/v1/classes/T/`+gone+`"}`,
			`{"method":"PUT","path":"/v1/classes/T/`+counter+`","body":{"n":{"__op":"Increment","amount":0}}}`)
		r.want(t, http.StatusOK, 0)
		var out []struct {
			Success map[string]any `json:"success"`
			Error   *apiError      `json:"error"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil || len(out) != 4 {
			t.Fatalf("batch: %s", r.body)
		}
		// The requests see the writes before them in the transaction.
		if out[0].Success["objectId"] == nil || out[1].Success["n"] != 11.0 || out[3].Success["n"] != 11.0 {
			t.Errorf("batch: %s", r.body)
		}
		if o := s.do(t, http.MethodGet, "/v1/classes/T/"+counter, "").object(t); o["n"] != 11.0 {
			t.Errorf("after the transaction: %v", o)
		}
		s.do(t, http.MethodGet, "/v1/classes/T/"+gone, "").want(t, http.StatusNotFound, 101)

		// Concurrent transactions on the same counters: each counts.
		other := s.create(t, "T", `{"n":0}`)
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				batch := `{"transaction":true,"requests":[` + inc + `,{"method":"PUT","path":"/v1/classes/T/` + other + `","body":{"n":{"__op":"Increment","amount":1}}}]}`
				if status, body := s.concurrently(t, http.MethodPost, "/v1/batch", batch); status != http.StatusOK {
					t.Errorf("a concurrent transaction: %d %s", status, body)
				}
			})
		}
		wg.Wait()
		if o := s.do(t, http.MethodGet, "/v1/classes/T/"+counter, "").object(t); o["n"] != 111.0 {
			t.Errorf("after 10 concurrent transactions: n = %v, want 111", o["n"])
		}
		if o := s.do(t, http.MethodGet, "/v1/classes/T/"+other, "").object(t); o["n"] != 10.0 {
			t.Errorf("after 10 concurrent transactions: n = %v, want 10", o["n"])
		}
	})
}

// On SQLite, updates go through group commit (Updates): concurrent
// updates are each answered once stored, all of them count, and one that
// fails on its own (no such object) fails alone, in a commit the others
// share. On PostgreSQL they go straight to the store.
func TestGroupCommitUpdates(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		var ids []string
		for range 4 {
			ids = append(ids, s.create(t, "U", `{"n":0,"tags":[]}`))
		}
		const n = 64
		status := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				path := "/v1/classes/U/" + ids[i%4]
				body := `{"n":{"__op":"Increment","amount":1},"tags":{"__op":"Add","objects":[` + strconv.Itoa(i) + `]}}`
				if i%8 == 5 {
					path = "/v1/classes/U/AAAAAAAAAA"
				}
				status[i], _ = s.concurrently(t, http.MethodPut, path, body)
			})
		}
		wg.Wait()
		ok := 0
		for i, got := range status {
			want := http.StatusOK
			if i%8 == 5 {
				want = http.StatusNotFound
			}
			if got != want {
				t.Errorf("update %d: %d, want %d", i, got, want)
			}
			if got == http.StatusOK {
				ok++
			}
		}
		sum, tags := 0.0, 0
		for _, id := range ids {
			o := s.do(t, http.MethodGet, "/v1/classes/U/"+id, "").object(t)
			n, _ := o["n"].(float64)
			list, _ := o["tags"].([]any)
			sum, tags = sum+n, tags+len(list)
		}
		if sum != float64(ok) || tags != ok {
			t.Errorf("increments sum to %v and %d tags were added, want %d of each", sum, tags, ok)
		}
		st := component[*Updates](t, s.graph).Stats()
		t.Logf("%d updates committed, %d failed, in %d commits", st.Committed, st.Failed, st.Batches.Total())
		switch b.name {
		case "sqlite":
			if st.Committed != uint64(ok) || st.Failed != n/8 {
				t.Errorf("the batcher committed %d and failed %d, want %d and %d", st.Committed, st.Failed, ok, n/8)
			}
		default:
			if st.Added != 0 {
				t.Errorf("%d updates went through the batcher on %s, want none", st.Added, b.name)
			}
		}
	})
}

// Transactional batches that lock two objects in opposite orders deadlock
// on PostgreSQL now and then: PostgreSQL gives one of them up after its
// deadlock_timeout (a 503 that says to send it again), or the others wait
// past the store's timeout (a 503 too), and nothing of a failed batch
// stays. On SQLite they take turns. Either way the counters sum to the
// batches that succeeded.
func TestBatchTransactionConflict(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		x, y := s.create(t, "D", `{"n":0}`), s.create(t, "D", `{"n":0}`)
		inc := func(id string) string {
			return `{"method":"PUT","path":"/v1/classes/D/` + id + `","body":{"n":{"__op":"Increment","amount":1}}}`
		}
		const n = 8
		var ok atomic.Int64
		var wg sync.WaitGroup
		for i := range n {
			first, second := x, y
			if i%2 == 1 {
				first, second = y, x
			}
			wg.Go(func() {
				status, b := s.concurrently(t, http.MethodPost, "/v1/batch", `{"transaction":true,"requests":[`+inc(first)+","+inc(second)+`]}`)
				switch {
				case status == http.StatusOK:
					ok.Add(1)
				case status != http.StatusServiceUnavailable || !strings.Contains(string(b), `"code":1,`):
					t.Errorf("a transaction: %d %s; want 200, or a 503", status, b)
				default:
					t.Logf("a transaction: %d %s", status, b)
				}
			})
		}
		wg.Wait()
		for _, id := range []string{x, y} {
			if o := s.do(t, http.MethodGet, "/v1/classes/D/"+id, "").object(t); o["n"] != float64(ok.Load()) {
				t.Errorf("object %s: n = %v, want %d (the batches that succeeded)", id, o["n"], ok.Load())
			}
		}
		t.Logf("%d of %d transactions succeeded", ok.Load(), n)
	})
}

// An update that PostgreSQL applies in one statement (postgresUpdate) and
// one that Update applies in Go must answer and store the same: every case
// here runs on both stores. On PostgreSQL, the test also runs
// postgresUpdate's statement itself on a twin of the object, and checks
// that it applies the change (applied), updates nothing, for a stored value
// it cannot add to, after which Update falls back to the transaction
// (noRow), or that postgresUpdate leaves the change to the transaction
// (inGo).
func TestUpdateInPlace(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		// legacy stores an object as an older server, with no field types
		// recorded, may have left it: the guard of postgresUpdate, not
		// the types, must keep an Increment off a string.
		legacy := func(data string) string {
			t.Helper()
			st := s.store.(*sqlStore)
			id := newID(10)
			at := now().UnixMilli()
			if _, err := st.w.Exec(st.d.sql(sqlInsertObject), "Legacy", id, at, at, data); err != nil {
				t.Fatal(err)
			}
			return id
		}
		const (
			inGo = iota
			noRow
			applied
		)
		for _, c := range []struct {
			name, class, data, change string
			inPlace                   int
			status, code              int
			answer, after             string // JSON of the answer's fields but updatedAt; of the object's fields after
		}{
			{"eighteen digits", "Up", `{"c":999999999999999999}`, `{"c":{"__op":"Increment","amount":999999999999999999}}`, applied,
				200, 0, `{"c":1999999999999999998}`, `{"c":1999999999999999998}`},
			{"values, null, Delete and Increments together", "Up", `{"a":1,"b":2,"c":3,"d":"x"}`,
				`{"a":{"__op":"Increment","amount":-1},"b":null,"c":{"__op":"Delete"},"d":"y","e":{"__op":"Increment","amount":7},"f":[1,{"g":2}]}`, applied,
				200, 0, `{"a":0,"e":7}`, `{"a":0,"d":"y","e":7,"f":[1,{"g":2}]}`},
			{"a float field", "Up", `{"c":1.5}`, `{"c":{"__op":"Increment","amount":1}}`, noRow,
				200, 0, `{"c":2.5}`, `{"c":2.5}`},
			{"a float amount", "Up", `{"c":2}`, `{"c":{"__op":"Increment","amount":0.25}}`, inGo,
				200, 0, `{"c":2.25}`, `{"c":2.25}`},
			{"an amount of 10^18", "Up", `{"c":5}`, `{"c":{"__op":"Increment","amount":1000000000000000000}}`, inGo,
				200, 0, `{"c":1000000000000000005}`, `{"c":1000000000000000005}`},
			{"nineteen digits", "Up", `{"c":9223372036854775800}`, `{"c":{"__op":"Increment","amount":7}}`, noRow,
				200, 0, `{"c":9223372036854775807}`, `{"c":9223372036854775807}`},
			{"an Add beside", "Up", `{"c":1,"l":[1]}`, `{"c":{"__op":"Increment","amount":1},"l":{"__op":"Add","objects":[2]}}`, inGo,
				200, 0, `{"c":2,"l":[1,2]}`, `{"c":2,"l":[1,2]}`},
			{"a stored null", "Legacy", `{"c":null}`, `{"c":{"__op":"Increment","amount":3}}`, applied,
				200, 0, `{"c":3}`, `{"c":3}`},
			{"a stored string of digits", "Legacy", `{"c":"12"}`, `{"c":{"__op":"Increment","amount":1}}`, noRow,
				400, 111, ``, `{"c":"12"}`},
			{"a stored array", "Legacy", `{"c":[1]}`, `{"c":{"__op":"Increment","amount":1}}`, noRow,
				400, 111, ``, `{"c":[1]}`},
		} {
			t.Run(c.name, func(t *testing.T) {
				object := func() string {
					if c.class == "Legacy" {
						return legacy(c.data)
					}
					return s.create(t, c.class, c.data)
				}
				if b.name == "postgres" {
					var fields map[string]json.RawMessage
					if err := json.Unmarshal([]byte(c.change), &fields); err != nil {
						t.Fatal(err)
					}
					var stmt builder
					if got := postgresUpdate(&stmt, c.class, object(), fields, 0); got != (c.inPlace != inGo) {
						t.Fatalf("postgresUpdate took it: %v, want %v", got, !got)
					}
					if c.inPlace != inGo {
						st := s.store.(*sqlStore)
						var created int64
						var data []byte
						err := st.w.QueryRow(st.d.sql(stmt.String()), stmt.args...).Scan(&created, &data)
						switch {
						case c.inPlace == noRow && !errors.Is(err, sql.ErrNoRows):
							t.Errorf("the statement alone: %v, %s; want no row", err, data)
						case c.inPlace == applied && err != nil:
							t.Errorf("the statement alone: %v", err)
						case c.inPlace == applied:
							if got := mustJSON(t, numbers(t, data)); got != c.after {
								t.Errorf("the statement alone stored %s, want %s", got, c.after)
							}
						}
					}
				}
				id := object()
				st := s.store.(*sqlStore)
				inPlace, fellBack := st.inPlace.Load(), st.fellBack.Load()
				r := s.do(t, http.MethodPut, "/v1/classes/"+c.class+"/"+id, c.change)
				r.want(t, c.status, c.code)
				if b.name == "postgres" {
					// Which way Update went: the one statement, or the
					// transaction after it, or the transaction alone.
					want := map[int][2]int64{inGo: {0, 0}, noRow: {0, 1}, applied: {1, 0}}[c.inPlace]
					if got := [2]int64{st.inPlace.Load() - inPlace, st.fellBack.Load() - fellBack}; got != want {
						t.Errorf("updates applied in place, fallen back: %v, want %v", got, want)
					}
				}
				if c.status == http.StatusOK {
					a := numbers(t, r.body)
					if a["updatedAt"] == nil {
						t.Errorf("answer %s: no updatedAt", r.body)
					}
					delete(a, "updatedAt")
					if got := mustJSON(t, a); got != c.answer {
						t.Errorf("answer %s, want %s", got, c.answer)
					}
				}
				o := numbers(t, s.do(t, http.MethodGet, "/v1/classes/"+c.class+"/"+id, "").body)
				for _, k := range []string{"objectId", "createdAt", "updatedAt"} {
					delete(o, k)
				}
				if got := mustJSON(t, o); got != c.after {
					t.Errorf("stored %s, want %s", got, c.after)
				}
			})
		}
		s.do(t, http.MethodPut, "/v1/classes/Up/AAAAAAAAAA", `{"c":{"__op":"Increment","amount":1}}`).want(t, http.StatusNotFound, 101)
	})
}

// numbers decodes a JSON object keeping its numbers' text (UseNumber), so
// that integers past 2^53 compare exactly.
func numbers(t *testing.T, body []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		t.Fatalf("body %s: want a JSON object (%v)", body, err)
	}
	return m
}

// mustJSON encodes v, numbers decoded by numbers as their text.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// POST /v1/batch, as saveAll and destroyAll send it: each request's
// answer in order, a failure in its place without stopping the others.
func TestBatch(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		id := s.create(t, "B", `{"n":1}`)
		r := s.do(t, http.MethodPost, "/v1/batch", `{"requests":[
			{"method":"POST","path":"/v1/classes/B","body":{"n":2}},
			{"method":"PUT","path":"/v1/classes/B/`+id+`","body":{"n":{"__op":"Increment","amount":5}}},
			{"method":"DELETE","path":"/v1/classes/B/AAAAAAAAAA"},
			{"method":"POST","path":"/v1/classes/B","body":{"bad-name":1}},
			{"method":"POST","path":"/v1/batch","body":{}},
			{"method":"GET","path":"/v1/classes/B/`+id+`"},
			{"method":"GET","path":"/v1/classes/B?where=%7B%22n%22%3A6%7D&keys=n"}
		]}`)
		r.want(t, http.StatusOK, 0)
		var out []struct {
			Success map[string]any `json:"success"`
			Error   *apiError      `json:"error"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil || len(out) != 7 {
			t.Fatalf("batch: %s", r.body)
		}
		if res, _ := out[6].Success["results"].([]any); len(res) != 1 {
			t.Errorf("a GET with a query in a batch: %+v", out[6])
		}
		if out[0].Success["objectId"] == nil || out[1].Success["n"] != 6.0 || out[5].Success["n"] != 6.0 {
			t.Errorf("batch successes: %s", r.body)
		}
		for i, code := range map[int]int{2: 101, 3: 105, 4: 107} {
			if out[i].Error == nil || out[i].Error.Code != code {
				t.Errorf("batch request %d: %+v, want error %d", i, out[i], code)
			}
		}
		s.do(t, http.MethodPost, "/v1/batch", `{"requests":[],"transaction":"yes"}`).want(t, http.StatusBadRequest, 107)
		s.do(t, http.MethodPost, "/v1/batch", `{"reqs":[]}`).want(t, http.StatusBadRequest, 107)
		many := strings.Repeat(`{"method":"GET","path":"/v1/classes/B/`+id+`"},`, maxBatch+1)
		s.do(t, http.MethodPost, "/v1/batch", `{"requests":[`+strings.TrimSuffix(many, ",")+`]}`).want(t, http.StatusBadRequest, 102)
		if r := s.do(t, http.MethodPost, "/v1/batch", `{"requests":[]}`); r.status != http.StatusOK || string(r.body) != "[]" {
			t.Errorf("an empty batch: %d %s, want 200 [] as Parse", r.status, r.body)
		}
	})
}

// The JavaScript SDK's envelope: every request a text/plain POST, the
// method in _method, a query's parameters in the body.
func TestSDKEnvelope(t *testing.T) {
	s := startServer(t, newSQLiteStore(t.TempDir()))
	bare := s.bare(t)
	env := func(method, fields string) string {
		return `{"_method":"` + method + `","_ApplicationId":"` + testAppID + `","_ClientVersion":"js8.6.0"` + fields + `}`
	}
	r := bare.do(t, http.MethodPost, "/v1/classes/E", `{"_ApplicationId":"`+testAppID+`","n":1}`, "Content-Type", "text/plain")
	r.want(t, http.StatusCreated, 0)
	id := r.object(t)["objectId"].(string)
	s.create(t, "E", `{"n":2}`)
	s.create(t, "E", `{"n":3}`)

	r = bare.do(t, http.MethodPost, "/v1/classes/E", env("GET", `,"where":{"n":{"$gte":2}},"order":"-n","limit":5,"count":1`), "Content-Type", "text/plain")
	r.want(t, http.StatusOK, 0)
	var out struct {
		Results []struct{ N int } `json:"results"`
		Count   int               `json:"count"`
	}
	if json.Unmarshal(r.body, &out) != nil || len(out.Results) != 2 || out.Results[0].N != 3 || out.Count != 2 {
		t.Errorf("GET in a POST: %s", r.body)
	}
	bare.do(t, http.MethodPost, "/v1/classes/E/"+id, env("PUT", `,"n":{"__op":"Increment","amount":1}`)).want(t, http.StatusOK, 0)
	r = bare.do(t, http.MethodPost, "/v1/classes/E/"+id, env("GET", ""))
	if r.object(t)["n"] != 2.0 {
		t.Errorf("after PUT in a POST: %s", r.body)
	}
	bare.do(t, http.MethodPost, "/v1/classes/E/"+id, env("DELETE", "")).want(t, http.StatusOK, 0)
	bare.do(t, http.MethodPost, "/v1/classes/E/"+id, env("GET", "")).want(t, http.StatusNotFound, 101)
	bare.do(t, http.MethodPost, "/v1/classes/E", env("PATCH", "")).want(t, http.StatusBadRequest, 107)

	// Analytics.track: POST /v1/events/{name}.
	r = bare.do(t, http.MethodPost, "/v1/events/AppOpened", `{"_ApplicationId":"`+testAppID+`","dimensions":{"source":"web"},"at":{"__type":"Date","iso":"2026-01-01T00:00:00.000Z"}}`)
	r.want(t, http.StatusOK, 0)
	if string(r.body) != "{}" {
		t.Errorf("event: %s, want {}", r.body)
	}
	s.do(t, http.MethodPost, "/v1/events/Bad-Name", `{}`).want(t, http.StatusBadRequest, 160)
	s.do(t, http.MethodPost, "/v1/events/A", `{"dimensions":[1]}`).want(t, http.StatusBadRequest, 160)
}

// A field keeps the type of its first value: another type is Parse's 111,
// and changes nothing; null and Delete fit any field; a Pointer keeps its
// class. The types hold across servers on one database.
func TestFieldTypes(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := b.newStore(t)
		s := startServer(t, st)
		id := s.create(t, "T", `{"n":1,"s":"a","d":{"__type":"Date","iso":"2026-01-01T00:00:00.000Z"},"p":{"__type":"Pointer","className":"A","objectId":"x"},"l":[1]}`)
		before := dump(t, st)
		for _, body := range []string{
			`{"n":"1"}`, `{"n":true}`, `{"s":1}`, `{"s":{"__op":"Increment","amount":1}}`, `{"l":"x"}`, `{"n":{"__op":"Add","objects":[1]}}`,
			`{"d":"2026-01-01"}`, `{"p":{"__type":"Pointer","className":"B","objectId":"x"}}`, `{"n":{"a":1}}`,
		} {
			r := s.do(t, http.MethodPut, "/v1/classes/T/"+id, body)
			r.want(t, http.StatusBadRequest, 111)
			if msg, _ := r.object(t)["error"].(string); !strings.Contains(msg, "schema mismatch for T.") {
				t.Errorf("PUT %s: %q", body, msg)
			}
			s.do(t, http.MethodPost, "/v1/classes/T", body).want(t, http.StatusBadRequest, 111)
		}
		if after := dump(t, st); after != before {
			t.Errorf("refused writes changed the store:\n%s\n%s", before, after)
		}
		s.do(t, http.MethodPut, "/v1/classes/T/"+id, `{"n":2.5,"s":null,"l":{"__op":"AddUnique","objects":[2]},"d":{"__op":"Delete"},"new":"x"}`).want(t, http.StatusOK, 0)
		s.do(t, http.MethodPost, "/v1/classes/Other", `{"n":"a string: another class"}`).want(t, http.StatusCreated, 0)
		// Another server on the same database: the types hold there too.
		if b.name == "postgres" {
			other := startServer(t, newPostgresStore(st.(*sqlStore).d.source))
			other.do(t, http.MethodPost, "/v1/classes/T", `{"new":1}`).want(t, http.StatusBadRequest, 111)
		}
	})
}

// Concurrent first writes of a class's fields all succeed: the types are
// set in one order, so their transactions cannot deadlock (PostgreSQL
// did, one run in a few, when the order was a map's).
func TestFieldTypesConcurrentFirstWrites(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		s := startServer(t, b.newStore(t))
		var fields []string
		for i := range 24 {
			fields = append(fields, fmt.Sprintf(`"f%d":%d`, i, i))
		}
		body := "{" + strings.Join(fields, ",") + "}"
		for round := range 20 {
			class := fmt.Sprintf("Fresh%d", round)
			var wg sync.WaitGroup
			for range 16 {
				wg.Go(func() {
					req, _ := http.NewRequest(http.MethodPost, s.url+"/v1/classes/"+class, strings.NewReader(body))
					resp, err := s.client.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						t.Errorf("create in %s: %d", class, resp.StatusCode)
					}
				})
			}
			wg.Wait()
		}
	})
}

// Creates go through group commit: concurrent creates are each answered
// once stored, all of them are there, and they shared commits; CreateMany
// gives every object of a batch its own id, within and across classes.
func TestGroupCommitCreates(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := b.newStore(t)
		s := startServer(t, st)
		const n = 64
		ids := make(chan string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				req, _ := http.NewRequest(http.MethodPost, s.url+"/v1/classes/G", strings.NewReader(fmt.Sprintf(`{"i":%d}`, i)))
				resp, err := s.client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				var out struct{ ObjectID string }
				if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&out) != nil {
					t.Errorf("create: %d", resp.StatusCode)
					return
				}
				ids <- out.ObjectID
			})
		}
		wg.Wait()
		close(ids)
		seen := map[string]bool{}
		for id := range ids {
			if seen[id] {
				t.Errorf("id %s given twice", id)
			}
			seen[id] = true
			if r := s.do(t, http.MethodGet, "/v1/classes/G/"+id, ""); r.status != http.StatusOK {
				t.Errorf("created %s, then GET = %d", id, r.status)
			}
		}
		st2 := component[*Creates](t, s.graph).Stats()
		t.Logf("%d creates in %d commits", st2.Committed, st2.Batches.Total())
		if st2.Committed != n || len(seen) != n {
			t.Errorf("committed %d, answered %d, want %d", st2.Committed, len(seen), n)
		}

		// One batch of 1,200 objects of two classes: three statements of
		// the store, every id distinct.
		var objs []*Object
		at := now()
		for i := range 1200 {
			objs = append(objs, &Object{Class: []string{"M", "N"}[i%2], CreatedAt: at, UpdatedAt: at, Data: []byte(fmt.Sprintf(`{"i":%d}`, i))})
		}
		if err := st.CreateMany(t.Context(), objs); err != nil {
			t.Fatal(err)
		}
		distinct := map[string]bool{}
		for _, o := range objs {
			distinct[o.Class+"/"+o.ID] = true
		}
		if len(distinct) != 1200 {
			t.Errorf("%d distinct ids for 1200 objects", len(distinct))
		}
		for _, class := range []string{"M", "N"} {
			if n, err := st.Count(t.Context(), class, listQuery{}); err != nil || n != 600 {
				t.Errorf("count %s = %d, %v; want 600", class, n, err)
			}
		}
	})
}

// CreateMany gives an object whose id was taken another, and when a later
// statement fails, names only the objects that were not stored: a caller
// is never told of a failure for an object that is there.
func TestCreateManyCollisions(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := b.newStore(t).(*sqlStore)
		if err := st.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Stop(context.Background()) })
		ids := func(list ...string) func() string {
			return func() string {
				id := list[0]
				list = list[1:]
				return id
			}
		}
		objects := func(n int) []*Object {
			objs := make([]*Object, n)
			at := now()
			for i := range objs {
				objs[i] = &Object{Class: "C", CreatedAt: at, UpdatedAt: at, Data: fmt.Appendf(nil, `{"i":%d}`, i)}
			}
			return objs
		}
		count := func() int {
			t.Helper()
			n, err := st.Count(t.Context(), "C", listQuery{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		st.newID = ids("AAAAAAAAAA")
		if err := st.CreateMany(t.Context(), objects(1)); err != nil {
			t.Fatal(err)
		}
		// The first object's id is taken: it goes again with another.
		st.newID = ids("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC", "DDDDDDDDDD")
		objs := objects(3)
		if err := st.CreateMany(t.Context(), objs); err != nil {
			t.Fatal(err)
		}
		if objs[0].ID != "DDDDDDDDDD" || count() != 4 {
			t.Errorf("after a collision: first id %s, %d objects; want DDDDDDDDDD, 4", objs[0].ID, count())
		}

		// The second statement fails: the objects of the first are stored,
		// and only the other is named.
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		next := ids("AAAAAAAAAA", "EEEEEEEEEE", "FFFFFFFFFF", "GGGGGGGGGG")
		calls := 0
		st.newID = func() string {
			if calls++; calls == 4 {
				cancel() // the retry's statement will fail
			}
			return next()
		}
		objs = objects(3)
		err := st.CreateMany(ctx, objs)
		var pe *batch.PartialError
		if !errors.As(err, &pe) || len(pe.Failed) != 1 || pe.Failed[0] == nil {
			t.Fatalf("a failed retry: %v; want a PartialError naming object 0", err)
		}
		if n := count(); n != 6 {
			t.Errorf("%d objects; want 6 (objects 1 and 2 stored)", n)
		}
		for _, o := range objs[1:] {
			if _, err := st.Get(t.Context(), "C", o.ID); err != nil {
				t.Errorf("object %s: %v", o.ID, err)
			}
		}

		// Taken every time: nothing is stored, and the error says why.
		st.newID = ids("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC")
		err = st.CreateMany(t.Context(), objects(1))
		if err == nil || errors.As(err, &pe) || !strings.Contains(err.Error(), "collisions") {
			t.Errorf("three collisions: %v; want an error about collisions", err)
		}
		if n := count(); n != 6 {
			t.Errorf("%d objects; want 6", n)
		}
	})
}
