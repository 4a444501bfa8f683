// The DLTV week screen (dlict/dltv/templates/dltv/week.html). The page works without this script;
// it only saves taps on a phone:
// - a grade whose periods watched fall short of the plan opens its problem box and is marked,
//   and one watching more than planned is marked as wrong before the server refuses it;
// - changing anything in a day ticks that day for saving, so an edit is never left behind;
// - a number box selects its figure when tapped, so one digit replaces it.
(function () {
  "use strict";

  function mark(row) {
    var watched = row.querySelector("[data-watched]");
    var planned = row.querySelector("[data-planned]");
    if (!watched || !planned || watched.value === "" || planned.value === "") return;
    var seen = Number(watched.value);
    var plan = Number(planned.value);
    row.classList.toggle("is-short", seen < plan);
    row.classList.toggle("is-over", seen > plan);
    var more = row.querySelector("details");
    if (seen < plan && more) more.open = true;
  }

  function edited(event) {
    var field = event.target;
    var day = field.closest("[data-usage-day]");
    if (!day || field.matches("[data-save-day]")) return;
    var save = day.querySelector("[data-save-day]");
    if (save) save.checked = true;
    var row = field.closest("[data-usage-row]");
    if (row) mark(row);
  }

  document.addEventListener("input", edited);
  document.addEventListener("change", edited);

  document.addEventListener("focusin", function (event) {
    var box = event.target;
    if (!box.matches(".usage-week input[type=number]")) return;
    // After the tap has placed the caret, or it would undo the selection.
    window.setTimeout(function () { box.select(); }, 0);
  });
})();
