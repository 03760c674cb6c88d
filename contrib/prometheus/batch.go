package lifekitprom

import (
	"github.com/lifekit/lifekit/batch"
	"github.com/prometheus/client_golang/prometheus"
)

// batchDescs are the batch metrics of one batcher, its name a constant
// label.
type batchDescs struct {
	added, items, queued, inFlight, commits, panics, commitSeconds *prometheus.Desc
}

func newBatchDescs(name string) batchDescs {
	l := prometheus.Labels{"batcher": name}
	d := func(n, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("lifekit_batch_"+n, help, labels, l)
	}
	return batchDescs{
		added:         d("items_added_total", "Items the batcher accepted."),
		items:         d("items_total", "Accepted or refused items by outcome: committed, failed, dropped (queue full, Drop), rejected (queue full, Fail).", "outcome"),
		queued:        d("items_queued", "Accepted items waiting for their commit to start."),
		inFlight:      d("items_in_flight", "Items in commits running now."),
		commits:       d("commits_total", "Finished commits by what formed their batch: size, bytes, time, flush, close.", "trigger"),
		panics:        d("commit_panics_total", "Commits that panicked."),
		commitSeconds: d("commit_seconds_total", "Time spent in finished commits."),
	}
}

// batchCollector exports the Stats of one batch.Batcher.
type batchCollector struct {
	stats func() batch.Stats
	d     batchDescs
}

// NewBatchCollector returns a collector of the Stats that stats returns
// (a Batcher's Stats method), read at each scrape. name tells batchers
// apart: it is the value of every series' batcher label, so a registry
// needs one collector per name.
func NewBatchCollector(name string, stats func() batch.Stats) prometheus.Collector {
	return batchCollector{stats: stats, d: newBatchDescs(name)}
}

func (c batchCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.d.added, c.d.items, c.d.queued, c.d.inFlight, c.d.commits, c.d.panics, c.d.commitSeconds} {
		ch <- d
	}
}

func (c batchCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	counter := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	counter(c.d.added, s.Added)
	counter(c.d.items, s.Committed, "committed")
	counter(c.d.items, s.Failed, "failed")
	counter(c.d.items, s.Dropped, "dropped")
	counter(c.d.items, s.Rejected, "rejected")
	ch <- prometheus.MustNewConstMetric(c.d.queued, prometheus.GaugeValue, float64(s.Queued))
	ch <- prometheus.MustNewConstMetric(c.d.inFlight, prometheus.GaugeValue, float64(s.InFlight))
	counter(c.d.commits, s.Batches.Size, "size")
	counter(c.d.commits, s.Batches.Bytes, "bytes")
	counter(c.d.commits, s.Batches.Time, "time")
	counter(c.d.commits, s.Batches.Flush, "flush")
	counter(c.d.commits, s.Batches.Close, "close")
	counter(c.d.panics, s.Panics)
	ch <- prometheus.MustNewConstMetric(c.d.commitSeconds, prometheus.CounterValue, s.CommitTime.Seconds())
}
