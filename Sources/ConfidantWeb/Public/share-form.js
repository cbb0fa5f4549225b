// Shows the policy's decision and what would leave while the share form is filled in.
// Without JavaScript the "Check with the policy" button does the same with a full page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-decision]");
  var region = document.getElementById("decision-region");
  if (!form || !region || !window.fetch) { return; }
  var timer = null;
  var latest = 0;
  function soon(delay) {
    return function () {
      clearTimeout(timer);
      timer = setTimeout(check, delay);
    };
  }
  form.addEventListener("change", soon(300));
  form.addEventListener("input", soon(700));  // typing: wait for a pause
  function check() {
    var request = ++latest;
    var data = new URLSearchParams(new FormData(form));
    data.set("action", "check");
    data.delete("_once");  // a check makes nothing; the form's one-use token is kept for sharing
    // getAttribute: the form has fields named "action", which shadow form.action.
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) { return response.text(); }).then(function (html) {
      if (request !== latest) { return; }  // a newer check is on its way
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("decision-region");
      if (fresh) { region.innerHTML = fresh.innerHTML; }
    }).catch(function () { /* the button still works */ });
  }
})();
