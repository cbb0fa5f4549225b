// Small helps for people typing on a phone or for a long time; every form works without them.
(function () {
  "use strict";

  // A form sent back with mistakes: the summary of them takes focus, so a screen reader reads it and the page
  // scrolls to it even when the form was far down.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); summary.scrollIntoView(); }

  // A report's "Print" button: the page prints as it is; without script, the browser's own print does the same.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // "Leave this page quickly" on the public pages: the page is replaced, so the back button does not return to it.
  Array.prototype.forEach.call(document.querySelectorAll("a.quick-exit"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      document.body.innerHTML = "";
      window.location.replace(link.href);
    });
  });

  // Long fields say how much room is left, before the limit is met on submit.
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-limit]"), function (field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var counter = document.createElement("p");
    counter.className = "hint character-count";
    counter.id = field.id + "-count";
    counter.setAttribute("aria-live", "polite");
    field.parentNode.insertBefore(counter, field.nextSibling);
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    function update() {
      var left = limit - field.value.length;
      counter.textContent = left >= 0 ? left + " characters left" : "Too long by " + (-left) + " characters";
      counter.classList.toggle("error-message", left < 0);
    }
    field.addEventListener("input", update);
    update();
  });

  // A draft saves itself every 20 seconds while it changes (the "Save draft" button does the same by hand).
  var draft = document.querySelector("form[data-autosave]");
  if (draft && window.fetch) {
    var status = document.createElement("p");
    status.className = "hint autosave-status";
    status.setAttribute("role", "status");
    draft.insertBefore(status, draft.querySelector(".actions-row"));
    var changed = false;
    draft.addEventListener("input", function () { changed = true; });
    draft.addEventListener("change", function () { changed = true; });
    setInterval(function () {
      if (!changed) { return; }
      changed = false;
      var data = new URLSearchParams(new FormData(draft));
      data.set("action", "save");
      data.delete("_once");  // saving again and again is the point; the form's one-use token is kept for submitting
      fetch(draft.getAttribute("action"), {
        method: "POST", body: data, credentials: "same-origin", redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Autosave": "1" }
      }).then(function (response) {
        if (response.status === 401) {
          // The session ended and the words were kept: go and sign in now, rather than type more into a form that
          // can no longer be saved; the form comes back with everything after.
          status.textContent = "You were signed out, to keep records safe. What you wrote is kept: sign in again to go on.";
          window.location.assign("/sign-in?kept=1&next=" + encodeURIComponent(draft.getAttribute("data-page") || "/home"));
        } else if (response.status === 204) {
          if (window.confidantSessionTouched) { window.confidantSessionTouched(); }
          var now = new Date();
          status.textContent = "Draft saved at " + ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
        } else {
          changed = true;
          status.textContent = "Not saved yet: the draft will be saved again shortly.";
        }
      }).catch(function () { changed = true; });
    }, 20000);
  }

  // A body map's outline: tapping a place chooses it in the list (which works alone, without script) and keeps
  // where it was tapped, so the mark is drawn there rather than in the middle of the place.
  var pick = document.querySelector("[data-bodymap-pick]");
  var regionList = document.getElementById("region");
  if (pick && regionList) {
    var markX = document.getElementById("mark-x");
    var markY = document.getElementById("mark-y");
    var svgNS = "http://www.w3.org/2000/svg";
    Array.prototype.forEach.call(pick.querySelectorAll("svg"), function (svg) {
      svg.addEventListener("click", function (event) {
        var region = event.target.closest ? event.target.closest(".region") : null;
        if (!region) { return; }
        var matrix = svg.getScreenCTM();
        if (!matrix) { return; }
        var point = svg.createSVGPoint();
        point.x = event.clientX;
        point.y = event.clientY;
        var inBox = point.matrixTransform(matrix.inverse());
        regionList.value = region.getAttribute("data-region");
        markX.value = inBox.x.toFixed(1);
        markY.value = inBox.y.toFixed(1);
        Array.prototype.forEach.call(pick.querySelectorAll(".region.chosen, .marks .pending"), function (old) {
          if (old.classList.contains("pending")) { old.remove(); } else { old.classList.remove("chosen"); }
        });
        region.classList.add("chosen");
        var marker = document.createElementNS(svgNS, "g");
        marker.setAttribute("class", "pending");
        var dot = document.createElementNS(svgNS, "circle");
        dot.setAttribute("cx", markX.value);
        dot.setAttribute("cy", markY.value);
        dot.setAttribute("r", "6");
        marker.appendChild(dot);
        svg.querySelector(".marks").appendChild(marker);
        regionList.dispatchEvent(new Event("change"));
      });
    });
    // Choosing from the list instead: the mark goes in the middle of the place chosen.
    regionList.addEventListener("input", function () { markX.value = ""; markY.value = ""; });
  }

  // Two minutes before an idle session ends, say so, with a button that keeps it going.
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var csrf = body.getAttribute("data-csrf");
  if (idle > 180 && csrf && window.fetch) {
    var timer = null;
    var warning = null;
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(warn, (idle - 120) * 1000);
    }
    function warn() {
      warning = document.createElement("div");
      warning.className = "session-warning";
      warning.setAttribute("role", "alertdialog");
      warning.setAttribute("aria-labelledby", "session-warning-text");
      warning.innerHTML = '<p id="session-warning-text">You will be signed out in 2 minutes, to keep records safe. ' +
        'Press the button to stay signed in.</p><button type="button" class="button">Keep working</button>';
      document.body.appendChild(warning);
      var button = warning.querySelector("button");
      button.focus();
      button.addEventListener("click", function () {
        fetch("/session/keep-alive", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "_csrf=" + encodeURIComponent(csrf)
        }).then(function (response) {
          warning.remove();
          warning = null;
          if (response.ok) {
            schedule();
          } else {
            window.location.reload();  // the session had already ended: the page shows the way to sign in again
          }
        });
      });
    }
    schedule();
    // Anything sent to Confidant (a form, an autosave) keeps the session going too.
    document.addEventListener("submit", schedule);
    window.confidantSessionTouched = schedule;
  }
})();
