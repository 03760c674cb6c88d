package lifecycle

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// A Report tells how the graph started and stopped. Take one with
// [Graph.Report] after Start, to find what makes a service slow to start.
type Report struct {
	Start time.Duration // how long Start took; zero until Start succeeds
	Stop  time.Duration // how long Stop took; zero until Stop returns

	// Components lists the components in the order they finished starting;
	// those that did not start follow, in the order they were provided.
	Components []ComponentReport

	// CriticalPath names the chain of components that bounded Start, in
	// start order: the component that finished starting last, preceded by
	// the dependency whose start it waited for last, and so on. Making a
	// component off this path faster does not make Start faster.
	CriticalPath []string
}

// A ComponentReport tells how one component started and stopped.
type ComponentReport struct {
	Component     string        // type and name, as in errors
	StartOrder    int           // 1 for the first to finish starting; 0 if it did not start
	StopOrder     int           // 1 for the first to finish stopping; 0 if it did not stop
	StartedAt     time.Duration // when its Start was called, from the beginning of Start
	StartDuration time.Duration // how long its Start ran
	StopDuration  time.Duration // how long its Stop ran
}

// Report returns the start and stop figures so far. It is safe to call at
// any time, also while the graph starts or stops.
func (g *Graph) Report() Report {
	g.mu.Lock()
	defer g.mu.Unlock()
	r := Report{
		Start:        g.report.Start,
		Stop:         g.report.Stop,
		CriticalPath: slices.Clone(g.report.CriticalPath),
	}
	if g.order == nil {
		return r
	}
	cs := slices.Clone(g.order.comps)
	slices.SortFunc(cs, func(a, b *component) int {
		if (a.startSeq == 0) != (b.startSeq == 0) {
			if a.startSeq == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.startSeq, b.startSeq), cmp.Compare(a.obj.index, b.obj.index))
	})
	r.Components = make([]ComponentReport, len(cs))
	for i, c := range cs {
		r.Components[i] = ComponentReport{
			Component:     c.obj.String(),
			StartOrder:    c.startSeq,
			StopOrder:     c.stopSeq,
			StartedAt:     c.startAt,
			StartDuration: c.startDur,
			StopDuration:  c.stopDur,
		}
	}
	return r
}

// String formats the report as a table, one component a line, followed by
// the critical path.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "start %v, stop %v\n", roundDuration(r.Start), roundDuration(r.Stop))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "start\tstop\tcomponent\tstarted at\tstart\tstop")
	for _, c := range r.Components {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%v\t%v\n", ordinal(c.StartOrder), ordinal(c.StopOrder), c.Component,
			roundDuration(c.StartedAt), roundDuration(c.StartDuration), roundDuration(c.StopDuration))
	}
	tw.Flush()
	if len(r.CriticalPath) > 0 {
		fmt.Fprintf(&b, "critical path: %s\n", strings.Join(r.CriticalPath, " -> "))
	}
	return b.String()
}

func ordinal(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}
