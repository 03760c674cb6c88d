package errs_test

import (
	"encoding/json"
	"errors"
	"expvar"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/lifekit/lifekit/errs"
)

var _ http.Handler = (*errs.Aggregator)(nil)

//go:noinline
func failA() error { return errs.New("a failed") }

//go:noinline
func failB() error { return errs.New("b failed") }

//go:noinline
func failC() error { return errs.New("c failed") }

func TestAggregatorCountsAndOrders(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		agg := errs.NewAggregator()
		start := time.Now()
		if got := agg.Record(nil); got != "" {
			t.Errorf("Record(nil) = %q, want empty", got)
		}
		for range 3 {
			agg.Record(failA())
		}
		time.Sleep(time.Second)
		fpB := agg.Record(failB())
		time.Sleep(time.Second)
		agg.Record(failA())

		groups := agg.Groups()
		if len(groups) != 2 {
			t.Fatalf("len(Groups()) = %d, want 2", len(groups))
		}
		a, b := groups[0], groups[1]
		if a.Count != 4 || b.Count != 1 {
			t.Errorf("counts = %d, %d; want 4, 1 (most frequent first)", a.Count, b.Count)
		}
		if fpB != b.Fingerprint || fpB != errs.Fingerprint(failB()) {
			t.Errorf("Record returned %s, group has %s, Fingerprint gives %s", fpB, b.Fingerprint, errs.Fingerprint(failB()))
		}
		if !a.First.Equal(start) || !a.Last.Equal(start.Add(2*time.Second)) {
			t.Errorf("group a first, last = %v, %v; want %v, %v", a.First, a.Last, start, start.Add(2*time.Second))
		}
		if !b.First.Equal(start.Add(time.Second)) || !b.Last.Equal(b.First) {
			t.Errorf("group b first, last = %v, %v; want both %v", b.First, b.Last, start.Add(time.Second))
		}
		if a.Message != "a failed" {
			t.Errorf("Message = %q, want %q", a.Message, "a failed")
		}
		if len(a.Stack) == 0 || !strings.HasSuffix(a.Stack[0].Function, "errs_test.failA") {
			t.Errorf("Stack = %v, want the origin failA first", a.Stack)
		}
	})
}

func TestAggregatorEvictsLeastRecent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		agg := errs.NewAggregator(errs.WithMaxGroups(2))
		agg.Record(failA())
		time.Sleep(time.Second)
		agg.Record(failB())
		time.Sleep(time.Second)
		agg.Record(failA()) // now B is the least recent
		time.Sleep(time.Second)
		agg.Record(failC())

		var names []string
		for _, g := range agg.Groups() {
			names = append(names, g.Message)
		}
		if len(names) != 2 || names[0] != "a failed" || names[1] != "c failed" {
			t.Errorf("groups after eviction = %q, want [a failed c failed]", names)
		}
		if got := agg.Evicted(); got != 1 {
			t.Errorf("Evicted() = %d, want 1", got)
		}
	})
}

func TestWithMaxGroups(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{5, 5}, {1, 1}, {0, errs.DefaultMaxGroups}, {-3, errs.DefaultMaxGroups}} {
		if got := errs.NewAggregator(errs.WithMaxGroups(tt.n)).MaxGroups(); got != tt.want {
			t.Errorf("WithMaxGroups(%d): MaxGroups() = %d, want %d", tt.n, got, tt.want)
		}
	}
	if got := errs.NewAggregator(errs.WithMaxGroups(3), errs.WithMaxGroups(7)).MaxGroups(); got != 7 {
		t.Errorf("the last WithMaxGroups must win: MaxGroups() = %d, want 7", got)
	}
}

func TestAggregatorBoundedUnderManyGroups(t *testing.T) {
	agg := errs.NewAggregator(errs.WithMaxGroups(10))
	for i := range 26 * 26 { // words do not parameterise away
		agg.Record(fmt.Errorf("distinct message %c%c", 'a'+i%26, 'a'+i/26))
	}
	if n := len(agg.Groups()); n != 10 {
		t.Errorf("len(Groups()) = %d, want the bound 10", n)
	}
	if got, want := agg.Evicted(), int64(676-10); got != want {
		t.Errorf("Evicted() = %d, want %d", got, want)
	}
}

func TestAggregatorConcurrent(t *testing.T) {
	agg := errs.NewAggregator(errs.WithMaxGroups(4))
	makers := []func() error{failA, failB, failC, func() error { return io.EOF }, func() error { return errors.New("x 1") }}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				agg.Record(makers[(g+i)%len(makers)]())
				if i%100 == 0 {
					agg.Groups()
					_ = agg.String()
					_ = agg.Expvar().String()
				}
			}
		})
	}
	wg.Wait()
	var total int64
	for _, g := range agg.Groups() {
		total += g.Count
	}
	if len(agg.Groups()) > 4 {
		t.Errorf("len(Groups()) = %d, over the bound 4", len(agg.Groups()))
	}
	if total+agg.Evicted() > 4000 || total == 0 {
		t.Errorf("counted %d in groups (+%d evicted) of 4000 records", total, agg.Evicted())
	}
}

func TestRecordKnownGroupAllocatesNothing(t *testing.T) {
	agg := errs.NewAggregator()
	err := errs.Wrap(failA())
	agg.Record(err)
	if n := testing.AllocsPerRun(100, func() { agg.Record(err) }); n != 0 {
		t.Errorf("Record of a known group: %v allocations, want 0", n)
	}
}

func TestServeHTTP(t *testing.T) {
	agg := errs.NewAggregator()
	agg.Record(errs.New(`<script>alert("x")</script>`))
	agg.Record(failA())
	agg.Record(failA())

	tests := []struct {
		name, method, target, accept string
		status                       int
		contentType                  string
	}{
		{"html by default", "GET", "/debug/errors", "", 200, "text/html; charset=utf-8"},
		{"browser accept", "GET", "/debug/errors", "text/html,application/xhtml+xml,*/*;q=0.8", 200, "text/html; charset=utf-8"},
		{"json query", "GET", "/debug/errors?format=json", "", 200, "application/json"},
		{"json accept", "GET", "/debug/errors", "application/json", 200, "application/json"},
		{"html query beats accept", "GET", "/debug/errors?format=html", "application/json", 200, "text/html; charset=utf-8"},
		{"head", "HEAD", "/debug/errors", "", 200, "text/html; charset=utf-8"},
		{"unknown format", "GET", "/debug/errors?format=xml", "", 400, "text/plain; charset=utf-8"},
		{"post", "POST", "/debug/errors", "", 405, "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			rec := httptest.NewRecorder()
			agg.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			body := rec.Body.String()
			if strings.Contains(body, "<script>") {
				t.Errorf("body holds an unescaped message:\n%s", body)
			}
			switch {
			case tt.status != 200:
			case tt.contentType == "application/json":
				var r struct {
					Groups    []errs.Group `json:"groups"`
					MaxGroups int          `json:"max_groups"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
					t.Fatalf("body is not JSON: %v", err)
				}
				if len(r.Groups) != 2 || r.Groups[0].Count != 2 || r.Groups[1].Message != `<script>alert("x")</script>` {
					t.Errorf("JSON groups = %+v, want a failed (2) then the script message", r.Groups)
				}
				if r.MaxGroups != errs.DefaultMaxGroups {
					t.Errorf("max_groups = %d, want %d", r.MaxGroups, errs.DefaultMaxGroups)
				}
			case tt.method == "GET":
				if !strings.Contains(body, "a failed") || !strings.Contains(body, "&lt;script&gt;") {
					t.Errorf("HTML lacks the groups:\n%s", body)
				}
			}
		})
	}
}

// TestAggregatorString checks that an Aggregator prints as a short summary
// for people, not as the JSON of every group.
func TestAggregatorString(t *testing.T) {
	tests := []struct {
		name   string
		record []error
		max    int
		want   string
	}{
		{"empty", nil, 0, "0 errors in 0 groups"},
		{"one", []error{failA()}, 0, "1 error in 1 group"},
		{"several", []error{failA(), failB(), failA(), io.EOF}, 0, "4 errors in 3 groups"},
		{"evicted", []error{failA(), failB(), failC(), failC()}, 2, "3 errors in 2 groups (1 group evicted)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agg := errs.NewAggregator(errs.WithMaxGroups(tt.max))
			for _, err := range tt.record {
				agg.Record(err)
			}
			if got := agg.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprint(agg); got != tt.want {
				t.Errorf("fmt.Sprint(agg) = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAggregatorExpvar checks that Expvar gives an expvar.Var whose String
// is the groups' JSON, read afresh at each call.
func TestAggregatorExpvar(t *testing.T) {
	agg := errs.NewAggregator()
	var v expvar.Var = agg.Expvar()
	if got, want := v.String(), `{"groups":[],"evicted":0,"max_groups":1024}`; got != want {
		t.Errorf("Expvar().String() of an empty Aggregator = %s, want %s", got, want)
	}
	agg.Record(failB()) // after Expvar: the Var shows it
	var r struct {
		Groups    []errs.Group `json:"groups"`
		Evicted   int64        `json:"evicted"`
		MaxGroups int          `json:"max_groups"`
	}
	if err := json.Unmarshal([]byte(v.String()), &r); err != nil {
		t.Fatalf("Expvar().String() is not JSON: %v", err)
	}
	if len(r.Groups) != 1 || r.Groups[0].Message != "b failed" || len(r.Groups[0].Stack) == 0 {
		t.Errorf("Expvar().String() groups = %+v, want one b failed group with a stack", r.Groups)
	}
	if r.MaxGroups != errs.DefaultMaxGroups {
		t.Errorf("Expvar().String() max_groups = %d, want %d", r.MaxGroups, errs.DefaultMaxGroups)
	}
}
