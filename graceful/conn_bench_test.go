package graceful

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// BenchmarkServeKeepAlive is the per-request cost of the tracking listener:
// an http.Server on a plain TCP listener and on one from newListener, each
// serving 8 keep-alive clients on 127.0.0.1 (raw HTTP/1.1, one request in
// flight per connection). ns/op is per request, and counts both sides.
func BenchmarkServeKeepAlive(b *testing.B) {
	for _, tc := range []struct {
		name string
		wrap func(net.Listener) net.Listener
	}{
		{"listener=plain", func(ln net.Listener) net.Listener { return ln }},
		{"listener=graceful", func(ln net.Listener) net.Listener { return newListener(ln, nil, false) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			inner, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			ln := tc.wrap(inner)
			srv := &http.Server{Handler: okHandler("ok")}
			done := make(chan struct{})
			go func() {
				defer close(done)
				srv.Serve(ln)
			}()
			const clients = 8
			conns := make([]*rawClient, clients)
			for i := range conns {
				conns[i] = dialRaw(b, ln.Addr().String())
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
