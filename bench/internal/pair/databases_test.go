package pair

import (
	"net/url"
	"testing"
)

func TestDatabasesURL(t *testing.T) {
	base, err := url.Parse("postgres://postgres@127.0.0.1:54329/lifekit?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	d := &Databases{base: base, names: map[string]string{"parse": "x_parse_01", "lifekit": "x_lifekit_01"}}
	if got, want := d.URL("parse"), "postgres://postgres@127.0.0.1:54329/x_parse_01?sslmode=disable"; got != want {
		t.Errorf("URL(parse) = %q, want %q", got, want)
	}
	if got, want := d.Name("lifekit"), "x_lifekit_01"; got != want {
		t.Errorf("Name(lifekit) = %q, want %q", got, want)
	}
}
