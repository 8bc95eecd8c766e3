// The article page: hover, focus or click a marked span (or a "who said what" entry) to read its records.
// No inline handlers anywhere (the Content-Security-Policy forbids them); cards are rendered by the server.
(function () {
  "use strict";
  var detail = document.getElementById("detail");
  if (!detail) return;
  var pinned = null;

  function show(el) {
    var ids = (el.getAttribute("data-r") || "").split(" ");
    detail.textContent = "";
    ids.forEach(function (id) {
      var card = document.getElementById("card-" + id);
      if (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        detail.appendChild(copy);
      }
    });
    if (!detail.childNodes.length) return;
    detail.hidden = false;
    var box = el.getBoundingClientRect();
    if (el.classList.contains("m")) {
      detail.classList.add("floating");
      detail.style.top = (window.scrollY + box.bottom + 6) + "px";
      detail.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.innerWidth - 440)) + "px";
    } else {
      detail.classList.remove("floating");
      detail.style.top = "";
      detail.style.left = "";
    }
    document.querySelectorAll(".lit").forEach(function (x) { x.classList.remove("lit"); });
    ids.forEach(function (id) {
      document.querySelectorAll('.m[data-r~="' + id + '"]').forEach(function (x) { x.classList.add("lit"); });
    });
  }

  function hide() {
    if (pinned) return;
    detail.hidden = true;
    document.querySelectorAll(".lit").forEach(function (x) { x.classList.remove("lit"); });
  }

  document.querySelectorAll(".m[data-r], .who-item[data-r]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { if (!pinned) show(el); });
    el.addEventListener("mouseleave", hide);
    el.addEventListener("focus", function () { if (!pinned) show(el); });
    el.addEventListener("blur", function (event) {  // focus moved on (Tab): close an unpinned card
      if (!(event.relatedTarget && detail.contains(event.relatedTarget))) hide();
    });
    el.addEventListener("click", function (event) {
      if (event.target.closest("a") && el.classList.contains("who-item")) { pinned = null; show(el); return; }
      pinned = pinned === el ? null : el;
      show(el);
      if (!detail.hidden) detail.scrollIntoView({ block: "nearest" });  // a tap near the bottom of a phone
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { pinned = null; hide(); }
  });

  // Arriving at #at-ID (from the quotes, claims or events lists): open that record's card.
  function arrive() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("at-") !== 0) return;
    var marked = document.querySelector('.m[data-r~="' + CSS.escape(id.slice(3)) + '"]');
    if (marked) { pinned = marked; show(marked); }
  }
  window.addEventListener("hashchange", arrive);
  arrive();
})();
