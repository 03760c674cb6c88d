package pair

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Parse says how to run Parse Server.
type Parse struct {
	// Dir is where bench/parseshadow/install.sh put Parse Server
	// (DefaultParseDir).
	Dir string
	// Node is the node executable; "node" if empty.
	Node string

	// Launcher is the JavaScript file node runs. It gets its settings as
	// JSON in $LIFEKIT_PARSE_CONFIG rather than as arguments, so that the
	// master key is not on a command line that other users can read: dir,
	// appId, masterKey, databaseURI, logsFolder, and those of Settings.
	// Once Parse Server serves it must print one JSON line,
	// {"msg":"serving","addr":"127.0.0.1:port","version":...}.
	Launcher []byte
	// Settings are more settings for the launcher.
	Settings map[string]any

	AppID, MasterKey string
	DatabaseURL      string

	// WorkDir is the directory the launcher runs in, with Parse Server's
	// logs and the process's output (output.log). It is made if missing.
	WorkDir string
	// Timeout bounds the start; 2 minutes if 0.
	Timeout time.Duration
}

// DefaultParseDir is $LIFEKIT_PARSE_SERVER_DIR, else
// ~/.cache/lifekit/parse-server: where install.sh puts Parse Server.
func DefaultParseDir() string {
	if dir := os.Getenv("LIFEKIT_PARSE_SERVER_DIR"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cache", "lifekit", "parse-server")
}

// StartParse runs p.Launcher with node, Parse Server at /parse, and waits
// until it serves.
func StartParse(ctx context.Context, p Parse) (*Server, error) {
	pkg := filepath.Join(p.Dir, "node_modules", "parse-server", "package.json")
	if _, err := os.Stat(pkg); err != nil {
		return nil, fmt.Errorf("parse server not installed in %s (run bench/parseshadow/install.sh): %w", p.Dir, err)
	}
	if err := os.MkdirAll(p.WorkDir, 0o755); err != nil {
		return nil, err
	}
	script := filepath.Join(p.WorkDir, "launcher.js")
	if err := os.WriteFile(script, p.Launcher, 0o644); err != nil {
		return nil, err
	}
	settings := map[string]any{}
	for k, v := range p.Settings {
		settings[k] = v
	}
	settings["dir"] = p.Dir
	settings["appId"] = p.AppID
	settings["masterKey"] = p.MasterKey
	settings["databaseURI"] = p.DatabaseURL
	settings["logsFolder"] = filepath.Join(p.WorkDir, "logs")
	js, err := json.Marshal(settings)
	if err != nil {
		return nil, err
	}
	node := p.Node
	if node == "" {
		node = "node"
	}
	cmd := exec.Command(node, script)
	cmd.Dir = p.WorkDir // Parse Server writes relative to its working directory
	cmd.Env = append(os.Environ(), "LIFEKIT_PARSE_CONFIG="+string(js), "NODE_ENV=production")
	s := &Server{Name: "Parse Server", Prefix: "/parse", Log: filepath.Join(p.WorkDir, "output.log")}
	if err := s.start(ctx, cmd, orDefault(p.Timeout)); err != nil {
		return nil, err
	}
	return s, nil
}

func orDefault(d time.Duration) time.Duration {
	if d == 0 {
		return 2 * time.Minute
	}
	return d
}
