package graceful

import (
	"log/slog"
	"net"
	"time"
)

// DefaultUpgradeTimeout is how long [Upgrader.Upgrade] waits for the next
// generation to call Ready when [WithUpgradeTimeout] is not given.
const DefaultUpgradeTimeout = time.Minute

// An Option configures an [Upgrader]. Options are applied in order; the last
// one of a kind wins.
type Option func(*config)

type config struct {
	pidFile        string
	upgradeTimeout time.Duration
	log            *slog.Logger
	listen         net.ListenConfig
}

func defaultConfig() config {
	return config{upgradeTimeout: DefaultUpgradeTimeout}
}

// WithPIDFile makes every generation write its process ID to path, a line
// of decimal digits, when it calls [Upgrader.Ready], before its parent (or
// systemd) is told that it is ready. The file is replaced atomically (a
// temporary file in the same directory, renamed over path), so a reader
// never sees it empty or half written. A generation that stops for good,
// without a successor, removes it if it still holds its own ID. An empty
// path, the default, writes no file.
func WithPIDFile(path string) Option {
	return func(c *config) { c.pidFile = path }
}

// WithUpgradeTimeout bounds how long [Upgrader.Upgrade] waits for the next
// generation to become ready, from the moment it is started; a process that
// is not ready by then is killed. The default is [DefaultUpgradeTimeout]; 0
// means the default, and a negative d means no bound other than the context
// given to Upgrade, which can always shorten the wait.
func WithUpgradeTimeout(d time.Duration) Option {
	return func(c *config) {
		if d == 0 {
			d = DefaultUpgradeTimeout
		}
		c.upgradeTimeout = d
	}
}

// WithLogger makes the Upgrader log upgrades, handovers and failures at Info
// and Warn ("upgrade started", "handed over", "upgrade failed", ...), and
// socket inheritance at Debug. Errors are logged under "err" and durations
// under "duration". Each record about a process carries the logging
// process's ID under "pid", and, where it names another, its parent's
// under "parent" and the next generation's under "next". A nil logger, the
// default, logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.log = l }
}

// WithListenConfig makes Listen and ListenPacket create sockets with lc, for
// socket options such as SO_REUSEPORT or buffer sizes (set in lc.Control)
// and TCP keep-alive settings. It applies to the sockets a generation
// creates; a socket it inherits, from the previous generation or from
// systemd, is the same socket, with the options it was created with. The
// default is the zero net.ListenConfig, as net.Listen uses.
func WithListenConfig(lc net.ListenConfig) Option {
	return func(c *config) { c.listen = lc }
}
