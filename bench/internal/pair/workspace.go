package pair

import (
	"context"
	"errors"
	"os"
	"time"
)

// A Workspace is what one run of a program of this package keeps apart:
// a temporary directory for the servers' output, and their databases.
type Workspace struct {
	Dir string // the servers' work directories go here
	DBs *Databases
}

// NewWorkspace makes a temporary directory and a database for each of
// Parse Server ("parse") and lifekit's server ("lifekit") on the PostgreSQL
// of postgresURL, names prefixed with name. On error it removes what it
// made.
func NewWorkspace(ctx context.Context, name, postgresURL string) (*Workspace, error) {
	if postgresURL == "" {
		return nil, errors.New("LIFEKIT_TEST_POSTGRES is not set: run under examples/apiserver/testdata/with-postgres.sh")
	}
	dir, err := os.MkdirTemp("", name+"-")
	if err != nil {
		return nil, err
	}
	dbs, err := CreateDatabases(ctx, postgresURL, name, "parse", "lifekit")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Workspace{Dir: dir, DBs: dbs}, nil
}

// Close drops the databases, with a context of its own (the run's may be
// the one Ctrl-C cancelled), and removes the directory unless keep is set.
// Stop the servers first: a server holds its database open.
func (w *Workspace) Close(keep bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := w.DBs.Drop(ctx)
	if keep {
		return err
	}
	return errors.Join(err, os.RemoveAll(w.Dir))
}
