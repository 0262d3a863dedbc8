// After the chooser's form is answered, move keyboard and screen-reader focus to the
// results heading (the #results fragment already scrolls there without this script).
// It waits for "load": the browser's own scroll to the fragment would otherwise reset
// the focus it is given earlier.
(function () {
  "use strict";
  var heading = document.querySelector("[data-focus-on-load]");
  if (!heading) return;
  function focusResults() {
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }
  if (document.readyState === "complete") focusResults();
  else window.addEventListener("load", focusResults);
})();
