// Small behaviours that would otherwise be inline handlers, which the Content-Security-Policy
// refuses: Goodwill's pages run only scripts served from its own static files.
"use strict";

// A click on a read-only URL field (the calendar feed) selects it, ready to copy.
document.addEventListener("click", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.classList.contains("feed-url")) {
    target.select();
  }
});
