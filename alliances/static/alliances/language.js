// The language switcher comes back to the page as it is now: htmx may have changed the
// address (filters, sort, page) since the page, and the switcher's form, were rendered.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.classList && form.classList.contains("language-switcher")) {
    form.elements.next.value = window.location.pathname + window.location.search + window.location.hash;
  }
});
