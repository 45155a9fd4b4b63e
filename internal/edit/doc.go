// Package edit is the report editor of the preview server: forms for a
// month's report and its update post, generated from the site's data model
// (the record kinds of data/records.toml and their typed fields, the units
// registry, the lists, the agencies, the assessed targets), mounted by
// package serve under /_minhbach/edit/. It is never part of a build.
//
// It stands beside the pipeline (load → model → compute → render → write)
// and reuses it: the site's data files are read by package load, a report
// the form holds is written as TOML (toml.go) and checked by package report
// exactly as check would, so the messages next to the fields are those of
// check; a save is checked by the whole pipeline (package build) before it
// is written.
//
// # What a form save writes
//
// Only data/reports/YYYY-MM.toml of a month of the plan period, the month's
// update post under content/, and, for a correction of a released month, a
// [[corrections]] table appended to the latest published report. Paths are
// made by code from the month, which is checked against the period: no path
// comes from a request. Files are written through an os.Root opened on the
// site folder, to a temporary file in the same folder renamed over the old
// one.
//
// # Layout of a saved report
//
// The form owns the report's layout: its first comment block (the lines
// starting with # before the first blank line) is kept; then come published,
// the records by kind in the order of data/records.toml, each record's
// fields in the kind's order with the unit's name as a comment, the list
// changes, the assessments, the corrections and [submitted]. Any other
// comment is dropped, and the editor says so before a save.
//
// # Safety
//
// Every request that changes a file carries the per-process token of the
// page and an Origin (or, absent, a Referer) whose host is the Host the
// request was sent to, which package serve has already checked is this
// computer; anything else gets 403. The form carries the hash of the files
// as loaded: if one changed since, the save is refused with 409.
package edit
