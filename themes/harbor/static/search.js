// Search as you type on /search/; without this script the page lists every record instead.
// The index is fetched lazily (on focus, on the first key, or at once for ?q=) and only in
// the pieces a query needs. Files: src/render/search/shards.rs; the rules repeated here:
// tokens.rs (terms) and rank.rs (order).
(() => {
  "use strict";
  const box = document.getElementById("search");
  if (!box || !window.fetch) return;
  const $ = (id) => document.getElementById(id);
  const input = $("search-q"), ui = $("search-ui"), list = $("search-results"),
    status = $("search-status"), chips = $("search-kinds"), more = $("search-more"), all = $("search-all");
  const indexUrl = new URL(box.dataset.index, location.href);
  // NAME: a term weighing this much is in the record's name (index.rs NAME_WEIGHT).
  const PAGE = 20, PREFIX_CHUNKS = 4, NAME = 16;

  // Terms (tokens.rs).
  const STOP = new Set("a an and are as at be been by for from had has have in is its of on or that the this to was were which with".split(" "));
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  const ALNUM = /[\p{Alphabetic}\p{N}]/u;
  const isWord = (c) => c !== undefined && ALNUM.test(c) && !HAN.test(c);
  const isApostrophe = (c) => c === "'" || c === "\u2019";

  function runs(text) {
    const out = [], chars = [...text];
    let word = "", han = [];
    const flush = () => {
      if (word) out.push({ word });
      if (han.length) out.push({ han });
      word = ""; han = [];
    };
    chars.forEach((c, i) => {
      if (HAN.test(c)) { if (word) flush(); han.push(c); }
      else if (ALNUM.test(c)) { if (han.length) flush(); word += c.toLowerCase(); }
      else if (!(isApostrophe(c) && word && isWord(chars[i + 1]))) flush();
    });
    flush();
    return out;
  }

  function normalize(w) {
    if ([...w].length <= 3) return w;
    if (w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (/(sses|ches|shes|xes)$/.test(w)) return w.slice(0, -2);
    if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function queryTerms(q) {
    const rs = runs(q), last = [...q].pop(), typing = last !== undefined && ALNUM.test(last);
    const out = [], seen = new Set();
    const add = (term, prefix = null) => {
      const key = `${term}\u0000${prefix ?? ""}`;
      if (!seen.has(key)) { seen.add(key); out.push({ term, prefix }); }
    };
    rs.forEach((r, i) => {
      if (r.han) {
        if (r.han.length === 1) add(r.han[0]);
        for (let j = 1; j < r.han.length; j++) add(r.han[j - 1] + r.han[j]);
        return;
      }
      const term = normalize(r.word);
      const prefix = typing && i === rs.length - 1 && [...r.word].length >= 2 ? r.word : null;
      if (!STOP.has(term) || prefix) add(term, prefix);
    });
    return out;
  }

  // Files (shards.rs), each fetched once.
  const cache = new Map();
  const get = (path) => {
    const url = new URL(path, indexUrl).href;
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${r.status} ${url}`);
        return r.json();
      }));
    }
    return cache.get(url);
  };
  let manifest = null;
  const load = () => (manifest ??= get(indexUrl.href).then((m) => {
    if (m.version !== 1) throw new Error("unknown search index format");
    return m;
  }));
  const kindOf = (m, letter) => m.kinds[letter.charCodeAt(0) - 97];

  // The last chunk starting at or before `term`.
  function chunkOf(m, term) {
    let lo = 0, hi = m.termStarts.length - 1, found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (m.termStarts[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function eachPosting(list, fn) {
    for (let i = 0, doc = 0; i < list.length; i += 2) { doc += list[i]; fn(doc, list[i + 1]); }
  }

  // Record -> [weight, in name] for one query term: the exact term, then longer terms
  // starting with the word being typed, at half weight.
  async function postings(m, qt) {
    if (!m.termFiles.length) return new Map();
    const files = new Set([m.termFiles[chunkOf(m, qt.term)]]);
    if (qt.prefix) {
      const from = chunkOf(m, qt.prefix);
      const to = Math.min(chunkOf(m, qt.prefix + "\uffff"), from + PREFIX_CHUNKS - 1);
      for (let c = from; c <= to; c++) files.add(m.termFiles[c]);
    }
    const chunks = await Promise.all([...files].map(get));
    const best = new Map();
    for (const chunk of chunks) {
      if (Object.hasOwn(chunk, qt.term)) eachPosting(chunk[qt.term], (d, w) => best.set(d, [w, w >= NAME]));
    }
    for (const chunk of qt.prefix ? chunks : []) {
      for (const term of Object.keys(chunk)) {
        if (term === qt.term || !term.startsWith(qt.prefix)) continue;
        eachPosting(chunk[term], (d, w) => {
          const [bw, named] = best.get(d) ?? [0, false];
          best.set(d, [Math.max(bw, Math.ceil(w / 2)), named || w >= NAME]);
        });
      }
    }
    return best;
  }

  // Most terms matched, then most in the name, then weight, then record order.
  async function rank(m, terms) {
    const hits = new Map();
    for (const best of await Promise.all(terms.map((t) => postings(m, t)))) {
      best.forEach(([w, named], doc) => {
        const h = hits.get(doc) ?? { doc, matched: 0, named: 0, score: 0 };
        h.matched++; h.named += named; h.score += w; hits.set(doc, h);
      });
    }
    return [...hits.values()].sort((a, b) =>
      b.matched - a.matched || b.named - a.named || b.score - a.score || a.doc - b.doc);
  }

  // `text` with the words and Chinese characters the query matched in <mark>.
  function highlight(text, terms) {
    const chars = [...text], hit = chars.map(() => false);
    for (let i = 0; i < chars.length;) {
      let j = i;
      while (isWord(chars[j]) || (j > i && isApostrophe(chars[j]) && isWord(chars[j + 1]))) j++;
      if (j === i) { i++; continue; }
      const w = chars.slice(i, j).join("").toLowerCase().replace(/['\u2019]/g, ""), n = normalize(w);
      if (terms.some((t) => t.term === n || (t.prefix && w.startsWith(t.prefix)))) hit.fill(true, i, j);
      i = j;
    }
    for (const t of terms) {
      const h = [...t.term];
      if (!HAN.test(h[0])) continue;
      for (let i = 0; i + h.length <= chars.length; i++) {
        if (h.every((c, k) => chars[i + k] === c)) hit.fill(true, i, i + h.length);
      }
    }
    const frag = document.createDocumentFragment();
    for (let i = 0, j; i < chars.length; i = j) {
      for (j = i; j < chars.length && hit[j] === hit[i];) j++;
      const s = chars.slice(i, j).join("");
      frag.append(hit[i] ? el("mark", "", s) : s);
    }
    return frag;
  }

  function el(tag, cls, ...kids) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.append(...kids);
    return e;
  }

  // The page: the query's hits, the kind shown (a letter of docKinds, "" for all), how many.
  let seq = 0, state = null, kind = "", shown = PAGE;

  async function update() {
    const q = input.value, my = ++seq;
    shown = PAGE;
    if (!q.trim()) { state = null; remember(); ui.hidden = true; all.hidden = false; return; }
    try {
      const m = await load(), terms = queryTerms(q), hits = await rank(m, terms);
      if (my !== seq) return;
      state = { m, q: q.trim(), terms, hits };
      drawChips();
      remember();
      await draw(my);
    } catch {
      if (my !== seq) return;
      ui.hidden = all.hidden = false;
      list.replaceChildren();
      status.textContent = "The search index could not be loaded. Every record is listed below.";
    }
  }

  function drawChips() {
    const { m, hits } = state, counts = new Map();
    for (const h of hits) counts.set(m.docKinds[h.doc], (counts.get(m.docKinds[h.doc]) ?? 0) + 1);
    if (!counts.has(kind)) kind = "";
    const chip = (letter, label, n) => {
      const b = el("button", "search-chip", `${label} `, el("span", "count", String(n)));
      b.type = "button";
      b.dataset.kind = letter;
      b.setAttribute("aria-pressed", String(letter === kind));
      return b;
    };
    const buttons = [chip("", "All", hits.length)];
    m.kinds.forEach(([, , plural], i) => {
      const letter = String.fromCharCode(97 + i);
      if (counts.has(letter)) buttons.push(chip(letter, plural, counts.get(letter)));
    });
    chips.replaceChildren(...(hits.length ? buttons : []));
  }

  async function draw(my, focusFrom = -1) {
    const { m, q, terms, hits } = state, per = m.docsPerFile;
    const found = kind ? hits.filter((h) => m.docKinds[h.doc] === kind) : hits;
    const page = found.slice(0, shown);
    const blocks = await Promise.all(page.map((h) => get(m.docFiles[Math.floor(h.doc / per)])));
    if (my !== seq) return;
    list.replaceChildren(...page.map((h, i) => {
      const [slug, title, zh, snippet] = blocks[i][h.doc % per];
      const [section, label] = kindOf(m, m.docKinds[h.doc]);
      const a = el("a", "search-title", highlight(title, terms));
      a.href = `${box.dataset.root}${section}/${slug}/`;
      if (zh) { const z = el("span", "zh", " ", highlight(zh, terms)); z.lang = "zh-Hans"; a.append(z); }
      return el("li", "search-result", a, " ", el("span", "kind-tag", label),
        snippet ? el("p", "search-snippet", highlight(snippet, terms)) : "");
    }));
    const full = found.filter((h) => h.matched === terms.length).length;
    const of = kind ? ` (${kindOf(m, kind)[2].toLowerCase()})` : "";
    status.textContent = hits.length === 0 ? `No records match “${q}”.`
      : `${found.length} ${found.length === 1 ? "record" : "records"}${of} for “${q}”` +
        (full < found.length ? `: ${full} match all of it, ${found.length - full} part of it.` : ".");
    more.hidden = found.length <= shown;
    ui.hidden = false;
    all.hidden = true;
    if (focusFrom >= 0) list.querySelectorAll("a")[focusFrom]?.focus();
  }

  // Keeps the query and the kind in the address, so it can be shared and reloaded.
  function remember() {
    const params = new URLSearchParams(location.search);
    const set = (key, value) => (value ? params.set(key, value) : params.delete(key));
    set("q", input.value.trim() && input.value);
    set("kind", state && kind ? kindOf(state.m, kind)[0] : "");
    const search = params.toString();
    history.replaceState(history.state, "", search ? `?${search}` : location.pathname);
  }

  const redraw = (focusFrom) => draw(seq, focusFrom).catch(() => {});
  chips.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b || !state) return;
    kind = b.dataset.kind;
    shown = PAGE;
    for (const c of chips.querySelectorAll("button")) c.setAttribute("aria-pressed", String(c === b));
    remember();
    redraw();
  });
  more.addEventListener("click", () => { const from = shown; shown += PAGE; redraw(from); });
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", update);
  input.form.addEventListener("submit", (e) => {
    e.preventDefault();
    update().then(() => list.querySelector("a")?.focus());
  });
  // Arrow keys move from the box into the results, between them, and back.
  box.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("a")];
    const i = e.target === input ? -1 : links.indexOf(e.target);
    if (!links.length || (i < 0 && (e.target !== input || e.key === "ArrowUp"))) return;
    e.preventDefault();
    const next = i + (e.key === "ArrowDown" ? 1 : -1);
    (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
  });

  $("search-nojs").hidden = true;
  $("search-live-hint").hidden = false;
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  if (input.value.trim()) {
    load().then((m) => {
      const i = m.kinds.findIndex(([section]) => section === params.get("kind"));
      if (i >= 0) kind = String.fromCharCode(97 + i);
    }).catch(() => {}).then(update);
  }
})();
