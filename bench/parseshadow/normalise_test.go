package main

import (
	"net/url"
	"testing"
	"time"

	"github.com/lifekit/lifekit/bench/internal/pair"
)

func testNormaliser(prefix string) *normaliser {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	return &normaliser{ids: newIDs(), prefix: prefix, from: now.Add(-time.Minute), to: now.Add(time.Hour)}
}

func TestNormaliseBody(t *testing.T) {
	tests := []struct {
		name  string
		saved map[string]string // name to raw id, saved first
		in    string
		want  string
	}{
		{
			name: "ids in sorted key order, times of the run, times sent kept",
			in: `{"updatedAt":"2026-12-04T12:00:01.5Z","objectId":"AAAAAAAAAA","createdAt":"2026-12-04T12:00:01.000Z",
				"owner":{"__type":"Pointer","className":"P","objectId":"BBBBBBBBBB"},
				"when":{"__type":"Date","iso":"2024-01-01T00:00:00.000Z"}}`,
			want: `{"createdAt":"<time>","objectId":"<id1>","owner":{"__type":"Pointer","className":"P","objectId":"<id2>"},"updatedAt":"<time>","when":{"__type":"Date","iso":"2024-01-01T00:00:00.000Z"}}`,
		},
		{
			name:  "saved names, ids inside messages, the prefix",
			saved: map[string]string{"g1": "k3j4h5g6f7"},
			in:    `{"code":101,"error":"no object k3j4h5g6f7 at /v1/classes/X/k3j4h5g6f7"}`,
			want:  `{"code":101,"error":"no object <g1> at /<api>/classes/X/<g1>"}`,
		},
		{
			name: "numbers by value",
			in:   `{"a":1e2,"b":1.50,"c":[-0.0]}`,
			want: `{"a":100,"b":1.5,"c":[-0]}`,
		},
		{
			name: "a time outside the run stays",
			in:   `{"at":"2026-12-05T12:00:00Z"}`,
			want: `{"at":"2026-12-05T12:00:00Z"}`,
		},
		{
			name: "not JSON",
			in:   "<pre>Cannot PATCH /v1/classes/X</pre>\n",
			want: "<pre>Cannot PATCH /<api>/classes/X</pre>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := testNormaliser("/v1")
			for name, raw := range tt.saved {
				n.ids.save(name, raw)
			}
			if got := n.body([]byte(tt.in)).String(); got != tt.want {
				t.Errorf("body(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

// The same answer from two servers, with other ids and keys in another
// order, normalises to the same text.
func TestNormaliseTwoServers(t *testing.T) {
	parse := testNormaliser("/parse")
	ours := testNormaliser("/v1")
	p := parse.body([]byte(`[{"success":{"objectId":"p1p1p1p1p1","createdAt":"2026-12-04T12:00:00.100Z"}},{"success":{"objectId":"p2p2p2p2p2","createdAt":"2026-12-04T12:00:00.200Z"}}]`))
	o := ours.body([]byte(`[{"success":{"createdAt":"2026-12-04T12:00:00.300Z","objectId":"o1o1o1o1o1"}},{"success":{"createdAt":"2026-12-04T12:00:00.400Z","objectId":"o2o2o2o2o2"}}]`))
	if p.String() != o.String() {
		t.Errorf("Parse Server's %s, ours %s, want the same", p, o)
	}
}

func TestJudge(t *testing.T) {
	n := testNormaliser("/v1")
	ans := func(status int, body string) answer {
		return answer{status: status, body: n.body([]byte(body))}
	}
	tests := []struct {
		name string
		p, o answer
		want verdict
	}{
		{"same", ans(200, `{"a":1}`), ans(200, `{"a":1.0}`), agree},
		{"other status", ans(200, `{}`), ans(201, `{}`), differ},
		{"other message", ans(404, `{"code":101,"error":"Object not found."}`), ans(404, `{"code":101,"error":"object not found"}`), agreeButText},
		{"other code", ans(400, `{"code":107,"error":"x"}`), ans(400, `{"code":102,"error":"x"}`), differ},
		{"message in a batch", ans(200, `[{"error":{"code":101,"error":"A"}}]`), ans(200, `[{"error":{"code":101,"error":"B"}}]`), agreeButText},
		{"no code on one side", ans(400, `{"error":"bad JSON"}`), ans(400, `{"code":107,"error":"bad JSON"}`), differ},
		{"JSON and text", ans(404, `{"error":"x"}`), ans(404, `x`), differ},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := judge(tt.p, tt.o); got != tt.want {
				t.Errorf("judge(%v, %v) = %v, want %v", tt.p, tt.o, got, tt.want)
			}
		})
	}
}

func TestIDOrder(t *testing.T) {
	list := map[string]any{"results": []any{
		map[string]any{"objectId": "b"}, map[string]any{"objectId": "a"}, map[string]any{"objectId": "C"},
	}}
	if got, want := idOrder(list, "-objectId"), "results in -objectId order"; got != want {
		t.Errorf("idOrder(b a C, -objectId) = %q, want %q", got, want)
	}
	if got, want := idOrder(list, "objectId"), "results NOT in objectId order"; got != want {
		t.Errorf("idOrder(b a C, objectId) = %q, want %q", got, want)
	}
}

func TestExpandAndQuery(t *testing.T) {
	tg := &target{Server: &pair.Server{Prefix: "/v1"}, norm: normaliser{ids: newIDs()}}
	tg.norm.ids.save("g1", "k3j4h5g6f7")
	req := request{Query: q("where", `{"objectId":"{{g1}}","n":{"$in":[1, 2]}}`, "keys", "a,b", "x", "{{nope}}")}
	var notes []string
	got := req.query(func(s string) string { return tg.expand(s, &notes) })
	values, err := url.ParseQuery(got)
	if err != nil {
		t.Fatalf("query() = %q: %v", got, err)
	}
	if w := `{"objectId":"k3j4h5g6f7","n":{"$in":[1, 2]}}`; values.Get("where") != w {
		t.Errorf("where = %q, want %q", values.Get("where"), w)
	}
	if values.Get("keys") != "a,b" || values.Get("x") != "MISSING_nope" {
		t.Errorf("query() = %q, want keys=a,b and x=MISSING_nope", got)
	}
	if len(notes) != 1 || notes[0] != "no id saved as nope" {
		t.Errorf("notes = %q, want one for nope", notes)
	}
	if got, want := tg.expand("{{prefix}}/classes/X/{{g1}} {{appId}}", &notes), "/v1/classes/X/k3j4h5g6f7 "+appID; got != want {
		t.Errorf("expand = %q, want %q", got, want)
	}
}
