// web/js/obs-map.js: the observatory's choropleth map (progressive
// enhancement).  The page carries everything in its table; this script
// reads the JSON island #obs-map-data written by the server
// (src/observatory/pages_table.c: contour URLs, legend colours, and per
// code {n: name, v: tooltip value, h: link, c: legend class}), fetches the
// GeoJSON contours from the JSON API, and draws them with Leaflet.  No
// tile layer unless the server was configured with one.  On commune-level
// pages, data.sites names the centres de santé's map endpoint
// (GET /api/v1/centres/carte): the sites in the page's communes are drawn
// as markers over the choropleth, each linking to its page (the server
// lists the same sites under the map).  On those pages too, the structures
// directory (GET /api/v1/structures/carte) adds one layer per kind (MSP,
// centres de santé, CPTS, pharmacies, teleconsultation points) with a
// legend whose boxes switch them.
(function () {
  'use strict';
  var island = document.getElementById('obs-map-data');
  var figure = document.getElementById('obs-figure');
  var box = document.getElementById('obs-map');
  var status = document.getElementById('obs-map-status');
  if (!island || !figure || !box || typeof L === 'undefined') return;
  var data;
  try {
    data = JSON.parse(island.textContent);
  } catch (e) {
    return;
  }
  var NONE = '#d9d9d9';
  figure.hidden = false;

  var map = L.map(box, {
    zoomSnap: 0.25,
    scrollWheelZoom: false,
    attributionControl: Boolean(data.tiles),
  });
  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.attribution || '' }).addTo(map);
  }

  function style(feature) {
    var row = data.codes[feature.properties.code];
    if (!row) {
      return { color: '#9e9e9e', weight: 0.5, fillColor: '#f3f3f3',
               fillOpacity: 0.6 };
    }
    return {
      color: '#ffffff', weight: 0.8,
      fillColor: row.c >= 0 ? data.colors[row.c] : NONE,
      fillOpacity: 0.9,
    };
  }

  function text(s) {
    var d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }

  function onEach(feature, layer) {
    var row = data.codes[feature.properties.code];
    if (!row) return;
    layer.bindTooltip('<strong>' + text(row.n) + '</strong><br>' +
                      text(data.label) + ' : ' + text(row.v),
                      { sticky: true });
    layer.on('mouseover', function () {
      layer.setStyle({ weight: 2.5, color: '#1f2937' });
      layer.bringToFront();
    });
    layer.on('mouseout', function () { layer.setStyle(style(feature)); });
    if (row.h) {
      layer.on('click', function () { window.location.href = row.h; });
    }
  }

  var group = L.featureGroup().addTo(map);
  var sites = L.featureGroup();
  var pending = data.contours.length;
  var failed = 0;
  function done() {
    pending -= 1;
    if (pending > 0) return;
    if (group.getLayers().length === 0) {
      figure.classList.add('obs-figure-empty');
      status.textContent = failed
        ? 'Contours indisponibles : le tableau donne les mêmes valeurs.'
        : 'Aucun contour à afficher.';
      return;
    }
    var listed = [];
    group.eachLayer(function (l) {
      l.eachLayer(function (f) {
        if (data.codes[f.feature.properties.code]) listed.push(f);
      });
    });
    // Overseas territories would shrink mainland France to a dot: fit the
    // view to the mainland features when there are some (the others stay
    // on the map, and in the table).
    var mainland = listed.filter(function (f) {
      var c = f.getBounds().getCenter();
      return c.lat > 41 && c.lat < 52 && c.lng > -6 && c.lng < 10;
    });
    var fit = mainland.length ? mainland : listed;
    var bounds = fit.length ? L.featureGroup(fit).getBounds()
                            : group.getBounds();
    if (!bounds.isValid()) {
      // no contour for the listed communes (e.g. arrondissements when only
      // the city is drawn): say so rather than fail on empty bounds
      figure.classList.add('obs-figure-empty');
      status.textContent = 'Aucun contour à afficher : le tableau donne les '
        + 'mêmes valeurs.';
      box.setAttribute('data-ready', '0');
      return;
    }
    map.fitBounds(bounds, { padding: [8, 8] });
    box.setAttribute('data-ready', String(listed.length));
    if (data.sites) drawSites(bounds);
    drawStructures();
  }

  // The structures directory (GET /api/v1/structures/carte, public data:
  // organisations and places, no person) as one toggleable layer per kind,
  // with a legend that is also the switch.  Only on maps of communes, for
  // the départements whose contours the page draws; a structure sits at its
  // commune's point, so each kind is shifted a little to keep them apart.
  var KINDS = [
    ['msp', 'Maisons de santé', -7, -7],
    ['centre_sante', 'Centres de santé', 7, -7],
    ['cpts', 'CPTS', 0, 0],
    ['pharmacie', 'Pharmacies', -7, 7],
    ['teleconsultation', 'Téléconsultation assistée', 7, 7],
  ];
  function drawStructures() {
    var deps = [];
    data.contours.forEach(function (url) {
      var m = /\/contours\/departement\/([0-9AB]{2,3})$/.exec(url);
      if (m && deps.indexOf(m[1]) < 0) deps.push(m[1]);
    });
    var isCommunes = Object.keys(data.codes).some(function (c) {
      return c.length === 5;
    });
    if (!deps.length || !isCommunes) return;
    var layers = {};
    var counts = {};
    KINDS.forEach(function (k) {
      layers[k[0]] = L.layerGroup();
      counts[k[0]] = 0;
    });
    Promise.all(deps.map(function (d) {
      return fetch('/api/v1/structures/carte?departement=' +
                   encodeURIComponent(d), { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        });
    })).then(function (all) {
      var offsets = {};
      KINDS.forEach(function (k) { offsets[k[0]] = k; });
      all.forEach(function (geo) {
        (geo.features || []).forEach(function (f) {
          var p = f.properties || {};
          var g = f.geometry;
          var k = offsets[p.type];
          if (!k || !g || g.type !== 'Point' || !data.codes[p.commune]) return;
          var title = p.nom + ' — ' + p.libelle_type + ' (' +
                      p.commune_nom + ')';
          var mk = L.marker([g.coordinates[1], g.coordinates[0]], {
            title: title,
            keyboard: false,
            icon: L.divIcon({
              className: 'obs-structure-marker obs-structure-' + p.type,
              iconSize: [12, 12],
              iconAnchor: [6 - k[2], 6 - k[3]],
            }),
          });
          mk.bindTooltip('<strong>' + text(p.nom) + '</strong><br>' +
                         text(p.libelle_type) + ' — ' + text(p.commune_nom),
                         { direction: 'top', offset: [0, -6] });
          layers[p.type].addLayer(mk);
          counts[p.type] += 1;
        });
      });
      var n = 0;
      KINDS.forEach(function (k) { n += counts[k[0]]; });
      box.setAttribute('data-structures', String(n));
      if (!n) return;
      var legend = L.control({ position: 'bottomleft' });
      legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'obs-structure-legend');
        var fs = document.createElement('fieldset');
        var lg = document.createElement('legend');
        lg.textContent = 'Structures de soins';
        fs.appendChild(lg);
        KINDS.forEach(function (k) {
          if (!counts[k[0]]) return;
          var label = document.createElement('label');
          var cb = document.createElement('input');
          cb.type = 'checkbox';
          cb.checked = true;
          cb.name = 'couche-' + k[0];
          cb.addEventListener('change', function () {
            if (cb.checked) layers[k[0]].addTo(map);
            else map.removeLayer(layers[k[0]]);
          });
          var sw = document.createElement('span');
          sw.className = 'obs-structure-marker obs-structure-' + k[0];
          sw.setAttribute('aria-hidden', 'true');
          label.appendChild(cb);
          label.appendChild(sw);
          label.appendChild(document.createTextNode(
            k[1] + ' (' + counts[k[0]] + ')'));
          fs.appendChild(label);
          layers[k[0]].addTo(map);
        });
        div.appendChild(fs);
        L.DomEvent.disableClickPropagation(div);
        return div;
      };
      legend.addTo(map);
    }).catch(function () { box.setAttribute('data-structures', 'erreur'); });
  }

  // The centres de santé's sites in the listed communes, as markers (a
  // hollow dashed one when the location is only indicative).
  function drawSites(bounds) {
    fetch(data.sites, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (geo) {
        (geo.features || []).forEach(function (f) {
          var p = f.properties || {};
          var g = f.geometry;
          if (!g || g.type !== 'Point' || !data.codes[p.commune]) return;
          var title = p.nom + ' — ' + p.centre + ' (' +
                      (p.type === 'principal' ? 'site principal' : 'antenne') +
                      ', ' + p.nom_commune + ')';
          var m = L.marker([g.coordinates[1], g.coordinates[0]], {
            title: title,
            icon: L.divIcon({
              className: 'obs-site-marker' +
                         (p.indicatif ? ' obs-site-marker-indicatif' : ''),
              iconSize: [16, 16],
            }),
          });
          m.bindTooltip('<strong>' + text(p.nom) + '</strong><br>' +
                        text(p.centre) + ' — ' +
                        (p.type === 'principal' ? 'site principal'
                                                : 'antenne') +
                        '<br>Médecins : ' +
                        text(String(p.etp_medecins).replace('.', ',')) +
                        ' ETP', { direction: 'top', offset: [0, -8] });
          m.on('click', function () { window.location.href = p.url; });
          sites.addLayer(m);
        });
        if (sites.getLayers().length) {
          sites.addTo(map);
          var all = L.latLngBounds(bounds.getSouthWest(),
                                   bounds.getNorthEast());
          all.extend(sites.getBounds());
          map.fitBounds(all, { padding: [12, 12] });
        }
        box.setAttribute('data-sites', String(sites.getLayers().length));
      })
      .catch(function () { box.setAttribute('data-sites', 'erreur'); });
  }

  if (pending === 0) {
    figure.hidden = true;
    return;
  }
  data.contours.forEach(function (url) {
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (geo) {
        L.geoJSON(geo, {
          style: style,
          onEachFeature: onEach,
          filter: function (f) {
            return !data.only || Boolean(data.codes[f.properties.code]);
          },
        }).addTo(group);
      })
      .catch(function () { failed += 1; })
      .then(done);
  });
})();
