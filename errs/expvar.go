package errs

import (
	"encoding/json"
	"fmt"
)

// Expvar returns a value to publish the Aggregator with the expvar package:
// its String method returns the groups as JSON, most frequent first, read
// afresh at each call, so that
//
//	expvar.Publish("errors", agg.Expvar())
//
// shows them at /debug/vars. The JSON has the same fields as
// [Aggregator.ServeHTTP]'s: groups, evicted and max_groups.
//
// errs does not import expvar, whose init registers /debug/vars on
// [net/http.DefaultServeMux]: publishing is the program's choice.
func (a *Aggregator) Expvar() fmt.Stringer {
	return jsonVar{a}
}

// jsonVar is an Aggregator as an expvar.Var.
type jsonVar struct{ a *Aggregator }

func (v jsonVar) String() string {
	b, err := json.Marshal(v.a.report())
	if err != nil {
		// A report holds only strings, numbers and times: unreachable.
		return "{}"
	}
	return string(b)
}
