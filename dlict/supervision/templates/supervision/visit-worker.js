{% load i18n %}/* The service worker of the supervision visit pages (served from /dltv/visits/sw.js, so it looks
 * after /dltv/visits/ only). Pages: from the network when there is one, kept for later; without a
 * connection, the kept copy. Static files: the kept copy, refreshed from the network. Nothing is
 * sent from here: the pages' own script sends the visits kept on the phone. */
"use strict";

var PAGES = "{{ pages_cache|escapejs }}";
// A page never opened while online, asked for without a connection.
var OFFLINE = "<!DOCTYPE html><html lang=th><meta charset=utf-8>"
  + "<meta name=viewport content='width=device-width, initial-scale=1'>"
  + "<title>DLICT Office</title><body><p>"
  + "{{ offline_text|escapejs }}</p></body></html>";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  // Caches of earlier versions of this worker go.
  var dropped = caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("dlict-visit-pages-") === 0 && name !== PAGES;
    }).map(function (name) { return caches.delete(name); }));
  });
  event.waitUntil(dropped.then(function () { return self.clients.claim(); }));
});

function keep(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(
      caches.match(request, { ignoreVary: true }).then(function (kept) {
        var fresh = fetch(request).then(function (response) { return keep(request, response); });
        return kept || fresh;
      })
    );
  } else if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) { return keep(request, response); }, function () {
        return caches.match(request, { ignoreVary: true }).then(function (kept) {
          return kept || new Response(OFFLINE, {
            status: 503,
            headers: { "Content-Type": "text/html; charset=utf-8" },
          });
        });
      })
    );
  }
});
