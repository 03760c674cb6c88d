package main

import (
	"os"
	"sync"
	"time"
)

// meter adds up the CPU time a changing set of processes spends between
// its first and last reading. A process in the first reading counts from
// there; one that appears later counts from zero, having started since (a
// new database connection, with its start-up); one that exits between two
// readings loses what it spent after the last one it was in, at most a
// reading's interval, and is counted in gone.
//
// It adds up two figures: utime + stime from /proc/PID/stat, which the
// report uses, and the threads' run time from their schedstat, to the
// nanosecond, a check on the first's 10 ms ticks.
//
// The zero value is ready to use; it is not safe for concurrent use.
type meter struct {
	first, last map[procKey]cpuPair
	readings    int
	latest      int // processes in the latest reading
}

// cpuPair is a process's CPU time as stat and as schedstat give it.
type cpuPair struct{ stat, sched time.Duration }

func (m *meter) read(ps []procStat) {
	if m.first == nil {
		m.first, m.last = map[procKey]cpuPair{}, map[procKey]cpuPair{}
	}
	for _, p := range ps {
		k := p.key()
		if _, ok := m.first[k]; !ok {
			if m.readings == 0 {
				m.first[k] = cpuPair{p.cpu, p.run}
			} else {
				m.first[k] = cpuPair{}
			}
		}
		m.last[k] = cpuPair{p.cpu, p.run}
	}
	m.readings++
	m.latest = len(ps)
}

// total is the CPU time spent, by stat and by schedstat, how many
// processes it was spent by, and how many of those were gone by the last
// reading.
func (m *meter) total() (cpu cpuPair, seen, gone int) {
	for k, last := range m.last {
		cpu.stat += last.stat - m.first[k].stat
		cpu.sched += last.sched - m.first[k].sched
	}
	return cpu, len(m.last), len(m.last) - m.latest
}

// cpuUse is what a watch measured over one run.
type cpuUse struct {
	serverCPU, dbCPU, clientCPU time.Duration // utime + stime, from /proc/PID/stat
	serverRun, dbRun            time.Duration // the same from /proc/PID/schedstat, to the ns
	serverOK, dbOK              bool          // whether /proc could be read for them
	serverProcs                 int           // processes of the server seen
	backends, gone              int           // database backends seen, and gone before the end
	machine                     machineCPU
	machineOK                   bool
}

// watch reads the CPU time of one server's processes and of the database
// backends serving it, every interval from start to stop. Make it with
// startWatch; stop must be called once.
type watch struct {
	serverRoot int    // the PID started; the server is it and its descendants
	postmaster int    // 0: no database figures
	database   string // the server's database

	server, db meter
	mu         sync.Mutex // guards the meters: the goroutine reads, stop reads last
	client0    procStat
	clientOK   bool
	machine0   machineCPU
	machineOK  bool
	quit, done chan struct{}
}

func startWatch(serverRoot, postmaster int, database string, interval time.Duration) *watch {
	w := &watch{serverRoot: serverRoot, postmaster: postmaster, database: database,
		quit: make(chan struct{}), done: make(chan struct{})}
	var err error
	w.machine0, err = readMachineCPU()
	w.machineOK = err == nil
	w.client0, err = readStat(os.Getpid())
	w.clientOK = err == nil
	w.read()
	go func() {
		defer close(w.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-w.quit:
				return
			case <-t.C:
				w.read()
			}
		}
	}()
	return w
}

func (w *watch) read() {
	list, err := processes()
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.server.read(withRun(tree(list, w.serverRoot)))
	if w.postmaster != 0 {
		w.db.read(withRun(backends(list, w.postmaster, w.database)))
	}
}

// stop takes the last reading and returns the totals.
func (w *watch) stop() cpuUse {
	close(w.quit)
	<-w.done
	w.read()
	var u cpuUse
	if m, err := readMachineCPU(); err == nil && w.machineOK {
		u.machine = machineCPU{busy: m.busy - w.machine0.busy, steal: m.steal - w.machine0.steal, total: m.total - w.machine0.total}
		u.machineOK = true
	}
	if c, err := readStat(os.Getpid()); err == nil && w.clientOK {
		u.clientCPU = c.cpu - w.client0.cpu
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var server, db cpuPair
	server, u.serverProcs, _ = w.server.total()
	u.serverCPU, u.serverRun, u.serverOK = server.stat, server.sched, u.serverProcs > 0
	db, u.backends, u.gone = w.db.total()
	u.dbCPU, u.dbRun = db.stat, db.sched
	u.dbOK = w.postmaster != 0 && w.db.readings > 0
	return u
}
