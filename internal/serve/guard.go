package serve

import (
	"bytes"
	"html"
	"net"
	"net/netip"
	"regexp"
	"strings"
)

// The preview answers only the names it is reached at on this computer.
// Without this check, a web page of another site whose DNS name is made to
// point at 127.0.0.1 (DNS rebinding) could read the unpublished preview:
// the browser sends that site's name in the Host header, never ours.

// loopbackHosts are always answered.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// listenOn adds the host of addr (HOST:PORT, as given to -addr) to the
// hosts answered. When addr is every address (":1313", "0.0.0.0:1313",
// "[::]:1313"), any IP address is answered: a DNS rebinding needs a name.
func (s *Server) listenOn(addr string) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip, err := netip.ParseAddr(host); host == "" || err == nil && ip.IsUnspecified() {
		s.anyIP = true
		return
	}
	s.hosts[canonicalHost(host)] = true
}

// hostAllowed reports whether a request's Host header, with or without its
// port, names the server.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if host == "" {
		return false
	}
	if s.anyIP {
		if _, err := netip.ParseAddr(host); err == nil {
			return true
		}
	}
	return s.hosts[canonicalHost(host)]
}

// canonicalHost writes a host name in lower case and an IP address in its
// usual form, for comparison.
func canonicalHost(host string) string {
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.String()
	}
	return strings.ToLower(host)
}

// defaultPolicy is the Content-Security-Policy sent until a build yields
// the site's own: that of the standard layout.
const defaultPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

var (
	metaTag    = regexp.MustCompile(`(?i)<meta\s[^>]*>`)
	cspEquiv   = regexp.MustCompile(`(?i)\shttp-equiv\s*=\s*["']?content-security-policy["'\s/>]`)
	cspContent = regexp.MustCompile(`(?i)\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// pagePolicy returns the Content-Security-Policy that an HTML page carries
// in a <meta http-equiv> element of its head, or "".
func pagePolicy(page []byte) string {
	head := page
	if i := bytes.Index(bytes.ToLower(head[:min(len(head), 64<<10)]), []byte("</head")); i >= 0 {
		head = head[:i]
	} else {
		head = head[:min(len(head), 64<<10)]
	}
	for _, tag := range metaTag.FindAll(head, -1) {
		if !cspEquiv.Match(tag) {
			continue
		}
		m := cspContent.FindSubmatch(tag)
		if m == nil {
			continue
		}
		policy := html.UnescapeString(string(m[1]) + string(m[2]))
		// A header value is one line of visible characters.
		return strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return ' '
			}
			return r
		}, policy)
	}
	return ""
}
