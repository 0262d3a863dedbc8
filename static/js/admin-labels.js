/* Names what the admin's scripts draw without a name.

   Gives the admin's autocomplete boxes (Select2) the name of the field they stand for.

   Select2 names its box after the text shown in it, so an empty box has no name at all,
   and it marks that text as a read-only text box without a name of its own. This copies
   the field's name (the select's aria-label or its <label>) onto the box and leaves the
   chosen value as the box's description.

   The country picker's (SelectFilter2) search icons carry an aria-label on a plain span,
   which no role allows; they are marked as images, which may be named. */
(function () {
  "use strict";

  function fieldName(select) {
    if (select.getAttribute("aria-label")) {
      return select.getAttribute("aria-label");
    }
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameBox(container) {
    var select = container.previousElementSibling;
    var box = container.querySelector(".select2-selection");
    if (!select || select.tagName !== "SELECT" || !box || box.dataset.named) {
      return;
    }
    var name = fieldName(select);
    if (!name) {
      return;
    }
    box.setAttribute("aria-label", name);
    box.dataset.named = "true";
    var shown = box.querySelector(".select2-selection__rendered");
    if (shown) {
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
      box.removeAttribute("aria-labelledby");
      if (shown.id) {
        box.setAttribute("aria-describedby", shown.id);
      }
    }
  }

  function markIcon(icon) {
    if (!icon.getAttribute("role")) {
      icon.setAttribute("role", "img");
    }
  }

  function nameAll(root) {
    root.querySelectorAll(".select2-container").forEach(nameBox);
    root.querySelectorAll(".help-tooltip[aria-label]").forEach(markIcon);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== Node.ELEMENT_NODE) {
            return;
          }
          if (node.classList.contains("select2-container")) {
            nameBox(node);
          } else if (node.matches(".help-tooltip[aria-label]")) {
            markIcon(node);
          } else {
            nameAll(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
