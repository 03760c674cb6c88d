//go:build unix

package pair

import "syscall"

// procAttr puts a server in a process group of its own, so that Ctrl-C in
// the terminal reaches the program alone, which then stops the servers
// before it drops their databases.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
