//go:build !linux

package graceful

// monotonicUsec returns "": systemd runs on Linux only.
func monotonicUsec() string { return "" }
