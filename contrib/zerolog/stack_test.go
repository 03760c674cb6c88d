package errszerolog_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lifekit/lifekit/contrib/zerolog"
	"github.com/lifekit/lifekit/errs"
	"github.com/rs/zerolog"
)

func TestMain(m *testing.M) {
	zerolog.ErrorStackMarshaler = errszerolog.MarshalStack
	os.Exit(m.Run())
}

// newOrigin returns an errs error whose origin stack begins in newOrigin.
func newOrigin() error { return errs.New("user 42 not found") }

// wrapHere wraps err with errs.Wrap, so that a stack it adds begins here.
func wrapHere(err error) error { return errs.Wrap(err) }

// record is a decoded log line.
type record struct {
	Error string `json:"error"`
	Stack *struct {
		Fingerprint string           `json:"fingerprint"`
		Frames      []map[string]any `json:"frames"`
		Stacks      []struct {
			Frames []map[string]any `json:"frames"`
		} `json:"stacks"`
	} `json:"stack"`
}

// decode decodes the one line in buf.
func decode(t *testing.T, buf *bytes.Buffer) record {
	t.Helper()
	var rec record
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	return rec
}

// logEvent logs err as an event's error with its stack.
func logEvent(t *testing.T, err error) record {
	t.Helper()
	var buf bytes.Buffer
	logger := zerolog.New(&buf)
	logger.Error().Stack().Err(err).Msg("request failed")
	return decode(t, &buf)
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// originFrame is the first frame MarshalStack should log for newOrigin's
// errors, in the shape of pkgerrors.MarshalStack's frames.
func originFrame(t *testing.T, origin error) map[string]any {
	t.Helper()
	st := errs.StackOf(origin)
	if len(st) == 0 {
		t.Fatal("errs.StackOf(newOrigin()) is empty")
	}
	return map[string]any{"func": "newOrigin", "source": "stack_test.go", "line": strconv.Itoa(st[0].Line)}
}

func TestMarshalStack(t *testing.T) {
	origin := newOrigin()
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, origin
	})}
	_, urlErr := client.Get("http://lifekit.test/")
	want := originFrame(t, origin)
	tests := []struct {
		name string
		err  error
	}{
		{"an errs error itself", origin},
		{"fmt.Errorf %w", fmt.Errorf("handler: %w", origin)},
		{"errors.Join", errors.Join(io.EOF, origin)},
		{"errors.Join of one error twice", errors.Join(origin, origin)},
		{"an http.Client's *url.Error", urlErr},
		{"errs.Wrap on the same path", wrapHere(origin)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := logEvent(t, tt.err)
			if rec.Error != tt.err.Error() {
				t.Errorf("logged error = %q, want %q", rec.Error, tt.err.Error())
			}
			if rec.Stack == nil {
				t.Fatal("MarshalStack(err) logs no stack, want the origin's")
			}
			if rec.Stack.Fingerprint != errs.Fingerprint(tt.err) || rec.Stack.Fingerprint != errs.Fingerprint(origin) {
				t.Errorf("MarshalStack(err) logs fingerprint %q, want the origin's %q", rec.Stack.Fingerprint, errs.Fingerprint(origin))
			}
			if n := len(errs.StackOf(origin)); len(rec.Stack.Frames) != n {
				t.Fatalf("MarshalStack(err) logs %d frames, want the origin's %d", len(rec.Stack.Frames), n)
			}
			if got := rec.Stack.Frames[0]; !reflect.DeepEqual(got, want) {
				t.Errorf("MarshalStack(err) logs frames[0] = %v, want %v", got, want)
			}
			if rec.Stack.Stacks != nil {
				t.Errorf("MarshalStack(err) logs stacks = %v, want none for one stack", rec.Stack.Stacks)
			}
		})
	}
}

// store is a type whose method makes an errs error.
type store struct{}

func (*store) get() error { return errs.New("no rows") }

// TestMarshalStackFrames checks frames against the shape of
// pkgerrors.MarshalStack's: the keys func (as pkg/errors prints %n),
// source (the file's base name) and line, all strings.
func TestMarshalStackFrames(t *testing.T) {
	tests := []struct {
		name   string
		origin func() error
		want   string // func of the first frame
	}{
		{"a function", newOrigin, "newOrigin"},
		{"a method", (&store{}).get, "(*store).get"},
		{"a closure", func() error { return errs.New("closure") }, "TestMarshalStackFrames.func1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.origin()
			rec := logEvent(t, err)
			st := errs.StackOf(err)
			if rec.Stack == nil || len(rec.Stack.Frames) != len(st) {
				t.Fatalf("MarshalStack(err) logs %+v, want %d frames", rec.Stack, len(st))
			}
			want := map[string]any{"func": tt.want, "source": "stack_test.go", "line": strconv.Itoa(st[0].Line)}
			if got := rec.Stack.Frames[0]; !reflect.DeepEqual(got, want) {
				t.Errorf("MarshalStack(err) logs frames[0] = %v, want %v", got, want)
			}
			for i, f := range rec.Stack.Frames {
				fn, _ := f["func"].(string)
				want := map[string]any{"func": fn, "source": path.Base(st[i].File), "line": strconv.Itoa(st[i].Line)}
				if fn == "" || !strings.HasSuffix(st[i].Function, "."+fn) || !reflect.DeepEqual(f, want) {
					t.Errorf("MarshalStack(err) logs frames[%d] = %v, want %v for %s", i, f, want, st[i].Function)
				}
			}
		})
	}
}

func TestMarshalStackStacks(t *testing.T) {
	var origin error
	var wg sync.WaitGroup
	wg.Go(func() { origin = newOrigin() })
	wg.Wait()
	// The error crossed from another goroutine, so Wrap adds a stack.
	err := fmt.Errorf("handler: %w", wrapHere(origin))
	if n := len(errs.Stacks(err)); n != 2 {
		t.Fatalf("len(errs.Stacks(err)) = %d, want 2", n)
	}

	rec := logEvent(t, err)
	if rec.Stack == nil || len(rec.Stack.Stacks) != 2 {
		t.Fatalf("MarshalStack(err) logs %+v, want 2 stacks", rec.Stack)
	}
	if !reflect.DeepEqual(rec.Stack.Stacks[0].Frames, rec.Stack.Frames) {
		t.Errorf("MarshalStack(err) logs stacks[0].frames = %v, want frames %v", rec.Stack.Stacks[0].Frames, rec.Stack.Frames)
	}
	for i, fn := range []string{"newOrigin", "wrapHere"} {
		if got := rec.Stack.Stacks[i].Frames[0]["func"]; got != fn {
			t.Errorf("MarshalStack(err) logs stacks[%d].frames[0].func = %v, want %s", i, got, fn)
		}
	}
}

func TestMarshalStackWithoutStack(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"nil", nil},
		{"errors.New", errors.New("plain")},
		{"fmt.Errorf %w", fmt.Errorf("read: %w", io.EOF)},
		{"errors.Join", errors.Join(io.EOF, errors.New("plain"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An untyped nil, or zerolog would log "stack": null.
			if got := errszerolog.MarshalStack(tt.err); got != nil {
				t.Errorf("MarshalStack(err) = %#v, want nil", got)
			}
			var buf bytes.Buffer
			logger := zerolog.New(&buf)
			logger.Error().Stack().Err(tt.err).Msg("")
			var rec map[string]any
			if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
				t.Fatalf("%v: %s", err, buf.Bytes())
			}
			if v, ok := rec["stack"]; ok {
				t.Errorf("logged stack = %v, want none", v)
			}
			if tt.err != nil && rec["error"] != tt.err.Error() {
				t.Errorf("logged error = %v, want %q", rec["error"], tt.err.Error())
			}
		})
	}
}

// TestMarshalStackCalls checks the ways zerolog asks for a stack: an
// event's Err, a map of fields, and a logger's context.
func TestMarshalStackCalls(t *testing.T) {
	origin := newOrigin()
	err := fmt.Errorf("handler: %w", origin)
	tests := []struct {
		name string
		log  func(*bytes.Buffer)
	}{
		{"Event.Err", func(buf *bytes.Buffer) {
			logger := zerolog.New(buf)
			logger.Error().Stack().Err(err).Send()
		}},
		{"Event.Fields", func(buf *bytes.Buffer) {
			logger := zerolog.New(buf)
			logger.Error().Stack().Fields(map[string]any{"error": err}).Send()
		}},
		{"Context.Err", func(buf *bytes.Buffer) {
			logger := zerolog.New(buf).With().Stack().Err(err).Logger()
			logger.Error().Send()
		}},
		{"Context.Stack with Event.Err", func(buf *bytes.Buffer) {
			logger := zerolog.New(buf).With().Stack().Logger()
			logger.Error().Err(err).Send()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.log(&buf)
			rec := decode(t, &buf)
			if rec.Stack == nil || rec.Stack.Fingerprint != errs.Fingerprint(origin) {
				t.Fatalf("logged %s, want a stack with fingerprint %s", buf.Bytes(), errs.Fingerprint(origin))
			}
			if got := rec.Stack.Frames[0]["func"]; got != "newOrigin" {
				t.Errorf("logged frames[0].func = %v, want newOrigin", got)
			}
			if rec.Error != err.Error() {
				t.Errorf("logged error = %q, want %q", rec.Error, err.Error())
			}
		})
	}
}
