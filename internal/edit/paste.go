package edit

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/search"
)

// Rejected is a pasted row that does not fit, with its reason.
type Rejected struct {
	Line   int    `json:"line"` // in the pasted text, from 1
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Paste reads rows copied from a spreadsheet (tab-separated, as Excel and
// LibreOffice copy them) into records of kind k. Columns are matched by
// the headings of a first row, if it has any (a field's id or name, "unit"
// or the name of the kind's level), else by position: the unit first if
// the kind has a level, then the fields in order. A unit is found by its
// code or, among the units of the kind's level, by its name with or
// without diacritics (its parent's name may follow after a dash). Dates
// written D/M/YYYY are turned into YYYY-MM-DD. Rows that do not fit are
// returned with their reason; the others as rows of the form, not yet
// checked against the month.
func Paste(text string, k *model.Kind, units *model.Registry, levelName string) ([]Row, []int, []Rejected) {
	lines := splitRows(text)
	cols := positionColumns(k)
	first := 0
	if len(lines) > 0 {
		if h, ok := headingColumns(lines[0].cells, k, levelName); ok {
			cols, first = h, 1
		}
	}
	var rows []Row
	var at []int
	var rejected []Rejected
	for _, l := range lines[first:] {
		r := Row{}
		var reason []string
		if len(l.cells) > len(cols) && strings.TrimSpace(strings.Join(l.cells[len(cols):], "")) != "" {
			reason = append(reason, fmt.Sprintf("%d columns, but %s has %d", len(l.cells), k.ID, len(cols)))
		}
		for i, c := range l.cells {
			if i >= len(cols) || cols[i] == "" {
				continue
			}
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			switch f := k.Field(cols[i]); {
			case cols[i] == "unit":
				code, err := findUnit(c, k.Level, units)
				if err != nil {
					reason = append(reason, err.Error())
					continue
				}
				c = code
			case f != nil && f.Type == model.Date:
				c = isoDate(c)
			}
			r[cols[i]] = c
		}
		if len(reason) > 0 {
			rejected = append(rejected, Rejected{Line: l.line, Text: strings.Join(l.cells, " | "), Reason: strings.Join(reason, "; ")})
			continue
		}
		rows, at = append(rows, r), append(at, l.line)
	}
	return rows, at, rejected
}

type pastedLine struct {
	line  int
	cells []string
}

// splitRows splits tab-separated text into rows of cells. A cell in double
// quotes may hold tabs, newlines and doubled quotes, as spreadsheets copy
// them; blank rows are skipped.
func splitRows(text string) []pastedLine {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []pastedLine
	var cells []string
	var cell strings.Builder
	line, start := 1, 1
	inQuote := false
	flush := func() {
		cells = append(cells, cell.String())
		cell.Reset()
		if strings.TrimSpace(strings.Join(cells, "")) != "" {
			out = append(out, pastedLine{line: start, cells: cells})
		}
		cells = nil
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inQuote && c == '"' && i+1 < len(text) && text[i+1] == '"':
			cell.WriteByte('"')
			i++
		case inQuote && c == '"':
			inQuote = false
		case c == '"' && cell.Len() == 0:
			inQuote = true
		case inQuote && c == '\n':
			cell.WriteByte(' ')
			line++
		case c == '\t':
			cells = append(cells, cell.String())
			cell.Reset()
		case c == '\n':
			flush()
			line++
			start = line
		default:
			cell.WriteByte(c)
		}
	}
	flush()
	return out
}

func positionColumns(k *model.Kind) []string {
	var cols []string
	if k.Level != "" {
		cols = append(cols, "unit")
	}
	for _, f := range k.Fields {
		cols = append(cols, f.ID)
	}
	return cols
}

// headingColumns matches the cells of a first row with the kind's keys,
// and reports whether it is a heading row: every non-empty cell names one.
func headingColumns(cells []string, k *model.Kind, levelName string) ([]string, bool) {
	names := map[string]string{}
	if k.Level != "" {
		for _, n := range []string{"unit", "đơn vị", "mã", "code", k.Level, levelName} {
			names[search.Fold(n)] = "unit"
		}
	}
	for _, f := range k.Fields {
		names[search.Fold(f.ID)] = f.ID
		names[search.Fold(f.Name)] = f.ID
	}
	cols := make([]string, len(cells))
	found := false
	for i, c := range cells {
		c = search.Fold(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		id, ok := names[c]
		if !ok {
			// A heading may shorten a field's name: "Số người" for
			// "Số người tham dự".
			for _, f := range k.Fields {
				if strings.HasPrefix(search.Fold(f.Name), c+" ") {
					id, ok = f.ID, true
					break
				}
			}
		}
		if !ok {
			return nil, false
		}
		cols[i], found = id, true
	}
	return cols, found
}

// findUnit returns the code of the unit of level written s: its code, its
// name or its full name, with or without diacritics, possibly followed by
// " — " or " - " and its parent's name.
func findUnit(s, level string, units *model.Registry) (string, error) {
	if u := units.Unit(s); u != nil {
		if level != "" && u.Level != level {
			return "", fmt.Errorf("unit %q (%s) is not a unit of level %q", s, u.FullName(), level)
		}
		return u.Code, nil
	}
	name, parent := s, ""
	for _, sep := range []string{" — ", " – ", " - "} {
		if a, b, ok := strings.Cut(s, sep); ok {
			name, parent = a, b
			break
		}
	}
	name, parent = search.Fold(strings.TrimSpace(name)), search.Fold(strings.TrimSpace(parent))
	var found []*model.Unit
	for _, u := range units.AtLevel(level) {
		if name != search.Fold(u.FullName()) && name != search.Fold(u.Name) {
			continue
		}
		if p := units.Unit(u.Parent); parent != "" && (p == nil || parent != search.Fold(p.FullName()) && parent != search.Fold(p.Name)) {
			continue
		}
		found = append(found, u)
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no unit of level %q is named or coded %q", level, s)
	case 1:
		return found[0].Code, nil
	}
	var which []string
	for _, u := range found {
		w := u.FullName() + " (" + u.Code + ")"
		if p := units.Unit(u.Parent); p != nil {
			w = u.FullName() + " — " + p.FullName() + " (" + u.Code + ")"
		}
		which = append(which, w)
	}
	return "", fmt.Errorf("%q names %d units: write the code, or the name with its parent: %s", s, len(found), strings.Join(which, "; "))
}

// isoDate turns D/M/YYYY or D.M.YYYY into YYYY-MM-DD; anything else is
// returned as it is, for the check to name.
func isoDate(s string) string {
	for _, layout := range []string{"2/1/2006", "2.1.2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return s
}

// paste reads pasted rows for a kind and checks them against the month:
// the rows read, those that could not be read with their reasons, and
// those read whose values the check finds wrong, with its messages.
func (e *Editor) paste(ctx context.Context, req *request) (int, any) {
	return e.withState(ctx, func(st *state) (int, any) {
		m, ok := st.month(req.Month)
		i := slices.IndexFunc(st.site.Kinds, func(k *model.Kind) bool { return k.ID == req.Kind })
		if !ok || i < 0 {
			return http.StatusBadRequest, failure{Error: "no month of the plan period, or no such kind"}
		}
		k := st.site.Kinds[i]
		levelName := ""
		if lv := st.site.Units.Level(k.Level); lv != nil {
			levelName = lv.Singular
		}
		rows, lines, rejected := Paste(req.Text, k, st.site.Units, levelName)
		// Check the rows as a report of the month holding only them.
		_, probs := st.check(m, Values{Records: map[string][]Row{k.ID: rows}}, "")
		bad := map[int][]string{}
		for _, p := range probs {
			if p.Warning {
				continue
			}
			parts := strings.Split(p.Key, ".")
			if len(parts) < 3 {
				continue
			}
			if n, err := strconv.Atoi(parts[2]); err == nil {
				bad[n] = append(bad[n], p.Msg)
			}
		}
		// Rows that the check finds wrong are added all the same, with
		// their fields in red, and listed with their reasons.
		var flagged []Rejected
		for n, r := range rows {
			if reasons, ok := bad[n]; ok {
				var cells []string
				for _, c := range positionColumns(k) {
					cells = append(cells, r[c])
				}
				flagged = append(flagged, Rejected{Line: lines[n], Text: strings.Join(cells, " | "), Reason: strings.Join(reasons, "; ")})
			}
		}
		return http.StatusOK, map[string]any{"rows": nonNil(rows), "rejected": nonNil(rejected), "flagged": nonNil(flagged)}
	})
}
