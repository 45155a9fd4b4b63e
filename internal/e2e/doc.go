// Package e2e holds the end-to-end tests that drive a real headless
// Chromium (Debian's chromium package, at /usr/bin/chromium or found on the
// PATH) over a served site. It has no code of its own.
//
// The tests need Chromium. In CI (CI=true) a missing browser fails them;
// elsewhere they are skipped with a message saying how to install it.
package e2e
