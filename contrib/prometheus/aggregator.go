package lifekitprom

import (
	"github.com/lifekit/lifekit/errs"
	"github.com/prometheus/client_golang/prometheus"
)

var (
	errorsDesc = prometheus.NewDesc("lifekit_errors_total",
		"Errors recorded by the errs.Aggregator, per group (fingerprint).", []string{"fingerprint"}, nil)
	evictedDesc = prometheus.NewDesc("lifekit_errors_evicted_groups_total",
		"Error groups the errs.Aggregator dropped to stay within its bound.", nil, nil)
	maxGroupsDesc = prometheus.NewDesc("lifekit_errors_max_groups",
		"The most error groups the errs.Aggregator keeps.", nil, nil)
)

// aggregatorCollector exports an errs.Aggregator.
type aggregatorCollector struct{ agg *errs.Aggregator }

// NewAggregatorCollector returns a collector of agg's groups: a counter per
// fingerprint, bounded by agg's MaxGroups, and its evictions. It reads agg
// at each scrape.
func NewAggregatorCollector(agg *errs.Aggregator) prometheus.Collector {
	return aggregatorCollector{agg}
}

func (c aggregatorCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- errorsDesc
	ch <- evictedDesc
	ch <- maxGroupsDesc
}

func (c aggregatorCollector) Collect(ch chan<- prometheus.Metric) {
	for _, g := range c.agg.Groups() {
		ch <- prometheus.MustNewConstMetric(errorsDesc, prometheus.CounterValue, float64(g.Count), g.Fingerprint)
	}
	ch <- prometheus.MustNewConstMetric(evictedDesc, prometheus.CounterValue, float64(c.agg.Evicted()))
	ch <- prometheus.MustNewConstMetric(maxGroupsDesc, prometheus.GaugeValue, float64(c.agg.MaxGroups()))
}
