// DLICT Office: the little behaviour the pages need. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";

  // The side navigation is a drawer on small screens.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    if (event.target.closest("[data-nav-close]")) {
      document.body.classList.remove("nav-open");
      var button = document.querySelector("[data-nav-toggle]");
      if (button) button.setAttribute("aria-expanded", "false");
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") document.body.classList.remove("nav-open");
  });

  // Buttons that ask before they act: <button data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // Copy a key to the clipboard: <button data-copy="#id" hidden>, shown only where the browser
  // allows it (the clipboard API needs HTTPS or localhost).
  // Filter boxes start open on wide screens, where there is room for them.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(min-width: 700px)").matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (box) { box.open = true; });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy]").forEach(function (button) { button.hidden = false; });
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
})();
