package graceful

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

// The private variables through which a generation tells the next one what
// it inherits. Every variable with envPrefix is removed from the environment
// by New and never reaches a program that the service starts itself, nor the
// generation after next.
const (
	envPrefix  = "LIFEKIT_GRACEFUL_"
	envFDs     = envPrefix + "FDS"      // JSON list of passedFD
	envReadyFD = envPrefix + "READY_FD" // write end of the readiness pipe
	envParent  = envPrefix + "PPID"     // PID of the generation that started this one
)

// systemd's socket activation variables (sd_listen_fds(3)).
const (
	envListenPID   = "LISTEN_PID"
	envListenFDs   = "LISTEN_FDS"
	envListenNames = "LISTEN_FDNAMES"
	listenFDsStart = 3 // SD_LISTEN_FDS_START
)

// A passedFD is one socket handed to the next generation: the arguments
// that Listen or ListenPacket was called with, and the descriptor number it
// has in the new process.
type passedFD struct {
	Network string `json:"network"`
	Address string `json:"address"`
	FD      int    `json:"fd"`
}

// An inheritance is what a generation started by Upgrade finds in its
// environment.
type inheritance struct {
	parent  int // the PID of the generation that started this one
	readyFD int // where Ready writes
	fds     []passedFD
}

// parseInheritance reads the private variables through getenv. It returns
// nil and no error when this process was not started by an Upgrade.
func parseInheritance(getenv func(string) string) (*inheritance, error) {
	rawFDs, rawReady, rawParent := getenv(envFDs), getenv(envReadyFD), getenv(envParent)
	if rawFDs == "" && rawReady == "" && rawParent == "" {
		return nil, nil
	}
	in := &inheritance{}
	var err error
	if in.parent, err = strconv.Atoi(rawParent); err != nil || in.parent <= 0 {
		return nil, errs.Errorf("graceful: bad %s=%q", envParent, rawParent)
	}
	if in.readyFD, err = strconv.Atoi(rawReady); err != nil || in.readyFD < listenFDsStart {
		return nil, errs.Errorf("graceful: bad %s=%q", envReadyFD, rawReady)
	}
	if rawFDs != "" {
		if err := json.Unmarshal([]byte(rawFDs), &in.fds); err != nil {
			return nil, errs.Errorf("graceful: bad %s: %w", envFDs, err)
		}
	}
	seen := map[int]bool{in.readyFD: true}
	for _, f := range in.fds {
		if f.FD < listenFDsStart || seen[f.FD] || f.Network == "" {
			return nil, errs.Errorf("graceful: bad %s: descriptor %d for %s %q", envFDs, f.FD, f.Network, f.Address)
		}
		seen[f.FD] = true
	}
	return in, nil
}

// environ returns the private variables that describe in.
func (in *inheritance) environ() []string {
	fds, _ := json.Marshal(in.fds) // cannot fail: strings and ints only
	return []string{
		envFDs + "=" + string(fds),
		envReadyFD + "=" + strconv.Itoa(in.readyFD),
		envParent + "=" + strconv.Itoa(in.parent),
	}
}

// nextEnviron returns the environment of the next generation: environ
// without the private variables and systemd's socket activation ones, then
// those describing in.
func nextEnviron(environ []string, in *inheritance) []string {
	env := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return strings.HasPrefix(name, envPrefix) ||
			name == envListenPID || name == envListenFDs || name == envListenNames
	})
	return append(env, in.environ()...)
}

// An activated socket is a descriptor passed by systemd.
type activated struct {
	fd   int
	name string // from LISTEN_FDNAMES; "unknown" when not named
}

// parseActivation implements sd_listen_fds_with_names(3) on the values of
// LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES: no sockets unless LISTEN_PID
// is pid; descriptors numbered from 3; names in order, "unknown" for each
// one that LISTEN_FDNAMES does not name. A LISTEN_FDNAMES with more or fewer
// names than sockets is an error, as it is for systemd's own function.
func parseActivation(pid int, listenPID, listenFDs, names string) ([]activated, error) {
	if listenPID == "" || listenFDs == "" {
		return nil, nil
	}
	p, err := strconv.Atoi(listenPID)
	if err != nil || p <= 0 {
		return nil, errs.Errorf("graceful: bad %s=%q", envListenPID, listenPID)
	}
	if p != pid {
		return nil, nil // meant for another process
	}
	n, err := strconv.Atoi(listenFDs)
	if err != nil || n < 0 || n > 1<<16 {
		return nil, errs.Errorf("graceful: bad %s=%q", envListenFDs, listenFDs)
	}
	var split []string
	if names != "" {
		split = strings.Split(names, ":")
		if len(split) != n {
			return nil, errs.Errorf("graceful: %s names %d sockets, %s=%d", envListenNames, len(split), envListenFDs, n)
		}
	}
	socks := make([]activated, n)
	for i := range socks {
		socks[i] = activated{fd: listenFDsStart + i, name: "unknown"}
		if split != nil && split[i] != "" {
			socks[i].name = split[i]
		}
	}
	return socks, nil
}
