package graceful

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// BenchmarkServeKeepAlive is the per-request cost of the tracking listener:
// an http.Server on a plain TCP listener and on one from newListener, each
// serving 8 keep-alive clients on 127.0.0.1 (raw HTTP/1.1, one request in
// flight per connection), without and with TLS (crypto/tls above the
// listener, as a server that terminates TLS itself has it). ns/op is per
// request, and counts both sides.
func BenchmarkServeKeepAlive(b *testing.B) {
	serverTLS, clientTLS := benchTLS(b)
	for _, tc := range []struct {
		name string
		wrap func(net.Listener) net.Listener
		tls  bool
	}{
		{"tls=off/listener=plain", func(ln net.Listener) net.Listener { return ln }, false},
		{"tls=off/listener=graceful", func(ln net.Listener) net.Listener { return newListener(ln, nil, false) }, false},
		{"tls=on/listener=plain", func(ln net.Listener) net.Listener { return ln }, true},
		{"tls=on/listener=graceful", func(ln net.Listener) net.Listener { return newListener(ln, nil, false) }, true},
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

// benchTLS returns TLS configurations for a server on 127.0.0.1 with a
// self-signed ECDSA certificate made now, and for a client that trusts it.
func benchTLS(b *testing.B) (server, client *tls.Config) {
	b.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		b.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		b.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
	return server, client
}
