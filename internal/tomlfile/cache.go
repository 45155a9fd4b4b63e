package tomlfile

import (
	"crypto/sha256"
	"reflect"
	"sync"
)

// Cache keeps what was parsed from TOML files between builds, by file and
// content, so that the preview server parses again only the files that
// changed: at national scale, parsing is most of the cost of loading. A nil
// *Cache caches nothing. It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cached
}

// cached is one parsed file. Decoded values are never changed after they
// are stored: loaders only read them.
type cached struct {
	mu      sync.Mutex // guards decoded
	sum     [32]byte
	src     string
	ix      *lazyIndex
	decoded map[reflect.Type]any // the value decoded into, by its type
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]*cached{}} }

// lookup returns the entry of path if its content is still b.
func (c *Cache) lookup(path string, b []byte) (*cached, [32]byte) {
	sum := sha256.Sum256(b)
	if c == nil {
		return nil, sum
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[path]; e != nil && e.sum == sum {
		return e, sum
	}
	return nil, sum
}

// store records a parsed file, replacing what was kept for its path.
func (c *Cache) store(path string, e *cached) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[path] = e
}

// value copies a stored decoded value into v (a pointer) and reports
// whether there was one.
func (e *cached) value(v any) bool {
	if e == nil {
		return false
	}
	rv := reflect.ValueOf(v).Elem()
	e.mu.Lock()
	stored, ok := e.decoded[rv.Type()]
	e.mu.Unlock()
	if !ok {
		return false
	}
	rv.Set(reflect.ValueOf(stored))
	return true
}

// keep stores the decoded value v (a pointer) in the entry.
func (e *cached) keep(v any, c *Cache, path string) {
	if c == nil || e == nil {
		return
	}
	rv := reflect.ValueOf(v).Elem()
	e.mu.Lock()
	if e.decoded == nil {
		e.decoded = map[reflect.Type]any{}
	}
	e.decoded[rv.Type()] = rv.Interface()
	e.mu.Unlock()
	c.store(path, e)
}
