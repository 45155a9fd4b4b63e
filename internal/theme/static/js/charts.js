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
      if (chart) { charts.push(chart); }
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

  // The script is loaded with defer, so the document may already be parsed.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
