// Live reload for the minhbach preview server. It is served only by
// "minhbach serve"; published builds never contain it.
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var source = new EventSource('/_minhbach/events');
  source.addEventListener('reload', function () { window.location.reload(); });
  source.addEventListener('css', function (e) {
    // Only stylesheets changed: swap them without losing the scroll position.
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      url.searchParams.set('v', e.data);
      link.href = url.toString();
    });
  });
}());
