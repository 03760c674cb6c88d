package lifecycle

import (
	"context"
	"log/slog"
)

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
