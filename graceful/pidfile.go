package graceful

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

// writePIDFile replaces path with a file holding pid, atomically: readers
// see the old file or the new one, never an empty or partial one.
func writePIDFile(path string, pid int) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*")
	if err != nil {
		return errs.Errorf("graceful: write PID file: %w", err)
	}
	tmp := f.Name()
	_, err = f.WriteString(strconv.Itoa(pid) + "\n")
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return errs.Errorf("graceful: write PID file %s: %w", path, err)
	}
	return nil
}

// removePIDFile removes path if it holds pid: a successor may have written
// its own since. It returns the error of the removal, not of the check.
func removePIDFile(path string, pid int) error {
	b, err := os.ReadFile(path)
	if err != nil || strings.TrimSpace(string(b)) != strconv.Itoa(pid) {
		return nil
	}
	return os.Remove(path)
}
