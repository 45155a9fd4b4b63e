package model

import (
	"cmp"
	"time"
)

// FieldType is the type of a record field.
type FieldType string

// The field types a record kind may declare.
const (
	Text   FieldType = "text"
	Int    FieldType = "int"
	Number FieldType = "number"
	Date   FieldType = "date"
	URL    FieldType = "url"
	Choice FieldType = "choice"
)

// Kind describes one kind of record that monthly reports hold, such as press
// items or outreach activities.
type Kind struct {
	ID     string
	Name   string
	Short  string // for table headings; Name if empty
	Level  string // if set, every record names a unit of this level
	Fields []*Field
	Where  Place // where the kind is defined
}

// Label returns the kind's short name, or its name.
func (k *Kind) Label() string { return cmp.Or(k.Short, k.Name) }

// Field returns the kind's field with the given id, or nil.
func (k *Kind) Field(id string) *Field {
	for _, f := range k.Fields {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// Field is one field of a record kind.
type Field struct {
	ID       string
	Name     string
	Type     FieldType
	Required bool
	Choices  []string
	Min      *float64
}

// Record is one entry of a monthly report.
type Record struct {
	Kind   *Kind
	Month  Month
	Unit   *Unit // nil when the kind has no level
	Values map[string]Value
	Where  Place // where the record is written
}

// Place is where an entry of an input file is written. Positions are looked
// up only when a message needs one: at national scale, indexing every key
// of every file would cost more than parsing them.
type Place struct {
	Locator Locator
	Key     string // the entry's key path, such as "press[3]"
}

// Locator finds the position of a key path in one input file.
type Locator interface {
	Find(key string) Pos
}

// Pos returns where the entry starts.
func (p Place) Pos() Pos { return p.field("") }

// Field returns where one field of the entry is written.
func (p Place) Field(id string) Pos { return p.field(id) }

func (p Place) field(id string) Pos {
	if p.Locator == nil {
		return Pos{}
	}
	key := p.Key
	if id != "" {
		key += "." + id
	}
	return p.Locator.Find(key)
}

// Date returns the record's "date" field, or the zero time.
func (r *Record) Date() time.Time { return r.Values["date"].Date }

// Value is the value of one record field. Which member is set depends on the
// field's type; Text is always set to its display form.
type Value struct {
	Text   string
	Number float64
	Date   time.Time
}

// Pos is a place in an input file.
type Pos struct {
	Path      string
	Line, Col int
}

// Report is one month's progress report.
type Report struct {
	Month          Month
	Path           string
	Published      time.Time
	Records        map[string][]*Record // by kind id, in file order
	Changes        []*ListChange
	OnTimeAgencies []string
	OnTimeUnits    []string
	Assessments    []*Assessment // in file order
	// Corrections revise the figures of months released before this
	// report, in file order.
	Corrections []*Correction
}

// AssessmentStatuses are the statuses an assessment may give: the five
// statuses of every target.
var AssessmentStatuses = []string{"met", "on_track", "at_risk", "not_met", "no_data"}

// Assessment is the reporting body's own assessment of an assessed target
// in one report.
type Assessment struct {
	Target *Target
	Month  Month
	Status string // one of the five statuses, such as "on_track"
	Note   string
	Links  []string // https addresses
	Where  Place
}

// List is a set of units holding a status, such as the healthy communes.
type List struct {
	ID      string
	Name    string
	Short   string // for table headings; Name if empty
	Level   string
	Rubric  *Rubric
	Members []*Member // holding the status when the period starts
}

// Label returns the list's short name, or its name.
func (l *List) Label() string { return cmp.Or(l.Short, l.Name) }

// Member is a unit on a list at the start of the period.
type Member struct {
	Unit   *Unit
	Since  time.Time
	Scores map[string]float64
	Pos    Pos
}

// ChangeType says whether a unit joins or leaves a list.
type ChangeType string

// The list changes a report may record.
const (
	Added   ChangeType = "added"
	Removed ChangeType = "removed"
)

// ListChange is a unit joining or leaving a list.
type ListChange struct {
	List   *List
	Unit   *Unit
	Change ChangeType
	Date   time.Time
	Note   string
	Scores map[string]float64
	Month  Month
	Where  Place
}

// Rubric is a scoring scheme: contents made of criteria with points, and
// grades by total.
type Rubric struct {
	ID           string
	Name         string
	Source       string
	Illustrative bool
	Note         string
	Contents     []*Content
	Grades       []Grade // highest first
}

// Content is one group of criteria of a rubric.
type Content struct {
	ID       string
	Name     string
	Criteria []*Criterion
}

// Criterion is one scored criterion of a rubric.
type Criterion struct {
	ID   string
	Name string
	Max  float64
}

// Grade is a classification reached from a minimum total.
type Grade struct {
	Name string
	Min  float64
}

// Max returns the rubric's highest possible total.
func (r *Rubric) Max() float64 {
	var sum float64
	for _, c := range r.Contents {
		for _, k := range c.Criteria {
			sum += k.Max
		}
	}
	return sum
}

// Grade returns the grade a total reaches, or "" if none.
func (r *Rubric) Grade(total float64) string {
	for _, g := range r.Grades {
		if total >= g.Min {
			return g.Name
		}
	}
	return ""
}
