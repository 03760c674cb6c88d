package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
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
			if c.Field != "objectId" && !validName(c.Field) {
				t.Fatalf("parseWhere(%q) accepted field %q", where, c.Field)
			}
			if i > 0 && conds[i-1].Field >= c.Field {
				t.Fatalf("parseWhere(%q): conditions not sorted by field: %v", where, conds)
			}
		}
		q := listQuery{Where: conds, Limit: 10}
		// No request text reaches SQL: the statement is the same when every
		// name and value is replaced by a stand-in of the same kind.
		blank := listQuery{Limit: 1}
		for i, c := range conds {
			field := "f" + strings.Repeat("x", i)
			if c.Field == "objectId" {
				field = "objectId"
			}
			blank.Where = append(blank.Where, condition{Field: field, Kind: c.Kind, IsInt: c.IsInt, JSON: "0"})
		}
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
