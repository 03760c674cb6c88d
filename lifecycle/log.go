package lifecycle

import (
	"context"
	"log/slog"
	"time"
)

// The graph logs as every lifekit package does: through LogAttrs, with
// messages that are lowercase event phrases ("component started", "graph
// start failed"), and with one key per kind of value, built here.

// log logs at level when the graph has a logger.
func (g *Graph) log(level slog.Level, msg string, attrs ...slog.Attr) {
	if l := g.cfg.log; l != nil {
		l.LogAttrs(context.Background(), level, msg, attrs...)
	}
}

// logEnabled reports whether the graph logs at level, for the callers that
// would otherwise build attributes for nothing.
func (g *Graph) logEnabled(level slog.Level) bool {
	l := g.cfg.log
	return l != nil && l.Enabled(context.Background(), level)
}

// errAttr puts err under "err", the key of errors in every lifekit log.
func errAttr(err error) slog.Attr { return slog.Any("err", err) }

// componentAttr names c under "component".
func componentAttr(c *component) slog.Attr { return slog.String("component", c.obj.String()) }

// durationAttr puts d under "duration".
func durationAttr(d time.Duration) slog.Attr { return slog.Duration("duration", d) }
