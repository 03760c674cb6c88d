package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/lifekit/lifekit/batch"
	"github.com/lifekit/lifekit/errs"
	"github.com/lifekit/lifekit/httpctl"
)

// Webhook calls the after-save webhook, when Config.WebhookURL is set, once
// for every object created or updated, as Parse's afterSave trigger:
//
//	POST <url>
//	Content-Type: application/json
//	Idempotency-Key: <a key per save>
//
//	{"triggerName": "afterSave", "className": "GameScore", "object": {...}}
//
// The call happens after the response, in the background: a slow or failing
// hook neither slows nor fails a save. Calls go through an httpctl.Transport,
// which bounds every phase and retries safely (the Idempotency-Key makes
// the POST retryable); what still fails is recorded in the errs.Aggregator,
// grouped by where it failed, and shown at /debug/errors.
//
// Pending calls wait in a batch.Batcher (one call per batch, a few at a
// time). It is bounded: when it is full a call is dropped and recorded as an
// error rather than holding up requests. Stop makes the calls still queued,
// within the stop timeout.
type Webhook struct {
	Config *Config          `inject:""`
	Logger *slog.Logger     `inject:""`
	Errors *errs.Aggregator `inject:""`
	// Fleet is wired for the stop order only: Fleet stops after Webhook,
	// and writes the errors of its last calls.
	Fleet *Fleet `inject:""`

	transport *httpctl.Transport
	client    *http.Client
	queue     *batch.Batcher[delivery]
}

// A delivery is one webhook call.
type delivery struct {
	key  string // Idempotency-Key
	body []byte
}

const (
	webhookConcurrency = 4
	webhookQueue       = 1024
)

func (h *Webhook) Start(ctx context.Context) error {
	if h.Config.WebhookURL == "" {
		return nil
	}
	h.transport = &httpctl.Transport{
		DialTimeout:           time.Second,
		TLSHandshakeTimeout:   2 * time.Second,
		ResponseHeaderTimeout: 3 * time.Second,
		AttemptTimeout:        min(5*time.Second, h.Config.WebhookTimeout),
		RequestTimeout:        h.Config.WebhookTimeout,
		MaxTries:              3,
	}
	h.client = &http.Client{
		Transport: h.transport,
		// A hook that redirects is misconfigured: report it, don't follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	h.queue = batch.New(h.deliver,
		batch.WithMaxSize(1),
		batch.WithMaxWait(batch.NoWait),
		batch.WithConcurrency(webhookConcurrency),
		batch.WithQueueSize(webhookQueue),
		batch.WithFullPolicy(batch.Fail),
	)
	return nil
}

// Stop makes the calls still queued, then closes idle connections. A call
// that fails was recorded when it failed, as at any other time, and does
// not fail Stop; calls left unmade because ctx ended do.
func (h *Webhook) Stop(ctx context.Context) error {
	if h.queue == nil {
		return nil
	}
	err := h.queue.Close(ctx)
	h.transport.CloseIdleConnections()
	if err == nil || ctx.Err() == nil {
		// Close ran to the end: any error counts calls that failed.
		return nil
	}
	return errs.Errorf("webhook: stop: %w", err)
}

// webhookPayload is the body of a call.
type webhookPayload struct {
	TriggerName string  `json:"triggerName"`
	ClassName   string  `json:"className"`
	Object      *Object `json:"object"`
}

// AfterSave queues the call for o, and returns at once.
func (h *Webhook) AfterSave(o *Object) {
	if h.queue == nil {
		return
	}
	body, err := json.Marshal(webhookPayload{TriggerName: "afterSave", ClassName: o.Class, Object: o})
	if err != nil {
		h.Errors.Record(errs.Errorf("webhook afterSave %s %s: %w", o.Class, o.ID, err))
		return
	}
	if err := h.queue.Add(context.Background(), delivery{key: newID(20), body: body}); err != nil {
		h.Errors.Record(errs.Errorf("webhook afterSave %s %s: dropped: %w", o.Class, o.ID, err))
	}
}

// Flush waits for the calls queued so far.
func (h *Webhook) Flush(ctx context.Context) error {
	if h.queue == nil {
		return nil
	}
	return h.queue.Flush(ctx)
}

// deliver is the batcher's commit function: it makes the calls of a batch.
func (h *Webhook) deliver(ctx context.Context, ds []delivery) error {
	var failed map[int]error
	for i, d := range ds {
		if err := h.call(ctx, d); err != nil {
			h.Errors.Record(err)
			h.Logger.Warn("webhook failed", "err", err)
			if failed == nil {
				failed = make(map[int]error)
			}
			failed[i] = err
		}
	}
	if failed != nil {
		return &batch.PartialError{Failed: failed}
	}
	return nil
}

// call makes one call: tries, timeouts and backoff are the Transport's.
func (h *Webhook) call(ctx context.Context, d delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.Config.WebhookURL, bytes.NewReader(d.body))
	if err != nil {
		return errs.Errorf("webhook afterSave: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", d.key)
	resp, err := h.client.Do(req)
	if err != nil {
		// The *url.Error names the URL, which may carry a token: the
		// error goes to the log and /debug/errors.
		if ue := new(url.Error); errors.As(err, &ue) {
			ue.URL = redactURL(ue.URL)
		}
		return errs.Errorf("webhook afterSave: %w", err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so the connection is reused
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return errs.Errorf("webhook afterSave: %s answered %d", redactURL(h.Config.WebhookURL), resp.StatusCode)
	}
	return nil
}

// redactURL returns rawURL fit for a log: its password and the values of
// its query parameters (where webhooks carry tokens) replaced by
// "xxxxx". A URL that does not parse is replaced whole.
func redactURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	if q := u.Query(); len(q) > 0 {
		for k := range q {
			q[k] = []string{"xxxxx"}
		}
		u.RawQuery = q.Encode()
	}
	u.Fragment, u.RawFragment = "", ""
	return u.Redacted()
}
