// DLICT Office: the little behaviour the pages need. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";

  // The side navigation is a drawer on small screens.
  function setDrawer(open) {
    document.body.classList.toggle("nav-open", open);
    var button = document.querySelector("[data-nav-toggle]");
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-nav-toggle]")) {
      setDrawer(!document.body.classList.contains("nav-open"));
    } else if (event.target.closest("[data-nav-close]")) {
      setDrawer(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.body.classList.contains("nav-open")) setDrawer(false);
  });

  // Buttons that ask before they act: <button data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Filter boxes start open on wide screens, where there is room for them.
    if (window.matchMedia("(min-width: 700px)").matches) {
      document.querySelectorAll("details[data-open-wide]").forEach(function (box) { box.open = true; });
    }
    // Copy buttons (<button data-copy="#id" hidden>) appear only where the browser allows copying
    // (the clipboard API needs HTTPS or localhost).
    if (navigator.clipboard) {
      document.querySelectorAll("[data-copy]").forEach(function (button) { button.hidden = false; });
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = button.getAttribute("data-copied") || "✓";
    });
  });

  // A select that changes what the rest of the form offers (the office, whose districts and
  // network groups differ) reloads the whole page instead of only the results; the choices that
  // belonged to the old value are dropped first.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-reload-form]");
    if (!select || !select.form) return;
    (select.getAttribute("data-reload-form") || "").split(",").forEach(function (name) {
      var dependent = select.form.elements[name.trim()];
      if (dependent) dependent.value = "";
    });
    select.form.submit();
  });

  // Searches leave empty filters out of the address bar: ?q=ห้วย rather than ?q=ห้วย&office=&…
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") return;
    var parameters = event.detail.parameters;
    var keys = parameters instanceof FormData ? Array.from(parameters.keys()) : Object.keys(parameters);
    keys.forEach(function (key) {
      var value = parameters instanceof FormData ? parameters.get(key) : parameters[key];
      if (value === "") {
        if (parameters instanceof FormData) parameters.delete(key); else delete parameters[key];
      }
    });
  });

  // Supervision visit pages kept for use offline carry people's names: once nobody is logged in
  // (the login page), they are dropped. Visits still waiting to be sent stay on the phone.
  if (document.querySelector("main.auth-page") && window.caches) {
    caches.keys().then(function (names) {
      names.filter(function (name) { return name.indexOf("dlict-visit-pages-") === 0; })
        .forEach(function (name) { caches.delete(name); });
    });
  }
})();
