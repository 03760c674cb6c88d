package errs

import "reflect"

// fingerprintVersion begins every fingerprint. It changes whenever the
// grouping rules change, so that stored fingerprints are never compared
// with ones made by other rules.
const fingerprintVersion = "v1:"

// Fingerprint returns a key that is equal for errors of one kind, for
// grouping them in reports and alerts. It begins with a version tag ("v1:"),
// followed by 16 hexadecimal digits. Fingerprint(nil) is "".
//
// An error with a stack is grouped by where it came from: the package path
// and function of each application frame of its origin stack (see StackOf),
// nearest the origin first. Frames of the Go distribution are left out, and
// so are line numbers, directories and module versions, the error's message
// and the types of the errors wrapped around it. A function counts once
// however often it recurs, directly or through others. A closure is known by
// its source file's base name and the function that encloses it, not by its
// number, so sibling closures of one function share a group unless other
// frames tell them apart. Type arguments are dropped. So the fingerprint stays
// the same when code moves within its file, lines are added above it, or the
// program is rebuilt with another Go version or with inlining turned off; it
// changes when the chain of functions that produced the error changes.
//
// An error with no stack is grouped by the type of the innermost error on
// its chain and by its message with the variable parts replaced: numbers,
// hexadecimal strings, UUIDs and quoted strings.
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
	if s := originStack(err); s != nil {
		if h, ok := stackHash(s); ok {
			return h
		}
	}
	return messageHash(err)
}

// stackHash hashes the keys of the application frames of s, or, if it has
// none, of every frame outside the runtime.
func stackHash(s *stack) (uint64, bool) {
	var buf [inlineDepth]*frameInfo
	infos := appendInfos(buf[:0], s.pcs)
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
	root := err
	for range maxChain {
		u, ok := root.(interface{ Unwrap() error })
		if !ok {
			break
		}
		next := u.Unwrap()
		if next == nil {
			break
		}
		root = next
	}
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
