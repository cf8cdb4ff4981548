// The filter panel: searchable multi-selects (Tom Select) with each option's row count, and
// the panel folded behind one button on a narrow screen. Set up on every load and after
// each htmx swap, which replaces the panel with a new one; what the user had open or
// focused is carried over to the new panel.
(function () {
  const narrow = window.matchMedia("(max-width: 44rem)");
  let panelOpenOnNarrow = false; // opened by the user on a narrow screen
  let focusedSelect = null; // the id of the multi-select being used when a swap began
  let dropdownWasOpen = false;

  function escapeText(escape, value) {
    return value === undefined || value === null ? "" : escape(String(value));
  }

  function setUpSelect(select, form) {
    if (select.tomselect) return;
    const counted = select.querySelector("option[data-count]") !== null;
    const instance = new TomSelect(select, {
      plugins: { remove_button: { title: form.dataset.removeLabel || "Remove" } },
      maxOptions: null,
      closeAfterSelect: false,
      hideSelected: false,
      render: {
        option: (data, escape) =>
          counted
            ? `<div class="facet-option"><span>${escape(data.text)}</span><span class="facet-count">${escapeText(escape, data.count)}</span></div>`
            : `<div>${escape(data.text)}</div>`,
        item: (data, escape) => `<div>${escape(data.text)}</div>`,
        no_results: (data, escape) => `<div class="no-results">${escape(form.dataset.noResults || "")}</div>`,
      },
    });
    if (select.id && select.id === focusedSelect) {
      instance.focus();
      if (dropdownWasOpen) instance.open();
    }
  }

  function setUpPanel(form) {
    const panel = form.querySelector("details.filter-panel");
    if (panel) {
      panel.open = !narrow.matches || panelOpenOnNarrow;
      panel.addEventListener("toggle", () => {
        if (narrow.matches) panelOpenOnNarrow = panel.open;
      });
    }
    form.querySelectorAll("select[multiple]").forEach((select) => setUpSelect(select, form));
    focusedSelect = null;
  }

  function setUp(root) {
    const forms = root.matches && root.matches("form.filters") ? [root] : root.querySelectorAll("form.filters");
    forms.forEach(setUpPanel);
  }

  // Before a swap: which multi-select had the focus, and whether its list was open.
  document.addEventListener("htmx:beforeSwap", () => {
    const active = document.activeElement;
    const wrapper = active && active.closest ? active.closest(".ts-wrapper") : null;
    const select = wrapper ? wrapper.previousElementSibling : null;
    focusedSelect = select && select.tomselect ? select.id : null;
    dropdownWasOpen = Boolean(select && select.tomselect && select.tomselect.isOpen);
  });

  // On a wide screen the panel is always open; on a narrow one it folds.
  narrow.addEventListener("change", () => {
    document.querySelectorAll("form.filters details.filter-panel").forEach((panel) => {
      panel.open = !narrow.matches || panelOpenOnNarrow;
    });
  });

  if (window.htmx) {
    htmx.onLoad(setUp); // the page itself, and each swapped-in part
  } else {
    document.addEventListener("DOMContentLoaded", () => setUp(document));
  }
})();
