// The report editor: builds the form of a month's report from the site's
// data model (GET data), checks it as you type (POST check, the messages
// of "minhbach check"), and saves it (POST save). No third-party code.
(function () {
  'use strict';
  var token = document.querySelector('meta[name="minhbach-token"]').content;
  var root = document.getElementById('editor');
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') || '';
  var D = null; // what GET data said
  var V = null; // the values being edited
  var T = {};
  var fields = {}; // form key → {input, msg}
  var post = '';
  var correction = {};
  var checkTimer = 0;
  var uid = 0;

  function el(tag, props, kids) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'text') e.textContent = props[k];
        else if (k === 'class') e.className = props[k];
        else if (k.slice(0, 5) === 'aria-' || k.slice(0, 5) === 'data-' || k === 'role' || k === 'for' || k === 'list') e.setAttribute(k, props[k]);
        else e[k] = props[k];
      });
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function id() { uid++; return 'f' + uid; }

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function api(name, body) {
    body.token = token;
    return fetch(name, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) {
        var j = null;
        try { j = JSON.parse(t); } catch (e) { j = { error: t }; }
        return { status: r.status, body: j };
      });
    });
  }

  function load(month) {
    var q = new URLSearchParams();
    if (month) q.set('month', month);
    if (lang) q.set('lang', lang);
    return fetch('data?' + q.toString(), { credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    }).then(function (res) {
      if (res.status !== 200) {
        root.textContent = '';
        root.appendChild(el('pre', { class: 'note bad', text: res.body.error || String(res.status) }));
        return;
      }
      D = res.body; T = D.texts; V = D.values;
      V.records = V.records || {};
      V.changes = V.changes || []; V.assessments = V.assessments || []; V.corrections = V.corrections || [];
      post = D.post; correction = {}; pasted = {}; dirty = false;
      if (month || params.get('month')) {
        params.set('month', D.month);
        history.replaceState(null, '', '?' + params.toString());
      }
      render();
      show(D.problems);
    });
  }

  // ---- inputs ----

  function field(key, label, input, opts) {
    opts = opts || {};
    var fid = input.id || id();
    input.id = fid;
    input.setAttribute('data-key', key);
    var msg = el('p', { class: 'msg', id: fid + '-msg', hidden: true });
    var kids = [el('label', { for: fid, text: label + (opts.required ? ' (' + T.required + ')' : '') }), input];
    if (opts.hint) {
      var h = el('p', { class: 'hint', id: fid + '-hint', text: opts.hint });
      input.setAttribute('aria-describedby', fid + '-hint');
      kids.push(h);
    } else if (opts.describedBy) {
      input.setAttribute('aria-describedby', opts.describedBy);
    }
    if (opts.extra) kids.push(opts.extra);
    kids.push(msg);
    fields[key] = { input: input, msg: msg };
    return el('div', { class: 'field' + (opts.wide ? ' wide' : '') + (opts.combo ? ' combo unit' : '') }, kids);
  }

  function bind(input, row, k) {
    input.addEventListener('input', function () {
      if (input.value === '') delete row[k]; else row[k] = input.value;
      scheduleCheck();
    });
  }

  function textInput(row, k, type, ph) {
    var i = el('input', { type: type || 'text', value: row[k] || '', autocomplete: 'off' });
    if (ph) i.placeholder = ph;
    bind(i, row, k);
    return i;
  }

  function dateInput(row, k) {
    var i = textInput(row, k, 'text', 'YYYY-MM-DD');
    i.inputMode = 'numeric';
    return i;
  }

  function selectInput(row, k, options) {
    var s = el('select', {}, [el('option', { value: '', text: T.choose })]);
    options.forEach(function (o) {
      var v = typeof o === 'string' ? o : o.id;
      s.appendChild(el('option', { value: v, text: typeof o === 'string' ? o : o.name + ' (' + o.id + ')' }));
    });
    s.value = row[k] || '';
    if (row[k] && s.value !== row[k]) { // a value the list does not have: keep it shown
      s.appendChild(el('option', { value: row[k], text: row[k] }));
      s.value = row[k];
    }
    s.addEventListener('change', function () {
      if (s.value === '') delete row[k]; else row[k] = s.value;
      scheduleCheck();
    });
    return s;
  }

  function unitLabel(u) { return u.parent ? u.name + ' — ' + u.parent : u.name; }

  // A combobox over the units of a level: type a name, with or without
  // diacritics, or a code; arrows move, Enter picks, Escape closes.
  function unitInput(row, k, level) {
    var units = D.units[level] || [];
    var byCode = {};
    units.forEach(function (u) { byCode[u.code] = u; });
    var lid = id();
    var input = el('input', {
      type: 'text', autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list',
      'aria-expanded': 'false', 'aria-controls': lid
    });
    input.value = row[k] ? (byCode[row[k]] ? unitLabel(byCode[row[k]]) + ' (' + row[k] + ')' : row[k]) : '';
    var list = el('ul', { role: 'listbox', id: lid, hidden: true });
    var shown = [], active = -1;
    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; }
    function pick(u) {
      row[k] = u.code;
      input.value = unitLabel(u) + ' (' + u.code + ')';
      close();
      scheduleCheck();
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      if (i >= 0 && list.children[i]) {
        input.setAttribute('aria-activedescendant', list.children[i].id);
        list.children[i].scrollIntoView({ block: 'nearest' });
      }
    }
    function search() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      shown = units.filter(function (u) {
        return words.every(function (w) { return u.fold.indexOf(w) >= 0; });
      }).slice(0, 30);
      list.textContent = '';
      shown.forEach(function (u, i) {
        var li = el('li', { role: 'option', id: lid + '-' + i, 'aria-selected': 'false' },
          [u.name, u.parent ? el('span', { class: 'parent', text: ' — ' + u.parent }) : null, ' (' + u.code + ')']);
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(u); });
        list.appendChild(li);
      });
      if (!shown.length) list.appendChild(el('li', { role: 'option', id: lid + '-none', text: T.noMatch, 'aria-disabled': 'true', 'aria-selected': 'false' }));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      mark(shown.length ? 0 : -1);
    }
    input.addEventListener('input', function () {
      var v = input.value.trim();
      if (byCode[v]) row[k] = v; else if (v === '') delete row[k]; else row[k] = v;
      search();
      scheduleCheck();
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') {
        if (list.hidden) search(); else mark(Math.min(active + 1, shown.length - 1));
        ev.preventDefault();
      } else if (ev.key === 'ArrowUp') {
        mark(Math.max(active - 1, 0)); ev.preventDefault();
      } else if (ev.key === 'Enter') {
        if (!list.hidden && active >= 0 && shown[active]) { pick(shown[active]); ev.preventDefault(); }
      } else if (ev.key === 'Escape') {
        if (!list.hidden) { close(); ev.preventDefault(); }
      }
    });
    input.addEventListener('blur', close);
    return { input: input, extra: list };
  }

  // ---- sections ----

  function section(title, hid) {
    return el('section', { 'aria-labelledby': hid }, [el('h2', { id: hid, text: title })]);
  }

  function recordRow(kind, rows, i) {
    var row = rows[i];
    var key = 'records.' + kind.id + '.' + i;
    var grid = el('div', { class: 'grid' });
    if (kind.level) {
      var u = unitInput(row, 'unit', kind.level);
      grid.appendChild(field(key + '.unit', (D.levels[kind.level] || T.unit), u.input, { required: true, combo: true, extra: u.extra, describedBy: 'unit-help' }));
    }
    kind.fields.forEach(function (f) {
      var input;
      switch (f.type) {
        case 'int': case 'number':
          input = textInput(row, f.id, 'text');
          input.inputMode = f.type === 'int' ? 'numeric' : 'decimal';
          break;
        case 'date': input = dateInput(row, f.id); break;
        case 'url': input = textInput(row, f.id, 'url', 'https://'); break;
        case 'choice': input = selectInput(row, f.id, f.choices || []); break;
        default: input = textInput(row, f.id, 'text');
      }
      var hint = f.min !== undefined && f.min !== null ? '≥ ' + f.min : (f.type === 'date' ? D.month + '-DD' : '');
      grid.appendChild(field(key + '.' + f.id, f.name, input, { required: f.required, hint: hint, wide: f.type === 'text' && kind.fields.length > 3 && f.id === 'title' }));
    });
    var rm = el('button', { type: 'button', class: 'link', text: T.removeRow + ' ' + (i + 1) });
    rm.addEventListener('click', function () { rows.splice(i, 1); render(); scheduleCheck(); });
    var fs = el('fieldset', { 'data-key': key }, [el('legend', { text: (kind.label || kind.name) + ' — ' + T.row + ' ' + (i + 1) }), grid, el('div', { class: 'row-actions' }, [rm])]);
    fields[key] = { input: fs, msg: fs.appendChild(el('p', { class: 'msg', hidden: true })) };
    return fs;
  }

  function kindSection(kind) {
    var rows = V.records[kind.id] = V.records[kind.id] || [];
    var s = section(kind.name, 'k-' + kind.id);
    if (!rows.length) s.appendChild(el('p', { text: T.none }));
    rows.forEach(function (_, i) { s.appendChild(recordRow(kind, rows, i)); });
    var add = el('button', { type: 'button', id: 'add-' + kind.id, text: T.add + ': ' + kind.name });
    add.addEventListener('click', function () {
      rows.push({});
      render();
      var f = fields['records.' + kind.id + '.' + (rows.length - 1) + (kind.level ? '.unit' : '.' + kind.fields[0].id)];
      if (f) f.input.focus();
    });
    s.appendChild(add);
    s.appendChild(pasteBox(kind, rows));
    return s;
  }

  var pasted = {}; // kind id → {text, box}: kept across renders

  function pasteBox(kind, rows) {
    var state = pasted[kind.id] = pasted[kind.id] || { text: '', box: null, open: false };
    var ta = el('textarea', { rows: 4, value: state.text });
    ta.addEventListener('input', function () { state.text = ta.value; });
    var out = el('div', { 'aria-live': 'polite' }, [state.box]);
    var btn = el('button', { type: 'button', id: 'paste-read-' + kind.id, text: T.pasteRead });
    btn.addEventListener('click', function () {
      api('paste', { month: D.month, kind: kind.id, text: ta.value }).then(function (res) {
        if (res.status !== 200) {
          state.box = el('p', { class: 'note bad', text: res.body.error });
          out.textContent = '';
          out.appendChild(state.box);
          return;
        }
        var b = res.body;
        b.rows.forEach(function (r) { rows.push(r); });
        var notes = [];
        if (b.rows.length) notes.push(el('p', { text: T.pasteAdded.replace('N', b.rows.length) }));
        var bad = b.rejected.concat(b.flagged);
        if (bad.length) {
          notes.push(el('p', { text: T.pasteRejected }));
          notes.push(el('ul', {}, bad.map(function (x) {
            return el('li', { text: T.pasteLine + ' ' + x.line + ': ' + x.text + ' — ' + x.reason });
          })));
        }
        if (!b.rejected.length) state.text = '';
        state.box = el('div', { class: 'note' + (bad.length ? ' bad' : ' ok'), id: 'paste-result-' + kind.id }, notes);
        render();
        scheduleCheck();
      });
    });
    var d = el('details', { id: 'paste-' + kind.id, open: state.open }, [el('summary', { text: T.paste + ': ' + kind.name }),
      field('paste.' + kind.id, T.paste, ta, { wide: true, hint: T.pasteHelp }), btn, out]);
    d.addEventListener('toggle', function () { state.open = d.open; });
    return d;
  }

  function changesSection() {
    if (!D.lists || !D.lists.length) return null;
    var s = section(T.changes, 'k-changes');
    V.changes.forEach(function (row, i) {
      var key = 'changes.' + i;
      var list = D.lists.filter(function (l) { return l.id === row.list; })[0] || D.lists[0];
      var grid = el('div', { class: 'grid' });
      var ls = selectInput(row, 'list', D.lists);
      ls.addEventListener('change', function () { render(); });
      grid.appendChild(field(key + '.list', T.list, ls, { required: true }));
      var u = unitInput(row, 'unit', list.level);
      grid.appendChild(field(key + '.unit', D.levels[list.level] || T.unit, u.input, { required: true, combo: true, extra: u.extra, describedBy: 'unit-help' }));
      grid.appendChild(field(key + '.change', T.change, selectInput(row, 'change', [{ id: 'added', name: T.added }, { id: 'removed', name: T.removed }]), { required: true }));
      grid.appendChild(field(key + '.date', T.date, dateInput(row, 'date'), { required: true }));
      grid.appendChild(field(key + '.note', T.note, textInput(row, 'note'), { wide: true }));
      (list.criteria || []).forEach(function (c) {
        var inp = textInput(row, 'scores.' + c.id, 'text');
        inp.inputMode = 'decimal';
        grid.appendChild(field(key + '.scores', T.scores + ' ' + c.id + ' — ' + c.name, inp));
      });
      s.appendChild(rowSet(key, T.changes + ' — ' + T.row + ' ' + (i + 1), grid, V.changes, i));
    });
    s.appendChild(addButton(T.add + ': ' + T.changes, V.changes, function () { return { list: D.lists[0].id }; }));
    return s;
  }

  function assessmentsSection() {
    if (!D.assessed || !D.assessed.length) return null;
    var s = section(T.assessments, 'k-assessments');
    V.assessments.forEach(function (row, i) {
      var key = 'assessments.' + i;
      var grid = el('div', { class: 'grid' }, [
        field(key + '.target', T.target, selectInput(row, 'target', D.assessed), { required: true }),
        field(key + '.status', T.status, selectInput(row, 'status', D.statuses), { required: true }),
        field(key + '.note', T.note, textInput(row, 'note'), { wide: true }),
        field(key + '.links', T.links, textArea(row, 'links'), { wide: true })
      ]);
      s.appendChild(rowSet(key, T.assessments + ' — ' + T.row + ' ' + (i + 1), grid, V.assessments, i));
    });
    s.appendChild(addButton(T.add + ': ' + T.assessments, V.assessments, function () { return {}; }));
    return s;
  }

  function correctionsSection() {
    if (!V.corrections.length) return null;
    var s = section(T.corrections, 'k-corrections');
    V.corrections.forEach(function (row, i) {
      var key = 'corrections.' + i;
      var grid = el('div', { class: 'grid' }, [
        field(key + '.month', T.corrMonth, textInput(row, 'month', 'text', 'YYYY-MM'), { required: true }),
        field(key + '.date', T.corrDate, dateInput(row, 'date'), { required: true }),
        field(key + '.what', T.what, textInput(row, 'what'), { required: true, wide: true }),
        field(key + '.why', T.why, textInput(row, 'why'), { required: true, wide: true })
      ]);
      s.appendChild(rowSet(key, T.corrections + ' — ' + T.row + ' ' + (i + 1), grid, V.corrections, i));
    });
    return s;
  }

  function textArea(row, k) {
    var t = el('textarea', { rows: 3, value: row[k] || '' });
    bind(t, row, k);
    return t;
  }

  function rowSet(key, legend, grid, rows, i) {
    var rm = el('button', { type: 'button', class: 'link', text: T.removeRow + ' ' + (i + 1) });
    rm.addEventListener('click', function () { rows.splice(i, 1); render(); scheduleCheck(); });
    var fs = el('fieldset', {}, [el('legend', { text: legend }), grid, el('div', { class: 'row-actions' }, [rm])]);
    fields[key] = { input: fs, msg: fs.appendChild(el('p', { class: 'msg', hidden: true })) };
    return fs;
  }

  function addButton(label, rows, make) {
    var b = el('button', { type: 'button', text: label });
    b.addEventListener('click', function () { rows.push(make()); render(); });
    return b;
  }

  function checks(title, key, items, chosen) {
    var fs = el('fieldset', {}, [el('legend', { text: title })]);
    var box = el('div', { class: 'checks' });
    items.forEach(function (it) {
      var c = el('input', { type: 'checkbox', checked: chosen.indexOf(it.id) >= 0 });
      c.addEventListener('change', function () {
        V.submitted = V.submitted || { agencies: [], units: [] };
        var list = V.submitted[key];
        var at = list.indexOf(it.id);
        if (c.checked && at < 0) list.push(it.id);
        if (!c.checked && at >= 0) list.splice(at, 1);
        scheduleCheck();
      });
      box.appendChild(el('label', {}, [c, it.name + ' (' + it.id + ')']));
    });
    fs.appendChild(box);
    var msg = fs.appendChild(el('p', { class: 'msg', hidden: true }));
    fields['submitted.' + key] = { input: fs, msg: msg };
    return fs;
  }

  function submittedSection() {
    var s = section(T.submitted, 'k-submitted');
    var sub = V.submitted || { agencies: [], units: [] };
    if (D.agencies && D.agencies.length) s.appendChild(checks(T.agencies, 'agencies', D.agencies, sub.agencies || []));
    var units = (D.units[D.reporting] || []).map(function (u) { return { id: u.code, name: u.name }; });
    if (units.length) s.appendChild(checks(D.levels[D.reporting] || T.unit, 'units', units, sub.units || []));
    return s;
  }

  function postSection() {
    var s = section(T.post, 'k-post');
    var ta = el('textarea', { class: 'post', value: post, spellcheck: true });
    ta.addEventListener('input', function () { post = ta.value; dirty = true; });
    s.appendChild(field('post', D.postPath, ta, { wide: true }));
    var out = el('div', { class: 'preview', 'aria-live': 'polite', hidden: true });
    var b = el('button', { type: 'button', text: T.postPreview });
    b.addEventListener('click', function () {
      api('preview', { text: post }).then(function (res) {
        out.hidden = false;
        if (res.body.error) { out.textContent = res.body.error; return; }
        out.innerHTML = res.body.html; // the site's Markdown code, raw HTML off
      });
    });
    s.appendChild(b);
    s.appendChild(out);
    return s;
  }

  function releasedBox() {
    if (!D.released) return null;
    var grid = el('div', { class: 'grid' }, [
      field('correction.date', T.corrDate, dateInput(correction, 'date')),
      field('correction.what', T.what, textInput(correction, 'what'), { wide: true }),
      field('correction.why', T.why, textInput(correction, 'why'), { wide: true })
    ]);
    return el('fieldset', { class: 'note', id: 'correction' }, [el('legend', { text: T.released.replace('DATE', D.released) }), grid]);
  }

  function notes() {
    var out = [];
    if (D.locked.length) {
      out.push(el('div', { class: 'note bad', role: 'alert' }, [el('p', { text: T.locked }), el('ul', {}, D.locked.map(function (x) { return el('li', { text: x }); }))]));
    }
    if (D.dropped.length) {
      out.push(el('div', { class: 'note' }, [el('p', { text: T.dropped }), el('ul', {}, D.dropped.map(function (x) { return el('li', { text: '# ' + x }); }))]));
    }
    return out;
  }

  function monthPicker() {
    var s = el('select', { id: 'month' });
    D.months.forEach(function (m) {
      var label = m.month + (m.exists ? '' : ' (' + T.newFile + ')') + (m.released ? ' — ' + T.releasedMark : '');
      s.appendChild(el('option', { value: m.month, text: label }));
    });
    s.value = D.month;
    s.addEventListener('change', function () {
      if (dirty && !window.confirm(T.unsaved)) { s.value = D.month; return; }
      load(s.value);
    });
    return el('div', { class: 'field' }, [el('label', { for: 'month', text: T.month }), s]);
  }

  var status;
  function render() {
    var focused = document.activeElement && document.activeElement.id;
    fields = {};
    uid = 0;
    root.textContent = '';
    status = el('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
    var head = el('div', { class: 'grid' }, [monthPicker(),
      field('published', T.published, dateInput(V, 'published'), { hint: T.publishedHelp })]);
    root.appendChild(head);
    root.appendChild(el('p', { class: 'hint', id: 'unit-help', text: T.unitHelp }));
    notes().forEach(function (n) { root.appendChild(n); });
    root.appendChild(el('div', { id: 'summary' }));
    D.kinds.forEach(function (k) { root.appendChild(kindSection(k)); });
    [changesSection(), assessmentsSection(), correctionsSection(), submittedSection(), postSection()].forEach(function (s) { if (s) root.appendChild(s); });
    var rb = releasedBox();
    var save = el('button', { type: 'button', class: 'primary', id: 'save', text: T.save, disabled: D.locked.length > 0 });
    save.addEventListener('click', doSave);
    var actions = el('div', { class: 'actions' }, [save, status]);
    if (rb) root.appendChild(rb);
    root.appendChild(actions);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  // ---- problems ----

  function show(problems) {
    Object.keys(fields).forEach(function (k) {
      var f = fields[k];
      f.input.classList.remove('invalid');
      f.input.removeAttribute('aria-invalid');
      f.msg.hidden = true;
      f.msg.textContent = '';
      var d = (f.input.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== f.msg.id; });
      if (d.length) f.input.setAttribute('aria-describedby', d.join(' ')); else f.input.removeAttribute('aria-describedby');
    });
    var general = [];
    (problems || []).forEach(function (p) {
      var f = fields[p.key];
      if (!f && p.key) {
        var parts = p.key.split('.');
        while (!f && parts.length > 1) { parts.pop(); f = fields[parts.join('.')]; }
      }
      if (!f) { general.push(p); return; }
      if (!p.warning) { f.input.classList.add('invalid'); f.input.setAttribute('aria-invalid', 'true'); }
      f.msg.hidden = false;
      f.msg.className = 'msg' + (p.warning ? ' warn' : '');
      f.msg.textContent = (f.msg.textContent ? f.msg.textContent + ' · ' : '') + p.msg;
      if (f.msg.id) {
        var d = f.input.getAttribute('aria-describedby');
        f.input.setAttribute('aria-describedby', (d ? d + ' ' : '') + f.msg.id);
      }
    });
    var sum = document.getElementById('summary');
    sum.textContent = '';
    if (general.length) {
      sum.appendChild(el('div', { class: 'note bad' }, [el('p', { text: T.errorsAbove }),
        el('ul', {}, general.map(function (p) { return el('li', { text: p.msg }); }))]));
    }
  }

  var dirty = false;
  window.addEventListener('beforeunload', function (ev) { if (dirty) ev.preventDefault(); });

  function scheduleCheck() {
    dirty = true;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(function () {
      api('check', { month: D.month, values: V }).then(function (res) {
        if (res.status === 200) show(res.body.problems);
      });
    }, 300);
  }

  function say(text, kind, extra) {
    status.textContent = '';
    status.className = kind ? 'note ' + kind : '';
    status.appendChild(el('span', { text: text }));
    if (extra) { status.appendChild(document.createTextNode(' ')); status.appendChild(extra); }
  }

  function doSave() {
    clearTimeout(checkTimer);
    var body = { month: D.month, hash: D.hash, postHash: D.postHash, values: V, correction: correction };
    if (post !== D.post) body.post = post;
    say(T.saving);
    api('save', body).then(function (res) {
      if (res.status === 200) {
        var month = D.month;
        return load(month).then(function () { say(T.saved, 'ok'); });
      }
      if (res.status === 409) {
        var b = el('button', { type: 'button', text: T.reload });
        b.addEventListener('click', function () { location.reload(); });
        say(T.conflict, 'bad', b);
        return;
      }
      if (res.status === 403) { say(T.forbidden, 'bad'); return; }
      if (res.status === 422) {
        show(res.body.problems || []);
        if (res.body.needCorrection) {
          say(T.needCorrection, 'bad');
          var c = fields['correction.date'];
          if (c) c.input.focus();
          return;
        }
        say(T.invalid, 'bad');
        var first = document.querySelector('[aria-invalid=true]');
        if (first) first.focus();
        return;
      }
      say(res.body.error || String(res.status), 'bad');
    });
  }

  load(params.get('month') || '');
})();
