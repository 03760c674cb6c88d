package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzStores returns started stores to check fuzzed input against: SQLite
// always, PostgreSQL when LIFEKIT_TEST_POSTGRES is set. What the server
// accepts, every store must store (a store error would be a 500).
func fuzzStores(f *testing.F) []Store {
	stores := []Store{newSQLiteStore(f.TempDir())}
	if os.Getenv("LIFEKIT_TEST_POSTGRES") != "" {
		stores = append(stores, newPostgresStore(postgresURL(f)))
	}
	for _, s := range stores {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if err := s.Start(ctx); err != nil {
			cancel()
			f.Fatal(err)
		}
		cancel()
		f.Cleanup(func() { s.Stop(context.Background()) })
	}
	return stores
}

func FuzzDecodeFields(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"a": 1}`, `{"score": 1337, "playerName": "Sean Plott", "cheatMode": false}`,
		`{"a": {"b": [1, 2.5, -0, 1e10, "x", null, true]}}`, `{"a": "\u00e9\ud83d\ude00\n\"\\"}`,
		`{"a": "\u0000"}`, `{"a": "\ud800"}`, `{"a": 1e400}`, `{"a": 1e-400}`, `{"a": 0e-400}`,
		`{"objectId": "x"}`, `{"a-b": 1}`, `[1]`, `null`, `{"a":`, "{\"a\": \"\xff\"}",
		`{"a": 123456789012345678901234567890}`, `{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`,
		`{"a": 1, "a": 2}`, `{"\u0061": 1}`, `{"a": "\\u0000"}`, `{"a":-1.5E-3}`,
	} {
		f.Add([]byte(seed))
	}
	stores := fuzzStores(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		fields, err := decodeFields(body)
		if err != nil {
			var e *apiError
			if !errors.As(err, &e) || e.Status != 400 {
				t.Fatalf("decodeFields(%q) = %v, want a 400 *apiError", body, err)
			}
			return
		}
		for k := range fields {
			if !validName(k) || reserved[k] {
				t.Fatalf("decodeFields(%q) accepted field %q", body, k)
			}
		}
		data := encodeFields(fields)
		var want map[string]any
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("encodeFields(decodeFields(%q)) = %s: not JSON: %v", body, data, err)
		}
		// Encoding is stable: decoding what we store gives the same fields.
		again, err := decodeFields(data)
		if err != nil || string(encodeFields(again)) != string(data) {
			t.Fatalf("decodeFields(%s) = %v, %v: want the same fields back", data, again, err)
		}
		// What is accepted, every store keeps, and gives back unchanged.
		at := time.UnixMilli(1e12).UTC()
		for _, s := range stores {
			o := &Object{Class: "Fuzz", CreatedAt: at, UpdatedAt: at, Data: data}
			if err := s.Create(context.Background(), o); err != nil {
				t.Fatalf("store %T: create %s: %v", s, data, err)
			}
			got, err := s.Get(context.Background(), "Fuzz", o.ID)
			if err != nil {
				t.Fatalf("get %s: %v", data, err)
			}
			var back map[string]any
			if err := json.Unmarshal(got.appendJSON(nil), &back); err != nil {
				t.Fatalf("stored %s, read back %s: %v", data, got.appendJSON(nil), err)
			}
			delete(back, "objectId")
			delete(back, "createdAt")
			delete(back, "updatedAt")
			if !reflect.DeepEqual(back, want) {
				t.Fatalf("stored %s, read back %s", data, got.Data)
			}
			s.Delete(context.Background(), "Fuzz", o.ID)
		}
	})
}

func FuzzParseWhere(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"name": "ada"}`, `{"score": 10, "ok": true, "tag": null}`, `{"objectId": "abc"}`,
		`{"score": 1e1}`, `{"score": -0.5}`, `{"score": 9223372036854775808}`, `{"name": "x' OR '1'='1"}`,
		`{"n": {"$gt": 1}}`, `{"n": [1]}`, `{"a b": 1}`, `{"createdAt": "x"}`, `{"objectId": 1}`,
		`{"name": "\u0000"}`, `[1]`, `null`, `{`, `{"n": 1e999}`, `{"é": 1}`, `{"a": "\"; DROP TABLE objects; --"}`,
		`{"n": {"$gte": 1, "$lt": 5.5}}`, `{"s": {"$in": ["a", 1, null, true]}}`, `{"s": {"$nin": []}}`, `{"s": {"$exists": false}}`,
		`{"$or": [{"a": 1}, {"b": {"$ne": "x"}}]}`, `{"d": {"$gt": {"__type": "Date", "iso": "2026-01-02T03:04:05.678Z"}}}`,
		`{"p": {"__type": "Pointer", "className": "A", "objectId": "xyz"}}`, `{"createdAt": {"$lt": {"__type": "Date", "iso": "2030-01-01T00:00:00Z"}}}`,
		`{"objectId": {"$in": ["a", "b"]}}`, `{"n": {"$regex": "x"}}`, `{"$and": [{"$or": [{"a": 1}]}]}`,
	} {
		f.Add(seed)
	}
	stores := fuzzStores(f)
	sqlite := stores[0].(*sqlStore)
	postgres := newPostgresStore("")
	f.Fuzz(func(t *testing.T, where string) {
		conds, err := parseWhere(where)
		if err != nil {
			var e *apiError
			if !errors.As(err, &e) || e.Status != 400 {
				t.Fatalf("parseWhere(%q) = %v, want a 400 *apiError", where, err)
			}
			return
		}
		for i, c := range conds {
			if c.Field != "" && !columns[c.Field] && !validName(c.Field) || c.Field == "" && c.Op != opOr && c.Op != opAnd {
				t.Fatalf("parseWhere(%q) accepted field %q", where, c.Field)
			}
			if i > 0 && conds[i-1].Field > c.Field {
				t.Fatalf("parseWhere(%q): conditions not sorted by field: %v", where, conds)
			}
		}
		q := listQuery{Where: conds, Limit: 10, Order: []orderKey{{Field: "score", Desc: true}, {Field: "createdAt"}}}
		// No request text reaches SQL: the statement is the same when every
		// name and value is replaced by a stand-in of the same kind.
		n := 0
		blank := listQuery{Where: blankWhere(conds, &n), Limit: 1, Skip: 5, Order: []orderKey{{Field: "other", Desc: true}, {Field: "createdAt"}}}
		for _, s := range []*sqlStore{sqlite, postgres} {
			stmt, args := s.listSQL("Class", q)
			blankStmt, blankArgs := s.listSQL("Other", blank)
			if stmt != blankStmt || len(args) != len(blankArgs) {
				t.Fatalf("%s: SQL for %q depends on its names or values:\n%s\n%s", s.d.name, where, stmt, blankStmt)
			}
			placeholders := strings.Count(stmt, "?")
			if s.d.numbered {
				placeholders = strings.Count(stmt, "$")
			}
			if placeholders != len(args) {
				t.Fatalf("%s: %d placeholders for %d arguments in %s", s.d.name, placeholders, len(args), stmt)
			}
		}
		// And every store runs it.
		for _, s := range stores {
			if _, err := s.List(context.Background(), "Fuzz", q); err != nil {
				t.Fatalf("store %T: list where %s: %v", s, where, err)
			}
		}
	})
}

// blankWhere returns conds with every field name (but the columns') and
// every value replaced by a stand-in of the same kind.
func blankWhere(conds []condition, n *int) []condition {
	out := make([]condition, len(conds))
	for i, c := range conds {
		b := condition{Field: c.Field, Op: c.Op, value: blankValue(c.value)}
		if c.Field != "" && !columns[c.Field] {
			*n++
			b.Field = "f" + strconv.Itoa(*n)
		}
		for _, v := range c.Values {
			b.Values = append(b.Values, blankValue(v))
		}
		for _, clause := range c.Clauses {
			b.Clauses = append(b.Clauses, blankWhere(clause, n))
		}
		out[i] = b
	}
	return out
}

func blankValue(v value) value {
	return value{Kind: v.Kind, IsInt: v.IsInt, JSON: "0", Str: "s", ID: "i"}
}
