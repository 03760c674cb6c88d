package main

import "syscall"

// freeSpace returns the bytes an unprivileged process may still write on
// the filesystem of dir, and whether it could tell.
func freeSpace(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || st.Bsize <= 0 {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
