// Draws the charts. Their options sit in <script type="application/json">
// elements and are read with JSON.parse, never evaluated, so pages can keep a
// CSP of script-src 'self'. The data table next to each chart holds the same
// numbers: if ECharts did not load or a chart fails, the page stays whole and
// the placeholder note keeps pointing readers to the table.
(function () {
  'use strict';

  // Long enough to skip the bursts of events a phone rotation or a window
  // drag sends, short enough to feel immediate.
  var RESIZE_DELAY = 150;

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  function readOptions(div) {
    var source = document.getElementById(div.getAttribute('data-options'));
    if (!source) { return null; }
    try {
      var options = JSON.parse(source.textContent);
      return options && typeof options === 'object' ? options : null;
    } catch (e) {
      return null;
    }
  }

  function draw(echarts, div, options, still) {
    if (still) {
      // Series may carry their own animation setting, which wins over the
      // global one.
      options.animation = false;
      var series = options.series;
      if (series && !Array.isArray(series)) { series = [series]; }
      (series || []).forEach(function (s) { if (s) { s.animation = false; } });
    }
    var note = div.querySelector('.chart__nojs');
    // The class gives the container its height: drop it before init, which
    // measures the container.
    if (note) { div.removeChild(note); }
    div.classList.remove('chart--nojs');
    var chart = null;
    try {
      // The vendored build draws on a canvas only (it is the smallest).
      chart = echarts.init(div, null, {renderer: 'canvas'});
      // data-drawn marks a chart ECharts has finished drawing (its first
      // frame, or the end of its animation), for tests and for styles.
      chart.on('finished', function mark() {
        chart.off('finished', mark);
        div.setAttribute('data-drawn', '');
      });
      chart.setOption(options);
      return chart;
    } catch (e) {
      // dispose empties the container, so the note goes back at the end.
      if (chart) { chart.dispose(); }
      div.classList.add('chart--nojs');
      if (note) { div.appendChild(note); }
      return null;
    }
  }

  // The downloads of a drawn chart. The PNG is ECharts' own picture; the
  // vendored build has no SVG renderer, so the SVG is written here from
  // the shapes and texts ZRender has just drawn on the canvas: every
  // shape rebuilds its outline into a recorder that speaks SVG path data.
  function round(n) { return Math.round(n * 100) / 100; }

  function escapeXML(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function pathRecorder() {
    var d = [];
    function pt(x, y) { return round(x) + ' ' + round(y); }
    return {
      d: d,
      moveTo: function (x, y) { d.push('M' + pt(x, y)); },
      lineTo: function (x, y) { d.push('L' + pt(x, y)); },
      bezierCurveTo: function (a, b, c, e, x, y) { d.push('C' + pt(a, b) + ' ' + pt(c, e) + ' ' + pt(x, y)); },
      quadraticCurveTo: function (a, b, x, y) { d.push('Q' + pt(a, b) + ' ' + pt(x, y)); },
      rect: function (x, y, w, h) { d.push('M' + pt(x, y) + 'h' + round(w) + 'v' + round(h) + 'h' + round(-w) + 'Z'); },
      arc: function (cx, cy, r, a0, a1, ccw) {
        var x0 = cx + r * Math.cos(a0), y0 = cy + r * Math.sin(a0);
        var x1 = cx + r * Math.cos(a1), y1 = cy + r * Math.sin(a1);
        var large = Math.abs(a1 - a0) > Math.PI ? 1 : 0;
        d.push((d.length ? 'L' : 'M') + pt(x0, y0) + 'A' + round(r) + ' ' + round(r) + ' 0 ' + large + ' ' + (ccw ? 0 : 1) + ' ' + pt(x1, y1));
      },
      closePath: function () { d.push('Z'); },
      setLineDash: function () {},
      fill: function () {},
      stroke: function () {}
    };
  }

  function paint(st) {
    var fill = typeof st.fill === 'string' ? st.fill : 'none';
    var stroke = typeof st.stroke === 'string' ? st.stroke : 'none';
    var a = ' fill="' + escapeXML(fill) + '" stroke="' + escapeXML(stroke) + '"';
    if (stroke !== 'none') { a += ' stroke-width="' + round(st.lineWidth == null ? 1 : st.lineWidth) + '"'; }
    if (Array.isArray(st.lineDash) && st.lineDash.length) { a += ' stroke-dasharray="' + st.lineDash.map(round).join(' ') + '"'; }
    if (st.opacity != null && st.opacity < 1) { a += ' opacity="' + round(st.opacity) + '"'; }
    return a;
  }

  var BASELINE = {top: 'text-before-edge', middle: 'central', bottom: 'text-after-edge', hanging: 'hanging'};
  var ANCHOR = {center: 'middle', middle: 'middle', right: 'end', end: 'end'};

  function toSVG(chart) {
    var w = chart.getWidth(), h = chart.getHeight();
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '">',
      '<rect width="' + w + '" height="' + h + '" fill="#ffffff"/>'];
    chart.getZr().storage.getDisplayList(true).forEach(function (el) {
      if (el.invisible || el.ignore || !el.style) { return; }
      var st = el.style;
      var m = el.transform;
      var tr = m ? ' transform="matrix(' + Array.prototype.map.call(m, round).join(' ') + ')"' : '';
      if (el.type === 'tspan') {
        if (st.text == null || st.text === '') { return; }
        out.push('<text x="' + round(st.x || 0) + '" y="' + round(st.y || 0) + '"' + tr +
          ' style="font:' + escapeXML(st.font || '12px sans-serif') + '"' +
          ' text-anchor="' + (ANCHOR[st.textAlign] || 'start') + '"' +
          (BASELINE[st.textBaseline] ? ' dominant-baseline="' + BASELINE[st.textBaseline] + '"' : '') +
          paint(st) + ' paint-order="stroke">' + escapeXML(st.text) + '</text>');
        return;
      }
      if (typeof el.buildPath !== 'function' || !el.shape) { return; }
      var rec = pathRecorder();
      try { el.buildPath(rec, el.shape, false); } catch (e) { return; }
      if (!rec.d.length) { return; }
      out.push('<path d="' + rec.d.join('') + '"' + tr + paint(st) + '/>');
    });
    out.push('</svg>');
    return out.join('\n');
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    // The download has started; the address is no longer needed.
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function dataURLBlob(url) {
    var parts = url.split(',');
    var bytes = atob(parts[1]);
    var buf = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) { buf[i] = bytes.charCodeAt(i); }
    return new Blob([buf], {type: 'image/png'});
  }

  function offerImages(chart, div) {
    var box = document.querySelector('.chart-share[data-chart="' + div.id + '"]');
    if (!box) { return; }
    var file = box.getAttribute('data-file') || div.id;
    var images = box.querySelector('.chart-share__images');
    if (!images) { return; }
    images.hidden = false;
    images.addEventListener('click', function (ev) {
      // The button holds the chart's name in a span of its own.
      var button = ev.target && ev.target.closest && ev.target.closest('[data-save]');
      var kind = button && button.getAttribute('data-save');
      if (kind === 'png') {
        save(dataURLBlob(chart.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#ffffff'})), file + '.png');
      } else if (kind === 'svg') {
        save(new Blob([toSVG(chart)], {type: 'image/svg+xml'}), file + '.svg');
      }
    });
  }

  function start() {
    var echarts = window.echarts;
    if (!echarts || typeof echarts.init !== 'function') { return; }
    var still = reducedMotion();
    var charts = [];
    var divs = document.querySelectorAll('div.chart[data-options]');
    Array.prototype.forEach.call(divs, function (div) {
      // Guards against a second copy of this script on the same page.
      if (echarts.getInstanceByDom && echarts.getInstanceByDom(div)) { return; }
      var options = readOptions(div);
      if (!options) { return; }
      var chart = draw(echarts, div, options, still);
      if (chart) {
        charts.push(chart);
        offerImages(chart, div);
      }
    });
    if (!charts.length) { return; }
    var timer = null;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        charts.forEach(function (chart) { chart.resize(); });
      }, RESIZE_DELAY);
    });
  }

  // A page whose charts are below its first screen (the home page) loads
  // this script alone, naming the chart library in data-echarts: the
  // library (the heaviest file of the site) is fetched only when a chart
  // comes near the screen, so a reader on a slow connection who does not
  // scroll to the charts never pays for it.
  var lazyLibrary = document.currentScript && document.currentScript.getAttribute('data-echarts');

  function loadLibrary() {
    if (window.echarts || document.querySelector('script[data-charts-library]')) { return; }
    var script = document.createElement('script');
    script.src = lazyLibrary;
    script.setAttribute('data-charts-library', '');
    script.addEventListener('load', start);
    document.body.appendChild(script);
  }

  function whenNear() {
    var divs = document.querySelectorAll('div.chart[data-options]');
    if (!divs.length) { return; }
    if (!('IntersectionObserver' in window)) { loadLibrary(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        seen.disconnect();
        loadLibrary();
      }
    }, {rootMargin: '600px 0px'});
    Array.prototype.forEach.call(divs, function (div) { seen.observe(div); });
  }

  var begin = window.echarts || !lazyLibrary ? start : whenNear;
  // The script is loaded with defer, so the document may already be parsed.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', begin);
  } else {
    begin();
  }
}());
