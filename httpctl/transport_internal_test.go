package httpctl

import (
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDefaultBaseTimeouts checks the connection timeouts of the clone of
// http.DefaultTransport that a Transport with no Base uses: 0 keeps
// http.DefaultTransport's, a positive value replaces it, a negative one
// removes it.
func TestDefaultBaseTimeouts(t *testing.T) {
	def := http.DefaultTransport.(*http.Transport)
	tests := []struct {
		name               string
		tr                 *Transport
		wantTLS, wantHeads time.Duration
	}{
		{"0 keeps the default's", &Transport{}, def.TLSHandshakeTimeout, def.ResponseHeaderTimeout},
		{"positive", &Transport{TLSHandshakeTimeout: 2 * time.Second, ResponseHeaderTimeout: 3 * time.Second},
			2 * time.Second, 3 * time.Second},
		{"negative: no bound", &Transport{DialTimeout: -1, TLSHandshakeTimeout: -1, ResponseHeaderTimeout: -1}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ok := tt.tr.transport().(*http.Transport)
			if !ok || b == def {
				t.Fatalf("base = %T %p, want a clone of http.DefaultTransport", tt.tr.transport(), b)
			}
			if b.TLSHandshakeTimeout != tt.wantTLS || b.ResponseHeaderTimeout != tt.wantHeads {
				t.Errorf("TLSHandshakeTimeout, ResponseHeaderTimeout = %v, %v; want %v, %v",
					b.TLSHandshakeTimeout, b.ResponseHeaderTimeout, tt.wantTLS, tt.wantHeads)
			}
			if b.DialContext == nil || !b.ForceAttemptHTTP2 {
				t.Errorf("the clone lost its dialer (%v) or HTTP/2 (%v)", b.DialContext != nil, b.ForceAttemptHTTP2)
			}
			if def.TLSHandshakeTimeout != 10*time.Second {
				t.Errorf("http.DefaultTransport was modified: TLSHandshakeTimeout %v", def.TLSHandshakeTimeout)
			}
		})
	}
}

// TestDefaultTransportAsBase checks that Base set to http.DefaultTransport
// itself is treated as no Base: DialTimeout replaces its dialer's own 30s
// bound rather than wrapping it, so that a longer or negative DialTimeout
// takes effect. Any other Base's DialContext is wrapped.
func TestDefaultTransportAsBase(t *testing.T) {
	for _, d := range []time.Duration{time.Minute, -1} {
		for _, base := range []*http.Transport{nil, http.DefaultTransport.(*http.Transport)} {
			tr := &Transport{DialTimeout: d}
			if base != nil {
				tr.Base = base
			}
			b := tr.transport().(*http.Transport)
			if name := funcName(b.DialContext); strings.Contains(name, "boundDial") {
				t.Errorf("Base %p, DialTimeout %v: DialContext is %s, a wrap of the default's 30s dialer", base, d, name)
			}
		}
	}
	custom := http.DefaultTransport.(*http.Transport).Clone()
	b := (&Transport{Base: custom, DialTimeout: time.Minute}).transport().(*http.Transport)
	if name := funcName(b.DialContext); !strings.Contains(name, "boundDial") {
		t.Errorf("a clone as Base: DialContext is %s, want the clone's dialer wrapped by boundDial", name)
	}
}

// funcName returns the name of f's code.
func funcName(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
}
