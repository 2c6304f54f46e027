/* Before Material's bundle: its instant navigation makes every relative link absolute with
   `element.href = element.href`, which throws on SVG elements with an `href` (a read-only
   SVGAnimatedString) and stops navigation: the network's links, and the icons a hosted page
   draws from the sprite (`<use href>`). Give them the setter HTML links have.
   A file of its own (main.html loads it), not inline: every page would carry its bytes. */
(function () {
  [window.SVGAElement, window.SVGUseElement].forEach(function (kind) {
    var proto = kind && kind.prototype;
    var href = proto && Object.getOwnPropertyDescriptor(proto, "href");
    if (!href || !href.get || href.set) return;
    Object.defineProperty(proto, "href", {
      configurable: true, enumerable: href.enumerable, get: href.get,
      set: function (value) {
        var url = value && typeof value === "object" ? value.baseVal : String(value);
        this.setAttribute("href", new URL(url, this.ownerDocument.baseURI).href);
      }
    });
  });
})();
