package errs

import (
	"reflect"
	"strings"
)

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

// appendParameterized appends msg to dst with its variable parts replaced:
// UUIDs by <uuid>, hexadecimal strings (0x-prefixed, or six or more hex
// digits mixing digits and letters) by <hex>, other runs of digits by <n>,
// and quoted strings ("...", '...' or `...`) by <q>. The result is stable: it
// holds nothing these rules replace, so parameterising it again returns it.
func appendParameterized(dst []byte, msg string) []byte {
	for i := 0; i < len(msg); {
		c := msg[i]
		switch {
		case c == '"' || c == '`' || c == '\'' && (i == 0 || !isWord(msg[i-1]) && msg[i-1] != '>'):
			// An apostrophe after a word is one ("can't"), not a quote;
			// nor after a placeholder, which stood for a word.
			if end := closingQuote(msg, i); end > 0 {
				dst = append(dst, "<q>"...)
				i = end + 1
				continue
			}
			dst = append(dst, c)
			i++
		case isWord(c):
			j := i
			for j < len(msg) && isWord(msg[j]) {
				j++
			}
			if isUUID(msg, i) {
				dst = append(dst, "<uuid>"...)
				i += 36
				continue
			}
			dst = appendWord(dst, msg[i:j])
			i = j
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// appendWord appends one word (a run of letters, digits and underscores),
// parameterised.
func appendWord(dst []byte, w string) []byte {
	if len(w) > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X') && allHex(w[2:]) {
		return append(dst, "<hex>"...)
	}
	if len(w) >= 6 && allHex(w) && strings.ContainsAny(w, "0123456789") &&
		strings.ContainsAny(w, "abcdefABCDEF") {
		return append(dst, "<hex>"...)
	}
	for i := 0; i < len(w); {
		if isDigit(w[i]) {
			for i < len(w) && isDigit(w[i]) {
				i++
			}
			dst = append(dst, "<n>"...)
			continue
		}
		dst = append(dst, w[i])
		i++
	}
	return dst
}

// closingQuote returns the index of the quote that closes the one at
// msg[open], or -1. Backslash escapes count inside "..." and '...'.
func closingQuote(msg string, open int) int {
	q := msg[open]
	for i := open + 1; i < len(msg); i++ {
		switch msg[i] {
		case '\\':
			if q != '`' {
				i++
			}
		case q:
			return i
		}
	}
	return -1
}

// isUUID reports whether msg holds a UUID (8-4-4-4-12 hex digits) at i that
// is not part of a longer word.
func isUUID(msg string, i int) bool {
	const layout = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
	if len(msg)-i < len(layout) || i+len(layout) < len(msg) && isWord(msg[i+len(layout)]) {
		return false
	}
	for k := 0; k < len(layout); k++ {
		c := msg[i+k]
		if layout[k] == '-' {
			if c != '-' {
				return false
			}
		} else if !isHex(c) {
			return false
		}
	}
	return true
}

func isWord(c byte) bool {
	return isDigit(c) || c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return s != ""
}

// parameterize returns msg with its variable parts replaced, as grouping
// sees it.
func parameterize(msg string) string {
	return string(appendParameterized(nil, msg))
}
