package lifecycle

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lifekit/lifekit/errs"
)

// tagKind says how a tagged field is filled.
type tagKind uint8

const (
	byType  tagKind = iota // inject:""
	byName                 // inject:"name"
	private                // inject:"private"
	inline                 // inject:"inline"
)

// tag is a parsed inject struct tag.
type tag struct {
	kind     tagKind
	name     string // for byName
	optional bool   // ",optional": left nil when nothing provides it
}

// String returns the tag as it is written in a struct.
func (t tag) String() string {
	switch t.kind {
	case private:
		return `inject:"private"`
	case inline:
		return `inject:"inline"`
	}
	if t.optional {
		return `inject:"` + t.name + `,optional"`
	}
	return `inject:"` + t.name + `"`
}

// parseTag finds the inject key in a struct tag and parses its value.
//
// It reads the tag the way reflect.StructTag.Lookup does, but where Lookup
// silently gives up on a malformed tag, parseTag reports an error when the
// malformed part looks like an inject key (inject:name, inject: "", a bare
// inject), and it rejects a second inject key. A tag without an inject key is
// not an error: found is false.
func parseTag(st string) (t tag, found bool, err error) {
	s := st
	for s != "" {
		// Skip leading space, as reflect does.
		i := 0
		for i < len(s) && s[i] == ' ' {
			i++
		}
		s = s[i:]
		if s == "" {
			break
		}
		pair := s
		// Scan to the colon. A space, a quote or a control character cannot
		// be part of a key.
		i = 0
		for i < len(s) && s[i] > ' ' && s[i] != ':' && s[i] != '"' && s[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(s) || s[i] != ':' || s[i+1] != '"' {
			return malformed(pair, t, found)
		}
		key := s[:i]
		s = s[i+1:]
		// Scan the quoted value.
		i = 1
		for i < len(s) && s[i] != '"' {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(s) {
			return malformed(pair, t, found)
		}
		quoted := s[:i+1]
		s = s[i+1:]
		if key != "inject" {
			continue
		}
		if found {
			return tag{}, false, errs.New(`two inject keys`)
		}
		value, uerr := strconv.Unquote(quoted)
		if uerr != nil {
			return tag{}, false, errs.Errorf("bad inject tag %s: bad quoting", quoted)
		}
		t, err = parseTagValue(value)
		if err != nil {
			return tag{}, false, err
		}
		found = true
	}
	return t, found, nil
}

// malformed decides what a syntax error at rest means: an error when rest
// holds something that looks like an inject key, else the end of the tag.
func malformed(rest string, t tag, found bool) (tag, bool, error) {
	for f := range strings.FieldsSeq(rest) {
		if f == "inject" || strings.HasPrefix(f, "inject:") {
			return tag{}, false, errs.Errorf("malformed struct tag near %q: want inject:\"...\"", f)
		}
	}
	return t, found, nil
}

// parseTagValue parses an inject tag's value: "", "name", "private" or
// "inline", and for the first two, the option ",optional".
func parseTagValue(v string) (tag, error) {
	base, opt, hasOpt := strings.Cut(v, ",")
	if hasOpt {
		if opt != "optional" {
			return tag{}, errs.Errorf("bad inject tag %q: unknown option %q; the one option is optional", v, opt)
		}
		if base == "private" || base == "inline" {
			return tag{}, errs.Errorf("bad inject tag %q: an inject:%q field is always filled; optional is for inject:\",optional\" and inject:\"name,optional\"", v, base)
		}
	}
	switch base {
	case "":
		return tag{kind: byType, optional: hasOpt}, nil
	case "private":
		return tag{kind: private}, nil
	case "inline":
		return tag{kind: inline}, nil
	}
	if err := checkName(base); err != nil {
		return tag{}, errs.Errorf("bad inject tag %q: %v", v, err)
	}
	return tag{kind: byName, name: base, optional: hasOpt}, nil
}

// checkName reports whether s can name an object: one or more letters,
// digits, or any of _ - . : /. The restriction keeps names readable in
// messages, in paths like *app.DB(primary).Conn and in DOT output, and leaves
// room for options after a comma later.
func checkName(s string) error {
	if s == "" {
		return errs.New("empty name")
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return errs.Errorf("invalid UTF-8 at byte %d", i)
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune("_-.:/", r):
		default:
			return errs.Errorf("character %q not allowed in a name", r)
		}
	}
	return nil
}
