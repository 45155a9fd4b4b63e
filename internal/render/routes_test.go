package render

import (
	"github.com/minhbach/minhbach/internal/chart"
	"github.com/minhbach/minhbach/internal/routes"
)

// The tests find pages and downloads where the routes table puts them.
var (
	rt      routes.Table
	dataDir = rt.Data()
)

// noValue is the chart's mark of a missing point, for the tests that read
// charts.
const noValue = chart.NoValue
