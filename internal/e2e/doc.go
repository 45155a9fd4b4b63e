// Package e2e holds the end-to-end tests that drive a real headless
// Chromium (Debian's chromium package, found on the PATH as chromium,
// chromium-browser or google-chrome) over a served site. It has no code of
// its own.
//
// The tests need Chromium, and TestPages's accessibility step needs
// axe-core (npm ci in this folder). In CI (CI=true) a missing tool fails
// the tests; elsewhere a missing browser skips them and a missing axe-core
// skips only the accessibility step, with a message saying how to install
// it. The tests wait for the page's events (the load event, a condition
// polled at every animation frame), never for a fixed time.
package e2e
