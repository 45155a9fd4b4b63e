package model

import "time"

// Correction is a revision of a released month's figures, declared in the
// [[corrections]] of a published report: the month whose figures change,
// when, what changed and why. Package release checks that every change to
// data a release depended on is declared by one, and that each one changes
// something.
type Correction struct {
	Month  Month     // the released month whose figures change
	Date   time.Time // the day the correction was made
	What   string
	Why    string
	Report *Report // the report that declares it
	Where  Place
}
