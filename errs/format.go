package errs

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
)

// format implements fmt.Formatter for the errors of this package.
func format(s fmt.State, verb rune, err error) {
	switch {
	case verb == 'v' && s.Flag('+'):
		writeVerbose(s, err)
	case (verb == 'v' || verb == 's') && plain(s):
		io.WriteString(s, errorText(err))
	default:
		// Width, precision, %q, %#v, and fmt's complaint about other verbs.
		fmt.Fprintf(s, fmt.FormatString(s, verb), errorText(err))
	}
}

// plain reports a directive with no flags, width or precision.
func plain(s fmt.State) bool {
	_, w := s.Width()
	_, p := s.Precision()
	return !w && !p && !s.Flag('-') && !s.Flag('#') && !s.Flag(' ') && !s.Flag('0')
}

// writeVerbose writes the %+v form: the message, then every stack on the
// chain, inner first. A stack that repeats an earlier one is left out, and
// the outer frames a stack shares with an earlier one are counted rather
// than printed again.
//
//	load config: open app.conf: no such file or directory
//	--- stack 1 of 2
//	example.com/app/config.open
//		/src/app/config/open.go:12
//	...
//	--- stack 2 of 2
//	main.main
//		/src/app/main.go:30
//		... 1 frame as in stack 1
func writeVerbose(w io.Writer, err error) {
	io.WriteString(w, errorText(err))
	var buf [8]*stack
	list := buf[:0]
	walkStacks(err, func(s *stack) {
		for _, seen := range list {
			if slices.Equal(seen.pcs(), s.pcs()) {
				return
			}
		}
		list = append(list, s)
	})
	var infoBuf [inlineDepth]*frameInfo
	var num [64]byte
	for k, s := range list {
		if len(list) > 1 {
			b := append(num[:0], "\n--- stack "...)
			b = strconv.AppendInt(b, int64(k+1), 10)
			b = append(b, " of "...)
			b = strconv.AppendInt(b, int64(len(list)), 10)
			w.Write(b)
		}
		shared, with := sharedTail(list[:k], s)
		infos := appendInfos(infoBuf[:0], s.pcs())
		shown := 0 // shared frames that would have been printed
		for i, in := range infos {
			switch {
			case in.hidden:
			case i >= len(infos)-shared:
				shown++
			default:
				io.WriteString(w, in.text)
			}
		}
		if shown > 0 {
			b := append(num[:0], "\n\t... "...)
			b = strconv.AppendInt(b, int64(shown), 10)
			if shown == 1 {
				b = append(b, " frame as in stack "...)
			} else {
				b = append(b, " frames as in stack "...)
			}
			b = strconv.AppendInt(b, int64(with+1), 10)
			w.Write(b)
		}
	}
}

// sharedTail returns how many outermost frames s has in common with one of
// earlier (the most of any, but never all of s), and which one. Stacks cut at
// maxDepth end at an arbitrary frame and share nothing.
func sharedTail(earlier []*stack, s *stack) (n, with int) {
	if s.truncated() {
		return 0, 0
	}
	sp := s.pcs()
	sn := len(sp)
	for j, e := range earlier {
		if e.truncated() {
			continue
		}
		ep := e.pcs()
		en := len(ep)
		k := 0
		for k < sn-1 && k < en && sp[sn-1-k] == ep[en-1-k] {
			k++
		}
		if k > n {
			n, with = k, j
		}
	}
	return n, with
}

// LogValue implements slog.LogValuer: the error logs as a group holding its
// message, its fingerprint and its origin stack.
func (e *stackError) LogValue() slog.Value { return logValue(e) }

// LogValue implements slog.LogValuer as for errors with a stack.
func (e *textError) LogValue() slog.Value { return logValue(e) }

func logValue(err error) slog.Value {
	attrs := make([]slog.Attr, 0, 3)
	attrs = append(attrs,
		slog.String("msg", errorText(err)),
		slog.String("fingerprint", Fingerprint(err)))
	if st := StackOf(err); len(st) > 0 {
		lines := make([]string, len(st))
		for i, f := range st {
			lines[i] = f.Function + " " + f.File + ":" + strconv.Itoa(f.Line)
		}
		attrs = append(attrs, slog.Any("stack", lines))
	}
	return slog.GroupValue(attrs...)
}
