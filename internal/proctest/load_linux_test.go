package proctest

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// A connection that cannot be made counts as refused, whatever the
// protocol. The port is bound
// by a socket that does not listen, so that nobody else can take it.
func TestLoadRefused(t *testing.T) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)

	cert := NewCert(t)
	for _, tc := range []struct {
		name string
		cfg  LoadConfig
	}{
		{"http1", LoadConfig{Clients: 1}},
		{"http1/tls", LoadConfig{Clients: 1, TLS: cert.Client}},
		{"http2", LoadConfig{Clients: 1, TLS: cert.Client, HTTP2: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ld := StartLoadWith(t, addr, tc.cfg)
			ld.WaitFor(t, 30*time.Second, func(_, _, refused int64) bool { return refused >= 3 })
			r := ld.Stop()
			if r.Refused < 3 || r.OK != 0 || r.Failed != 0 {
				t.Errorf("refused %d, OK %d, failed %d (%q); want refusals only", r.Refused, r.OK, r.Failed, r.Errors)
			}
		})
	}
}
