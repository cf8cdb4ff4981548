"use strict";
// A list filter's autocomplete box: choosing a record opens the list filtered by it, the
// other filters and the search kept. Select2 reports the choice through jQuery's events.
window.addEventListener("load", function () {
  const $ = window.django && window.django.jQuery;
  if (!$) {
    return;
  }
  $("select[data-filter-param]").on("change", function () {
    const query = new URLSearchParams(this.dataset.filterQuery);
    query.delete("p");
    if (this.value) {
      query.set(this.dataset.filterParam, this.value);
    }
    window.location.search = query.toString();
  });
});
