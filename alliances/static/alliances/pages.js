// Folded sections and shortened notes (<details>) on long pages.
(() => {
  // A link to something inside a folded section (a table of contents entry, a clause's
  // address) unfolds the sections around it, then shows it.
  const reveal = () => {
    if (!window.location.hash) return;
    let target;
    try {
      target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    } catch (error) {
      return;  // a malformed address names nothing here
    }
    if (!target) return;
    let folded = false;
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        folded = true;
      }
    }
    if (folded) target.scrollIntoView();
  };
  window.addEventListener("hashchange", reveal);
  document.addEventListener("DOMContentLoaded", reveal);

  // A printout shows every folded section and shortened note in full; the page folds them
  // again afterwards as the reader left them.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach((details) => { details.open = true; });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => { details.open = false; });
    opened = [];
  });
})();
