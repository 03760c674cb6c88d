package graceful

import (
	"log/slog"
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
// is not ready by then is killed. The default is [DefaultUpgradeTimeout]; a
// d <= 0 restores it. The context given to Upgrade can only shorten the wait.
func WithUpgradeTimeout(d time.Duration) Option {
	return func(c *config) {
		if d <= 0 {
			d = DefaultUpgradeTimeout
		}
		c.upgradeTimeout = d
	}
}

// WithLogger makes the Upgrader log upgrades, handovers and failures at Info
// and Warn, and socket inheritance at Debug. A nil logger, the default, logs
// nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.log = l }
}
