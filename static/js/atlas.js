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
