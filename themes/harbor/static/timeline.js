// Timeline filters. Without this script each filter is a link to a pre-rendered page.
// With it, on the full timeline, the same links filter the list in place: items carry
// their facets in data- attributes, the address follows (pushState) so reload and Back
// work, and the live region says how many records are shown.
(() => {
  "use strict";
  const nav = document.getElementById("tl-filters");
  const list = document.getElementById("tl-list");
  const count = document.getElementById("tl-count");
  const clear = document.getElementById("tl-clear");
  if (!nav || !list || !count || !clear || !window.history.pushState) return;
  if (!("complete" in list.dataset)) {
    // A filter page holds only its own items. It can be reloaded into a history entry
    // the full page made with pushState; when Back leaves for another filter, load it.
    const path = location.pathname;
    window.addEventListener("popstate", () => {
      if (location.pathname !== path) location.reload();
    });
    return;
  }

  const items = Array.from(list.querySelectorAll("li[data-kind]"));
  // The picture's bars are drawn in list order, one per item.
  const bars = Array.from(document.querySelectorAll(".tl-marks rect"));
  const years = Array.from(list.querySelectorAll(".tl-year"));
  const links = Array.from(nav.querySelectorAll("a[data-facet]")).concat(clear);
  const heading = document.getElementById("tl-list-heading");
  const title = document.querySelector("h1").textContent.trim();
  const suffix = document.title.slice(document.title.indexOf(title) + title.length);
  let absolute = false;

  const nameOf = (link) => link.firstChild.textContent.trim();
  const here = () => location.href.split("#")[0];

  function apply(link) {
    const facet = link.dataset.facet;
    const value = link.dataset.value;
    let shown = 0;
    items.forEach((item, i) => {
      const on = !facet || (item.dataset[facet] || "").split(" ").includes(value);
      item.hidden = !on;
      if (bars[i]) bars[i].classList.toggle("tl-off", !on);
      if (on) shown += 1;
    });
    for (const year of years) year.hidden = !year.querySelector("li:not([hidden])");
    for (const other of links) {
      if (other === link && facet) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    }
    clear.hidden = !facet;
    let status = `Showing ${shown} of ${items.length} dated records`;
    if (facet) {
      const label = link.closest("[data-label]").dataset.label;
      status += ` (${label}: ${nameOf(link)})`;
      document.title = `${title}: ${nameOf(link)}${suffix}`;
    } else {
      document.title = title + suffix;
    }
    count.textContent = `${status}.`;
  }

  // The filter pages sit deeper than this one: make links (and the icon's) absolute
  // before the address changes, so they keep pointing where they did.
  function absolutize() {
    if (absolute) return;
    const relative = document.querySelectorAll('a[href], link[href]:not([rel="stylesheet"])');
    for (const a of relative) {
      // Links within the page (the skip link) stay as they are: they follow the address.
      if (!a.getAttribute("href").startsWith("#")) a.setAttribute("href", a.href);
    }
    absolute = true;
  }

  function onClick(event) {
    const link = event.target.closest("a[data-facet]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const wasClear = link === clear;
    absolutize();
    if (link.href !== here()) history.pushState(null, "", link.href);
    apply(link);
    // The clear link hides itself: take focus to the list it has just restored.
    if (wasClear) heading.focus();
  }

  nav.addEventListener("click", onClick);
  clear.addEventListener("click", onClick);
  window.addEventListener("popstate", () => {
    apply(links.find((a) => a.href === here()) || clear);
  });
})();
