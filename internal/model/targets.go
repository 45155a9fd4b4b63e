package model

import "slices"

// Rule is how a target's value is computed.
type Rule string

// The rules a target may use.
const (
	// Share is the percentage of all units of a level that have at least one
	// record since the start of the period.
	Share Rule = "share"
	// Monthly counts records per calendar month; every month must reach the
	// threshold.
	Monthly Rule = "monthly"
	// Periodic counts records per period (Target.Every: month, quarter or
	// year); every period must satisfy the threshold. Monthly is periodic
	// with every month.
	Periodic Rule = "periodic"
	// Count counts records since the start of the period.
	Count Rule = "count"
	// Sum adds up one numeric field of the records since the start of the
	// period.
	Sum Rule = "sum"
	// Ratio is the sum of one field over the sum of another, in percent.
	Ratio Rule = "ratio"
	// Membership counts units added to and removed from a list.
	Membership Rule = "membership"
	// Assessed has no threshold: its status is the reporting body's own
	// assessment, written in the reports as [[assessments]].
	Assessed Rule = "assessed"
)

// Rules lists every rule, for messages.
var Rules = []Rule{Share, Monthly, Periodic, Count, Sum, Ratio, Membership, Assessed}

// Target is one target of the plan.
type Target struct {
	ID          string
	Number      int
	Name        string
	Text        string // the plan's own words
	Source      string // where the plan states it: a path of the site, e.g. "ke-hoach/#2-chi-tieu"
	Rule        Rule
	Kind        *Kind  // the records it counts; nil for Membership
	Level       string // Share: the units counted
	Threshold   float64
	Compare     Compare     // how the value is compared with Threshold
	Unit        string      // unit of count, e.g. "xã"
	UnitOne     string      // unit of count when the number is one ("news item"); "" is Unit
	Field       string      // Sum: the id of the field added up
	Filter      []Condition // the records counted must meet every one; none keeps all
	Numerator   string      // Ratio: field ids
	Denominator string
	PartOfWhole bool  // Ratio: the numerator is part of the denominator, so never exceeds it
	Every       Every // Monthly, Periodic: the length of each period
	MinMonths   int   // Share: distinct months with records a unit needs to count; 0 or 1 is one record
	List        *List // Membership
	MaxRemoved  int   // Membership
	Where       Place // where the target is defined
}

// Condition keeps the records whose field is one of the values.
type Condition struct {
	Field  string
	Values []string // as Value.Text writes them
}

// Keeps reports whether record r meets every condition of the target's
// filter.
func (t *Target) Keeps(r *Record) bool {
	for _, c := range t.Filter {
		v, ok := r.Values[c.Field]
		if !ok || !slices.Contains(c.Values, v.Text) {
			return false
		}
	}
	return true
}

// Records returns the records of recs that the target keeps: recs itself
// when it has no filter.
func (t *Target) Records(recs []*Record) []*Record {
	if len(t.Filter) == 0 {
		return recs
	}
	var out []*Record
	for _, r := range recs {
		if t.Keeps(r) {
			out = append(out, r)
		}
	}
	return out
}

// IsPercent reports whether the target's value and threshold are percentages.
func (t *Target) IsPercent() bool { return t.Rule == Share || t.Rule == Ratio }

// Compare is how a target's value is compared with its threshold.
type Compare string

// The comparisons a target may use. AtLeast and MoreThan are floors the
// value must reach; AtMost and LessThan are ceilings it must stay within.
const (
	AtLeast  Compare = "at_least"  // value ≥ threshold; the default
	MoreThan Compare = "more_than" // value > threshold
	AtMost   Compare = "at_most"   // value ≤ threshold
	LessThan Compare = "less_than" // value < threshold
)

// Compares lists every comparison, for messages.
var Compares = []Compare{AtLeast, MoreThan, AtMost, LessThan}

// Reached reports whether v satisfies the comparison with threshold. The
// empty Compare is AtLeast.
func (c Compare) Reached(v, threshold float64) bool {
	switch c {
	case MoreThan:
		return v > threshold
	case AtMost:
		return v <= threshold
	case LessThan:
		return v < threshold
	}
	return v >= threshold
}

// Ceiling reports whether the threshold is a limit the value must stay
// within (at_most, less_than) rather than a level it must reach.
func (c Compare) Ceiling() bool { return c == AtMost || c == LessThan }

// IsPeriodic reports whether the threshold applies to each period of
// Every rather than to the whole plan period: rules periodic and monthly.
func (t *Target) IsPeriodic() bool { return t.Rule == Periodic || t.Rule == Monthly }

// Every is the length of the periods of a periodic target: calendar
// months, quarters or years, cut to the plan period, so a plan starting
// mid-quarter has a shorter first quarter that still counts as a quarter.
type Every string

// The periods a periodic target may use.
const (
	EveryMonth   Every = "month"
	EveryQuarter Every = "quarter"
	EveryYear    Every = "year"
)

// Everys lists every period length, for messages.
var Everys = []Every{EveryMonth, EveryQuarter, EveryYear}

// Key returns a number that is the same for the months of one period and
// grows from one period to the next.
func (e Every) Key(m Month) int {
	switch e {
	case EveryQuarter:
		return m.Year*4 + (int(m.Mon)-1)/3
	case EveryYear:
		return m.Year
	}
	return m.Year*12 + int(m.Mon) - 1
}
