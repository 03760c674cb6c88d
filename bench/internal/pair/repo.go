package pair

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// RepoRoot is the directory of the go.work that the go command uses here:
// the lifekit repository, when run from inside it.
func RepoRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOWORK").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOWORK: %w", err)
	}
	work := strings.TrimSpace(string(out))
	if work == "" || work == "off" {
		return "", errors.New("not inside the lifekit repository (no go.work): run from it or give -repo")
	}
	return filepath.Dir(work), nil
}

// LifekitVersion names the commit the server is built from, and whether
// the work tree has changes to examples/apiserver.
func LifekitVersion(ctx context.Context, repo string) string {
	rev := CommandOutput(ctx, repo, "git", "rev-parse", "--short", "HEAD")
	if CommandOutput(ctx, repo, "git", "status", "--porcelain", "--", "examples/apiserver") != "" {
		rev += " with uncommitted changes to examples/apiserver"
	}
	return rev
}

// CommandOutput is the trimmed output of a command run in dir, or "?" if
// it fails: it is for a report's header, which can do without.
func CommandOutput(ctx context.Context, dir, name string, args ...string) string {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
