package serve

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// genOf returns the build generation a served page carries in the address
// of its reload script.
func genOf(t *testing.T, page string) int {
	t.Helper()
	m := regexp.MustCompile(`<script src="/_minhbach/reload\.js\?gen=(\d+)"></script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page's reload script carries no build generation")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// nextEvent returns the next event's name and data.
func nextEvent(t *testing.T, lines <-chan string) (name, data string) {
	t.Helper()
	for l := range lines {
		if n, ok := strings.CutPrefix(l, "event: "); ok {
			name = n
			d, ok := <-lines
			if !ok {
				break
			}
			return name, strings.TrimPrefix(d, "data: ")
		}
	}
	t.Fatal("stream closed before an event")
	return "", ""
}

// A page loaded from one build that connects to the events after a newer
// build finished (the rebuild's broadcast came before it listened) is told
// to reload at once; a page of the latest build waits for the next one.
func TestLatePageReloads(t *testing.T) {
	s, ts := newTestServer(t, writeSite(t))

	_, old := get(t, ts.URL+"/")
	oldGen := genOf(t, old)
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	_, cur := get(t, ts.URL+"/")
	curGen := genOf(t, cur)
	if curGen == oldGen {
		t.Fatalf("two builds served with the same generation %d", curGen)
	}

	late := eventsAt(t, ts.URL+eventsPath+"?gen="+strconv.Itoa(oldGen))
	if name, data := nextEvent(t, late); name != "reload" || data != strconv.Itoa(curGen) {
		t.Errorf("page of build %d, connected after build %d: event %q %q, want reload %d", oldGen, curGen, name, data, curGen)
	}

	fresh := eventsAt(t, ts.URL+eventsPath+"?gen="+strconv.Itoa(curGen))
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	if name, data := nextEvent(t, fresh); name != "reload" || data != strconv.Itoa(curGen+1) {
		t.Errorf("page of the latest build %d: first event %q %q, want the next build's reload %d", curGen, name, data, curGen+1)
	}
}
