package graceful

import (
	"os"
	"syscall"

	"github.com/lifekit/lifekit/errs"
)

// fileNetwork is the network of a passedFD that is a file of AddFile or
// AddConn rather than a socket of Listen; its address is the file's name.
// No Listen accepts it as a network, so the two never mix.
const fileNetwork = "file"

// A passedFile is a file that the next generation gets under a name.
type passedFile struct {
	name string
	rc   syscall.RawConn
	keep any // what rc belongs to, kept reachable while the file is passed
}

// AddFile passes f to each next generation that Upgrade starts, which gets
// it with [Upgrader.File] under name: a lock file, a memfd, a pipe, a Unix
// socket connection's file, anything with a descriptor. The descriptor is
// duplicated when Upgrade starts the next generation, without changing its
// mode (see the package documentation on how sockets pass); f stays this
// process's, and if it is closed by then it is not passed. A name may be
// added once.
func (u *Upgrader) AddFile(name string, f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return errs.Errorf("graceful: add file %q: %w", name, err)
	}
	return u.addFile(name, rc, f)
}

// AddConn is AddFile for a connection, such as a *net.UnixConn or
// *net.TCPConn: the next generation gets its file with [Upgrader.File]
// and makes it a connection again with net.FileConn.
func (u *Upgrader) AddConn(name string, c syscall.Conn) error {
	rc, err := c.SyscallConn()
	if err != nil {
		return errs.Errorf("graceful: add connection %q: %w", name, err)
	}
	return u.addFile(name, rc, c)
}

func (u *Upgrader) addFile(name string, rc syscall.RawConn, keep any) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.stopped || u.handedOff {
		return errs.Errorf("graceful: add file %q: %w", name, ErrExiting)
	}
	if name == "" {
		return errs.New("graceful: add file: empty name")
	}
	for _, f := range u.files {
		if f.name == name {
			return errs.Errorf("graceful: add file %q: name already added", name)
		}
	}
	u.files = append(u.files, &passedFile{name: name, rc: rc, keep: keep})
	return nil
}

// File returns the file that the previous generation passed under name
// with AddFile or AddConn, or nil if it passed none. Each is returned once,
// and is then the caller's to close; call File before Ready, which closes
// the files nobody claimed. To pass a file on to the generation after this
// one, add it again.
func (u *Upgrader) File(name string) *os.File {
	u.mu.Lock()
	defer u.mu.Unlock()
	for i, f := range u.inherited {
		if f.file && f.name == name {
			u.inherited = append(u.inherited[:i], u.inherited[i+1:]...)
			return os.NewFile(uintptr(f.fd), name)
		}
	}
	return nil
}
