package graceful_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/lifekit/lifekit/graceful"
)

// A server that upgrades itself on SIGHUP and drains on SIGTERM.
func Example() {
	u, err := graceful.New(graceful.WithPIDFile("/run/app/app.pid"))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()

	ln, err := u.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: graceful.Handler(http.NotFoundHandler())}
	go srv.Serve(ln)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM) // before Ready
	if err := u.Ready(); err != nil {
		log.Fatal(err)
	}
wait:
	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGTERM {
				break wait
			}
			go func() {
				if err := u.Upgrade(context.Background()); err != nil {
					log.Print(err)
				}
			}()
		case <-u.Exit():
			break wait
		}
	}
	u.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := u.Shutdown(ctx, srv, 300*time.Millisecond); err != nil {
		log.Print(err)
	}
}

func ExampleNew() {
	u, err := graceful.New(
		graceful.WithPIDFile("/run/app/app.pid"),
		graceful.WithUpgradeTimeout(30*time.Second),
		graceful.WithLogger(slog.Default()),
	)
	if errors.Is(err, graceful.ErrNotSupported) {
		log.Fatal("no graceful upgrades on this platform")
	}
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	fmt.Println("inherited from a previous generation:", u.HasParent())
}

// Serve HTTPS: wrap the listener with crypto/tls (or call srv.ServeTLS).
// The socket underneath is what passes to the next generation; Handler
// keeps the drain safe over TLS.
func ExampleUpgrader_Listen() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	ln, err := u.Listen("tcp", ":8443")
	if err != nil {
		log.Fatal(err)
	}
	cert, err := tls.LoadX509KeyPair("cert.pem", "key.pem")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: graceful.Handler(http.NotFoundHandler())}
	go srv.Serve(tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}}))
}

// A UDP socket passes to the next generation like a listener.
func ExampleUpgrader_ListenPacket() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	pc, err := u.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer pc.Close()
	fmt.Println(pc.LocalAddr().Network())
	// Output: udp
}

// Ready comes after every Listen, once the servers run: the previous
// generation starts to drain as soon as it returns.
func ExampleUpgrader_Ready() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go srv.Serve(ln)
	if err := u.Ready(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("serving")
	u.Stop()
	graceful.Shutdown(context.Background(), srv, 0)
	// Output: serving
}

// Upgrade reports why a new generation did not take over; this one keeps
// serving.
func ExampleUpgrader_Upgrade() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	// ... Listen, serve, Ready ...
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	switch err := u.Upgrade(ctx); {
	case err == nil:
		fmt.Println("the next generation serves; draining")
	case errors.Is(err, graceful.ErrUpgradeInProgress):
		fmt.Println("an upgrade is already running")
	case errors.Is(err, graceful.ErrUpgradeFailed):
		fmt.Println("still serving:", err)
	default:
		fmt.Println(err)
	}
}

func ExampleUpgrader_Exit() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	u.Stop() // Stop, like a successful Upgrade, closes Exit
	<-u.Exit()
	fmt.Println("drain and exit")
	// Output: drain and exit
}

func ExampleUpgrader_Stop() {
	dir, err := os.MkdirTemp("", "graceful-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	pidFile := filepath.Join(dir, "app.pid")
	u, err := graceful.New(graceful.WithPIDFile(pidFile))
	if err != nil {
		log.Fatal(err)
	}
	if err := u.Ready(); err != nil {
		log.Fatal(err)
	}
	u.Stop() // stops for good: removes the PID file
	_, err = os.Stat(pidFile)
	fmt.Println(os.IsNotExist(err))
	// Output: true
}

// A server that terminates TLS itself, HTTP/1.1 and HTTP/2, drained
// without a failed request: Handler tells each client, on its next
// request, to go elsewhere, and the lame duck ends once all have.
func ExampleHandler() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
	ln, err := u.Listen("tcp", ":8443")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") })
	srv := &http.Server{Handler: graceful.Handler(mux)}
	go srv.ServeTLS(ln, "/etc/app/cert.pem", "/etc/app/key.pem")
	if err := u.Ready(); err != nil {
		log.Fatal(err)
	}

	<-u.Exit() // handed over to the next generation, or stopped
	u.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := u.Shutdown(ctx, srv, 5*time.Second); err != nil {
		log.Print(err)
	}
}

func ExampleShutdown() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	// Keep-alive clients are told "Connection: close" for 300ms, then
	// srv.Shutdown waits for the requests in flight, for 10s at most.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fmt.Println(graceful.Shutdown(ctx, srv, 300*time.Millisecond), <-served)
	// Output: <nil> http: Server closed
}

// A generation that is done drains its server. Here no client is left once
// Stop has closed the socket, so the lame duck ends at once rather than
// after 300ms; with clients, once each has been told to go.
func ExampleUpgrader_Shutdown() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	ln, err := u.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if err := u.Ready(); err != nil {
		log.Fatal(err)
	}

	u.Stop()   // as on SIGTERM; after an Upgrade, the handover closes Exit
	<-u.Exit() // closed: drain
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fmt.Println(u.Shutdown(ctx, srv, 300*time.Millisecond), <-served)
	// Output: <nil> http: Server closed
}

func ExampleUpgrader_HandedOver() {
	u, err := graceful.New()
	if err != nil {
		log.Fatal(err)
	}
	u.Stop() // as on SIGTERM
	<-u.Exit()
	if u.HandedOver() {
		fmt.Println("a next generation serves: drain and exit")
	} else {
		fmt.Println("stopping for good")
	}
	// Output: stopping for good
}

func ExampleWithPIDFile() {
	u, err := graceful.New(graceful.WithPIDFile("/run/app/app.pid"))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
}

func ExampleWithUpgradeTimeout() {
	// A new generation that needs long to warm up its caches.
	u, err := graceful.New(graceful.WithUpgradeTimeout(5 * time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
}

func ExampleWithLogger() {
	u, err := graceful.New(graceful.WithLogger(slog.New(slog.NewJSONHandler(os.Stderr, nil))))
	if err != nil {
		log.Fatal(err)
	}
	defer u.Stop()
}
