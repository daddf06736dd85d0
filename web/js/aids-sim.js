// web/js/aids-sim.js: the aid simulator as a guide (issue 18).
//
// 1. When the page carries a result, move the focus to its heading so the
//    page does not look unchanged 1,500 px above the answer and a screen
//    reader reads it (the summary below it is a role="status" region).
// 2. Every input with data-communes becomes a combobox (WAI-ARIA 1.2
//    pattern): suggestions from the JSON endpoint as the person types
//    (names with or without accents and hyphens, postal codes, homonyms
//    shown with their département), arrows to move, Enter to pick, Escape
//    to close.  Without JavaScript the plain text field works the same: the
//    server resolves what was typed and offers the choice on homonyms.
(function () {
  'use strict';

  // After "load": the browser's own scroll to #resultat comes first and
  // would otherwise take the focus back to the page.
  var heading = document.getElementById('titre-res');
  if (heading && !document.querySelector('.alert-error')) {
    window.addEventListener('load', function () {
      setTimeout(function () {
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: 'start' });
      }, 0);
    });
  }

  var seq = 0;

  function combobox(input) {
    var url = input.getAttribute('data-communes');
    var id = input.id + '-suggestions';
    var list = document.createElement('ul');
    list.id = id;
    list.className = 'combobox-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Communes suggérées');
    list.hidden = true;
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    // the list floats over the form (.combobox): opening or closing it
    // never moves the button a person is about to press
    input.parentNode.classList.add('combobox');
    input.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    var items = [];
    var active = -1;
    var timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(k) {
      items.forEach(function (li, i) {
        li.setAttribute('aria-selected', i === k ? 'true' : 'false');
      });
      active = k;
      if (k >= 0) {
        input.setAttribute('aria-activedescendant', items[k].id);
        items[k].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function pick(k) {
      input.value = items[k].getAttribute('data-value');
      close();
      status.textContent = 'Commune choisie : ' + items[k].textContent;
    }

    function show(communes) {
      list.textContent = '';
      items = communes.map(function (c, i) {
        var li = document.createElement('li');
        li.id = id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-value', c.libelle);
        // homonyms told apart by their département and postal codes
        var dep = c.dep ? ' — département ' + c.dep : '';
        var cp = c.codes_postaux ? ', code postal ' + c.codes_postaux : '';
        li.textContent = c.nom + ' (' + c.code + ')' + dep + cp;
        li.addEventListener('mousedown', function (ev) {
          ev.preventDefault();           // keep the focus in the field
          pick(i);
        });
        list.appendChild(li);
        return li;
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        status.textContent = items.length + (items.length > 1
          ? ' communes suggérées : flèches haut et bas pour choisir'
          : ' commune suggérée : flèche bas pour la choisir');
      } else {
        close();
        status.textContent = 'Aucune commune ne correspond';
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      var mine = ++seq;
      fetch(url + '?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { communes: [] }; })
        .then(function (j) { if (mine === seq) show(j.communes || []); })
        .catch(function () { close(); });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener('keydown', function (ev) {
      if (list.hidden && ev.key === 'ArrowDown') { fetchSuggestions(); return; }
      if (list.hidden) return;
      if (ev.key === 'ArrowDown') {
        ev.preventDefault();
        highlight((active + 1) % items.length);
      } else if (ev.key === 'ArrowUp') {
        ev.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (ev.key === 'Enter' && active >= 0) {
        ev.preventDefault();             // pick, do not submit yet
        pick(active);
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[data-communes]'), combobox);
})();
