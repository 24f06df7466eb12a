// Run in a rendered page by crawler/render/page_script.py (one page.evaluate per page).
// Returns what only layout knows: element boxes, computed colours, fonts actually used.
// Selectors mirror crawler/css_path.py so they name the same elements as extract_page.
async ({ selectors, maxColors, maxFonts, fontWaitMs }) => {
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, fontWaitMs))]);

  const LANDMARKS = ["main", "header", "footer", "nav", "article", "aside"];
  const IDENT = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;
  const ids = new Map();
  for (const el of document.querySelectorAll("[id]")) {
    if (el.id) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  }
  const landmarks = new Map(LANDMARKS.map((t) => [t, document.getElementsByTagName(t).length]));
  const cache = new Map();
  const tagOf = (el) => el.localName.toLowerCase();

  function selectorOf(el) {
    if (cache.has(el)) return cache.get(el);
    const tag = tagOf(el);
    let s;
    if (el === document.documentElement || !el.parentElement) s = "html";
    else if (el.id && ids.get(el.id) === 1 && IDENT.test(el.id)) s = "#" + el.id;
    else if (landmarks.has(tag) && landmarks.get(tag) === 1) s = tag;
    else if (tag === "body" || tag === "head") s = tag;
    else {
      const same = Array.from(el.parentElement.children).filter((c) => tagOf(c) === tag);
      const css = tag.replace(":", "\\:");
      const step = same.length > 1 ? `${css}:nth-of-type(${same.indexOf(el) + 1})` : css;
      s = `${selectorOf(el.parentElement)} > ${step}`;
    }
    cache.set(el, s);
    return s;
  }

  const sx = window.scrollX, sy = window.scrollY;
  const boxOf = (r) => ({ x: r.left + sx, y: r.top + sy, width: r.width, height: r.height });
  const rects = {};
  const doc = document.documentElement;
  rects["html"] = { x: 0, y: 0, width: doc.scrollWidth, height: doc.scrollHeight };
  for (const selector of selectors) {
    let el = null;
    try { el = document.querySelector(selector); } catch (e) { continue; }
    if (!el) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects[selector] = boxOf(r);
  }

  const TRANSPARENT = /(?:,\s*|\/\s*)0(?:\.0+)?%?\s*\)$/;
  const isTransparent = (v) => !v || v === "transparent" || TRANSPARENT.test(v);
  const shown = (st, r) =>
    r.width > 0 && r.height > 0 && st.visibility === "visible" && parseFloat(st.opacity) > 0;

  const colors = new Map();
  function addColor(el, property, value, area, role) {
    if (isTransparent(value) || area <= 0) return;
    const key = `${property}|${value}|${role}`;
    let e = colors.get(key);
    if (!e) {
      e = { selector: selectorOf(el), property, value, area: 0, role, best: 0 };
      colors.set(key, e);
    }
    e.area += area;
    if (area > e.best) { e.best = area; e.selector = selectorOf(el); }
  }

  const GENERIC = new Set(["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
    "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong"]);
  const unquote = (f) => f.trim().replace(/^["']|["']$/g, "").trim();
  const faces = new Map();
  document.fonts.forEach((f) => {
    const k = unquote(f.family).toLowerCase();
    if (!faces.has(k)) faces.set(k, []);
    faces.get(k).push(f.status);
  });
  const ctx = document.createElement("canvas").getContext("2d");
  const PROBE = "mmmmmmmmmmlliiWWwwO0@#%&";
  const widthOf = (font) => { ctx.font = font; return ctx.measureText(PROBE).width; };
  const baseline = new Map(["monospace", "serif", "sans-serif"].map((g) => [g, widthOf(`72px ${g}`)]));
  const availability = new Map();
  function available(family) {
    const key = family.toLowerCase();
    if (!availability.has(key)) {
      const status = faces.get(key);
      // Web fonts: declared by @font-face, usable once loaded. Chromium's fonts.check()
      // answers true for any family it has no @font-face for, so system fonts are probed
      // by measuring: a missing family renders in the generic fallback's width.
      const ok = status
        ? status.includes("loaded")
        : [...baseline].some(([g, w]) => widthOf(`72px "${family}", ${g}`) !== w);
      availability.set(key, ok);
    }
    return availability.get(key);
  }
  const usedFamily = new Map();
  function familyOf(stack) {
    if (!usedFamily.has(stack)) {
      let used = "browser default";
      for (const raw of stack.split(",")) {
        const family = unquote(raw);
        if (!family) continue;
        if (GENERIC.has(family.toLowerCase())) { used = family.toLowerCase(); break; }
        if (available(family)) { used = family; break; }
      }
      usedFamily.set(stack, used);
    }
    return usedFamily.get(stack);
  }

  const fonts = new Map();
  const images = [];
  const range = document.createRange();
  const body = document.body || doc;
  for (const el of body.querySelectorAll("*")) {
    const tag = tagOf(el);
    if (["script", "style", "noscript", "template", "head", "title"].includes(tag)) continue;
    if (el.closest("svg") && tag !== "svg") continue;
    const st = getComputedStyle(el);
    if (st.display === "none") continue;
    const r = el.getBoundingClientRect();
    if (!shown(st, r)) continue;
    const area = r.width * r.height;
    const sel = selectorOf(el);
    const isButton = tag === "button" || el.getAttribute("role") === "button" ||
      (tag === "input" && ["submit", "button", "reset"].includes((el.type || "").toLowerCase()));
    addColor(el, "background-color", st.backgroundColor, area,
      isButton || (tag === "a" && !isTransparent(st.backgroundColor)) ? "button" : "background");
    const bg = st.backgroundImage;
    if (tag === "img" || tag === "svg" || (bg && bg.includes("url("))) {
      const src = tag === "img" ? el.currentSrc || el.src : (bg.match(/url\("?(.*?)"?\)/) || [])[1] || "";
      images.push({ selector: sel, tag, src, ...boxOf(r) });
      rects[sel] = boxOf(r);
    }
    let text = "", textArea = 0;
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !node.data.trim()) continue;
      text += node.data;
      range.selectNodeContents(node);
      for (const tr of range.getClientRects()) textArea += tr.width * tr.height;
    }
    if (isButton && tag === "input") text = el.value || "";
    text = text.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const role = el.closest("h1,h2,h3,h4,h5,h6") ? "heading" : el.closest("button,[role=button]") || isButton ? "button" : el.closest("a") ? "link" : "text";
    addColor(el, "color", st.color, textArea || area, role);
    const family = familyOf(st.fontFamily);
    const fkey = `${family}|${st.fontFamily}`;
    let f = fonts.get(fkey);
    if (!f) { f = { selector: sel, family, stack: st.fontFamily, sample: "", chars: 0, best: -1 }; fonts.set(fkey, f); }
    f.chars += text.length;
    if (text.length > f.best) { f.best = text.length; f.selector = sel; f.sample = text.slice(0, 80); }
    rects[sel] = rects[sel] || boxOf(r);
  }
  const top = (map, key, n) => [...map.values()].sort((a, b) => b[key] - a[key]).slice(0, n)
    .map(({ best, ...rest }) => rest);
  const colorList = top(colors, "area", maxColors);
  const fontList = top(fonts, "chars", maxFonts);
  const keep = new Set([...selectors, "html", ...colorList.map((c) => c.selector),
    ...fontList.map((f) => f.selector), ...images.map((i) => i.selector)]);
  for (const key of Object.keys(rects)) if (!keep.has(key)) delete rects[key];
  return { rects, colors: colorList, fonts: fontList, images };
}
