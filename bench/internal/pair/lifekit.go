package pair

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Lifekit says how to build and run lifekit's API server.
type Lifekit struct {
	// Repo is the lifekit repository to build the server from (RepoRoot).
	Repo string

	AppID, MasterKey string
	DatabaseURL      string

	// Args are more flags for the server.
	Args []string

	// WorkDir holds the binary, the server's data directory and the
	// process's output (output.log). It is made if missing.
	WorkDir string
	// Timeout bounds the build, and then the start; 2 minutes each if 0.
	Timeout time.Duration
}

// StartLifekit builds examples/apiserver with the repository's go.work,
// runs it on 127.0.0.1 on a port of the kernel's choosing with no admin
// listener and JSON logs, and waits until it serves.
func StartLifekit(ctx context.Context, l Lifekit) (*Server, error) {
	data := filepath.Join(l.WorkDir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, err
	}
	bin := filepath.Join(l.WorkDir, "apiserver")
	bctx, cancel := context.WithTimeout(ctx, orDefault(l.Timeout))
	defer cancel()
	build := exec.CommandContext(bctx, "go", "build", "-o", bin, "github.com/lifekit/lifekit/examples/apiserver")
	build.Dir = l.Repo
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the lifekit API server: %w\n%s", err, out)
	}
	args := []string{
		"-addr", "127.0.0.1:0",
		"-admin-addr", "",
		"-db", l.DatabaseURL,
		"-data", data,
		"-app-id", l.AppID,
		"-master-key", l.MasterKey,
		"-log-format", "json",
	}
	cmd := exec.Command(bin, append(args, l.Args...)...)
	cmd.Dir = l.WorkDir
	s := &Server{Name: "lifekit", Prefix: "/v1", Log: filepath.Join(l.WorkDir, "output.log")}
	if err := s.start(ctx, cmd, orDefault(l.Timeout)); err != nil {
		return nil, err
	}
	return s, nil
}
