//go:build !unix

package pair

import "syscall"

// procAttr is nil where there are no process groups.
func procAttr() *syscall.SysProcAttr { return nil }
