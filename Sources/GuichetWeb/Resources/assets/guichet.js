// Guichet — progressive enhancements. Every page works without this script.
(function () {
  "use strict";

  // Length as the server counts it: characters as people see them, line breaks as one.
  function visibleLength(text) {
    text = text.replace(/\r\n/g, "\n").trim();
    if (window.Intl && Intl.Segmenter) {
      var count = 0;
      var iterator = new Intl.Segmenter("fr", { granularity: "grapheme" }).segment(text)[Symbol.iterator]();
      while (!iterator.next().done) count++;
      return count;
    }
    return Array.from(text).length;
  }

  function remainingText(remaining) {
    if (remaining >= 0) {
      return remaining + " caractère" + (remaining > 1 ? "s" : "") + " restant" + (remaining > 1 ? "s" : "");
    }
    var over = -remaining;
    return over + " caractère" + (over > 1 ? "s" : "") + " en trop";
  }

  // Live "N caractères restants" counters. The visible counter updates at once; the
  // screen-reader copy only when typing pauses, so it is not read at every key.
  document.querySelectorAll("textarea[data-counter-max]").forEach(function (field) {
    var max = parseInt(field.getAttribute("data-counter-max"), 10);
    var counter = document.getElementById(field.getAttribute("data-counter-id"));
    var live = document.querySelector('[data-counter-live="' + field.getAttribute("data-counter-id") + '"]');
    var timer = null;
    if (!counter) return;
    function update() {
      var remaining = max - visibleLength(field.value);
      counter.textContent = remainingText(remaining);
      counter.classList.toggle("field__counter--over", remaining < 0);
      if (live) {
        clearTimeout(timer);
        timer = setTimeout(function () { live.textContent = remainingText(remaining); }, 1000);
      }
    }
    field.addEventListener("input", update);
    update();
  });

  // "Ajouter un autre fichier": without JavaScript all four file fields are shown; with
  // it, one at first, then one more per click (SPEC §2).
  document.querySelectorAll("fieldset.files").forEach(function (fieldset) {
    var extra = Array.prototype.slice.call(fieldset.querySelectorAll(".file-slot--extra")).filter(function (slot) {
      return !slot.querySelector(".field--error");
    });
    if (!extra.length) return;
    extra.forEach(function (slot) { slot.hidden = true; });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = "Ajouter un autre fichier";
    button.addEventListener("click", function () {
      var next = extra.shift();
      if (!next) return;
      next.hidden = false;
      next.querySelector("input").focus();
      if (!extra.length) button.hidden = true;
    });
    fieldset.appendChild(button);
  });

  // Move focus to the error summary so it is read first after a failed submission.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
})();
