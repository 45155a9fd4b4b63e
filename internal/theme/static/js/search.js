// Searches the site in the reader's browser. The index is static files that
// minhbach writes at build time (internal/search): a small manifest, chunks
// of terms fetched by the words typed, and chunks of documents fetched only
// for the results shown. Text is folded as the Go side folds it, so "khanh
// hoi" finds Khánh Hội. Nothing is evaluated and no HTML is built from
// strings: results are DOM nodes, so pages keep a CSP of script-src 'self'.
// Without JavaScript the form stays hidden and the page's lists remain.
(function () {
  'use strict';

  var PAGE = 10;     // results shown at a time
  var DELAY = 120;   // ms of quiet typing before a query is sent
  var CONTEXT = 60;  // characters of a snippet before its first match
  var SNIPPET = 220; // characters of a snippet

  // fold:begin (the Go tests run this part in Node against search.Fold)
  var MARK = /\p{Mn}/u;
  var WORD = /[\p{L}\p{N}]+/gu;
  var WORDCHAR = /[\p{L}\p{N}]/u;
  var folded = Object.create(null);
  // foldChar folds one character: decompose it, drop the nonspacing marks,
  // lowercase what is left, write đ as d.
  function foldChar(c) {
    var f = folded[c];
    if (f === undefined) {
      f = '';
      Array.from(c.normalize('NFD')).forEach(function (d) {
        if (!MARK.test(d)) { f += d.toLowerCase(); }
      });
      f = f.replace(/đ/g, 'd');
      folded[c] = f;
    }
    return f;
  }
  function fold(s) {
    return Array.from(s).map(foldChar).join('');
  }
  function words(s) {
    return fold(s).match(WORD) || [];
  }
  // fold:end

  // foldMap folds s and says, for each code unit of the result, where its
  // character starts in s, with one more entry for the end.
  function foldMap(s) {
    var out = '', at = [], i = 0;
    Array.from(s).forEach(function (c) {
      var f = foldChar(c);
      for (var k = 0; k < f.length; k++) { at.push(i); }
      out += f;
      i += c.length;
    });
    at.push(i);
    return {text: out, at: at};
  }

  function Index(base) {
    this.base = base;
    this.files = Object.create(null);
  }
  Index.prototype.get = function (name) {
    var files = this.files;
    if (!files[name]) {
      files[name] = fetch(this.base + name).then(function (r) {
        if (!r.ok) { throw new Error(name + ': ' + r.status); }
        return r.json();
      }).catch(function (e) {
        delete files[name]; // the next query tries again
        throw e;
      });
    }
    return this.files[name];
  };
  // last returns the index of the last entry of list whose first item is at
  // most key (a term, or a document id): the chunk that holds it.
  function last(list, key) {
    var lo = 0, hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid][0] <= key) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  // chunks returns the names of the term chunks that may hold term, or
  // every term that starts with it if prefix.
  function chunks(manifest, term, prefix) {
    var t = manifest.terms, i = last(t, term), out = [t[i][1]];
    while (prefix && i + 1 < t.length && t[i + 1][0].lastIndexOf(term, 0) === 0) {
      out.push(t[++i][1]);
    }
    return out;
  }
  // postings adds the documents of one chunk's terms to docs: id → 1 for a
  // match in the title, 0 elsewhere.
  function postings(list, docs) {
    var id = -1;
    list.forEach(function (p) {
      id += p >> 1;
      docs[id] = Math.max(docs[id] || 0, p & 1);
    });
  }
  // lookup returns the documents of term, of every term it starts if
  // prefix (words only, not the pairs of words, unless term has a space).
  function lookup(index, manifest, term, prefix) {
    return Promise.all(chunks(manifest, term, prefix).map(function (n) { return index.get(n); })).then(function (cs) {
      var docs = Object.create(null), pair = term.indexOf(' ') >= 0;
      cs.forEach(function (c) {
        if (!prefix) {
          if (Object.prototype.hasOwnProperty.call(c, term)) { postings(c[term], docs); }
          return;
        }
        Object.keys(c).forEach(function (k) {
          if (k.lastIndexOf(term, 0) === 0 && (pair || k.indexOf(' ') < 0)) { postings(c[k], docs); }
        });
      });
      return docs;
    });
  }

  // rank returns the ids of the documents that hold every word, best first:
  // words in the title count more, and pairs of words in the order typed
  // more still; equal ones keep the order of the index.
  function rank(index, manifest, ws, prefix) {
    var lookups = ws.map(function (w, i) { return lookup(index, manifest, w, prefix && i === ws.length - 1); });
    for (var i = 1; i < ws.length; i++) {
      lookups.push(lookup(index, manifest, ws[i - 1] + ' ' + ws[i], prefix && i === ws.length - 1));
    }
    return Promise.all(lookups).then(function (sets) {
      var score = Object.create(null);
      Object.keys(sets[0]).forEach(function (id) {
        var s = 0;
        for (var k = 0; k < ws.length; k++) {
          if (!(id in sets[k])) { return; }
          s += 1 + 2 * sets[k][id];
        }
        for (k = ws.length; k < sets.length; k++) {
          if (id in sets[k]) { s += 3; }
        }
        score[id] = s;
      });
      return Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
    });
  }

  function fragment(index, manifest, id) {
    var f = manifest.frags, i = last(f, id);
    return index.get(f[i][1]).then(function (docs) { return docs[id - f[i][0]]; });
  }

  // marked appends text to el with the words of ws marked where a word of
  // the text starts with them; the last word may be cut from from to to
  // (code units of text).
  function marked(el, text, ws, from, to) {
    var m = foldMap(text), spans = [];
    ws.forEach(function (w) {
      for (var i = m.text.indexOf(w); i >= 0; i = m.text.indexOf(w, i + 1)) {
        if (i > 0 && WORDCHAR.test(m.text.charAt(i - 1))) { continue; }
        spans.push([m.at[i], m.at[Math.min(i + w.length, m.text.length)]]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var at = from === undefined ? 0 : from, end = to === undefined ? text.length : to;
    spans.forEach(function (s) {
      if (s[0] < at || s[1] > end) { return; }
      el.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(s[0], s[1]);
      el.appendChild(mark);
      at = s[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, end)));
  }

  // snippet returns the part of text around the first match of ws, cut at
  // blanks.
  function snippet(text, ws) {
    var m = foldMap(text), first = -1;
    ws.forEach(function (w) {
      for (var i = m.text.indexOf(w); i >= 0; i = m.text.indexOf(w, i + 1)) {
        if (i === 0 || !WORDCHAR.test(m.text.charAt(i - 1))) {
          if (first < 0 || i < first) { first = i; }
          break;
        }
      }
    });
    var from = first < 0 ? 0 : Math.max(0, m.at[first] - CONTEXT);
    if (from > 0) {
      var blank = text.indexOf(' ', from);
      from = blank >= 0 && blank < m.at[first] ? blank + 1 : from;
    }
    var to = Math.min(text.length, from + SNIPPET);
    if (to < text.length) {
      var cut = text.lastIndexOf(' ', to);
      to = cut > from ? cut : to;
    }
    return {from: from, to: to, before: from > 0, after: to < text.length};
  }

  function result(form, root, doc, ws) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = root + doc.u;
    marked(a, doc.t, ws);
    h.appendChild(a);
    li.appendChild(h);
    var label = form.getAttribute('data-kind-' + doc.k);
    if (label || doc.s) {
      var where = document.createElement('p');
      where.className = 'search__where';
      where.textContent = [label, doc.s].filter(Boolean).join(' · ');
      li.appendChild(where);
    }
    if (doc.x) {
      var p = document.createElement('p');
      p.className = 'search__snippet';
      var s = snippet(doc.x, ws);
      if (s.before) { p.appendChild(document.createTextNode('… ')); }
      marked(p, doc.x, ws, s.from, s.to);
      if (s.after) { p.appendChild(document.createTextNode(' …')); }
      li.appendChild(p);
    }
    return li;
  }

  function setup(form) {
    var input = form.querySelector('input[type="search"]');
    var list = document.getElementById(form.getAttribute('data-results'));
    var status = document.getElementById(form.getAttribute('data-status'));
    var more = document.getElementById(form.getAttribute('data-more'));
    if (!input || !list || !status) { return; }
    var src = form.getAttribute('data-index');
    var index = new Index(src.slice(0, src.lastIndexOf('/') + 1));
    var root = form.getAttribute('data-root') || '';
    var manifest = index.get(src.slice(src.lastIndexOf('/') + 1));
    var run = 0, timer = 0, ids = [], shown = 0, ws = [];

    function say(key, n) {
      // data-found-one is the sentence for one result ("1 result").
      status.textContent = (n === 1 && status.getAttribute('data-' + key + '-one')) || (status.getAttribute('data-' + key) || '').replace('{n}', n);
    }
    function show(count, mine) {
      return manifest.then(function (m) {
        return Promise.all(ids.slice(shown, shown + count).map(function (id) { return fragment(index, m, id); }));
      }).then(function (docs) {
        if (mine !== run) { return; }
        docs.forEach(function (d) { if (d) { list.appendChild(result(form, root, d, ws)); } });
        shown += docs.length;
        if (more) { more.hidden = shown >= ids.length; }
        list.setAttribute('aria-busy', 'false');
      });
    }
    function search() {
      var q = input.value, mine = ++run;
      ws = words(q);
      list.textContent = '';
      shown = 0;
      ids = [];
      if (more) { more.hidden = true; }
      if (window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        if (q) { url.searchParams.set('q', q); } else { url.searchParams.delete('q'); }
        window.history.replaceState(null, '', url.href);
      }
      if (!ws.length) { status.textContent = ''; list.setAttribute('aria-busy', 'false'); return; }
      // Busy until this query's results are all there.
      list.setAttribute('aria-busy', 'true');
      say('loading', 0);
      // The last word may still be being typed: it is a prefix.
      var prefix = !/\s$/.test(q);
      manifest.then(function (m) { return rank(index, m, ws, prefix); }).then(function (found) {
        if (mine !== run) { return null; }
        ids = found;
        say(found.length ? 'found' : 'none', found.length);
        return show(PAGE, mine);
      }).catch(function () {
        if (mine === run) {
          say('error', 0);
          list.setAttribute('aria-busy', 'false');
        }
      });
    }

    form.hidden = false;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      window.clearTimeout(timer);
      search();
    });
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    if (more) {
      more.addEventListener('click', function () {
        list.setAttribute('aria-busy', 'true');
        show(PAGE, run);
      });
    }
    var q = new URL(window.location.href).searchParams.get('q');
    if (q) {
      input.value = q;
      search();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-index]'), setup);
  });
}());
