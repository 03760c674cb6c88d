package errs

// The frame cache resolves program counters to frames once per program
// counter for the whole process. A program has a fixed set of call sites, so
// the cache is bounded by the size of the program's code, not by the number
// of errors it sees. Reads take no lock: the table is copied on write, and
// writes happen only the first time a call site is seen.

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// frameInfo is what the cache knows about one program counter. It is
// immutable.
type frameInfo struct {
	Frame

	// key is the frame's identity for grouping: package path and function,
	// with closure numbering, generic brackets and receiver pointers
	// normalised away (see normalize). keyHash is its FNV-1a hash.
	key     string
	keyHash uint64

	// app reports whether the frame belongs to the application rather than
	// to the Go distribution (runtime and standard library).
	app bool

	// hidden reports a frame that carries no information for a reader:
	// runtime.goexit, which ends every goroutine's stack.
	hidden bool

	// runtime reports a frame of package runtime.
	runtime bool

	// text is the frame as %+v prints it: "\nfunction\n\tfile:line".
	text string
}

var (
	frameMu    sync.Mutex // serialises writers of frameTable
	frameTable atomic.Pointer[map[uintptr]*frameInfo]
)

// appendInfos appends the frameInfo of each program counter in pcs to dst and
// returns the extended slice. pcs must come from runtime.Callers.
func appendInfos(dst []*frameInfo, pcs []uintptr) []*frameInfo {
	m := frameTable.Load()
	start := len(dst)
	missing := false
	for _, pc := range pcs {
		var in *frameInfo
		if m != nil {
			in = (*m)[pc]
		}
		if in == nil {
			missing = true
		}
		dst = append(dst, in)
	}
	if !missing {
		return dst
	}
	m = fill(pcs)
	for i, pc := range pcs {
		if dst[start+i] == nil {
			dst[start+i] = (*m)[pc]
		}
	}
	return dst
}

// lookupInfo returns the frameInfo of one program counter from
// runtime.Callers.
func lookupInfo(pc uintptr) *frameInfo {
	if m := frameTable.Load(); m != nil {
		if in := (*m)[pc]; in != nil {
			return in
		}
	}
	return (*fill([]uintptr{pc}))[pc]
}

// fill resolves every program counter of pcs that the table lacks, publishes
// a new table holding them, and returns it.
func fill(pcs []uintptr) *map[uintptr]*frameInfo {
	frameMu.Lock()
	defer frameMu.Unlock()
	old := frameTable.Load()
	var fresh map[uintptr]*frameInfo
	for _, pc := range pcs {
		if old != nil && (*old)[pc] != nil {
			continue
		}
		if fresh == nil {
			n := len(pcs)
			if old != nil {
				n += len(*old)
			}
			fresh = make(map[uintptr]*frameInfo, n)
			if old != nil {
				for k, v := range *old {
					fresh[k] = v
				}
			}
		}
		if fresh[pc] == nil {
			fresh[pc] = resolve(pc)
		}
	}
	if fresh == nil {
		return old
	}
	frameTable.Store(&fresh)
	return &fresh
}

// resolve looks one program counter up. Given a single return PC from
// runtime.Callers, runtime.CallersFrames yields exactly the logical frame that
// runtime.Callers recorded for it (inlined callers have PCs of their own), so
// resolving PCs one at a time matches resolving the whole stack at once.
func resolve(pc uintptr) *frameInfo {
	f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	in := &frameInfo{Frame: Frame{Function: f.Function, File: f.File, Line: f.Line}}
	if in.Function == "" {
		in.Function = "unknown"
	}
	pkg, key, closure := normalize(in.Function)
	if closure {
		// normalize gives a closure no package (see there); the base name
		// of its source file stands in for one. It is the closure's own
		// file even where the closure was inlined, and unlike a directory
		// it does not change with the place the program was built in.
		key = sourceFile(in.File) + ":" + key
	}
	in.key = key
	in.keyHash = hashString(hashSeed, key)
	in.app = !isStd(pkg)
	in.hidden = in.Function == "runtime.goexit"
	in.runtime = pkg == "runtime" || strings.HasPrefix(pkg, "runtime/")
	in.text = "\n" + in.Function + "\n\t" + in.File + ":" + strconv.Itoa(in.Line)
	return in
}

// sourceFile returns the base name of a source file path, which holds with
// or without -trimpath, across module versions and build directories.
func sourceFile(file string) string {
	return file[strings.LastIndexAny(file, `/\`)+1:]
}
