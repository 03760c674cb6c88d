package main

// The load figures of README.md. Each benchmark starts a server in this
// process on 127.0.0.1:0, seeds it, and sends b.N requests from loadClients
// concurrent clients with keep-alive connections; it reports requests per
// second and the 50th and 99th percentile latencies. Bound the run with
// -benchtime, as README.md does:
//
//	go test -run '^$' -bench . -benchtime 20000x ./examples/apiserver/
//
// The PostgreSQL cases need LIFEKIT_TEST_POSTGRES (or testdata/with-postgres.sh).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifekit/lifekit/graceful"
)

// loadClients is how many requests are in flight at once.
const loadClients = 16

// seedObjects is how many objects the GET benchmarks read from.
const seedObjects = 1000

// seedBuckets is how many values of "bucket" the seeded objects have: 20
// objects each, for BenchmarkWhere's queries with limit 10.
const seedBuckets = 50

// load sends b.N requests made by req, loadClients at a time, and reports
// the rate and latencies. Any answer but want fails the benchmark.
func load(b *testing.B, want int, req func(i int) *http.Request) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: loadClients, MaxConnsPerHost: loadClients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	var failed atomic.Value
	lat := make([][]time.Duration, loadClients)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range loadClients {
		wg.Go(func() {
			// The label marks the client's goroutines (and those its
			// transport starts) in a CPU profile: go tool pprof
			// -tagignore side=client shows the server's alone.
			pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("side", "client")))
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N || failed.Load() != nil {
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req(i))
				if err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[c] = append(lat[c], time.Since(t0))
				if resp.StatusCode != want {
					failed.CompareAndSwap(nil, fmt.Errorf("status %d, want %d", resp.StatusCode, want))
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if err := failed.Load(); err != nil {
		b.Fatal(err)
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
}

// The benchmarks' servers listen through graceful, as the real server
// does, so that the figures include its connection tracking. A process has
// one Upgrader; TestMain stops it.
var upgrader struct {
	once sync.Once
	u    *graceful.Upgrader
	err  error
}

// benchProcess is a Process on the test process's Upgrader. Drain does not
// stop the Upgrader, which later benchmarks use too.
type benchProcess struct{ u *graceful.Upgrader }

func (p *benchProcess) Listen(network, addr string) (net.Listener, error) {
	return p.u.Listen(network, addr)
}

func (p *benchProcess) Ready() error { return nil }

func (p *benchProcess) Drain(ctx context.Context, srv *http.Server, lameDuck time.Duration) error {
	return drain(ctx, srv, lameDuck)
}

func graceProcess(b *testing.B) Process {
	upgrader.once.Do(func() { upgrader.u, upgrader.err = graceful.New() })
	if errors.Is(upgrader.err, graceful.ErrNotSupported) {
		return &localProcess{}
	}
	if upgrader.err != nil {
		b.Fatal(upgrader.err)
	}
	return &benchProcess{upgrader.u}
}

// stopUpgrader runs the tests and benchmarks, then stops the Upgrader if
// one was made, before goleak looks for goroutines left behind.
type stopUpgrader struct{ m *testing.M }

func (s stopUpgrader) Run() int {
	code := s.m.Run()
	if upgrader.u != nil {
		upgrader.u.Stop()
	}
	return code
}

// benchBackends runs f once per backend that is available.
func benchBackends(b *testing.B, f func(b *testing.B, be backend)) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) { f(b, be) })
	}
}

// seed stores n objects of class Bench in one transaction and returns
// their ids.
func seed(b *testing.B, st Store, n int) []string {
	b.Helper()
	s := st.(*sqlStore)
	tx, err := s.w.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt := s.d.sql(sqlInsertObject)
	ids := make([]string, n)
	at := now().UnixMilli()
	for i := range ids {
		ids[i] = newID(10)
		data := fmt.Sprintf(`{"n":%d,"name":"player %d","score":%d,"tags":["a","b"],"ok":true,"bucket":"b%02d"}`, i, i, i*7, i%seedBuckets)
		if _, err := tx.Exec(stmt, "Bench", ids[i], at, at, data); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return ids
}

func get(url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("X-Parse-Application-Id", testAppID) // checked on every request, as in production
	return req
}

func post(url, body string) *http.Request {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Parse-Application-Id", testAppID)
	return req
}

// BenchmarkGetByID is GET /v1/classes/Bench/{id} through the server, and
// through the plain server of baselineHandler on the same database.
func BenchmarkGetByID(b *testing.B) {
	benchBackends(b, func(b *testing.B, be backend) {
		b.Run("apiserver", func(b *testing.B) {
			s := startServerOn(b, graceProcess(b), be.newStore(b))
			ids := seed(b, s.store, seedObjects)
			load(b, http.StatusOK, func(i int) *http.Request {
				return get(s.url + "/v1/classes/Bench/" + ids[i%len(ids)])
			})
		})
		for _, pooled := range []bool{false, true} {
			name := "baseline"
			if pooled {
				name = "baseline-pooled"
			}
			b.Run(name, func(b *testing.B) {
				// The store only creates and seeds the tables; the baseline
				// opens the database on its own, as such a server would.
				st := be.newStore(b)
				if err := st.Start(context.Background()); err != nil {
					b.Fatal(err)
				}
				ids := seed(b, st, seedObjects)
				url := baselineServer(b, st.(*sqlStore), pooled)
				st.Stop(context.Background())
				load(b, http.StatusOK, func(i int) *http.Request {
					return get(url + "/v1/classes/Bench/" + ids[i%len(ids)])
				})
			})
		}
	})
}

// BenchmarkCreate is POST /v1/classes/Bench: each answered once
// committed, the concurrent ones sharing commits (Creates). It also
// reports objects per commit.
func BenchmarkCreate(b *testing.B) {
	benchBackends(b, func(b *testing.B, be backend) {
		s := startServerOn(b, graceProcess(b), be.newStore(b))
		load(b, http.StatusCreated, func(i int) *http.Request {
			return post(s.url+"/v1/classes/Bench", fmt.Sprintf(`{"n": %d, "name": "player", "score": 1337, "ok": true}`, i))
		})
		st := component[*Creates](b, s.graph).Stats()
		if st.Batches.Total() > 0 {
			b.ReportMetric(float64(st.Committed)/float64(st.Batches.Total()), "creates/commit")
		}
	})
}

// BenchmarkWhere is GET /v1/classes/Bench?where={"bucket":...}&limit=10, an
// equality on a field no index covers, each query matching 20 objects.
func BenchmarkWhere(b *testing.B) {
	benchBackends(b, func(b *testing.B, be backend) {
		s := startServerOn(b, graceProcess(b), be.newStore(b))
		seed(b, s.store, seedObjects)
		load(b, http.StatusOK, func(i int) *http.Request {
			q := url.Values{"where": {fmt.Sprintf(`{"bucket":"b%02d"}`, i%seedBuckets)}, "limit": {"10"}}
			return get(s.url + "/v1/classes/Bench?" + q.Encode())
		})
	})
}

// BenchmarkIncrement is PUT /v1/classes/Bench/{id} with an Increment of
// "n", spread over 100 objects, so that concurrent requests sometimes wait
// for the same row.
func BenchmarkIncrement(b *testing.B) {
	benchBackends(b, func(b *testing.B, be backend) {
		s := startServerOn(b, graceProcess(b), be.newStore(b))
		ids := seed(b, s.store, 100)
		load(b, http.StatusOK, func(i int) *http.Request {
			req := post(s.url+"/v1/classes/Bench/"+ids[i%len(ids)], `{"n":{"__op":"Increment","amount":1}}`)
			req.Method = http.MethodPut
			return req
		})
	})
}

// BenchmarkEvents is POST /v1/events: each answered once committed, the
// concurrent ones sharing commits. It also reports events per commit.
func BenchmarkEvents(b *testing.B) {
	benchBackends(b, func(b *testing.B, be backend) {
		s := startServerOn(b, graceProcess(b), be.newStore(b))
		load(b, http.StatusAccepted, func(i int) *http.Request {
			return post(s.url+"/v1/events", fmt.Sprintf(`{"name": "Tap", "dimensions": {"i": %d, "screen": "home"}}`, i))
		})
		st := component[*Events](b, s.graph).Stats()
		if st.Batches.Total() > 0 {
			b.ReportMetric(float64(st.Committed)/float64(st.Batches.Total()), "events/commit")
		}
	})
}

// baselineServer serves GET /v1/classes/{class}/{id} from the store's
// database the obvious way, with net/http and database/sql alone: one pool
// with database/sql's defaults, a query per request, the data decoded into
// a map and encoded again. It answers the same JSON as the server. With
// pooled, the pool is sized as the server's is, so that the comparison
// measures the code on the request's path and not the pool. It returns the
// server's URL.
func baselineServer(b *testing.B, s *sqlStore, pooled bool) string {
	var db *sql.DB
	var err error
	query := "SELECT created_at, updated_at, data FROM objects WHERE class = ? AND id = ?"
	if s.d.numbered {
		query = "SELECT created_at, updated_at, data FROM objects WHERE class = $1 AND id = $2"
		db, err = sql.Open("pgx", s.d.source)
	} else {
		db, err = sql.Open("sqlite", s.d.source+"?_busy_timeout=10000")
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if pooled {
		n := postgresPoolSize
		if !s.d.numbered {
			n = s.r.Stats().MaxOpenConnections
		}
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/classes/{class}/{id}", func(w http.ResponseWriter, r *http.Request) {
		var created, updated int64
		var data []byte
		id := r.PathValue("id")
		err := db.QueryRowContext(r.Context(), query, r.PathValue("class"), id).Scan(&created, &updated, &data)
		if errors.Is(err, sql.ErrNoRows) {
			http.Error(w, `{"code":101,"error":"object not found"}`, http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, `{"code":1,"error":"internal server error"}`, http.StatusInternalServerError)
			return
		}
		obj := map[string]any{}
		if err := json.Unmarshal(data, &obj); err != nil {
			http.Error(w, `{"code":1,"error":"internal server error"}`, http.StatusInternalServerError)
			return
		}
		obj["objectId"] = id
		obj["createdAt"] = time.UnixMilli(created).UTC().Format(timeLayout)
		obj["updatedAt"] = time.UnixMilli(updated).UTC().Format(timeLayout)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(obj)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
