package errs

// FNV-1a, 64 bits: stable across processes, builds and Go versions, which a
// fingerprint must be (hash/maphash is seeded per process).
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// hashString continues an FNV-1a hash h with the bytes of s.
func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// hashBytes continues an FNV-1a hash h with b.
func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= prime64
	}
	return h
}

// hashUint64 continues an FNV-1a hash h with the eight bytes of v.
func hashUint64(h, v uint64) uint64 {
	for i := 0; i < 8; i++ {
		h ^= v & 0xff
		h *= prime64
		v >>= 8
	}
	return h
}

// hashSeed is the FNV-1a offset basis, the starting value of a hash.
const hashSeed uint64 = offset64
