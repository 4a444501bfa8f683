/* Supervision visits on a phone that may have no connection.
 *
 * The record form is kept on the phone (IndexedDB) as it is filled in, photos included, under the
 * person logged in: someone else logging in on the same phone neither sees nor sends it. "Send"
 * puts it in the outbox; the outbox is sent now if there is a connection, else when one returns
 * while a visits page is open, or when the next visits page opens. A kept visit leaves the phone
 * only when the server has answered that it holds it. Every visit carries its key, so sending it
 * twice (a lost answer, two tabs) still records it once.
 *
 * The service worker (/dltv/visits/sw.js) keeps the visit pages and their static files, so a form
 * opened once while online opens again without a connection.
 */
(function () {
  "use strict";

  var DB_NAME = "dlict-visits";
  var STORE = "visits";
  var configNode = document.getElementById("visit-config");
  if (!configNode || !window.indexedDB) return;
  var config = JSON.parse(configNode.textContent);
  var text = config.text;

  // --- The phone's store -------------------------------------------------------------------------

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "draft" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, action) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = action(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  var store = {
    get: function (id) { return withStore("readonly", function (s) { return s.get(id); }); },
    put: function (record) { return withStore("readwrite", function (s) { return s.put(record); }); },
    remove: function (id) { return withStore("readwrite", function (s) { return s.delete(id); }); },
    // The records of the person logged in.
    mine: function () {
      return withStore("readonly", function (s) { return s.getAll(); }).then(function (all) {
        return all.filter(function (r) { return r.user === config.user; });
      });
    },
    others: function () {
      return withStore("readonly", function (s) { return s.getAll(); }).then(function (all) {
        return all.filter(function (r) { return r.user !== config.user; });
      });
    },
  };

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, name) { return String(values[name]); });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }

  // --- Messages on the page ----------------------------------------------------------------------

  var statusNode = document.querySelector("[data-visit-status]");
  var errorsNode = document.querySelector("[data-visit-errors]");

  function showStatus(message, link) {
    if (!statusNode) return;
    statusNode.textContent = message ? message + " " : "";
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link;
      anchor.textContent = text.open;
      statusNode.appendChild(anchor);
    }
    statusNode.hidden = !message;
  }

  function showErrors(heading, errors) {
    if (!errorsNode) return;
    errorsNode.textContent = "";
    [heading].concat(errors || []).filter(Boolean).forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      errorsNode.appendChild(item);
    });
    errorsNode.hidden = errorsNode.childElementCount === 0;
    if (!errorsNode.hidden) errorsNode.scrollIntoView({ block: "center" });
  }

  // --- Sending the outbox ------------------------------------------------------------------------

  var form = document.querySelector("[data-visit-form]");
  var current = null; // the record the form on this page edits

  function freshToken() {
    return fetch(config.tokenUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || !response.ok || type.indexOf("json") === -1) throw { login: true };
      return response.json();
    }).then(function (body) { return body.token; });
  }

  function send(record, token) {
    var body = new FormData();
    record.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.set("key", record.key);
    body.set("rubric", String(record.rubric));
    record.photos.forEach(function (photo, index) {
      var extension = photo.type === "image/png" ? "png" : "jpg";
      body.append("photo", photo.blob, "photo-" + (index + 1) + "." + extension);
      body.append("photo_caption", photo.caption || "");
    });
    return fetch(config.syncUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
    });
  }

  function answerOf(response) {
    return response.json().catch(function () { return null; });
  }

  function refuse(record, errors) {
    record.state = "refused";
    record.errors = errors;
    if (current && current.draft === record.draft) {
      current.state = "refused";
      current.errors = errors;
    }
    return store.put(record).then(function () {
      if (current && current.draft === record.draft) {
        showStatus("");
        showErrors(text.refused, errors);
      }
      return "refused";
    });
  }

  // The outcome of one kept visit: "sent", "refused", "login", or "waiting" (try again later).
  function sendOne(record, token) {
    return send(record, token).then(function (response) {
      if (response.redirected) return "login";
      return answerOf(response).then(function (answer) {
        if (response.ok && answer && answer.url) {
          return store.remove(record.draft).then(function () {
            if (current && current.draft === record.draft) {
              sentHereFlag = true;
              current = null;
              showErrors("", []);
              var message = answer.created ? text.sent : text.already;
              if (answer.newer_rubric) message += " " + text.newerRubric;
              showStatus(message, answer.url);
              form.hidden = true;
            }
            return "sent";
          });
        }
        if (answer && answer.errors) return refuse(record, answer.errors);
        if (response.status === 413) return refuse(record, [text.tooLargeRequest]);
        if (response.status === 403) return "login"; // the form's token was refused
        return "failed";
      });
    }, function () { return "waiting"; });
  }

  var sending = null;
  var sendAgain = false;
  var sentHereFlag = false; // this page's own visit was among those just sent

  function sendOutbox() {
    if (sending) { sendAgain = true; return sending; }
    sentHereFlag = false;
    sending = store.mine().then(function (records) {
      var queued = records.filter(function (r) { return r.state === "queued"; });
      if (!queued.length) return [];
      if (!navigator.onLine) return ["waiting"];
      return freshToken().then(function (token) {
        // One after another: a school's visits wait for each other on the server anyway.
        return queued.reduce(function (chain, record) {
          return chain.then(function (results) {
            return sendOne(record, token).then(function (result) { return results.concat([result]); });
          });
        }, Promise.resolve([]));
      }, function (problem) { return [problem && problem.login ? "login" : "waiting"]; });
    }).then(function (results) {
      if (results.indexOf("login") !== -1) showStatus(text.login);
      else if (results.indexOf("sent") !== -1 && !sentHereFlag) showStatus(text.sentKept);
      else if (results.indexOf("failed") !== -1) showStatus(text.failed);
      else if (results.indexOf("waiting") !== -1 && current) showStatus(text.queued);
      return listOutbox();
    }).finally(function () {
      sending = null;
      if (sendAgain) { sendAgain = false; sendOutbox(); }
    });
    return sending;
  }

  // The list page shows what waits on this phone, each with a link to its form.
  function listOutbox() {
    var box = document.querySelector("[data-visit-outbox]");
    if (!box) return Promise.resolve();
    return Promise.all([store.mine(), store.others()]).then(function (found) {
      var mine = found[0];
      var others = found[1];
      box.hidden = mine.length === 0 && others.length === 0;
      box.querySelector("[data-visit-outbox-text]").textContent = format(text.mine, { n: mine.length });
      var list = box.querySelector("[data-visit-outbox-list]");
      list.textContent = "";
      mine.forEach(function (record) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = record.page + (record.rubric !== undefined ? "?rubric=" + record.rubric : "");
        link.textContent = record.title;
        var state = document.createElement("span");
        state.className = "badge" + (record.state === "refused" ? " badge-red" : " badge-amber");
        state.textContent = text.states[record.state] || record.state;
        item.append(link, " ", state);
        if (record.state !== "queued") {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn-small";
          remove.textContent = text.removeDraft;
          remove.addEventListener("click", function () {
            if (window.confirm(text.confirmRemove)) store.remove(record.draft).then(listOutbox);
          });
          item.append(" ", remove);
        }
        list.appendChild(item);
      });
      var othersNode = box.querySelector("[data-visit-outbox-others]");
      othersNode.hidden = others.length === 0;
      othersNode.textContent = format(text.others, { n: others.length });
    });
  }

  // --- The record form ---------------------------------------------------------------------------

  var saveTimer = null;
  var KEPT_BY_THE_RECORD = ["key", "rubric", "school", "csrfmiddlewaretoken"];

  function fieldsOf(formNode) {
    var pairs = [];
    new FormData(formNode).forEach(function (value, name) {
      if (typeof value === "string" && KEPT_BY_THE_RECORD.indexOf(name) === -1) pairs.push([name, value]);
    });
    // The school goes with the visit, whatever page sends it.
    pairs.push(["school", formNode.elements.school.value]);
    return pairs;
  }

  function restore(formNode, pairs) {
    var byName = {};
    pairs.forEach(function (pair) { byName[pair[0]] = pair[1]; });
    Array.prototype.forEach.call(formNode.elements, function (element) {
      if (!element.name || !(element.name in byName) || element.type === "file") return;
      if (KEPT_BY_THE_RECORD.indexOf(element.name) !== -1) return;
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = element.value === byName[element.name];
      } else {
        element.value = byName[element.name];
      }
    });
  }

  function save() {
    if (!current) return Promise.resolve();
    current.fields = fieldsOf(form);
    current.updated = Date.now();
    var saved = document.querySelector("[data-visit-saved]");
    return store.put(current).then(function () {
      saved.textContent = text.saved;
    }, function () {
      saved.textContent = "";
      showStatus(text.notSaved);
    });
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 300);
  }

  function renderPhotos() {
    var list = document.querySelector("[data-visit-photos]");
    list.textContent = "";
    current.photos.forEach(function (photo, index) {
      var item = document.createElement("li");
      var image = document.createElement("img");
      image.src = URL.createObjectURL(photo.blob);
      image.alt = photo.name;
      var caption = document.createElement("input");
      caption.type = "text";
      caption.maxLength = 200;
      caption.placeholder = text.caption;
      caption.setAttribute("aria-label", text.caption + " " + photo.name);
      caption.value = photo.caption || "";
      caption.addEventListener("input", function () { photo.caption = caption.value; scheduleSave(); });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-small";
      remove.textContent = text.remove;
      remove.addEventListener("click", function () {
        current.photos.splice(index, 1);
        renderPhotos();
        save();
      });
      item.append(image, caption, remove);
      list.appendChild(item);
    });
  }

  function addPhotos(files) {
    var problems = [];
    Array.prototype.forEach.call(files, function (file) {
      if (file.type !== "image/jpeg" && file.type !== "image/png") {
        problems.push(format(text.notImage, { name: file.name }));
      } else if (file.size > config.maxPhotoBytes) {
        problems.push(format(text.tooLarge, {
          name: file.name,
          size: (file.size / 1048576).toFixed(1),
          limit: Math.floor(config.maxPhotoBytes / 1048576),
        }));
      } else if (current.photos.length >= config.maxPhotos) {
        problems.push(format(text.tooMany, { n: config.maxPhotos }));
      } else {
        current.photos.push({ blob: file, name: file.name, type: file.type, caption: "" });
      }
    });
    showErrors("", problems);
    renderPhotos();
    return save();
  }

  function unscored() {
    return Array.prototype.filter.call(form.querySelectorAll("[data-item]"), function (item) {
      return !item.querySelector("input[type=radio]:checked");
    }).map(function (item) { return item.getAttribute("data-item"); });
  }

  // The visit this page continues: a planned visit's one record; for a visit that was not
  // planned, the latest unsent draft of this school (one already waiting to be sent is left
  // alone, and a new visit begins).
  function findRecord() {
    if (config.key) return store.get(config.draft);
    return store.mine().then(function (records) {
      var open = records.filter(function (r) {
        return r.draft.indexOf(config.draft + "-") === 0 && r.state !== "queued";
      }).sort(function (a, b) { return b.updated - a.updated; });
      return open[0];
    });
  }

  function startForm() {
    var title = (document.querySelector("h1 + p") || {}).textContent || document.title;
    findRecord().then(function (kept) {
      if (kept && kept.user !== config.user) kept = null;
      if (kept && kept.rubric !== config.rubric && location.search.indexOf("rubric=") === -1) {
        // The visit began on another version of the rubric: show that version.
        location.replace(location.pathname + "?rubric=" + kept.rubric);
        return;
      }
      var key = config.key || newKey();
      current = kept || {
        draft: config.key ? config.draft : config.draft + "-" + key,
        key: key,
        user: config.user,
        rubric: config.rubric,
        title: title.trim(),
        page: location.pathname,
        fields: [],
        photos: [],
        state: "draft",
        errors: [],
        updated: Date.now(),
      };
      if (kept) {
        restore(form, kept.fields);
        renderPhotos();
        if (kept.state === "refused") showErrors(text.refused, kept.errors);
        if (kept.state === "queued") showStatus(text.queued);
      }
      form.elements.key.value = current.key;
      form.addEventListener("input", scheduleSave);
      form.addEventListener("change", scheduleSave);
      var photoInput = form.querySelector("[data-visit-photo-input]");
      photoInput.addEventListener("change", function (event) {
        event.stopPropagation();
        addPhotos(photoInput.files).then(function () { photoInput.value = ""; });
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var missing = unscored();
        if (missing.length) {
          showErrors(format(text.unscored, { items: missing.join(", ") }), []);
          return;
        }
        showErrors("", []);
        clearTimeout(saveTimer);
        current.state = "queued";
        current.errors = [];
        save().then(function () {
          showStatus(navigator.onLine ? text.sending : text.queued);
          return sendOutbox();
        });
      });
      form.setAttribute("data-visit-ready", "");
    });
  }

  // --- Offline pages -----------------------------------------------------------------------------

  function keepPagesOffline() {
    if (!window.caches || !navigator.onLine) return;
    var list = document.querySelector("[data-offline-urls]");
    var urls = list ? list.getAttribute("data-offline-urls").split(" ").filter(Boolean) : [];
    // A page the worker looks after was kept by it, with its static files, as they loaded. One
    // that loaded before the worker took over (or while it was taking over: the page then has a
    // controller, but its own load went past the worker) is not in the cache, and is kept from here.
    var assets = Array.prototype.map.call(
      document.querySelectorAll("link[rel=stylesheet], script[src]"),
      function (node) { return node.href || node.src; }
    );
    caches.open(config.pagesCache).then(function (cache) {
      return cache.match(location.href, { ignoreVary: true }).then(function (kept) {
        var wanted = kept ? urls : assets.concat(urls, [location.href]);
        // Each page on its own: one that fails does not keep the others from the phone.
        return Promise.all(wanted.map(function (url) {
          return cache.add(url).then(function () { return urls.indexOf(url) !== -1; }, function () { return false; });
        }));
      });
    }).then(function (kept) {
      var note = document.querySelector("[data-offline-note]");
      var keptPages = kept.filter(Boolean).length;
      if (note && urls.length && keptPages === urls.length) note.hidden = false;
    }).catch(function () { /* kept the next time the page opens online */ });
  }

  // "Or record a visit that was not planned": straight to its form, which may be kept offline.
  var newVisit = document.querySelector("[data-visit-new]");
  if (newVisit) {
    newVisit.addEventListener("submit", function (event) {
      event.preventDefault();
      var school = newVisit.querySelector("select").value;
      location.href = newVisit.getAttribute("data-visit-new").replace("/0/", "/" + school + "/");
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.workerUrl).catch(function () { /* pages still work online */ });
  }
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().catch(function () { /* the browser decides */ });
  }
  var sendButton = document.querySelector("[data-visit-send]");
  if (sendButton) sendButton.addEventListener("click", sendOutbox);
  window.addEventListener("online", sendOutbox);
  if (form) startForm();
  keepPagesOffline();
  listOutbox().then(sendOutbox);
})();
