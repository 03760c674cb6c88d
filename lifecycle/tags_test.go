package lifecycle

import (
	"reflect"
	"testing"
)

func TestParseTag(t *testing.T) {
	tests := []struct {
		tag   string
		want  tag
		found bool
		err   string
	}{
		{tag: ``},
		{tag: `json:"x"`},
		{tag: `inject:""`, want: tag{kind: byType}, found: true},
		{tag: `inject:"private"`, want: tag{kind: private}, found: true},
		{tag: `inject:"inline"`, want: tag{kind: inline}, found: true},
		{tag: `inject:"db"`, want: tag{kind: byName, name: "db"}, found: true},
		{tag: `inject:"db.primary:5432/x_y-z"`, want: tag{kind: byName, name: "db.primary:5432/x_y-z"}, found: true},
		{tag: `inject:"base-de-données"`, want: tag{kind: byName, name: "base-de-données"}, found: true},
		{tag: `json:"x" inject:"db" yaml:"y"`, want: tag{kind: byName, name: "db"}, found: true},
		{tag: `json:"a\"b" inject:""`, want: tag{kind: byType}, found: true},
		{tag: `  inject:""  `, want: tag{kind: byType}, found: true},
		{tag: `injected:"x"`},
		{tag: `xinject:"x"`},
		{tag: `json:"x" garbage injected`},
		{tag: `inject:"\u0064b"`, want: tag{kind: byName, name: "db"}, found: true},
		{tag: `inject:"a b"`, err: `bad inject tag "a b": character ' ' not allowed in a name`},
		{tag: `inject:"db,optional"`, want: tag{kind: byName, name: "db", optional: true}, found: true},
		{tag: `inject:",optional"`, want: tag{kind: byType, optional: true}, found: true},
		{tag: `inject:"db,required"`, err: `bad inject tag "db,required": unknown option "required"; the one option is optional`},
		{tag: `inject:"db,optional,optional"`, err: `bad inject tag "db,optional,optional": unknown option "optional,optional"; the one option is optional`},
		{tag: `inject:"private,optional"`, err: `bad inject tag "private,optional": an inject:"private" field is always filled; optional is for inject:",optional" and inject:"name,optional"`},
		{tag: `inject:"inline,optional"`, err: `bad inject tag "inline,optional": an inject:"inline" field is always filled; optional is for inject:",optional" and inject:"name,optional"`},
		{tag: `inject:",optional "`, err: `bad inject tag ",optional ": unknown option "optional "; the one option is optional`},
		{tag: `inject:"\xff"`, err: `bad inject tag "\xff": invalid UTF-8 at byte 0`},
		{tag: `inject:"x" inject:"y"`, err: `two inject keys`},
		{tag: `inject:db`, err: `malformed struct tag near "inject:db": want inject:"..."`},
		{tag: `inject: ""`, err: `malformed struct tag near "inject:": want inject:"..."`},
		{tag: `inject`, err: `malformed struct tag near "inject": want inject:"..."`},
		{tag: `json:"x" inject:"unterminated`, err: `malformed struct tag near "inject:\"unterminated": want inject:"..."`},
		{tag: `inject:"\q"`, err: `bad inject tag "\q": bad quoting`},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got, found, err := parseTag(tt.tag)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("parseTag(%#q) error = %v, want %s", tt.tag, err, tt.err)
				}
				return
			}
			if err != nil || found != tt.found || got != tt.want {
				t.Fatalf("parseTag(%#q) = %+v, %v, %v; want %+v, %v, nil", tt.tag, got, found, err, tt.want, tt.found)
			}
		})
	}
}

func TestTagString(t *testing.T) {
	for _, s := range []string{`inject:""`, `inject:"private"`, `inject:"inline"`, `inject:"db"`, `inject:",optional"`, `inject:"db,optional"`} {
		tg, _, err := parseTag(s)
		if err != nil || tg.String() != s {
			t.Errorf("parseTag(%#q).String() = %#q, %v; want %#q", s, tg.String(), err, s)
		}
	}
}

// FuzzParseTag checks that parseTag never panics, agrees with
// reflect.StructTag.Lookup on every tag it accepts, and round-trips.
func FuzzParseTag(f *testing.F) {
	for _, s := range []string{``, `inject:""`, `inject:"private"`, `inject:"inline"`, `inject:"db"`,
		`json:"x,omitempty" inject:"a.b"`, `inject:db`, `inject:"x" inject:"y"`, `inject:"\xff"`, `a:"\"" inject:"\t"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, found, err := parseTag(s)
		if err != nil {
			if found || tg != (tag{}) {
				t.Fatalf("parseTag(%q) = %+v, %v with error %v", s, tg, found, err)
			}
			return
		}
		v, ok := reflect.StructTag(s).Lookup("inject")
		if found != ok {
			t.Fatalf("parseTag(%q) found = %v, but Lookup found %v (%q)", s, found, ok, v)
		}
		if !found {
			return
		}
		want, err := parseTagValue(v)
		if err != nil || want != tg {
			t.Fatalf("parseTag(%q) = %+v, but Lookup gives %q: %+v, %v", s, tg, v, want, err)
		}
		again, found, err := parseTag(tg.String())
		if err != nil || !found || again != tg {
			t.Fatalf("parseTag(%q) = %+v, %v, %v; want %+v", tg.String(), again, found, err, tg)
		}
	})
}
