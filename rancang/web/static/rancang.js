// rancang serve: the few things the pages do in the browser. Everything works without
// this file too (plain form posts); with it, the findings follow the form as you type.
(function () {
  "use strict";
  var timer = null, sequence = 0;

  function form() { return document.getElementById("regency-form"); }

  function csrf() {
    var input = document.querySelector("input[name=_csrf]");
    return input ? input.value : "";
  }

  function showErrors(panel) {
    var holder = panel.querySelector("[data-errors]");
    var errors = holder ? JSON.parse(holder.getAttribute("data-errors") || "{}") : {};
    document.querySelectorAll("#regency-form .err").forEach(function (el) { el.textContent = ""; });
    document.querySelectorAll("#regency-form [aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
    Object.keys(errors).forEach(function (id) {
      var span = document.getElementById("e-" + id);
      if (span) { span.textContent = errors[id].join("; "); }
      var input = document.getElementById("i-" + id);
      if (input) { input.setAttribute("aria-invalid", "true"); }
    });
  }

  function validate() {
    var f = form();
    if (!f) { return; }
    var body = new FormData(f);
    body.delete("_op");
    var mine = sequence;
    fetch(f.getAttribute("data-validate"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), "HX-Request": "true" }
    }).then(function (response) { return response.text(); }).then(function (html) {
      if (mine !== sequence) { return; }       // a later check is on its way
      var panel = document.getElementById("findings");
      panel.innerHTML = html;
      panel.setAttribute("data-state", "live");
      showErrors(panel);
    }).catch(function () { /* the next keystroke tries again */ });
  }

  function changed(delay) {
    sequence++;                                 // any answer still on its way is stale
    var panel = document.getElementById("findings");
    if (panel) { panel.removeAttribute("data-state"); }
    dirty();
    clearTimeout(timer);
    timer = setTimeout(validate, delay);
  }

  function dirty() {
    document.querySelectorAll(".dirty").forEach(function (el) { el.hidden = false; });
    window.rancangDirty = true;
  }

  document.addEventListener("input", function (event) {
    var f = form(), target = event.target;
    if (!f || !f.contains(target)) { return; }
    if (target.id && target.value) {           // a value typed wins over "not known yet"
      var box = f.querySelector('[data-open-for="' + target.id + '"]');
      if (box) { box.checked = false; }
    }
    if (target.hasAttribute("data-open-for") && target.checked) {
      var input = document.getElementById(target.getAttribute("data-open-for"));
      if (input) { input.value = ""; }
    }
    changed(350);
  });

  document.addEventListener("change", function (event) {
    var f = form();
    if (f && f.contains(event.target) && event.target.type !== "text") { changed(150); }
  });

  document.addEventListener("submit", function (event) {
    if (event.target === form()) { window.rancangDirty = false; }
  });

  window.addEventListener("beforeunload", function (event) {
    if (window.rancangDirty) { event.preventDefault(); event.returnValue = ""; }
  });

  // a finding's link: to the field (highlighted as the target), and the cursor into it
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-focus]") : null;
    if (!link) { return; }
    var id = link.getAttribute("data-focus");
    var el = document.getElementById("i-" + id) ||
             (document.getElementById(id) || document.body).querySelector(
               "input:not([type=hidden]), select, textarea, button.add");
    if (!el) { return; }
    event.preventDefault();
    window.location.hash = id;
    el.focus();
  });

  // a form shown again from what was posted (a conflict, a refused save): its own findings
  document.addEventListener("DOMContentLoaded", function () {
    var f = form();
    if (f && f.getAttribute("data-posted")) { dirty(); changed(0); }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = document.getElementById("findings");
    if (panel && panel.contains(event.target)) { showErrors(panel); }
    var path = event.detail && event.detail.pathInfo ? event.detail.pathInfo.requestPath : "";
    if (/\/form$/.test(path || "")) { changed(0); }    // a row added or removed
  });
})();
