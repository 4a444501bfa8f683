/* The service worker of the supervision visit pages (served from /dltv/visits/sw.js, so it looks
 * after /dltv/visits/ only). Pages: from the network when there is one, kept for later; without a
 * connection, the kept copy. Static files: the kept copy, refreshed from the network. Nothing is
 * sent from here: the pages' own script sends the visits kept on the phone. */
"use strict";

var PAGES = "dlict-visit-pages-v1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
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
          return kept || Response.error();
        });
      })
    );
  }
});
