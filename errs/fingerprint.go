package errs

import "reflect"

// fingerprintVersion begins every fingerprint. It changes whenever the
// grouping rules change, so that stored fingerprints are never compared
// with ones made by other rules.
const fingerprintVersion = "v2:"

// Fingerprint returns a key that is equal for errors of one kind, for
// grouping them in reports and alerts. It begins with a version tag ("v2:"),
// followed by 16 hexadecimal digits. Fingerprint(nil) is "".
//
// An error with a stack is grouped by where it came from and by what its
// origin said. Where it came from is the package path and function of each
// application frame of its origin stack (see StackOf), nearest the origin
// first. Frames of the Go distribution are left out, and so are line
// numbers, directories and module versions. A function counts once however
// often it recurs, directly or through others. A closure is known by its
// source file's base name and the function that encloses it, not by its
// number. Type arguments are dropped.
//
// What the origin said is the template of the error that holds the origin
// stack, not the message with its values: New's text or Errorf's format
// string, with the variable parts replaced (numbers, hexadecimal strings,
// UUIDs and quoted strings; in a format, its verbs are what varies). If
// that error wraps another, the type of the innermost error it wraps and
// that error's message, with the variable parts replaced, count too (for
// Wrap they are all there is); where an error wraps several, the first is
// followed. So two error sites in one function make two groups when their
// texts, formats or wrapped errors differ, and one site reached with other
// ids, numbers or quoted names makes one group. The types and messages of
// the layers wrapped around the origin do not count.
//
// What the replacement cannot see splits groups: a name built into New's
// text without quotes ("user alice not found"; use Errorf("user %q not
// found", name)), or an innermost wrapped error whose own message holds
// such a value (an *fs.PathError's path does not count: it wraps the
// innermost error, a syscall.Errno). The innermost error's message is part
// of the template, so a Go release that rewords one of the standard
// library's messages moves the groups of the errors that wrap it.
//
// The fingerprint stays the same when code moves within its file, lines
// are added above it, or the program is rebuilt with another Go version or
// with inlining turned off; it changes when the chain of functions that
// produced the error or the origin's template changes.
//
// An error with no stack is grouped by the type of the innermost error on
// its chain and by its message with the variable parts replaced.
//
// The rules are those of version 2. Version 1 ignored the message
// altogether, so that every error made in one function shared a group.
func Fingerprint(err error) string {
	if err == nil {
		return ""
	}
	return formatFingerprint(fingerprint(err))
}

func formatFingerprint(h uint64) string {
	var b [len(fingerprintVersion) + 16]byte
	n := copy(b[:], fingerprintVersion)
	const digits = "0123456789abcdef"
	for i := 15; i >= 0; i-- {
		b[n+i] = digits[h&0xf]
		h >>= 4
	}
	return string(b[:])
}

// fingerprint returns the hash behind Fingerprint. It allocates nothing once
// the frames of err's stack have been seen.
func fingerprint(err error) uint64 {
	if e := originError(err); e != nil {
		if h, ok := stackHash(&e.stack); ok {
			return templateHash(h, e)
		}
	}
	return messageHash(err)
}

// templateHash continues h with what the origin error e said: its template,
// and the type and parameterised message of the innermost error it wraps.
func templateHash(h uint64, e *stackError) uint64 {
	var buf [256]byte
	h = hashString(h, "\x00template\x00")
	h = hashBytes(h, appendParameterized(buf[:0], e.tmpl))
	if e.cause != nil {
		root := innermost(e.cause)
		h = hashString(h, "\x00cause\x00")
		h = hashType(h, reflect.TypeOf(root))
		h = hashString(h, "\x00")
		h = hashBytes(h, appendParameterized(buf[:0], errorText(root)))
	}
	return h
}

// innermost returns the error at the end of err's chain, following the
// first branch where an error wraps several.
func innermost(err error) error {
	for range maxChain {
		next := firstWrapped(err)
		if next == nil {
			return err
		}
		err = next
	}
	return err
}

// firstWrapped returns the error err wraps, the first one where it wraps
// several, or nil.
func firstWrapped(err error) error {
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return u.Unwrap()
	case interface{ Unwrap() []error }:
		if errs := u.Unwrap(); len(errs) > 0 {
			return errs[0]
		}
	}
	return nil
}

// stackHash hashes the keys of the application frames of s, or, if it has
// none, of every frame outside the runtime.
func stackHash(s *stack) (uint64, bool) {
	var buf [inlineDepth]*frameInfo
	infos := appendInfos(buf[:0], s.pcs())
	if h, ok := hashKeys(infos, true); ok {
		return h, true
	}
	return hashKeys(infos, false)
}

// hashKeys hashes the keys of the frames, each only where it first appears:
// a function met again further out is recursion, direct (f, f, f) or mutual
// (even, odd, even), and counts once whatever its depth.
func hashKeys(infos []*frameInfo, appOnly bool) (uint64, bool) {
	h := hashString(hashSeed, "stack\x00")
	var seenBuf [inlineDepth]uint64
	seen := seenBuf[:0]
outer:
	for _, in := range infos {
		if appOnly && !in.app || in.hidden || in.runtime {
			continue
		}
		for _, k := range seen {
			if k == in.keyHash {
				continue outer
			}
		}
		seen = append(seen, in.keyHash)
		h = hashUint64(h, in.keyHash)
	}
	return h, len(seen) > 0
}

// messageHash groups an error without a stack by the type of its innermost
// error and its parameterised message.
func messageHash(err error) uint64 {
	root := innermost(err)
	h := hashString(hashSeed, "message\x00")
	h = hashType(h, reflect.TypeOf(root))
	h = hashString(h, "\x00")
	var buf [256]byte
	return hashBytes(h, appendParameterized(buf[:0], errorText(err)))
}

// hashType hashes a type's full name: package path and name, so that two
// packages' Error types differ, with a star per pointer.
func hashType(h uint64, t reflect.Type) uint64 {
	for t.Kind() == reflect.Pointer && t.Name() == "" {
		h = hashString(h, "*")
		t = t.Elem()
	}
	if t.Name() == "" {
		return hashString(h, t.String())
	}
	h = hashString(h, t.PkgPath())
	h = hashString(h, ".")
	return hashString(h, t.Name())
}
