package render

import "testing"

// TestMemoryKeepsCopies checks that Memory keeps its own copy of a file:
// pages are executed into a buffer that is reused for the next page, and
// a Sink must not keep it.
func TestMemoryKeepsCopies(t *testing.T) {
	var m Memory
	buf := []byte("first")
	if err := m.Put("a.html", buf); err != nil {
		t.Fatal(err)
	}
	copy(buf, "reuse")
	if got := string(m.Files["a.html"]); got != "first" {
		t.Errorf("Memory holds %q after the buffer was reused, want %q", got, "first")
	}
}
