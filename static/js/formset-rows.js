// DLICT Office: "Add a row" for the forms with lists (working group, objectives, targets, timeline).
// A list is a Django formset: <div data-formset="prefix"> holding the rows, a <template> with an
// empty row whose names carry __prefix__, and the management form's TOTAL_FORMS. Without this
// script the page works as before: saving offers new blank rows.
(function () {
  "use strict";

  function setUp(list) {
    var prefix = list.getAttribute("data-formset");
    var total = list.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = list.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var template = list.querySelector("template[data-formset-empty]");
    var rows = list.querySelector("[data-formset-rows]");
    var button = list.querySelector("[data-formset-add]");
    if (!total || !template || !rows || !button) return;

    function full() {
      return max && parseInt(total.value, 10) >= parseInt(max.value, 10);
    }

    button.hidden = false;
    button.disabled = full();
    var hint = list.querySelector("[data-formset-hint]");
    if (hint) hint.hidden = true;

    button.addEventListener("click", function () {
      if (full()) return;
      var index = parseInt(total.value, 10);
      var row = template.content.firstElementChild.cloneNode(true);
      row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (node) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = node.getAttribute(attribute);
          if (value) node.setAttribute(attribute, value.split("__prefix__").join(String(index)));
        });
      });
      rows.appendChild(row);
      total.value = String(index + 1);
      button.disabled = full();
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset]").forEach(setUp);
  });
})();
