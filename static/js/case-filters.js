// Progressive enhancement of the case list: the form works without this script.
// With it, changing a filter fetches the same URL the form would submit and swaps
// the filters and results in place, keeping the address bar in step with the
// address the server gives the results (data-url), so empty fields never show in it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-filters]");
  if (!form || !window.fetch || !window.DOMParser || !window.history) return;
  var status = document.getElementById("results-status");
  var pending = null;

  function urlFor(formElement) {
    var query = new URLSearchParams(new FormData(formElement)).toString();
    return formElement.action.split("?")[0] + (query ? "?" + query : "");
  }

  // On phones the filters fold into a disclosure above the results: "Apply filters" folds
  // it again and takes the visitor to the results it chose.
  function showResults() {
    var panel = form.querySelector(".filters-panel");
    var toggle = document.getElementById("filters-summary");
    if (!panel || !toggle || !toggle.offsetParent || !panel.open) return;
    panel.open = false;
    var count = document.getElementById("results-count");
    if (count) {
      count.setAttribute("tabindex", "-1");
      count.focus();
    }
  }

  function swap(url, push, then) {
    if (pending) pending.abort();
    pending = new AbortController();
    var focusedId = document.activeElement && document.activeElement.id;
    var browser = form.querySelector(".browser");
    browser.classList.add("is-loading");
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        ["filters-summary", "filters", "results"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var current = document.getElementById(id);
          if (fresh && current) current.innerHTML = fresh.innerHTML;
        });
        document.title = page.title;
        // The head announces this list's feed; keep it in step with the list.
        var feed = page.getElementById("list-feed");
        var currentFeed = document.getElementById("list-feed");
        if (feed && currentFeed) {
          currentFeed.href = feed.getAttribute("href");
          currentFeed.title = feed.title;
        }
        var results = page.getElementById("results");
        if (push) history.pushState({ atlas: true }, "", (results && results.dataset.url) || url);
        var count = document.getElementById("results-count");
        if (status && count) status.textContent = count.textContent.trim();
        document.dispatchEvent(new CustomEvent("atlas:results"));
        var again = focusedId && document.getElementById(focusedId);
        if (again) again.focus();
        if (then) then();
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.href = url;
      })
      .finally(function () { browser.classList.remove("is-loading"); });
  }

  form.addEventListener("change", function (event) {
    // Typing in the search box or a year waits for submit; ticks and sort apply at once.
    // Compare checkboxes sit in the cards but belong to the compare form.
    if (event.target.form !== form) return;
    if (event.target.matches("input[type=checkbox], select")) swap(urlFor(form), true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var applying = event.submitter && event.submitter.classList.contains("filters__submit");
    swap(urlFor(form), true, applying ? showResults : null);
  });
  form.addEventListener("click", function (event) {
    var link = event.target.closest(".chip, .chips__clear, .pager a, .empty a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    swap(link.href, true);
  });
  window.addEventListener("popstate", function () { swap(window.location.href, false); });
})();
