package main

import (
	"github.com/minhbach/minhbach/internal/serve"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// A build allocates about three times its live heap (each page's view and
// HTML are garbage once written), so with the default GOGC=100 the
// collector runs often while the heap is small. The build of the national
// synthetic site spends ~0.3 s less CPU when the collector waits for the
// heap to grow five times its live size, bounded by a soft limit that
// keeps the peak under the 250 MB the project aims for.
const (
	buildGCPercent = 400
	buildMemLimit  = 200 << 20
	// buildLiveMax is the live heap beyond which the limit would make the
	// collector run nearly continuously: a bigger site than the limit was
	// chosen for, which then gets Go's defaults back.
	buildLiveMax = buildMemLimit * 3 / 4
)

// serveLiveMax is where serve gives its collector setting (package serve,
// GCPercent and MemLimit) up, as build does.
const serveLiveMax = serve.MemLimit * 3 / 4

// gcTuning is the collector's setting for a build, given up when the live
// heap grows past max.
type gcTuning struct {
	max      uint64
	sample   []metrics.Sample
	gaveUp   chan struct{} // closed when the defaults are back
	defaults func()
	stopped  atomic.Bool
}

// tuneGC sets the collector for a build (GOGC=percent with a soft memory
// limit of limit bytes) unless the user set GOGC or GOMEMLIMIT, and watches,
// after each collection, that the live heap stays under max; past it, it
// restores the settings from before (Go's defaults) for the rest of the process.
// It returns nil when the user's settings are kept.
func tuneGC(getenv func(string) string, percent int, limit int64, max uint64) *gcTuning {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	g := &gcTuning{
		max:    max,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}},
		gaveUp: make(chan struct{}),
		defaults: func() {
			debug.SetGCPercent(oldPercent)
			debug.SetMemoryLimit(oldLimit)
		},
	}
	g.arm()
	return g
}

// sentinel is an object that is garbage at once: its finalizer runs after
// the collection that finds it, which is when the live heap is known.
type sentinel struct{ _ *int }

// arm makes the next collection call check.
func (g *gcTuning) arm() {
	runtime.SetFinalizer(new(sentinel), func(*sentinel) { g.check() })
}

// check gives the tuning up if the live heap has passed max, else waits
// for the next collection.
func (g *gcTuning) check() {
	if g.stopped.Load() {
		return
	}
	metrics.Read(g.sample)
	if v := g.sample[0].Value; v.Kind() == metrics.KindUint64 && v.Uint64() > g.max {
		g.stop()
		close(g.gaveUp)
		return
	}
	g.arm()
}

// stop restores the settings from before tuneGC.
func (g *gcTuning) stop() {
	if g.stopped.CompareAndSwap(false, true) {
		g.defaults()
	}
}
