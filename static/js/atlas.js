// Enhancements for every page; each page works without this script.
(function () {
  "use strict";

  // Disclosures open by layout on wide screens (see atlas.css): where the browser cannot
  // style ::details-content, open them on wide screens instead.
  var supportsDetailsContent = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (!supportsDetailsContent && window.matchMedia) {
    document.querySelectorAll("details[data-wide-open]").forEach(function (details) {
      if (window.matchMedia(details.getAttribute("data-wide-open")).matches) details.open = true;
    });
  }
})();

// The compare tray: up to data-max case studies chosen on cards, case pages and search
// results, kept in localStorage so the choice survives moving between pages. Without
// JavaScript (or storage) the tray stays hidden and the list's compare form does the job.
(function () {
  "use strict";
  var tray = document.getElementById("compare-tray");
  var KEY = "atlas.compare";
  var BACK_KEY = "atlas.compare.list";
  var TITLES_KEY = "atlas.compare.titles";
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem(KEY + ".test", "1");
    storage.removeItem(KEY + ".test");
  } catch (error) {
    return;
  }
  if (!tray || !window.URLSearchParams) return;
  var max = parseInt(tray.getAttribute("data-max"), 10) || 4;
  var listForm = document.querySelector("form[data-live-filters]");
  var status = tray.querySelector("[data-tray-status]");

  function chosen() {
    try {
      var value = JSON.parse(storage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (slug) { return typeof slug === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(slugs) { storage.setItem(KEY, JSON.stringify(slugs.slice(0, max))); }

  function titles() {
    try {
      var value = JSON.parse(storage.getItem(TITLES_KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function remember(slug, title) {
    var known = titles();
    var kept = {};
    chosen().concat([slug]).forEach(function (item) { if (known[item]) kept[item] = known[item]; });
    if (title) kept[slug] = title;
    storage.setItem(TITLES_KEY, JSON.stringify(kept));
  }

  // The tray's list of chosen cases, each with a button taking it out (built with DOM
  // methods: titles are text, never markup).
  function renderList(slugs) {
    var list = tray.querySelector("[data-tray-list]");
    if (!list) return;
    var known = titles();
    while (list.firstChild) list.removeChild(list.firstChild);
    slugs.forEach(function (slug) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = known[slug] || slug;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button--quiet compare-tray__remove";
      remove.setAttribute("data-tray-remove", slug);
      remove.textContent = list.getAttribute("data-remove");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + (known[slug] || slug);
      remove.appendChild(hidden);
      item.appendChild(name);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  // The list's filters travel to the compare page, which leads back to the same list.
  function listQuery() {
    if (listForm) {
      var query = new URLSearchParams(window.location.search);
      query.delete("page");
      storage.setItem(BACK_KEY, query.toString());
      return query;
    }
    return new URLSearchParams(storage.getItem(BACK_KEY) || "");
  }

  function compareUrl() {
    var query = listQuery();
    query.delete("cases");
    chosen().forEach(function (slug) { query.append("cases", slug); });
    return tray.getAttribute("data-compare-url") + "?" + query.toString();
  }

  function say(text) { if (status) status.textContent = text || ""; }

  function render() {
    var slugs = chosen();
    tray.hidden = slugs.length === 0;
    document.documentElement.classList.toggle("has-compare-tray", slugs.length > 0);
    tray.querySelector("[data-tray-count]").textContent = String(slugs.length);
    renderList(slugs);
    tray.querySelector("[data-tray-compare]").href = compareUrl();
    document.querySelectorAll("input[type=checkbox][form=compare-form][name=cases]").forEach(function (box) {
      box.checked = slugs.indexOf(box.value) !== -1;
    });
    document.querySelectorAll("[data-compare-slug]").forEach(function (button) {
      var isChosen = slugs.indexOf(button.getAttribute("data-compare-slug")) !== -1;
      button.hidden = false;
      button.setAttribute("aria-pressed", isChosen ? "true" : "false");
    });
    // The tray replaces the list's "compare selected" form far below the cards.
    document.querySelectorAll(".compare-selected").forEach(function (form) { form.hidden = true; });
  }

  function choose(slug, add, title) {
    var slugs = chosen().filter(function (item) { return item !== slug; });
    if (add) {
      if (slugs.length >= max) {
        say(status.getAttribute("data-full"));
        render();
        return;
      }
      slugs.push(slug);
      remember(slug, title);
    }
    save(slugs);
    say(slugs.length === 1 ? status.getAttribute("data-one") : "");
    render();
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches && box.matches("input[type=checkbox][form=compare-form][name=cases]")) {
      choose(box.value, box.checked, box.getAttribute("data-compare-title"));
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-compare-slug]");
    if (button) {
      choose(
        button.getAttribute("data-compare-slug"),
        button.getAttribute("aria-pressed") !== "true",
        button.getAttribute("data-compare-title")
      );
      return;
    }
    var remove = event.target.closest && event.target.closest("[data-tray-remove]");
    if (remove) {
      choose(remove.getAttribute("data-tray-remove"), false);
      var next = tray.querySelector("[data-tray-remove]") || tray.querySelector("[data-tray-compare]");
      if (next && !tray.hidden) next.focus();
      else if (document.getElementById("main")) document.getElementById("main").focus();
      return;
    }
    if (event.target.closest && event.target.closest("[data-tray-clear]")) {
      save([]);
      say("");
      render();
      var main = document.getElementById("main");
      if (main) main.focus();
      return;
    }
    var go = event.target.closest && event.target.closest("[data-tray-compare]");
    if (go) go.href = compareUrl();
  });
  // Another tab changed the choice, or the list swapped in new results.
  window.addEventListener("storage", function (event) { if (event.key === KEY) render(); });
  document.addEventListener("atlas:results", render);
  window.addEventListener("pageshow", render);
  render();
})();
