// Package routes is the one table of the addresses of a site's generated
// pages and files: the targets at chi-tieu/, the monthly updates at
// cap-nhat/, the open data at du-lieu/ and so on. Render, the preview
// server, the feeds, the sitemap and the tests all ask it, so a path is
// spelled once.
//
// Paths are relative to the site root, slash-separated, and end in "/" for
// a page (written as its index.html). A [Table] holds what every path of
// one edition of the site starts with: the root for the default language,
// the language's folder ("en/") for each other, in [Table.Prefix]. The
// pages of every edition have the same paths below it. The downloads, the
// sitemap and robots.txt are one for all editions, at the root.
//
// The folder names are the site's public addresses, not words of a plan:
// every plan keeps them, and changing one breaks readers' links.
package routes

import (
	"strings"

	"github.com/minhbach/minhbach/internal/model"
)

// UpdatesSection is the folder of content/ whose pages are the monthly
// update posts, named by their month (content/cap-nhat/2017-03.md); their
// pages are at [Table.Update].
const UpdatesSection = "cap-nhat"

// The folders and files of the generated pages, before a prefix.
const (
	targets  = "chi-tieu/"
	lists    = "danh-sach/"
	updates  = UpdatesSection + "/"
	units    = "don-vi/"
	agencies = "trach-nhiem/"
	data     = "du-lieu/"
	releases = "phien-ban/"
	search   = "tim-kiem/"
	embeds   = "nhung/"
	headers  = "_headers"
	bulletin = "in/" // below an update's page
	feed     = updates + "atom.xml"
	sitemap  = "sitemap.xml"
	robots   = "robots.txt"
	notFound = "404.html"
)

// Table gives the paths of one edition of the site. The zero Table is the
// site at its root.
type Table struct {
	// Prefix is what every page's path starts with: "" for the root, the
	// folder of a language such as "en/".
	Prefix string
}

// For returns the table of the edition in language lang of a site whose
// default language is def: the root for def, "LANG/" for another.
func For(lang, def string) Table {
	if lang == def {
		return Table{}
	}
	return Table{Prefix: lang + "/"}
}

// Page is the page at p, a path relative to an edition's root such as a
// content page's "gioi-thieu/", in this edition.
func (t Table) Page(p string) string { return t.at(p) }

// Unprefixed returns url, a path of this edition, relative to the
// edition's root: the same page's path in another edition is that
// table's Page of it.
func (t Table) Unprefixed(url string) string { return strings.TrimPrefix(url, t.Prefix) }

func (t Table) at(p string) string { return t.Prefix + p }

// Home is the home page: "" (or the prefix).
func (t Table) Home() string { return t.Prefix }

// Targets is the page of all targets.
func (t Table) Targets() string { return t.at(targets) }

// Target is the page of the target with the given id.
func (t Table) Target(id string) string { return t.at(targets + id + "/") }

// List is the page of the list with the given id.
func (t Table) List(id string) string { return t.at(lists + id + "/") }

// Updates is the page of all monthly updates.
func (t Table) Updates() string { return t.at(updates) }

// Update is the page of the update post of month m.
func (t Table) Update(m model.Month) string { return t.at(updates + m.String() + "/") }

// Bulletin is the print view of the update of month m: one A4 document
// of the month, in the update's folder.
func (t Table) Bulletin(m model.Month) string { return t.Update(m) + bulletin }

// UpdateMonth returns the month of an update post from its page's path,
// and false if url is not the page of an update.
func (t Table) UpdateMonth(url string) (model.Month, bool) {
	rest, ok := strings.CutPrefix(url, t.at(updates))
	if !ok || len(rest) < 2 || rest[len(rest)-1] != '/' {
		return model.Month{}, false
	}
	m, err := model.ParseMonth(rest[:len(rest)-1])
	return m, err == nil
}

// Feed is the Atom feed of the monthly updates.
func (t Table) Feed() string { return t.at(feed) }

// Units is the page of the top level of the registry; every unit's page
// is below it, under its parent's (see [Table.Unit]).
func (t Table) Units() string { return t.at(units) }

// Unit is the page of a unit named slug whose parent's page is parent, or
// whose parent is the registry's top when parent is "".
func (t Table) Unit(parent, slug string) string {
	if parent == "" {
		parent = t.Units()
	}
	return parent + slug + "/"
}

// Agencies is the page of who is responsible and who reported on time.
func (t Table) Agencies() string { return t.at(agencies) }

// Data is the page of the open-data downloads.
func (t Table) Data() string { return t.at(data) }

// Releases is the page of the releases of the monthly figures and of
// their corrections.
func (t Table) Releases() string { return t.at(releases) }

// Release is the anchor of the release of month m on the page of
// releases, without "#".
func Release(m model.Month) string { return "phien-ban-" + m.String() }

// VintageData is the name, without extension, of the vintage table of the
// target with the given id: its figures of every month as each release
// and correction published them; "" names the table of every target.
func VintageData(id string) string {
	if id == "" {
		return "chi-tieu-phien-ban"
	}
	return "chi-tieu-" + id + "-phien-ban"
}

// LedgerData is the file name of the ledger of releases among the
// downloads.
const LedgerData = "phien-ban.toml"

// Embeds is the folder of the embed pages: a target's chart alone, which
// other sites may frame.
func (t Table) Embeds() string { return t.at(embeds) }

// Embed is the embed page of the chart of the target with the given id.
func (t Table) Embed(id string) string { return t.at(embeds + id + "/") }

// Headers is the table of HTTP headers for hosts (the _headers file of
// Netlify and Cloudflare Pages); there is one for all editions.
func (t Table) Headers() string { return headers }

// Search is the search page; the files of its index are in its folder.
func (t Table) Search() string { return t.at(search) }

// SearchIndex is the manifest of the search index (search.Manifest in the
// search page's folder), which search.js fetches first.
func (t Table) SearchIndex() string { return t.at(search + "index.json") }

// Download is the open-data file name (with its extension). The
// downloads are one set for all editions, under the root's data page:
// their columns are machine names, the same in every language.
func (t Table) Download(name string) string { return data + name }

// TargetData is the name, without extension, of the download of the
// target with the given id; "" names the download of every target.
func TargetData(id string) string {
	if id == "" {
		return "chi-tieu"
	}
	return "chi-tieu-" + id
}

// ListData is the name, without extension, of the download of a list.
func ListData(id string) string { return "danh-sach-" + id }

// AllData is the name, without extension, of the zip of every download.
const AllData = "minhbach-du-lieu"

// UnitData is the name, without extension, of the download of the units.
const UnitData = "don-vi"

// UnitDownload is the download of the units in the format ext: "csv" or
// "json".
func (t Table) UnitDownload(ext string) string { return t.Download(UnitData + "." + ext) }

// Sitemap is the sitemap of the site; there is one for all editions.
func (t Table) Sitemap() string { return sitemap }

// Robots is robots.txt; there is one for all editions.
func (t Table) Robots() string { return robots }

// NotFound is the page the server shows for an unknown address.
func (t Table) NotFound() string { return t.at(notFound) }

// File returns the output file of the page at url: its index.html, or url
// itself when it names a file such as 404.html.
func File(url string) string {
	if url == "" || url[len(url)-1] == '/' {
		return url + "index.html"
	}
	return url
}
