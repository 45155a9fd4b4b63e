// Live reload for the minhbach preview server. It is served only by
// "minhbach serve"; published builds never contain it.
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  // The server writes the generation of the page's build into this
  // script's address; passed on, it makes the server send "reload" at once
  // if a rebuild finished before the page listened.
  var gen = document.currentScript ? new URL(document.currentScript.src).searchParams.get('gen') : null;
  var source = new EventSource('/_minhbach/events' + (gen ? '?gen=' + encodeURIComponent(gen) : ''));
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
