package lifecycle

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// WriteDOT writes the graph in the DOT language of Graphviz, for
// "dot -Tsvg": one node per object, boxes for components and dashed ellipses
// for plain objects, and one edge per injected field, from the object
// injected to the object that holds the field, labelled with the field
// (dashed for an optional field; one left nil has no edge). The edges thus
// point in start order. Once Start has run, each component's
// label also gives its place in the start order.
//
// WriteDOT populates the graph first if needed, and returns the error of
// Populate, if any, or of w. Its output is the same for the same graph.
func (g *Graph) WriteDOT(w io.Writer) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	// A graph stopped before Start was never populated: Stop ended it
	// without building an order.
	if g.state == stateNew || g.order == nil {
		if err := g.populate(); err != nil {
			return err
		}
	}
	isComp := make(map[*Object]*component, len(g.order.comps))
	for _, c := range g.order.comps {
		isComp[c.obj] = c
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph lifecycle {\n\trankdir=LR;\n\tnode [shape=box];\n")
	for i, o := range g.objs {
		label := o.String()
		c := isComp[o]
		if c != nil && c.startSeq > 0 {
			label += "\nstart #" + strconv.Itoa(c.startSeq)
		}
		bw.WriteString("\tn" + strconv.Itoa(i) + " [label=" + dotQuote(label))
		if c == nil {
			bw.WriteString(", shape=ellipse, style=dashed")
		}
		bw.WriteString("];\n")
	}
	for i, ds := range g.deps {
		for _, d := range ds {
			bw.WriteString("\tn" + strconv.Itoa(d.to) + " -> n" + strconv.Itoa(i) + " [label=" + dotQuote(d.field.path))
			if d.field.tag.optional {
				bw.WriteString(", style=dashed")
			}
			bw.WriteString("];\n")
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// dotQuote quotes s as a DOT string, with \n for a line break.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
