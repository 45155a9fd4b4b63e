// Package release keeps the ledger of a site's releases, data/releases.toml,
// and checks the site's data against it: what was published, and when, may
// change only openly, by a correction declared in a report.
//
// It sits beside the compute stage of the pipeline (load → model → compute
// → render → write): it reads the ledger and the data files the loaded site
// was made of, compares them with the figures package progress computes, and
// returns a History that says, for every figure revised since its release,
// what was first published, what stands now and which corrections explain
// the difference. Package build runs it for build, check and serve alike;
// the release command appends to the ledger with Next and Append.
//
// # The ledger
//
// data/releases.toml is a list of [[releases]] tables, one per released
// month, in the order they were released; it is only ever appended to:
//
//	[[releases]]
//	month = "2017-08"       # the month whose report is released
//	date = 2017-09-07       # the release date: the report's published date, or release -date
//	previous = "9c1f…"      # hash of the entry before; 64 zeros for the first entry
//	hash = "51be…"          # hash of this entry (see Hashes)
//
//	[releases.files]        # what the month's figures depend on (see Dependencies)
//	"data/reports/2017-08.toml" = "e3b0…"
//	"site.toml" = "a1f2…"
//
//	[[releases.targets]]    # every target's figures of the month, as released
//	id = "bao-chi"
//	status = "on_track"     # met, on_track, at_risk, not_met or no_data
//	value = 1.0             # omitted when the month has no value
//	num = 1.0
//	den = 0.0
//
// A site without the file has no releases, and builds as before.
//
// # Dependencies
//
// The figures of a month are computed from site.toml's plan period (the
// keys start, end and reporting_level of [plan]), data/units.toml,
// data/records.toml, data/targets.toml, every file of data/lists/ and
// data/rubrics/, and the published reports of that month and every month
// before it (a later report never changes them: figures are cumulative from
// the start of the period). A release records a hash of each. Other files
// (the site's title and menu, agencies, context, pages, layouts) are words
// around the figures and may change freely.
//
// A file's hash is the SHA-256 of the part of its content the figures
// depend on, not of its bytes: the file is read as the loader reads it
// (UTF-8, byte-order mark dropped, NFC), decoded, and of its values only
// those package progress computes from are kept (see counted.go):
//
//   - site.toml: start, end and reporting_level of [plan];
//   - data/units.toml: each level's id and parent, in order (the first is
//     the top one); each unit's code, level and parent;
//   - data/records.toml: each kind's id and level; each field's id, type
//     and choices (the values reports hold);
//   - data/targets.toml: each target's id, rule, records, where, level,
//     field, numerator, denominator, part_of_whole, min_months, every,
//     list, max_removed, threshold and compare;
//   - data/lists/ID.toml: level, rubric, and each member's unit, since and
//     scores;
//   - data/rubrics/ID.toml: each content's id, each criterion's id and max,
//     each grade's min, in order (criteria are added up in order, grades
//     looked up from the highest down);
//   - a report: every value but its [[corrections]] (declaring a
//     correction does not change the report it is declared in).
//
// Names, texts, units of count, a target's number and source, notes and their
// translations are words around the figures: they are left out, so that a
// target renamed or a unit's name translated after a release is no change.
// So are the keys that only decide whether the data loads (a field's
// required and min): data that does not load has no figures. Targets,
// units, kinds, fields and members are taken in the order of their id,
// code or unit, since their order in the file changes no figure; a key
// written with the value the loader gives it when left out (compare =
// "at_least", every = "month", part_of_whole = false, max_removed = 0, a
// field's type = "text") is the same as the key left out.
//
// What is kept is written in a canonical form — keys sorted, text quoted as
// Go quotes it, numbers as the shortest decimal (1 and 1.0 are the same
// number), dates as YYYY-MM-DD — so that comments, spacing and the order of
// keys do not count either, but every value kept does, as written: a where
// value changed from "A" to ["A"] is a change, though it keeps the same
// records.
//
// This is the file hash of ledger format v1 (the first line of the text an
// entry's hash is computed from, below). It was first defined as the hash
// of every value of these files; it was narrowed to the figures' part
// before any site released a month, so v1 has only this meaning. A later
// change to what counts must name a new format, or the releases made
// before it would all read as changed.
//
// # Hashes
//
// An entry's hash is the SHA-256, in hexadecimal, of this text, one line
// each, ending with a newline:
//
//	minhbach release v1
//	month 2017-08
//	date 2017-09-07
//	previous <previous>
//	file "<path>" <hash>                          one per file, sorted by path
//	target "<id>" <status> <value> <num> <den>    one per target, in file order
//
// where paths and ids are quoted as Go quotes strings, numbers are written
// as the shortest decimal that reads back as the same float64 (strconv 'g',
// -1), and a missing value is "-". The first entry's previous is 64 zeros.
// So reformatting the ledger, or adding comments to it, keeps every hash;
// changing a value, an entry's place or removing an entry breaks the chain
// at the first entry that no longer matches. The last entry's hash stands
// for the whole ledger: a reader who keeps it can tell that nothing was
// removed from the end.
//
// # Revisions
//
// Every build compares the data with each release. For the release of month
// K:
//
//   - a figure moved if the target's value, num, den or status of month K,
//     computed from the data now, differs from what the release recorded (a
//     target added or removed since moves too);
//   - a file changed if its hash differs from the one the release recorded,
//     or it appeared or disappeared among the release's dependencies.
//
// Every change must be covered by a correction, a [[corrections]] table of
// a published report (month, date, what, why). A correction for month M
// covers:
//
//   - the moved figures of M, and those of a later released month K of a
//     target that moved in M too, or of any target if M's report changed:
//     figures are cumulative, and a record moved out of M's report lands in
//     a later month;
//   - a change to the report of M itself, and to the report of a later
//     month if M's report changed too (the record moved from M to it);
//   - a change to any other dependency (site.toml's period, units, records,
//     targets, lists, rubrics) that a release from M on recorded as it was
//     before the change, or that a release after M recorded if M's report
//     changed too.
//
// A correction is an error if its month has no release, if its date is
// before that release, or if it changes nothing: no figure of its month
// moved, its month's report did not change, and no other dependency of its
// month's release changed. Corrections stay in the report that declared
// them: they are the record of the revision, and removing one makes the
// change it explained an error again.
//
// The check cannot tell two edits of one file apart: a correction covers
// every change of what it covers, including a later edit of the same
// figures. Declare a new correction with every change, so readers see
// every reason.
package release
