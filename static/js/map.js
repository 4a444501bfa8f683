// DLICT Office: the map of the schools (emis/map.html). The points come from the page's JSON
// endpoint; the base map from OpenStreetMap's tiles. The schools are vector circles, so they are
// drawn, placed and clickable even when no tile can be loaded (an office without internet).
(function () {
  "use strict";

  var SIZES = ["small", "medium", "large", "extra_large"];

  // The colours live in app.css (the legend's swatches use them too): one place to change them.
  function palette(element) {
    var style = window.getComputedStyle(element);
    var read = function (name) { return style.getPropertyValue(name).trim(); };
    var colours = { none: read("--emis-none"), dltv: read("--emis-dltv"), noDltv: read("--emis-no-dltv") };
    SIZES.forEach(function (size) { colours[size] = read("--emis-" + size.replace("_", "-")); });
    return colours;
  }

  function colourOf(point, mode, colours) {
    if (mode === "dltv") return point.dltv ? colours.dltv : colours.noDltv;
    return colours[point.size] || colours.none;
  }

  // Popups are built from DOM nodes and textContent, never from HTML strings: a school's name
  // is data, not markup.
  function popupFor(point, labels, numbers) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("a");
    title.className = "map-popup-title";
    title.href = point.url;
    title.title = labels.open;
    title.textContent = point.name;
    box.appendChild(title);
    var facts = document.createElement("dl");
    function fact(label, value) {
      if (value === null || value === undefined || value === "") return;
      var term = document.createElement("dt");
      term.textContent = label;
      var detail = document.createElement("dd");
      detail.textContent = value;
      facts.appendChild(term);
      facts.appendChild(detail);
    }
    fact(labels.smis, point.smis_code);
    fact(labels.ministry, point.ministry_code);
    fact(labels.students, point.students === null ? null : numbers.format(point.students));
    fact(labels.teachers, point.teachers === null ? null : numbers.format(point.teachers));
    fact(labels.dltv, point.dltv ? labels.yes : labels.no);
    box.appendChild(facts);
    return box;
  }

  function start(element) {
    var data = element.dataset;
    var labels = {
      smis: data.labelSmis, ministry: data.labelMinistry, students: data.labelStudents,
      teachers: data.labelTeachers, dltv: data.labelDltv, yes: data.labelYes, no: data.labelNo,
      open: data.labelOpen
    };
    var numbers = new Intl.NumberFormat(document.documentElement.lang || "th");
    var colours = palette(element);
    var mode = "size";

    // Thailand, until the points say where to look.
    var map = L.map(element, { preferCanvas: true }).setView([13.0, 101.0], 6);
    var tiles = L.tileLayer(data.tiles, {
      maxZoom: 19,
      attribution: data.attribution,
      // The site sends no referrer elsewhere (same-origin); OpenStreetMap's tile servers refuse
      // requests without one, so the tiles send the site's origin, and only that.
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);
    // The note stays while no tile has come at all; one lost tile on a good line says nothing.
    var offline = document.querySelector("[data-map-offline]");
    var tilesLoaded = 0;
    tiles.on("tileerror", function () { if (offline && !tilesLoaded) offline.hidden = false; });
    tiles.on("tileload", function () {
      tilesLoaded += 1;
      if (offline) offline.hidden = true;
    });

    var markers = [];
    var layer = L.featureGroup().addTo(map);

    function draw(answer) {
      answer.points.forEach(function (point) {
        var marker = L.circleMarker([point.lat, point.lng], {
          radius: 7, weight: 1.5, color: "#ffffff", opacity: 1, fillOpacity: 0.9,
          fillColor: colourOf(point, mode, colours)
        });
        marker.bindPopup(function () { return popupFor(point, labels, numbers); });
        marker.bindTooltip(point.name);
        marker.point = point;
        markers.push(marker);
        layer.addLayer(marker);
      });
      if (markers.length) map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 14 });
      var summary = document.querySelector("[data-map-summary]");
      if (summary) {
        summary.querySelector("[data-map-count]").textContent = numbers.format(markers.length);
        summary.querySelector("[data-map-unplaced]").textContent = numbers.format(answer.unplaced);
        summary.querySelector("[data-map-unplaced-note]").hidden = !answer.unplaced;
        summary.hidden = false;
      }
    }

    function colourBy(value) {
      mode = value;
      markers.forEach(function (marker) {
        marker.setStyle({ fillColor: colourOf(marker.point, mode, colours) });
      });
      document.querySelectorAll("[data-map-legend]").forEach(function (legend) {
        legend.hidden = legend.getAttribute("data-map-legend") !== mode;
      });
    }
    document.querySelectorAll("[data-map-colour]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) colourBy(radio.value); });
      // A page restored from the history may come back with the other choice ticked.
      if (radio.checked) colourBy(radio.value);
    });

    fetch(data.pointsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(draw)
      .catch(function () {
        var failed = document.querySelector("[data-map-failed]");
        if (failed) failed.hidden = false;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("school-map");
    if (element && window.L) start(element);
  });
})();
