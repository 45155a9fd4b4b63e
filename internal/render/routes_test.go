package render

import "github.com/minhbach/minhbach/internal/routes"

// The tests find pages and downloads where the routes table puts them.
var (
	rt      routes.Table
	dataDir = rt.Data()
)
