package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

// The classes of the benchmark. The creates go to a class of their own, so
// that the rows they add do not change what the reads read; the increments
// to another, so that their updates (new row versions) do not either.
const (
	objectClass  = "BenchObject"
	createClass  = "BenchCreate"
	counterClass = "BenchCounter"
	buckets      = 50 // values of "bucket" among the objects: 1,000 objects give 20 each
)

// target is one server under load, with the ids of the objects seeded on
// it (each server makes its own) and how many requests of each case it
// answered as wanted, warm-ups included, for the checks at the end.
type target struct {
	*pair.Server
	database string   // its database's name, which its backends' titles show
	objects  []string // ids of the objectClass objects
	counters []string // ids of the counterClass objects
	done     map[string]int
}

// benchCase is one kind of request. request makes the i-th request of a
// run; n is the number of the first request of the run over all the runs
// of the case on that server, so that creates never repeat a name.
type benchCase struct {
	name    string // as -cases names it
	title   string
	want    int // the status of an answer that counts
	request func(t *target, n int) (method, path string, body []byte)
}

var allCases = []benchCase{
	{
		name: "get", title: "GET by id", want: http.StatusOK,
		request: func(t *target, n int) (string, string, []byte) {
			// 7919 is prime, so n*7919 visits every object once in
			// len(objects) requests, in an order with no locality.
			return "GET", "/classes/" + objectClass + "/" + t.objects[n*7919%len(t.objects)], nil
		},
	},
	{
		name: "create", title: "create", want: http.StatusCreated,
		request: func(t *target, n int) (string, string, []byte) {
			return "POST", "/classes/" + createClass,
				fmt.Appendf(nil, `{"name":"created-%d","bucket":"b%02d","n":%d}`, n, n%buckets, n)
		},
	},
	{
		name: "where", title: "`where` equality, limit 10", want: http.StatusOK,
		request: func(t *target, n int) (string, string, []byte) {
			q := url.Values{"where": {fmt.Sprintf(`{"bucket":"b%02d"}`, n%buckets)}, "limit": {"10"}}
			return "GET", "/classes/" + objectClass + "?" + q.Encode(), nil
		},
	},
	{
		name: "increment", title: "Increment", want: http.StatusOK,
		request: func(t *target, n int) (string, string, []byte) {
			// 37 is prime to the 100 counters: consecutive requests,
			// in flight together, go to different objects.
			return "PUT", "/classes/" + counterClass + "/" + t.counters[n*37%len(t.counters)],
				[]byte(`{"n":{"__op":"Increment","amount":1}}`)
		},
	},
}

// newRequest is a request to t, with the application id, as every client
// of both servers sends it.
func (t *target) newRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, t.Base+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Parse-Application-Id", appID)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// call makes one request outside the measured runs and decodes its JSON
// answer into out.
func (t *target) call(ctx context.Context, client *http.Client, method, path string, body []byte, want int, out any) error {
	req, err := t.newRequest(ctx, method, path, body)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %s %s: %w", t.Name, method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: %s %s: read the answer: %w", t.Name, method, path, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s: %s %s: status %d, want %d: %s", t.Name, method, path, resp.StatusCode, want, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s: %s %s: %w", t.Name, method, path, err)
	}
	return nil
}

// seed makes the objects the reads read and the counters the increments
// change, through the server's own API, in batches of 50 (both servers'
// largest), and keeps their ids.
func (t *target) seed(ctx context.Context, client *http.Client, objects, counters int) error {
	var err error
	t.objects, err = t.batchCreate(ctx, client, objectClass, objects, func(i int) map[string]any {
		return map[string]any{"name": fmt.Sprintf("object-%04d", i), "bucket": fmt.Sprintf("b%02d", i%buckets), "score": i}
	})
	if err != nil {
		return err
	}
	t.counters, err = t.batchCreate(ctx, client, counterClass, counters, func(i int) map[string]any {
		return map[string]any{"name": fmt.Sprintf("counter-%03d", i), "n": 0}
	})
	return err
}

func (t *target) batchCreate(ctx context.Context, client *http.Client, class string, n int, fields func(i int) map[string]any) ([]string, error) {
	type sub struct {
		Method string         `json:"method"`
		Path   string         `json:"path"`
		Body   map[string]any `json:"body"`
	}
	var ids []string
	for from := 0; from < n; from += 50 {
		var batch struct {
			Requests []sub `json:"requests"`
		}
		for i := from; i < min(from+50, n); i++ {
			batch.Requests = append(batch.Requests, sub{"POST", t.Prefix + "/classes/" + class, fields(i)})
		}
		body, err := json.Marshal(batch)
		if err != nil {
			return nil, err
		}
		var answers []struct {
			Success struct {
				ObjectID string `json:"objectId"`
			} `json:"success"`
			Error any `json:"error"`
		}
		if err := t.call(ctx, client, "POST", "/batch", body, http.StatusOK, &answers); err != nil {
			return nil, fmt.Errorf("seed %s: %w", class, err)
		}
		for _, a := range answers {
			if a.Success.ObjectID == "" {
				return nil, fmt.Errorf("seed %s on %s: a batch answered %v", class, t.Name, a.Error)
			}
			ids = append(ids, a.Success.ObjectID)
		}
	}
	return ids, nil
}

// check is what the end of a benchmark found on a server: whether every
// acknowledged create and increment is there. A server that answered
// without doing the work would show here.
type check struct {
	server                  string
	creates, createsStored  int
	increments, counterSum  int
	createsErr, countersErr string
}

func (t *target) check(ctx context.Context, client *http.Client) check {
	c := check{server: t.Name, creates: t.done["create"], increments: t.done["increment"]}
	// Parse Server estimates a count without a where on PostgreSQL (from
	// pg_class); a where that every object matches makes it count.
	q := url.Values{"where": {`{"n":{"$gte":0}}`}, "count": {"1"}, "limit": {"0"}}
	var count struct {
		Count int `json:"count"`
	}
	if err := t.call(ctx, client, "GET", "/classes/"+createClass+"?"+q.Encode(), nil, http.StatusOK, &count); err != nil {
		c.createsErr = err.Error()
	}
	c.createsStored = count.Count

	var list struct {
		Results []struct {
			N int `json:"n"`
		} `json:"results"`
	}
	q = url.Values{"limit": {"1000"}, "keys": {"n"}}
	if err := t.call(ctx, client, "GET", "/classes/"+counterClass+"?"+q.Encode(), nil, http.StatusOK, &list); err != nil {
		c.countersErr = err.Error()
	}
	for _, r := range list.Results {
		c.counterSum += r.N
	}
	if len(list.Results) != len(t.counters) && c.countersErr == "" {
		c.countersErr = fmt.Sprintf("%d counters listed, want %d", len(list.Results), len(t.counters))
	}
	return c
}

// ok says whether the server stored what it acknowledged.
func (c check) ok() bool {
	return c.createsErr == "" && c.countersErr == "" && c.creates == c.createsStored && c.increments == c.counterSum
}

func (c check) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d creates acknowledged, %d stored", c.creates, c.createsStored)
	if c.createsErr != "" {
		fmt.Fprintf(&b, " (%s)", c.createsErr)
	}
	fmt.Fprintf(&b, "; %d increments acknowledged, counters sum to %d", c.increments, c.counterSum)
	if c.countersErr != "" {
		fmt.Fprintf(&b, " (%s)", c.countersErr)
	}
	return b.String()
}
