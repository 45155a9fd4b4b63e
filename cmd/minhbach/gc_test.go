package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that a build sets the collector only when the user has
// not, and gives the setting up once the live heap passes its bound.
func TestTuneGC(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for _, k := range []string{"GOGC", "GOMEMLIMIT"} {
		if g := tuneGC(env(map[string]string{k: "100"}), 400, 200<<20, 150<<20); g != nil {
			g.stop()
			t.Errorf("%s set: the collector was tuned", k)
		}
	}

	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	g := tuneGC(env(nil), 400, 1<<40, 1<<20)
	if g == nil {
		t.Fatal("no variable set: the collector was not tuned")
	}
	defer g.stop()
	if p := debug.SetGCPercent(400); p != 400 {
		t.Errorf("GOGC = %d during a build, want 400", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("memory limit = %d during a build, want %d", l, 1<<40)
	}
	live := make([]byte, 4<<20) // past the bound of 1 MiB
	runtime.GC()
	<-g.gaveUp
	runtime.KeepAlive(live)
	if p := debug.SetGCPercent(before); p != before {
		t.Errorf("GOGC = %d once the live heap passed the bound, want %d", p, before)
	}
}
