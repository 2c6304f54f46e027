// Briefing's search, driven by Pagefind (no lunr index: Pagefind fetches only the index chunks a
// query needs, where Material's search downloads the whole index before the first result).
//
// 1. A search box in the header of every page: results in a dropdown as you type, Enter opens
//    the search page with every result and the filters. Keyboard: "/" focuses the box, the arrow
//    keys move between the box and the results, Escape closes the results.
// 2. The search page (#briefing-search): Pagefind UI with actor, topic, region, author, year and type
//    filters, which can be preset from the address: search/?actor=Xi%20Jinping&region=East%20Asia
//    With filters and no words, every briefing that passes the filters is listed, newest first
//    ("*" in the box means "everything" too).
//
// Pagefind fetches its index, which browsers refuse to pages opened from a folder (file://):
// there both say so and point at the site's indexes instead of failing in the console.
// Loaded once per visit, after Material's bundle; Material's instant navigation keeps the header,
// and `document$` tells us when a new page's content is in place.
(function () {
  "use strict";
  var script = document.currentScript;
  var here = script ? script.src : location.href;
  var bundle = new URL("../pagefind/", here);       // assets/briefing-search.js -> pagefind/
  var siteRoot = new URL("../", here);
  var searchPage = script && script.getAttribute("data-search-page") ?
    new URL(script.getAttribute("data-search-page"), location.href) : new URL("../search/", here);
  var fromFolder = location.protocol === "file:";
  var LABEL = "Search briefings, actors, topics and regions";
  var MAX_RESULTS = 8;

  // ------------------------------------------------------------------ Pagefind, loaded on demand

  // A large site's index comes in parts (pagefind/part-N/, listed in briefing-parts.json):
  // Pagefind searches them as one once they are merged into the primary bundle.
  var partsList = null;
  function searchParts() {
    if (!partsList) {
      partsList = fetch(new URL("briefing-parts.json", bundle).href)
        .then(function (response) { return response.ok ? response.json() : { parts: [] }; })
        .then(function (manifest) {
          return (manifest.parts || []).map(function (part) { return new URL(part, bundle).href; });
        }, function () { return []; });
    }
    return partsList;
  }

  var api = null;
  function pagefindApi() {
    if (!api) {
      api = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 18 }).then(searchParts).then(function (parts) {
          return Promise.all(parts.map(function (part) {
            return pagefind.mergeIndex(part, { baseUrl: siteRoot.pathname, excerptLength: 18 });
          }));
        }).then(function () { return pagefind; });
      });
    }
    return api;
  }

  var ui = null;
  function pagefindUi() {
    if (!ui) {
      ui = new Promise(function (resolve, reject) {
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
    }
    return ui;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function searchUrl(query) {
    var url = new URL(searchPage.href);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  // Pagefind's excerpt is the page's text with <mark> around the matched words: rebuild it from
  // text nodes and <mark> elements only, whatever else the string might hold.
  function excerptOf(html) {
    var span = element("span", { "class": "bs-search__excerpt" });
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    Array.prototype.forEach.call(parsed.firstChild ? parsed.firstChild.childNodes : [], function (node) {
      if (node.nodeName === "MARK") span.appendChild(element("mark", {}, node.textContent));
      else span.appendChild(document.createTextNode(node.textContent));
    });
    return span;
  }

  // ------------------------------------------------------------------ header search box

  var MAGNIFY = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 ' +
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function headerSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".bs-search")) return;

    var form = element("form", { "class": "bs-search", role: "search", action: searchPage.href, method: "get" });
    var label = element("label", { "for": "bs-search-input", "class": "bs-visually-hidden" }, LABEL);
    var input = element("input", {
      id: "bs-search-input", "class": "bs-search__input", type: "search", name: "q", placeholder: "Search",
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
      "aria-keyshortcuts": "/", "aria-describedby": "bs-search-status"
    });
    var button = element("button", { type: "submit", "class": "bs-search__button", title: "All results and filters" });
    button.innerHTML = MAGNIFY;
    button.appendChild(element("span", { "class": "bs-visually-hidden" }, "Show all results"));
    var panel = element("div", { id: "bs-search-results", "class": "bs-search__results", hidden: "" });
    var status = element("p", { id: "bs-search-status", "class": "bs-visually-hidden", role: "status" });
    var summary = element("p", { "class": "bs-search__summary", "aria-hidden": "true" });
    var list = element("ul", { "class": "bs-search__list", "aria-label": "Search results" });
    var more = element("a", { "class": "bs-search__more", href: searchPage.href }, "All results and filters");
    panel.appendChild(summary);
    panel.appendChild(list);
    panel.appendChild(more);
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    form.appendChild(status);
    form.appendChild(panel);
    header.insertBefore(form, header.querySelector(".md-header__source"));

    var latest = 0;
    var timer = null;

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
    function say(text) { status.textContent = summary.textContent = text; }
    function open() { panel.hidden = false; form.classList.add("bs-search--open"); }
    function close() { panel.hidden = true; form.classList.remove("bs-search--open"); }

    function show(query, results, total) {
      list.textContent = "";
      results.forEach(function (data) {
        var item = element("li", { "class": "bs-search__item" });
        var link = element("a", { href: data.url }, (data.meta && data.meta.title) || data.url);
        item.appendChild(link);
        var kind = data.filters && data.filters.type && data.filters.type[0];
        var facts = [kind, data.meta && data.meta.date].filter(Boolean).join(" · ");
        if (facts) item.appendChild(element("span", { "class": "bs-search__facts" }, facts));
        if (data.excerpt) item.appendChild(excerptOf(data.excerpt));
        list.appendChild(item);
      });
      say(total === 0 ? "No results for " + query :
        total + (total === 1 ? " result" : " results") + (total > results.length ? ", " + results.length + " shown" : ""));
      more.href = searchUrl(query);
      more.hidden = total === 0;
      open();
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (query.length < 2) {
        say("");
        close();
        return;
      }
      if (fromFolder) {
        list.textContent = "";
        say("Search needs the site served over http, not opened from a folder.");
        more.textContent = "Other ways to find briefings";
        more.href = searchUrl(query);
        more.hidden = false;
        open();
        return;
      }
      pagefindApi().then(function (pagefind) {
        return pagefind.search(query);
      }).then(function (search) {
        if (ticket !== latest || !search) return null;
        var shown = search.results.slice(0, MAX_RESULTS);
        return Promise.all(shown.map(function (result) { return result.data(); })).then(function (data) {
          if (ticket === latest) show(query, data, search.results.length);
        });
      }).catch(function () {
        if (ticket !== latest) return;
        list.textContent = "";
        say("Search is not available: the search index is missing.");
        more.hidden = false;
        open();
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 120);
    });
    input.addEventListener("focus", function (event) {
      // Coming back to the box from elsewhere on the page shows the last results again.
      var fromResults = event.relatedTarget && form.contains(event.relatedTarget);
      if (!fromResults && input.value.trim().length >= 2 && list.childNodes.length) open();
    });
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) {
        event.preventDefault();
        location.href = searchPage.href;
      }
    });
    form.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        if (!panel.hidden) {
          close();
          input.focus();
        } else if (input.value) {
          input.value = "";
        } else {
          input.blur();
        }
        event.preventDefault();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !panel.hidden && all.length) {
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (document.activeElement === input) next = event.key === "ArrowDown" ? 0 : all.length - 1;
        if (next < 0 || next >= all.length) input.focus();
        else all[next].focus();
        event.preventDefault();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
    panel.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var active = document.activeElement;
      if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
      event.preventDefault();
      var pageBox = document.querySelector(".pagefind-ui__search-input");
      (pageBox || input).focus();
    });
  }

  // ------------------------------------------------------------------ search page

  // Filter values are stored HTML-escaped (Pagefind UI shows them as HTML; see main.html):
  // escape a name from the address the same way (as Jinja's |e does) so that it matches.
  function asFilterValue(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }

  // What the address asks for: ?q=words and filters (?actor=...&region=...), each repeatable.
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    ["actor", "topic", "region", "author", "year", "type"].forEach(function (name) {
      var values = params.getAll(name).filter(Boolean).map(asFilterValue);
      if (values.length) filters[name] = values;
    });
    return { query: (params.get("q") || "").trim(), filters: filters, hasFilters: Object.keys(filters).length > 0 };
  }

  function browseLinks(host) {
    host.appendChild(element("p", {}, "Search runs in your browser from an index it downloads, which browsers " +
      "do not allow for pages opened from a folder. Serve the folder to search it (for example: " +
      "python3 -m http.server -d site)."));
    // Offer the indexes instead, found in the site's navigation by their (stable) addresses.
    var wanted = [["actor", /(^|\/)actors\/(index\.html)?$/], ["topic", /(^|\/)topics\/(index\.html)?$/],
      ["region", /(^|\/)regions\/(index\.html)?$/], ["the timeline", /(^|\/)timeline(\/|\.html)$/]];
    var navigation = Array.prototype.slice.call(document.querySelectorAll(".md-tabs__link, .md-nav__link[href]"));
    var found = wanted.map(function (pair) {
      var link = navigation.filter(function (a) { return pair[1].test(a.getAttribute("href") || ""); })[0];
      return link ? element("a", { href: link.getAttribute("href") }, pair[0]) : null;
    }).filter(Boolean);
    if (!found.length) return;
    var browse = element("p", {}, "Meanwhile, browse by ");
    found.forEach(function (link, i) {
      if (i) browse.appendChild(document.createTextNode(i === found.length - 1 ? " or " : ", "));
      browse.appendChild(link);
    });
    browse.appendChild(document.createTextNode("."));
    host.appendChild(browse);
  }

  // A search preset from the address can finish before Pagefind UI has loaded every filter, and
  // Pagefind counts only the filters it has loaded: some groups (region, topic...) would be
  // missing. Once the first results show (Pagefind UI is set up by then), load every filter
  // into the same Pagefind (the module is shared) and, if groups are missing, search again
  // (setting the same filters again does: the same words again would not), unless the reader
  // has typed other words meanwhile.
  function showEveryFilter(host, instance, term, filters) {
    var resultsShown = new Promise(function (resolve) {
      if (host.querySelector(".pagefind-ui__result")) return resolve();
      var watcher = new MutationObserver(function () {
        if (host.querySelector(".pagefind-ui__result")) {
          watcher.disconnect();
          resolve();
        }
      });
      watcher.observe(host, { childList: true, subtree: true });
    });
    resultsShown.then(function () {
      return import(new URL("pagefind.js", bundle).href);
    }).then(function (pagefind) {
      return pagefind.filters();
    }).then(function (all) {
      var shown = host.querySelectorAll(".pagefind-ui__filter-block").length;
      var input = host.querySelector(".pagefind-ui__search-input");
      if (input && input.value !== term) return;
      if (Object.keys(all || {}).length > shown) instance.triggerFilters(filters);
    }, function () { /* the results already shown stay as they are */ });
  }

  function searchPageInit() {
    var host = document.getElementById("briefing-search");
    if (!host || host.dataset.ready) return;
    host.dataset.ready = "1";
    if (fromFolder) {
      browseLinks(host);
      return;
    }
    var wanted = fromAddress();
    Promise.all([pagefindUi(), searchParts()]).then(function (loaded) {
      var options = {
        element: "#briefing-search",
        bundlePath: bundle.href,
        mergeIndex: loaded[1].map(function (part) { return { bundlePath: part, baseUrl: siteRoot.pathname }; }),
        baseUrl: siteRoot.pathname,
        showSubResults: false,
        showImages: false,
        pageSize: 10,
        openFilters: ["actor", "region", "year", "topic", "author"],
        // Pagefind UI searches only when its box holds something: "*" stands for "everything
        // that passes the filters" (Pagefind's filter-only search).
        processTerm: function (term) { return term.trim() === "*" ? null : term; },
        translations: { placeholder: "Search briefings, actors, topics, regions (* for all)" }
      };
      // Words are ranked by relevance. Filters alone list briefings newest first (sorting by
      // date leaves out the actor, topic and region pages, which have no date).
      if (wanted.hasFilters && !wanted.query) options.sort = { date: "desc" };
      var instance = new PagefindUI(options);
      // Pagefind UI names its box only with a title attribute: give it a real accessible name.
      var input = host.querySelector(".pagefind-ui__search-input");
      if (input) {
        input.setAttribute("aria-label", LABEL);
        input.id = input.id || "briefing-search-input";
      }
      if (wanted.hasFilters) instance.triggerFilters(wanted.filters);
      if (wanted.query || wanted.hasFilters) {
        instance.triggerSearch(wanted.query || "*");
        showEveryFilter(host, instance, wanted.query || "*", wanted.filters);
      }
    }, function () {
      host.textContent = "The search index is missing: build the site with mkdocs build.";
    });
  }

  function onPage() {
    headerSearch();
    searchPageInit();
    var form = document.querySelector(".bs-search");
    if (form) {  // a new page: close the previous page's results
      var panel = form.querySelector(".bs-search__results");
      if (panel) panel.hidden = true;
      form.classList.remove("bs-search--open");
    }
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(onPage);  // Material: runs on first load and after each instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
