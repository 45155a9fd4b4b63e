package build_test

import "github.com/minhbach/minhbach/internal/routes"

// rt is where the tests find the site's pages and downloads.
var rt routes.Table
