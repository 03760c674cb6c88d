package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// environment is what the report's header says the run compared.
type environment struct {
	parseVersion string
	node         string
	postgres     string
	lifekit      string
	when         time.Time
}

func tally(results []result) (agreed, text, differed int) {
	for _, r := range results {
		switch r.result {
		case agree:
			agreed++
		case agreeButText:
			text++
		default:
			differed++
		}
	}
	return agreed, text, differed
}

// writeReport writes the Markdown report: every request with its verdict,
// then both answers of each that differ, then the error messages that
// differ where all else agrees.
func writeReport(w io.Writer, env environment, results []result) {
	agreed, text, differed := tally(results)
	fmt.Fprintf(w, "# Parse Server shadow comparison\n\n")
	fmt.Fprintf(w, "- Parse Server %s (node %s), mounted at `/parse`\n", env.parseVersion, env.node)
	fmt.Fprintf(w, "- lifekit examples/apiserver at `/v1`, built from %s\n", env.lifekit)
	fmt.Fprintf(w, "- PostgreSQL %s, a fresh database for each server\n", env.postgres)
	fmt.Fprintf(w, "- run %s by `bench/parseshadow`\n\n", env.when.Format(time.RFC3339))
	fmt.Fprintf(w, "**%d requests: %d agree, %d agree but for the error message, %d differ.**\n\n", len(results), agreed, text, differed)
	fmt.Fprintf(w, "Bodies are compared after normalising (see bench/parseshadow/README.md): "+
		"generated ids become `<name>` (the name a case saved the id under, `{{name}}` in the requests) or `<idN>`, "+
		"times of the run `<time>`, the API prefix in messages `/<api>/`; numbers by value, keys in any order.\n\n")

	fmt.Fprintf(w, "## Requests\n\n")
	fmt.Fprintf(w, "| # | request | body | Parse Server | lifekit | |\n|---:|---|---|---|---|---|\n")
	for _, r := range results {
		fmt.Fprintf(w, "| %d | %s %s | %s | %s | %s | %s |\n", r.n, code(r.req.display()), cell(r.req.What),
			code(r.req.compactBody()), status(r.parse), status(r.ours), verdictText(r.result))
	}

	fmt.Fprintf(w, "\n## Differences\n\n")
	if differed == 0 {
		fmt.Fprintf(w, "None.\n")
	}
	for _, r := range results {
		if r.result != differ {
			continue
		}
		fmt.Fprintf(w, "### %d. %s\n\n%s\n", r.n, r.req.What, code(r.req.display()))
		if r.req.Body != "" {
			fmt.Fprintf(w, "\n```\n%s\n```\n", r.req.compactBody())
		}
		writeAnswer(w, "Parse Server", r.parse)
		writeAnswer(w, "lifekit", r.ours)
		fmt.Fprintln(w)
	}

	if text > 0 {
		fmt.Fprintf(w, "## Error messages that differ\n\nStatus and code agree; the wording does not.\n\n")
		fmt.Fprintf(w, "| # | request | status | Parse Server | lifekit |\n|---:|---|---|---|---|\n")
		for _, r := range results {
			if r.result == agreeButText {
				fmt.Fprintf(w, "| %d | %s %s | %d | %s | %s |\n", r.n, code(r.req.display()), cell(r.req.What),
					r.parse.status, code(r.parse.body.String()), code(r.ours.body.String()))
			}
		}
	}
}

func writeAnswer(w io.Writer, who string, a answer) {
	if a.err != nil {
		fmt.Fprintf(w, "\n%s: no answer: %s\n", who, cell(a.err.Error()))
		return
	}
	fmt.Fprintf(w, "\n%s: **%d**", who, a.status)
	if a.ctype != "" && a.ctype != "application/json" {
		fmt.Fprintf(w, " (%s)", a.ctype)
	}
	for _, n := range a.notes {
		fmt.Fprintf(w, "; %s", n)
	}
	lang := "json"
	if !a.body.isJS {
		lang = "text"
	}
	fmt.Fprintf(w, "\n\n```%s\n%s\n```\n", lang, a.body.indented())
}

func status(a answer) string {
	if a.err != nil {
		return "no answer"
	}
	return fmt.Sprint(a.status)
}

func verdictText(v verdict) string {
	switch v {
	case agree:
		return "agree"
	case agreeButText:
		return "agree but for the message"
	default:
		return "**differ**"
	}
}

// code is s as inline code in a table cell. A backtick cannot be escaped
// inside a code span, so it becomes a quote; a pipe would end the cell.
func code(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("`", "'", "|", `\|`, "\n", " ").Replace(s)
	return "`" + s + "`"
}

// cell is s as plain text in a table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
