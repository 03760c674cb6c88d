package errs

import (
	"encoding/json"
	"html/template"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// ServeHTTP serves the groups, most frequent first: as an HTML table, or as
// JSON (the form [Aggregator.Expvar] gives) when the query has
// format=json or the request accepts application/json and not text/html.
// Messages are the errors' own text and are escaped. Only GET and HEAD are
// allowed.
func (a *Aggregator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "errs: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	asJSON := wantsJSON(r.Header.Get("Accept"))
	switch f := r.URL.Query().Get("format"); f {
	case "":
	case "json":
		asJSON = true
	case "html":
		asJSON = false
	default:
		http.Error(w, "errs: unknown format "+strconv.Quote(f)+` (want "json" or "html")`,
			http.StatusBadRequest)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if asJSON {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(a.report())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTemplate.Execute(w, a.report())
}

// wantsJSON reports whether an Accept header asks for JSON rather than HTML.
func wantsJSON(accept string) bool {
	json, html := false, false
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if q, err := strconv.ParseFloat(params["q"], 64); err == nil && q <= 0 {
			continue // q=0: not acceptable
		}
		switch mt {
		case "application/json":
			json = true
		case "text/html":
			html = true
		}
	}
	return json && !html
}

var pageTemplate = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Errors</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px ui-monospace,monospace}
pre{margin:.3em 0 0;white-space:pre-wrap}
</style></head><body>
<h1>Errors</h1>
<p>{{len .Groups}} groups, most frequent first (at most {{.MaxGroups}} kept; {{.Evicted}} evicted).</p>
<table>
<tr><th>Count</th><th>Last seen</th><th>First seen</th><th>Error</th></tr>
{{range .Groups}}<tr>
<td class="n">{{.Count}}</td>
<td>{{.Last.UTC.Format "2006-01-02 15:04:05Z"}}</td>
<td>{{.First.UTC.Format "2006-01-02 15:04:05Z"}}</td>
<td><div>{{.Message}}</div><code>{{.Fingerprint}}</code>{{if .Stack}}
<details><summary>stack</summary><pre>{{range .Stack}}{{.Function}}
	{{.File}}:{{.Line}}
{{end}}</pre></details>{{end}}</td>
</tr>
{{else}}<tr><td colspan="4">No errors recorded.</td></tr>
{{end}}</table>
</body></html>
`))
