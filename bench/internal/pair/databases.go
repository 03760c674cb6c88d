package pair

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
)

// Databases are the fresh databases made for one run, one per role (a
// server), on the PostgreSQL server of one URL. Each server gets a database
// of its own so that neither sees the other's tables (both would make an
// "objects"-like table, and Parse Server one per class).
//
// Make them with CreateDatabases; drop them with Drop.
type Databases struct {
	// Version is the PostgreSQL server's version, for reports.
	Version string

	base  *url.URL          // the URL given, whose path names the database to connect to
	names map[string]string // role to database name
}

// CreateDatabases makes one database per role on the server of rawURL,
// named <prefix>_<role>_<random> so that runs on one server do not collide.
// On error it drops those it made.
func CreateDatabases(ctx context.Context, rawURL, prefix string, roles ...string) (*Databases, error) {
	base, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("postgres url: %w", err)
	}
	conn, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))

	dbs := &Databases{base: base, names: map[string]string{}}
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&dbs.Version); err != nil {
		return nil, fmt.Errorf("postgres version: %w", err)
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	for _, role := range roles {
		name := fmt.Sprintf("%s_%s_%s", prefix, role, hex.EncodeToString(suffix))
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			return nil, errors.Join(fmt.Errorf("create database %s: %w", name, err), dbs.Drop(dctx))
		}
		dbs.names[role] = name
	}
	return dbs, nil
}

// Name is the name of role's database.
func (d *Databases) Name(role string) string { return d.names[role] }

// URL is the URL of role's database: the given one with its path replaced.
func (d *Databases) URL(role string) string {
	u := *d.base
	u.Path = "/" + d.names[role]
	u.RawPath = ""
	return u.String()
}

// Drop drops every database made, disconnecting whoever is still on it
// (a server that could not be stopped), and forgets them: a second call
// does nothing.
func (d *Databases) Drop(ctx context.Context) error {
	if len(d.names) == 0 {
		return nil
	}
	conn, err := pgx.Connect(ctx, d.base.String())
	if err != nil {
		return fmt.Errorf("connect to postgres to drop %v: %w", d.names, err)
	}
	defer conn.Close(ctx)
	var errs []error
	for role, name := range d.names {
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			errs = append(errs, fmt.Errorf("drop database %s: %w", name, err))
			continue
		}
		delete(d.names, role)
	}
	return errors.Join(errs...)
}
