// The preview's link to the report editor: a small bar at the foot of
// every preview page, never in the built site.
(function () {
  'use strict';
  function add() {
    if (document.getElementById('minhbach-edit-bar')) return;
    var a = document.createElement('a');
    a.id = 'minhbach-edit-bar';
    a.href = '/_minhbach/edit/';
    var en = (document.documentElement.lang || '').slice(0, 2) === 'en';
    a.textContent = en ? 'Edit the monthly report' : 'Soạn báo cáo tháng';
    var s = a.style;
    s.position = 'fixed'; s.right = '0.5rem'; s.bottom = '0.5rem'; s.zIndex = '2147483647';
    s.background = '#1a1a1a'; s.color = '#ffffff'; s.padding = '0.4rem 0.75rem';
    s.font = '14px/1.4 system-ui, sans-serif'; s.borderRadius = '4px'; s.textDecoration = 'underline';
    document.body.appendChild(a);
  }
  if (document.body) add(); else document.addEventListener('DOMContentLoaded', add);
})();
