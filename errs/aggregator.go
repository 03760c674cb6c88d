package errs

import (
	"cmp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// DefaultMaxGroups is how many groups an Aggregator keeps unless
// WithMaxGroups says otherwise.
const DefaultMaxGroups = 1024

// An Aggregator counts errors by fingerprint, so that a service can show
// which errors it has seen, how often, and where they come from. It keeps at
// most a fixed number of groups: when a new group would exceed it, the group
// seen least recently is dropped and counted in Evicted.
//
// Create one with NewAggregator. Its methods are safe for use by many
// goroutines; it starts no goroutine and needs no cleanup.
//
// An Aggregator serves its groups over HTTP ([Aggregator.ServeHTTP]), and
// [Aggregator.Expvar] gives a value to publish them with the expvar
// package; the package itself publishes nothing. Printed, an Aggregator is a
// one-line summary ([Aggregator.String]).
type Aggregator struct {
	max     int
	mu      sync.RWMutex
	groups  map[uint64]*group
	evicted atomic.Int64
}

// group is one Aggregator entry. The fields a Record updates are atomic, so
// that recording a known error takes only a read lock.
type group struct {
	fingerprint string
	message     string
	stack       []Frame
	first       time.Time
	count       atomic.Int64
	last        atomic.Int64 // Unix nanoseconds
}

// A Group is a snapshot of the errors an Aggregator has seen with one
// fingerprint.
type Group struct {
	Fingerprint string    `json:"fingerprint"`
	Count       int64     `json:"count"`
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
	Message     string    `json:"message"` // of the first error seen, cut to 1 KiB
	Stack       []Frame   `json:"stack"`   // its origin stack; nil if it had none
}

// An AggregatorOption configures an Aggregator.
type AggregatorOption func(*Aggregator)

// WithMaxGroups bounds the number of groups kept, and so the Aggregator's
// memory, to n. The default is DefaultMaxGroups; 0 and a negative n mean
// the default.
func WithMaxGroups(n int) AggregatorOption {
	return func(a *Aggregator) {
		if n < 1 {
			n = DefaultMaxGroups
		}
		a.max = n
	}
}

// NewAggregator returns an empty Aggregator.
func NewAggregator(opts ...AggregatorOption) *Aggregator {
	a := &Aggregator{max: DefaultMaxGroups}
	for _, opt := range opts {
		opt(a)
	}
	a.groups = make(map[uint64]*group, min(a.max, 64))
	return a
}

// Record counts err in its group and returns its fingerprint. A nil err is
// ignored and gives "". Recording an error of a group already held allocates
// nothing.
func (a *Aggregator) Record(err error) string {
	if err == nil {
		return ""
	}
	h := fingerprint(err)
	now := time.Now().UnixNano()
	a.mu.RLock()
	g := a.groups[h]
	if g != nil {
		g.seen(now)
		a.mu.RUnlock()
		return g.fingerprint
	}
	a.mu.RUnlock()

	// A new group: build it outside the lock.
	fresh := &group{
		fingerprint: formatFingerprint(h),
		message:     sample(errorText(err)),
		stack:       StackOf(err),
		first:       time.Unix(0, now),
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if g := a.groups[h]; g != nil { // another goroutine was first
		g.seen(now)
		return g.fingerprint
	}
	if len(a.groups) >= a.max {
		a.evictLocked()
	}
	fresh.seen(now)
	a.groups[h] = fresh
	return fresh.fingerprint
}

// maxMessage bounds the sample message a group keeps: messages are the
// errors' own text, of any length, and memory must stay bounded.
const maxMessage = 1024

// sample returns msg cut to maxMessage bytes at a UTF-8 boundary, with an
// ellipsis when cut.
func sample(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage - len("…")
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

func (g *group) seen(now int64) {
	g.count.Add(1)
	for {
		last := g.last.Load()
		if now <= last || g.last.CompareAndSwap(last, now) {
			return
		}
	}
}

// evictLocked drops the group seen least recently. It scans every group,
// under the write lock: eviction happens only when a new group arrives at a
// full Aggregator, and the scan keeps the common path, recording a known
// group, free of list upkeep. With the default bound a scan takes a few
// microseconds; a stream of ever new groups pays it on each.
func (a *Aggregator) evictLocked() {
	var oldest uint64
	var oldestLast int64
	found := false
	for h, g := range a.groups {
		if l := g.last.Load(); !found || l < oldestLast {
			oldest, oldestLast, found = h, l, true
		}
	}
	if found {
		delete(a.groups, oldest)
		a.evicted.Add(1)
	}
}

// Groups returns a snapshot of the groups, most frequent first (ties: most
// recent first, then by fingerprint).
func (a *Aggregator) Groups() []Group {
	a.mu.RLock()
	out := make([]Group, 0, len(a.groups))
	for _, g := range a.groups {
		out = append(out, Group{
			Fingerprint: g.fingerprint,
			Count:       g.count.Load(),
			First:       g.first,
			Last:        time.Unix(0, g.last.Load()),
			Message:     g.message,
			Stack:       slices.Clone(g.stack),
		})
	}
	a.mu.RUnlock()
	slices.SortFunc(out, func(x, y Group) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := y.Last.Compare(x.Last); c != 0 {
			return c
		}
		return cmp.Compare(x.Fingerprint, y.Fingerprint)
	})
	return out
}

// report is a snapshot of an Aggregator, as ServeHTTP and Expvar show it.
type report struct {
	Groups    []Group `json:"groups"`
	Evicted   int64   `json:"evicted"`
	MaxGroups int     `json:"max_groups"`
}

func (a *Aggregator) report() report {
	return report{Groups: a.Groups(), Evicted: a.Evicted(), MaxGroups: a.max}
}

// Evicted returns how many groups have been dropped to stay within the
// bound set by WithMaxGroups.
func (a *Aggregator) Evicted() int64 { return a.evicted.Load() }

// MaxGroups returns the most groups the Aggregator keeps.
func (a *Aggregator) MaxGroups() int { return a.max }

// String returns a short summary for people, such as "17 errors in 3
// groups", with the number of evicted groups when there are any. The groups
// themselves come from [Aggregator.Groups], [Aggregator.ServeHTTP] and
// [Aggregator.Expvar].
func (a *Aggregator) String() string {
	var count int64
	a.mu.RLock()
	groups := len(a.groups)
	for _, g := range a.groups {
		count += g.count.Load()
	}
	ev := a.Evicted() // under the lock, so that it agrees with the groups
	a.mu.RUnlock()
	s := plural(count, "error") + " in " + plural(int64(groups), "group")
	if ev > 0 {
		s += " (" + plural(ev, "group") + " evicted)"
	}
	return s
}

// plural returns n and noun, with an s unless n is 1.
func plural(n int64, noun string) string {
	s := strconv.FormatInt(n, 10) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}
