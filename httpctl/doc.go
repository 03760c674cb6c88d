// Package httpctl provides an HTTP client transport that bounds every phase
// of a request with a timeout and retries what is safe to retry.
//
// A [Transport] is an http.RoundTripper: put it under an http.Client.
//
//	client := &http.Client{Transport: &httpctl.Transport{
//		DialTimeout:           time.Second,
//		TLSHandshakeTimeout:   time.Second,
//		ResponseHeaderTimeout: 2 * time.Second,
//		AttemptTimeout:        3 * time.Second, // one try, body included
//		RequestTimeout:        10 * time.Second, // all tries and waits
//	}}
//
// # Retries
//
// By default a request is retried only if sending it twice is safe: its
// method is idempotent (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or it has an
// Idempotency-Key header. It is retried when its attempt fails on the
// network before a response, times out (AttemptTimeout), or gets 429, 502,
// 503 or 504; see [DefaultRetry]. A request body is replayed through
// Request.GetBody, which http.NewRequest sets for the usual body types; a
// body without GetBody is sent once.
//
// Between attempts the Transport waits with exponential backoff and full
// jitter, or as long as a response's Retry-After asks (seconds or an HTTP
// date) up to MaxRetryAfter; a longer request ends the retries. It never
// waits past the request's deadline: if the next attempt could not start in
// time, the retries end at once. A retry budget keeps retries to a share of
// requests, so that an outage of the service called does not multiply its
// load. Responses that are retried are drained (up to 64 KiB, so their
// connection can be reused) and closed; the drain counts toward the wait.
//
// Whatever ends the retries (MaxTries, the budget, a Retry-After over
// MaxRetryAfter, the deadline, a body that cannot be replayed), the last
// attempt is returned as it is: the caller sees the 503, with its body, or
// the attempt's error.
//
// # Errors
//
// When it has no response to return (the last attempt got none, a timeout
// or the context ended the request between attempts, or a body could not
// be replayed), RoundTrip returns an [*Error] with the number of attempts,
// the last status seen and the cause; it carries an errs stack. A timeout of the Transport's own is a
// [*TimeoutError]. errors.Is(err, context.DeadlineExceeded) holds for every
// timeout.
//
// # Zero and negative values
//
// As in the rest of lifekit, a Transport field's zero value means its
// default, and a negative value means "none" (no bound, no cap, no budget)
// where the knob can be switched off; each field's doc says which.
//
// # Stats
//
// A Stats hook receives, once per request, its attempts with their phases
// (DNS, connect, TLS, first byte, body), why each was retried or not, and
// the outcome. Without a hook nothing is traced or allocated for it, and
// nothing is logged.
package httpctl
