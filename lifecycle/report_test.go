package lifecycle

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// timed components take a set time to start and stop.
type (
	timed      struct{ start, stop time.Duration }
	timedCache struct {
		timed
		DB *timed `inject:"db"`
	}
	timedServer struct {
		timed
		DB    *timed      `inject:"db"`
		Cache *timedCache `inject:""`
	}
)

func (t *timed) Start(ctx context.Context) error { time.Sleep(t.start); return nil }
func (t *timed) Stop(ctx context.Context) error  { time.Sleep(t.stop); return nil }

func TestReport(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ms := time.Millisecond
		g := New()
		err := g.Provide(
			&Object{Value: &timedServer{timed: timed{5 * ms, 1 * ms}}},
			&Object{Value: &timedCache{timed: timed{30 * ms, 2 * ms}}},
			&Object{Value: &timed{10 * ms, 4 * ms}, Name: "db"},
			&Object{Value: &timed{20 * ms, 8 * ms}, Name: "other"},
		)
		if err != nil {
			t.Fatal(err)
		}
		if r := g.Report(); r.Start != 0 || r.Components != nil {
			t.Errorf("Report() before Start = %+v, want it empty", r)
		}
		ctx := context.Background()
		if err := g.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := g.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		// db and other start at once; cache after db, server after cache.
		// Stop: server and other at once, cache after server, db after
		// cache (at 7ms), other last (at 8ms).
		want := Report{
			Start: 45 * ms,
			Stop:  8 * ms,
			Components: []ComponentReport{
				{"*lifecycle.timed(db)", 1, 3, 0, 10 * ms, 4 * ms},
				{"*lifecycle.timed(other)", 2, 4, 0, 20 * ms, 8 * ms},
				{"*lifecycle.timedCache", 3, 2, 10 * ms, 30 * ms, 2 * ms},
				{"*lifecycle.timedServer", 4, 1, 40 * ms, 5 * ms, 1 * ms},
			},
			CriticalPath: []string{"*lifecycle.timed(db)", "*lifecycle.timedCache", "*lifecycle.timedServer"},
		}
		got := g.Report()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Report() =\n%+v\nwant\n%+v", got, want)
		}
		wantText := `start 45ms, stop 8ms
start  stop  component                started at  start  stop
1      3     *lifecycle.timed(db)     0s          10ms   4ms
2      4     *lifecycle.timed(other)  0s          20ms   8ms
3      2     *lifecycle.timedCache    10ms        30ms   2ms
4      1     *lifecycle.timedServer   40ms        5ms    1ms
critical path: *lifecycle.timed(db) -> *lifecycle.timedCache -> *lifecycle.timedServer
`
		if s := got.String(); s != wantText {
			t.Errorf("Report().String() =\n%s\nwant\n%s", s, wantText)
		}
	})
}

// dotGraph has components, a plain object, a named one and a private one.
type (
	dotPlain struct {
		DB *testDB `inject:""`
	}
	dotServer struct {
		part
		Cache *testCache `inject:""`
		Plain *dotPlain  `inject:""`
		Opts  struct {
			Tuning *timed `inject:"tuning"`
		} `inject:"inline"`
		Scratch *timed `inject:"private"`
	}
)

func TestWriteDOT(t *testing.T) {
	rec := &recorder{}
	g := New(WithConcurrency(1))
	err := g.Provide(
		&Object{Value: &dotServer{part: part{name: "server", rec: rec}}},
		&Object{Value: &testCache{part: part{name: "cache", rec: rec}}},
		&Object{Value: &testDB{part{name: "db", rec: rec}}},
		&Object{Value: &timed{}, Name: "tuning"},
	)
	if err != nil {
		t.Fatal(err)
	}
	var before bytes.Buffer
	if err := g.WriteDOT(&before); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := g.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer g.Stop(ctx)
	var after bytes.Buffer
	if err := g.WriteDOT(&after); err != nil {
		t.Fatal(err)
	}
	golden(t, "populated.dot", before.Bytes())
	golden(t, "started.dot", after.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update to accept):\n%s", path, got)
	}
}

// A graph stopped before Start was never populated; WriteDOT still draws it,
// as it would have before Stop.
func TestWriteDOTAfterStopBeforeStart(t *testing.T) {
	rec := &recorder{}
	g := New(WithConcurrency(1))
	err := g.Provide(
		&Object{Value: &dotServer{part: part{name: "server", rec: rec}}},
		&Object{Value: &testCache{part: part{name: "cache", rec: rec}}},
		&Object{Value: &testDB{part{name: "db", rec: rec}}},
		&Object{Value: &timed{}, Name: "tuning"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteDOT(&b); err != nil {
		t.Fatalf("WriteDOT() after Stop = %v, want nil", err)
	}
	golden(t, "populated.dot", b.Bytes())
	if got := rec.get(); len(got) != 0 {
		t.Errorf("calls = %q, want none", got)
	}
}
