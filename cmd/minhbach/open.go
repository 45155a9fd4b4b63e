package main

import (
	"fmt"
	"io"
	"os/exec"
	"runtime"

	editor "github.com/minhbach/minhbach/internal/edit"
)

// editorPath is the path of the report editor on the preview server.
const editorPath = editor.Prefix

// openBrowser opens url in the default browser. Tests replace it, to see
// the address without starting a browser.
var openBrowser = func(url string) error {
	name, args := browserCommand(runtime.GOOS, url)
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		if len(out) > 0 {
			return fmt.Errorf("%s: %v: %s", name, err, out)
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// browserCommand returns the command that opens url in the default browser
// of the system goos.
func browserCommand(goos, url string) (name string, args []string) {
	switch goos {
	case "windows":
		// Not "cmd /c start": cmd would read the & of a query as the
		// end of the command.
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	default:
		return "xdg-open", []string{url}
	}
}

// openEditor opens the editor of the preview at base in the browser and
// says so on stdout; if it cannot, it says on stderr where to open it by
// hand: the preview works without a browser.
func openEditor(base string, stdout, stderr io.Writer) {
	url := base + editorPath
	if err := openBrowser(url); err != nil {
		fmt.Fprintf(stderr, "could not open a browser (%v)\nOpen the editor yourself: %s\n", err, url)
		return
	}
	fmt.Fprintf(stdout, "Editor: %s  (opened in your browser)\n", url)
}
