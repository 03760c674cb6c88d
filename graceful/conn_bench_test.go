package graceful

import (
	"bufio"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/lifekit/lifekit/internal/proctest"
)

// BenchmarkServeKeepAlive is the per-request cost of the tracking listener:
// an http.Server on a plain TCP listener and on one from newListener, each
// serving 8 keep-alive clients on 127.0.0.1 (raw HTTP/1.1, one request in
// flight per connection), without and with TLS (crypto/tls above the
// listener, as a server that terminates TLS itself has it), and with the
// server's handler wrapped by Handler too. ns/op is per request, and
// counts both sides.
func BenchmarkServeKeepAlive(b *testing.B) {
	cert := proctest.NewCert(b)
	serverTLS, clientTLS := cert.Server, cert.Client
	plain := func(ln net.Listener) net.Listener { return ln }
	tracking := func(ln net.Listener) net.Listener { return newListener(ln, nil, false) }
	for _, tc := range []struct {
		name    string
		wrap    func(net.Listener) net.Listener
		tls     bool
		handler bool // the server's handler wrapped with Handler
	}{
		{"tls=off/listener=plain", plain, false, false},
		{"tls=off/listener=graceful", tracking, false, false},
		{"tls=off/listener=graceful+handler", tracking, false, true},
		{"tls=on/listener=plain", plain, true, false},
		{"tls=on/listener=graceful", tracking, true, false},
		{"tls=on/listener=graceful+handler", tracking, true, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			inner, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			ln := tc.wrap(inner)
			if tc.tls {
				ln = tls.NewListener(ln, serverTLS)
			}
			srv := &http.Server{Handler: okHandler("ok")}
			if tc.handler {
				srv.Handler = Handler(srv.Handler)
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				srv.Serve(ln)
			}()
			const clients = 8
			conns := make([]*rawClient, clients)
			for i := range conns {
				conns[i] = dialRaw(b, ln.Addr().String())
				if tc.tls {
					tc := tls.Client(conns[i].c, clientTLS)
					if err := tc.Handshake(); err != nil { // outside the timed part
						b.Fatal(err)
					}
					conns[i] = &rawClient{c: tc, br: bufio.NewReader(tc)}
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			var wg sync.WaitGroup
			for i, rc := range conns {
				n := b.N / clients
				if i < b.N%clients {
					n++
				}
				wg.Go(func() {
					for range n {
						if _, _, err := rc.get("/"); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			for _, rc := range conns {
				rc.c.Close()
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			srv.Shutdown(ctx)
			<-done
		})
	}
}
