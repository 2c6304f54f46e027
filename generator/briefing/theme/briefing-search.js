// Faceted search page: Pagefind UI with actor, topic, region and year filters.
// Filters can be preset from the address: search/?actor=Xi%20Jinping&region=East%20Asia
// Loaded on every page (it is tiny) so it also works after Material's instant navigation;
// Pagefind's own UI is fetched only when the search page is shown.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : location.href);
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("pagefind-ui.css", bundle).href;
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = new URL("pagefind-ui.js", bundle).href;
      js.onload = resolve;
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  function presetFromAddress(ui) {
    var params = new URLSearchParams(location.search);
    var preset = {};
    ["actor", "topic", "region", "year", "type"].forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) preset[name] = values;
    });
    if (Object.keys(preset).length) ui.triggerFilters(preset);
    var query = params.get("q");
    if (query) ui.triggerSearch(query);
  }

  function init() {
    var host = document.getElementById("briefing-search");
    if (!host || host.dataset.ready) return;
    host.dataset.ready = "1";
    if (location.protocol === "file:") {
      host.textContent = "Faceted search needs the site to be served over the web (for example with make serve). " +
        "When reading from a folder, use the search box at the top of the page.";
      return;
    }
    load().then(function () {
      var ui = new PagefindUI({
        element: "#briefing-search",
        bundlePath: bundle.href,
        showSubResults: false,
        showImages: false,
        pageSize: 10,
        sort: { date: "desc" },
        openFilters: ["actor", "region", "year", "topic"],
        translations: { placeholder: "Search briefings, actors, topics, regions" }
      });
      presetFromAddress(ui);
    }, function () {
      host.textContent = "The search index is missing: build the site with mkdocs build.";
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);  // Material: runs on first load and after each instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
