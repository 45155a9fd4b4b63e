package edit

import (
	"strconv"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/sitetest"
)

func mustMonth(t *testing.T, s string) model.Month {
	t.Helper()
	m, err := model.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func itoa(i int) string { return strconv.Itoa(i) }

func mustSite(t *testing.T, name string) *model.Site {
	t.Helper()
	s, err := load.Site(sitetest.Load(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
