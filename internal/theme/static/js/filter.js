// Filters the rows of a table as the reader types, ignoring diacritics so
// that "yen khanh" finds "Yên Khánh". Without JavaScript the filter stays
// hidden and the whole table is shown.
(function () {
  'use strict';
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
  }
  document.addEventListener('DOMContentLoaded', function () {
    var inputs = document.querySelectorAll('input[data-filter]');
    Array.prototype.forEach.call(inputs, function (input) {
      var table = document.getElementById(input.getAttribute('data-filter'));
      var status = document.getElementById(input.getAttribute('aria-describedby'));
      if (!table) { return; }
      input.closest('.filter').hidden = false;
      var rows = table.querySelectorAll('tr[data-search]');
      var groups = table.querySelectorAll('tbody');
      input.addEventListener('input', function () {
        // The words as typed, in order: "yen khanh" finds Yên Khánh, not
        // Khánh Dương in Yên Mô.
        var query = fold(input.value).split(/\s+/).filter(Boolean).join(' ');
        var shown = 0;
        Array.prototype.forEach.call(rows, function (row) {
          var match = row.getAttribute('data-search').indexOf(query) >= 0;
          row.hidden = !match;
          if (match) { shown++; }
        });
        Array.prototype.forEach.call(groups, function (body) {
          body.hidden = body.querySelectorAll('tr[data-search]:not([hidden])').length === 0;
        });
        if (status) {
          // data-found-one is the sentence for one row ("1 matching unit").
          var found = (shown === 1 && status.getAttribute('data-found-one')) || (status.getAttribute('data-found') || '{n}').replace('{n}', shown);
          status.textContent = query ? found : '';
        }
      });
    });
  });
}());
