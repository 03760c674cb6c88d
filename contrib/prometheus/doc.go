// Package lifekitprom exports lifekit's counters to Prometheus: the error
// groups of an errs.Aggregator, a batch.Batcher's Stats, and the requests
// an httpctl.Transport makes.
//
//	agg := errs.NewAggregator()
//	prometheus.MustRegister(lifekitprom.NewAggregatorCollector(agg))
//
//	b := batch.New(commit)
//	prometheus.MustRegister(lifekitprom.NewBatchCollector("events", b.Stats))
//
//	m := lifekitprom.NewHTTPClientMetrics()
//	prometheus.MustRegister(m)
//	client := &http.Client{Transport: &httpctl.Transport{Stats: m.Observe}}
//
// # Metrics
//
// errs.Aggregator, read at each scrape:
//
//	lifekit_errors_total{fingerprint}              counter: errors seen, per group
//	lifekit_errors_evicted_groups_total            counter: groups dropped to stay within the bound
//	lifekit_errors_max_groups                      gauge: the bound
//
// The Aggregator keeps at most its MaxGroups groups, so the series of
// lifekit_errors_total are bounded by it too. A group it evicts disappears
// from the scrape; if it comes back its count starts again from 1, which
// rate() and increase() read as a counter reset. A group's message is not
// a label: it may hold ids and other values (one series each) and things
// that are not for a metrics system; look it up by fingerprint in the
// Aggregator's own HTTP view.
//
// Two Aggregators in one registry need a label to tell them apart: register
// each through prometheus.WrapRegistererWith(prometheus.Labels{"aggregator":
// name}, reg).
//
// batch.Batcher, read at each scrape, each series with the label batcher:
//
//	lifekit_batch_items_added_total                counter: items accepted
//	lifekit_batch_items_total{outcome}             counter: committed, failed, dropped, rejected
//	lifekit_batch_items_queued                     gauge: accepted items waiting for a commit
//	lifekit_batch_items_in_flight                  gauge: items in running commits
//	lifekit_batch_commits_total{trigger}           counter: size, bytes, time, flush, close
//	lifekit_batch_commit_panics_total              counter
//	lifekit_batch_commit_seconds_total             counter: time spent in commits
//
// httpctl.Transport, through its Stats hook: the duration of whole
// requests, with the labels and buckets of the OpenTelemetry semantic
// convention's http.client.request.duration, and lifekit's retries:
//
//	lifekit_http_client_request_duration_seconds{http_request_method, server_address, http_response_status_code, error_type}
//	                                               histogram: whole requests, retries and waits included
//	lifekit_http_client_attempts_total{http_request_method, server_address}
//	lifekit_http_client_retries_refused_total{reason}
//	                                               counter: retries the Retry rule wanted but that were not made
//
// The duration's name is lifekit's, not the convention's
// http_client_request_duration_seconds: the convention times each request
// sent on the wire, so a retried request is two there and one here, and an
// OpenTelemetry exporter or instrumented transport in the same program may
// register the convention's name itself.
//
// Label values follow the semantic conventions: a method outside the
// standard ones is "_OTHER"; error_type is the status code for a response
// of 400 or more, "timeout" or "canceled" for a request a deadline or
// cancellation ended, "_OTHER" for any other error, and empty for success.
// server_address is the request URL's host name: as many series as hosts
// the client calls. A request is recorded when httpctl calls its Stats
// hook: when RoundTrip fails, or when the response body is read to its end
// or closed. A response whose body is never closed, which also leaks its
// connection, is never recorded.
package lifekitprom
