// Keyboard shortcuts of the review page (no framework, no network).
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function click(id) { var el = document.getElementById(id); if (el && !el.disabled) { el.click(); return true; } return false; }
  function go(id) { var a = document.getElementById(id); if (a) { window.location.href = a.href; return true; } return false; }

  // Queue: j/k move a selection over the rows, Enter opens; a click on a row opens it.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table[data-nav=rows] tbody tr"));
  var sel = -1;
  function select(i) {
    if (!rows.length) return;
    sel = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle("sel", j === sel); });
    rows[sel].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (r) {
    r.addEventListener("click", function (ev) { if (ev.target.tagName !== "A") window.location.href = r.dataset.href; });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape" && typing(document.activeElement)) { document.activeElement.blur(); return; }
    if (typing(document.activeElement)) return;
    var handled = false;
    if (ev.key === "u" && document.getElementById("btn-undo")) { handled = click("btn-undo"); }
    else if (rows.length) {
      if (ev.key === "j") { select(sel + 1); handled = true; }
      else if (ev.key === "k") { select(sel - 1); handled = true; }
      else if (ev.key === "Enter" && sel >= 0) { window.location.href = rows[sel].dataset.href; handled = true; }
    } else if (document.getElementById("decision")) {
      if (ev.key === "a") handled = click("btn-accept");
      else if (ev.key === "r") handled = click("btn-reject");
      else if (ev.key === "s") handled = click("btn-change");
      else if (ev.key === "x") handled = click("btn-dismiss");
      else if (ev.key >= "1" && ev.key <= "9") {
        // Number keys pick the status (1 = first in the list); then s saves the change.
        var st = document.querySelector("#decision select[name=status]");
        var n = parseInt(ev.key, 10) - 1;
        if (st && n < st.options.length) { st.selectedIndex = n; st.dispatchEvent(new Event("change")); handled = true; }
      }
      else if (ev.key === "c") { var f = document.getElementById("f-plan-item"); if (f) { f.focus(); handled = true; } }
      else if (ev.key === "j") handled = go("nav-next");
      else if (ev.key === "k") handled = go("nav-prev");
    }
    if (handled) ev.preventDefault();
  });
  // A button that also decides more than the reviewer may think asks first.
  Array.prototype.forEach.call(document.querySelectorAll("button[data-confirm]"), function (b) {
    b.addEventListener("click", function (ev) { if (!window.confirm(b.dataset.confirm)) ev.preventDefault(); });
  });
  // On a phone the filters start folded (unless some are in use), so the queue is on the first screen.
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-fold-on-phone]"), function (d) {
      if (!d.hasAttribute("data-active")) d.open = false;
    });
  }
  var found = document.getElementById("found");
  if (found && found.textContent) found.scrollIntoView({ block: "center" });
  // The found span's boxes over the page image: fractions of the page, placed here (the CSP allows no inline style).
  var boxes = document.querySelectorAll(".hl-box[data-box]");
  Array.prototype.forEach.call(boxes, function (b) {
    var v = b.dataset.box.split(" ").map(parseFloat);
    b.style.left = v[0] * 100 + "%";
    b.style.top = v[1] * 100 + "%";
    b.style.width = (v[2] - v[0]) * 100 + "%";
    b.style.height = (v[3] - v[1]) * 100 + "%";
  });
  var img = document.getElementById("page-img"), scroller = document.getElementById("page-scroll");
  // Centre the first box in its scroller and bring it into the window's view too (the image's height is known only once loaded).
  function centreBox() {
    if (scroller && boxes.length) boxes[0].scrollIntoView({ block: "center", inline: "nearest" });
  }
  if (img) { if (img.complete) centreBox(); else img.addEventListener("load", centreBox); }
})();
