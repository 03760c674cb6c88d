package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// Config is the server's configuration, read once at start from flags with
// environment fallbacks (see parseConfig). It is a plain object of the
// lifecycle graph: components take it with inject:"" and never change it.
type Config struct {
	Addr    string // where to listen, host:port
	DataDir string // the SQLite file and the PID file live here
	DB      string // a postgres:// URL, or "" for SQLite in DataDir
	PIDFile string // written once the server is ready; "" for DataDir/apiserver.pid

	AdminAddr string // the operators' listener (/debug/*, detailed /readyz); "" for none

	Keys         Keys     // the application id and the keys; see resolveKeys
	KeysFile     string   // a JSON file of keys; "" for none
	AllowOrigins []string // origins whose web pages may call the API; "*" for any

	WebhookURL     string        // after-save webhook; "" for none
	WebhookTimeout time.Duration // all tries of one webhook call

	MaxBody        int64         // bytes a request body may have
	MaxListBytes   int           // bytes of objects one list response may carry
	LameDuck       time.Duration // how long a stopping server keeps answering with Connection: close
	StopTimeout    time.Duration // bound on the whole of stopping
	UpgradeTimeout time.Duration // how long a new generation has to become ready
	ReadyTimeout   time.Duration // bound on one /readyz check
	StoreTimeout   time.Duration // bound on one store call
	MaxConns       int           // open client connections at most; 0 for a default from the file descriptor limit

	LogLevel  slog.Level
	LogFormat string // "text" or "json"

	Instance      string        // this server's name in the fleet's error view
	FleetInterval time.Duration // how often the error counts are shared
}

// envPrefix prefixes the environment variable of every flag: -addr falls
// back to APISERVER_ADDR, -webhook-timeout to APISERVER_WEBHOOK_TIMEOUT.
const envPrefix = "APISERVER_"

// envName returns the environment variable that stands in for a flag.
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseConfig reads the configuration from args (without the program name)
// and, for every flag not given there, from the environment through getenv.
// The command line wins over the environment, which wins over the defaults.
// -db also falls back to DATABASE_URL, the name most platforms set.
// It returns flag.ErrHelp, after printing the usage to out, for -h.
func parseConfig(args []string, getenv func(string) string, out io.Writer) (*Config, error) {
	cfg := &Config{AllowOrigins: []string{"*"}}
	allowSet := false // the first -allow-origin replaces the default
	fs := flag.NewFlagSet("apiserver", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen on this `host:port`")
	fs.StringVar(&cfg.AdminAddr, "admin-addr", "127.0.0.1:8081", "serve /debug/* and the detailed /readyz on this `host:port`, for operators (keep it off the public network); empty for none")
	fs.StringVar(&cfg.Keys.AppID, "app-id", "", "the application `id` every request must name (X-Parse-Application-Id); with no keys given at all, one is generated into DATA/keys.json")
	fs.StringVar(&cfg.Keys.MasterKey, "master-key", "", "the master `key`: for /debug/* on the API's address (X-Parse-Master-Key); prefer the environment or -keys-file, which other users cannot read")
	fs.StringVar(&cfg.Keys.RESTAPIKey, "rest-api-key", "", "if set, REST clients must send this `key` (X-Parse-REST-API-Key), or another client key")
	fs.StringVar(&cfg.Keys.JavaScriptKey, "javascript-key", "", "if set, the JavaScript SDK must send this `key`, or another client key")
	fs.StringVar(&cfg.Keys.ClientKey, "client-key", "", "if set, iOS and Android clients must send this `key` (X-Parse-Client-Key), or another client key")
	fs.StringVar(&cfg.Keys.DotNetKey, "dotnet-key", "", "if set, .NET clients must send this `key` (X-Parse-Windows-Key), or another client key")
	fs.StringVar(&cfg.KeysFile, "keys-file", "", "read the keys from this JSON `file` (Parse Server's names: appId, masterKey, restAPIKey, javascriptKey, clientKey, dotNetKey); flags and environment win over it")
	fs.Func("allow-origin", "an `origin` (https://app.example) whose web pages may call the API, or * for any (the default); repeat, or separate with commas. With a list, writes from other sites' pages are refused", func(s string) error {
		if !allowSet {
			cfg.AllowOrigins, allowSet = nil, true
		}
		for _, o := range strings.Split(s, ",") {
			if o = strings.TrimSpace(o); o != "" {
				cfg.AllowOrigins = append(cfg.AllowOrigins, o)
			}
		}
		return nil
	})
	fs.StringVar(&cfg.DataDir, "data", "data", "data `dir`ectory: the SQLite database and the PID file; created if missing")
	fs.StringVar(&cfg.DB, "db", "", "PostgreSQL `URL` (postgres://...); empty for SQLite in the data directory (env also DATABASE_URL)")
	fs.StringVar(&cfg.PIDFile, "pidfile", "", "write the PID of the serving generation to this `file` (default DATA/apiserver.pid)")
	fs.StringVar(&cfg.WebhookURL, "webhook", "", "after-save webhook `URL`; empty for none")
	fs.DurationVar(&cfg.WebhookTimeout, "webhook-timeout", 10*time.Second, "bound on all tries of one webhook call")
	fs.Int64Var(&cfg.MaxBody, "max-body", 1<<20, "largest request body in `bytes`")
	fs.IntVar(&cfg.MaxListBytes, "max-list-bytes", 4<<20, "most `bytes` of objects in one list response: a list that would pass it is a 400 asking for a lower limit (it bounds the memory of each list request)")
	fs.DurationVar(&cfg.LameDuck, "lame-duck", 2*time.Second, "when stopping, keep serving with Connection: close up to this long")
	fs.DurationVar(&cfg.StopTimeout, "stop-timeout", 30*time.Second, "bound on stopping: drain, flush, close")
	fs.DurationVar(&cfg.UpgradeTimeout, "upgrade-timeout", 30*time.Second, "how long a new generation has to become ready")
	fs.IntVar(&cfg.MaxConns, "max-conns", 0, "most client `connections` open at once: beyond, idle ones are closed first, then new ones get a 503 (0: the open-file limit less 64 for the store and logs)")
	fs.DurationVar(&cfg.StoreTimeout, "store-timeout", 5*time.Second, "bound on one store call: a database that does not answer by then fails the request with a 503")
	fs.DurationVar(&cfg.ReadyTimeout, "ready-timeout", 2*time.Second, "bound on one /readyz check: a component that has not answered by then is not ready")
	fs.TextVar(&cfg.LogLevel, "log-level", slog.LevelInfo, "log `level`: debug, info, warn or error")
	fs.StringVar(&cfg.LogFormat, "log-format", "text", "log `format`: text or json")
	fs.StringVar(&cfg.Instance, "instance", "", "this server's `name` in /debug/errors?scope=fleet (default HOSTNAME:PORT)")
	fs.DurationVar(&cfg.FleetInterval, "fleet-interval", 10*time.Second, "how often to share the error counts with the fleet")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: apiserver [flags]\n\n"+
			"A Parse-style API server built with lifekit. Each flag falls back to\n"+
			"the environment variable %sNAME (-webhook-timeout: %s).\n\n",
			envPrefix, envName("webhook-timeout"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}

	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var errList []error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			return
		}
		name := envName(f.Name)
		v := getenv(name)
		if v == "" && f.Name == "db" {
			name, v = "DATABASE_URL", getenv("DATABASE_URL")
		}
		if v == "" {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			errList = append(errList, fmt.Errorf("%s: %w", name, err))
		}
	})
	if err := errors.Join(errList...); err != nil {
		return nil, err
	}
	if cfg.PIDFile == "" {
		cfg.PIDFile = filepath.Join(cfg.DataDir, "apiserver.pid")
	}
	if cfg.Instance == "" {
		cfg.Instance = defaultInstance(cfg.Addr)
	}
	return cfg, cfg.validate()
}

// validate reports a configuration the server cannot run with.
func (c *Config) validate() error {
	var problems []error
	if c.DB != "" && !isPostgresURL(c.DB) {
		problems = append(problems, errors.New("-db: want a postgres:// or postgresql:// URL, or nothing for SQLite"))
	}
	if c.DB == "" && strings.ContainsAny(c.DataDir, "?#") {
		// The SQLite driver reads options after a '?' in its file name.
		problems = append(problems, fmt.Errorf("-data %q: a SQLite directory may not contain '?' or '#'", c.DataDir))
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, fmt.Errorf("-webhook %q: want an http or https URL", redactURL(c.WebhookURL)))
		}
	}
	for _, o := range c.AllowOrigins {
		if err := checkOrigin(o); err != nil {
			problems = append(problems, fmt.Errorf("-allow-origin %q: %w", clip(o), err))
		}
	}
	if len(c.AllowOrigins) == 0 {
		problems = append(problems, errors.New("-allow-origin: want * or at least one origin"))
	}
	if c.MaxListBytes < 1 {
		problems = append(problems, errors.New("-max-list-bytes: want at least 1 byte"))
	}
	if c.MaxConns < 0 {
		problems = append(problems, errors.New("-max-conns: want 0 (a default) or more"))
	}
	if c.MaxBody < 1 {
		problems = append(problems, errors.New("-max-body: want at least 1 byte"))
	}
	for _, d := range []struct {
		name string
		d    time.Duration
	}{{"-webhook-timeout", c.WebhookTimeout}, {"-stop-timeout", c.StopTimeout}, {"-upgrade-timeout", c.UpgradeTimeout},
		{"-ready-timeout", c.ReadyTimeout}, {"-store-timeout", c.StoreTimeout}, {"-fleet-interval", c.FleetInterval}} {
		if d.d <= 0 {
			problems = append(problems, fmt.Errorf("%s: want a positive duration", d.name))
		}
	}
	if c.LameDuck < 0 {
		problems = append(problems, errors.New("-lame-duck: want a duration of 0 or more"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		problems = append(problems, fmt.Errorf("-log-format %q: want text or json", c.LogFormat))
	}
	return errors.Join(problems...)
}

// defaultInstance names a server after its host and port, which tell the
// servers of a fleet apart, and stay the same across its upgrades.
func defaultInstance(addr string) string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	if _, port, err := net.SplitHostPort(addr); err == nil {
		return host + ":" + port
	}
	return host
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// newLogger returns the process's logger, tagged with its PID so that the
// lines of two generations side by side during an upgrade can be told apart.
func newLogger(cfg *Config, w io.Writer) *slog.Logger {
	// errs.ReplaceAttr logs an error's stack and fingerprint even when
	// something else wraps it.
	opts := &slog.HandlerOptions{Level: cfg.LogLevel, ReplaceAttr: errs.ReplaceAttr}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(h).With("pid", os.Getpid())
}
