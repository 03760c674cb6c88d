package errs

import "strings"

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
