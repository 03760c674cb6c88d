package main

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/lifekit/lifekit/errs"
)

// maxCountsPerStatement bounds the rows of one INSERT of error counts (8
// parameters each), under both databases' parameter limits.
const maxCountsPerStatement = 500

// PutErrorCounts upserts counts keyed by fingerprint, instance, run and
// first-seen time (ErrorCount.key with the instance and run), in one
// transaction, keeping the larger count and the later last-seen time of a
// row written twice, and deletes the rows last seen before expired.
func (s *sqlStore) PutErrorCounts(ctx context.Context, counts []ErrorCount, expired time.Time) (err error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return errs.Errorf("put error counts: begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	// One statement may not name a row twice (PostgreSQL refuses it):
	// keep the largest count of each key, which sorts first.
	counts = slices.Clone(counts)
	slices.SortFunc(counts, func(a, b ErrorCount) int {
		return cmp.Or(strings.Compare(a.Fingerprint, b.Fingerprint), strings.Compare(a.Instance, b.Instance),
			strings.Compare(a.Run, b.Run), cmp.Compare(a.First.UnixMilli(), b.First.UnixMilli()), cmp.Compare(b.Count, a.Count))
	})
	counts = slices.CompactFunc(counts, func(a, b ErrorCount) bool {
		return a.key() == b.key() && a.Instance == b.Instance && a.Run == b.Run
	})
	great := s.d.greatest
	for chunk := range slices.Chunk(counts, maxCountsPerStatement) {
		var b builder
		b.WriteString("INSERT INTO error_groups (fingerprint, instance, run, count, first_seen, last_seen, message, stack) VALUES ")
		for i, c := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			stack, err := json.Marshal(cleanFrames(c.Stack))
			if err != nil {
				return errs.Errorf("put error counts: %w", err)
			}
			b.WriteString("(" + b.arg(cleanText(c.Fingerprint)) + ", " + b.arg(cleanText(c.Instance)) + ", " + b.arg(c.Run) + ", " +
				b.arg(c.Count) + ", " + b.arg(c.First.UnixMilli()) + ", " + b.arg(c.Last.UnixMilli()) + ", " +
				b.arg(cleanText(c.Message)) + ", " + b.arg(string(stack)) + ")")
		}
		b.WriteString(" ON CONFLICT (fingerprint, instance, run, first_seen) DO UPDATE SET" +
			" count = " + great + "(error_groups.count, excluded.count)," +
			" last_seen = " + great + "(error_groups.last_seen, excluded.last_seen)")
		if _, err := tx.ExecContext(ctx, s.d.sql(b.String()), b.args...); err != nil {
			return errs.Errorf("put %d error counts: %w", len(chunk), err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.d.sql("DELETE FROM error_groups WHERE last_seen < ?"), expired.UnixMilli()); err != nil {
		return errs.Errorf("expire error counts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return errs.Errorf("put error counts: commit: %w", err)
	}
	return nil
}

// ErrorCounts returns the rows of error_groups last seen at or after since.
func (s *sqlStore) ErrorCounts(ctx context.Context, since time.Time) ([]ErrorCount, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.r.QueryContext(ctx, s.d.sql(
		"SELECT fingerprint, instance, run, count, first_seen, last_seen, message, stack FROM error_groups WHERE last_seen >= ?"),
		since.UnixMilli())
	if err != nil {
		return nil, errs.Errorf("read error counts: %w", err)
	}
	defer rows.Close()
	var counts []ErrorCount
	for rows.Next() {
		var c ErrorCount
		var first, last int64
		var stack []byte
		if err := rows.Scan(&c.Fingerprint, &c.Instance, &c.Run, &c.Count, &first, &last, &c.Message, &stack); err != nil {
			return nil, errs.Errorf("read error counts: %w", err)
		}
		c.First, c.Last = time.UnixMilli(first).UTC(), time.UnixMilli(last).UTC()
		if err := json.Unmarshal(stack, &c.Stack); err != nil {
			return nil, errs.Errorf("read error counts: stack of %s: %w", c.Fingerprint, err)
		}
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Errorf("read error counts: %w", err)
	}
	return counts, nil
}

// cleanText returns s with NUL bytes and invalid UTF-8 replaced by U+FFFD:
// an error's text may hold any bytes, and PostgreSQL's text and jsonb take
// neither. A row that could not be written would fail every later write of
// its batch.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// cleanFrames returns frames with their text cleaned as by cleanText,
// copying them only if a frame needs it.
func cleanFrames(frames []errs.Frame) []errs.Frame {
	var out []errs.Frame // nil until a frame needs cleaning
	for i, f := range frames {
		fn, file := cleanText(f.Function), cleanText(f.File)
		if fn == f.Function && file == f.File {
			continue
		}
		if out == nil {
			out = slices.Clone(frames)
		}
		out[i].Function, out[i].File = fn, file
	}
	if out == nil {
		return frames
	}
	return out
}
