// medialit studio: the editor's page. Plain DOM (no framework, no build step); every text from the course is set as
// text (textContent, input values), never as HTML. Talks to the studio's JSON API with the session token.

const TOKEN = new URLSearchParams(location.search).get("token") || sessionStorage.getItem("medialit-token") || "";
sessionStorage.setItem("medialit-token", TOKEN);
if (location.search.includes("token=")) history.replaceState(null, "", location.pathname);

const KINDS = ["claim", "opinion", "contradiction", "technique", "source"];
const ICON = { claim: "C", opinion: "O", contradiction: "≠", technique: "T", source: "S" };
const $ = (id) => document.getElementById(id);

const state = {
  course: null, slug: "", file: null, dirty: false, editing: -1, selection: null, passages: [],
  bank: null, bankDirty: false, qEditing: -1, suggestions: [],
};

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}

function say(message) {
  const status = $("status");
  status.textContent = "";
  setTimeout(() => { status.textContent = message; }, 30);
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method, headers: { "X-Medialit-Token": TOKEN, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch { data = { message: `${res.status} ${res.statusText}` }; }
  return { status: res.status, data };
}

// ------------------------------------------------------------------------------------------------ tabs

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) { e.preventDefault(); select(tabs[(i + step + tabs.length) % tabs.length], true); }
      if (e.key === "Home") { e.preventDefault(); select(tabs[0], true); }
      if (e.key === "End") { e.preventDefault(); select(tabs[tabs.length - 1], true); }
    });
  });
}

// ------------------------------------------------------------------------------------------------ article

function renderLayers() {
  const box = $("layers");
  box.querySelectorAll("label").forEach((l) => l.remove());
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const a of state.file.data.annotations || []) if (a && counts[a.kind] !== undefined) counts[a.kind] += 1;
  for (const k of KINDS) {
    box.append(h("label", { class: `mlq-layer-toggle k-${k}` },
      h("input", { type: "checkbox", "data-layer": k, checked: true }), " ",
      h("span", { class: `mlq-swatch k-${k}`, "aria-hidden": "true", text: ICON[k] }), ` ${k} (${counts[k]})`));
  }
}

function renderArticle() {
  const plain = state.file.plain;
  const anns = state.file.data.annotations || [];
  const cuts = new Set([0, plain.length]);
  const spans = [];
  for (const a of anns) {
    for (const [s, e] of (state.file.spans[a.id] || [])) { spans.push([s, e, a]); cuts.add(s); cuts.add(e); }
  }
  for (let i = 0; i < plain.length; i++) if (plain[i] === "\n" && plain[i + 1] === "\n") { cuts.add(i); cuts.add(i + 2); }
  const points = [...cuts].sort((x, y) => x - y);
  const art = $("article");
  art.textContent = "";
  let para = h("p");
  art.append(para);
  for (let i = 0; i < points.length - 1; i++) {
    const s = points[i], e = points[i + 1];
    const piece = plain.slice(s, e);
    if (piece === "\n\n") { para = h("p"); art.append(para); continue; }
    if (!piece) continue;
    const over = spans.filter(([a, b]) => a <= s && e <= b).map(([, , ann]) => ann);
    const seg = h("span", { "data-s": s }, ...piece.split("\n").flatMap((line, j) => j ? [h("br"), line] : [line]));
    if (over.length) {
      const kinds = [...new Set(over.map((x) => x.kind))];
      const mark = h("mark", { class: "mlq-ann " + kinds.map((k) => `k-${k}`).join(" "),
        "data-ann": over.map((x) => x.id).join(" "), title: over.map((x) => `${x.kind}: ${x.id}`).join("; ") }, seg);
      para.append(mark);
    } else {
      para.append(seg);
    }
  }
}

// the plain-text offset of a DOM point inside the article (text nodes sit in spans that carry their start)
function offsetOf(node, offset) {
  const art = $("article");
  if (!art.contains(node)) return null;
  if (node.nodeType !== Node.TEXT_NODE) {
    const child = node.childNodes[offset];
    if (child) { const t = firstText(child); if (t) return offsetOf(t, 0); }
    const prev = node.childNodes[offset - 1];
    if (prev) { const t = lastText(prev); if (t) return offsetOf(t, t.length); }
    return null;
  }
  const span = node.parentElement.closest("[data-s]");
  if (!span) return null;
  let pos = Number(span.dataset.s);
  for (const c of span.childNodes) {
    if (c === node) return pos + offset;
    pos += c.nodeType === Node.TEXT_NODE ? c.length : (c.nodeName === "BR" ? 1 : 0);
  }
  return pos;
}
function firstText(n) { if (n.nodeType === Node.TEXT_NODE) return n; for (const c of n.childNodes) { const t = firstText(c); if (t) return t; } return null; }
function lastText(n) { if (n.nodeType === Node.TEXT_NODE) return n; for (const c of [...n.childNodes].reverse()) { const t = lastText(c); if (t) return t; } return null; }

function currentSelection() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const start = offsetOf(r.startContainer, r.startOffset), end = offsetOf(r.endContainer, r.endOffset);
  if (start == null || end == null || start === end) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

async function quoteFor(sel) {
  const { data } = await api("POST", `/api/article/${state.slug}/quote`, sel);
  return data;
}

function slugWords(text, n = 4) {
  return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().match(/[a-z0-9]+/g)?.slice(0, n).join("-") || "note";
}
function freshId(kind, text) {
  const used = new Set((state.file.data.annotations || []).map((a) => a.id));
  const base = `${kind}-${slugWords(text)}`;
  let id = base, n = 2;
  while (used.has(id)) id = `${base}-${n++}`;
  return id;
}

// ------------------------------------------------------------------------------------------------ the form

function showKindFields() {
  const kind = $("f-kind").value;
  for (const el of $("ann-form").querySelectorAll("[data-for]")) el.hidden = !el.dataset.for.split(" ").includes(kind);
}

function passageRow(text = "") {
  const ta = h("textarea", { rows: 2, "aria-label": "Passage" });
  ta.value = text;
  const li = h("li", {}, ta, h("button", { type: "button", text: "Remove", "aria-label": "Remove this passage",
    onclick: () => { li.remove(); } }));
  return li;
}

function sourceRow(src = {}) {
  const f = (name, label, type = "text") => {
    const inp = h("input", { type, "data-k": name, "aria-label": label, placeholder: label });
    inp.value = src[name] || "";
    return h("label", { class: "st-inline" }, h("span", { text: label }), inp);
  };
  const li = h("li", { class: "st-source" }, f("title", "Title"), f("publisher", "Publisher"),
    f("date", "Date (YYYY-MM-DD, required)"), f("url", "Address (https://…)", "url"),
    h("button", { type: "button", text: "Remove source", onclick: () => li.remove() }));
  return li;
}

function openForm(ann, index) {
  state.editing = index;
  const form = $("ann-form");
  form.hidden = false;
  $("ann-form-title").textContent = index >= 0 ? `Edit annotation ${ann.id}` : "New annotation";
  $("ann-apply").textContent = index >= 0 ? "Update the annotation" : "Add to the annotations";
  $("f-kind").value = ann.kind || "claim";
  $("f-quote").value = ann.quote || "";
  $("f-prefix").value = ann.prefix || "";
  $("f-id").value = ann.id || "";
  $("f-note").value = ann.note || "";
  $("f-verdict").value = ann.verdict || "";
  $("f-context").value = ann.context_since || "";
  $("f-cues").value = (ann.cues || []).join(", ");
  $("f-technique").value = ann.technique || "";
  $("f-instructor").value = ann.instructor_note || "";
  $("f-quotes").textContent = "";
  for (const q of ann.quotes || []) $("f-quotes").append(passageRow(q));
  $("f-sources").textContent = "";
  for (const s of ann.sources || []) $("f-sources").append(sourceRow(s));
  $("quote-status").textContent = "";
  $("quote-choices").textContent = "";
  showKindFields();
  showFieldProblems(index);
  $("f-kind").focus();
}

function readForm() {
  const kind = $("f-kind").value;
  const old = state.editing >= 0 ? state.file.data.annotations[state.editing] : {};
  const a = { id: $("f-id").value.trim() || freshId(kind, $("f-quote").value || "note"), kind };
  if (kind === "contradiction") {
    a.quotes = [...$("f-quotes").querySelectorAll("textarea")].map((t) => t.value.trim()).filter(Boolean);
  } else {
    a.quote = $("f-quote").value.trim();
  }
  const prefix = $("f-prefix").value.trim();
  if (prefix) a.prefix = prefix;
  a.note = $("f-note").value.trim();
  if (kind === "claim") {
    const v = $("f-verdict").value;
    if (v) a.verdict = v;
  }
  const sources = [...$("f-sources").querySelectorAll("li")].map((li) => {
    const s = {};
    for (const inp of li.querySelectorAll("input")) if (inp.value.trim()) s[inp.dataset.k] = inp.value.trim();
    return s;
  }).filter((s) => Object.keys(s).length);
  if (sources.length) a.sources = sources.map((s, i) => ({ ...(old.sources?.[i] || {}), ...s }));
  if (kind === "claim" && $("f-context").value.trim()) a.context_since = $("f-context").value.trim();
  if (kind === "opinion") a.cues = $("f-cues").value.split(",").map((c) => c.trim()).filter(Boolean);
  if (kind === "technique" && $("f-technique").value) a.technique = $("f-technique").value;
  if ($("f-instructor").value.trim()) a.instructor_note = $("f-instructor").value.trim();
  return a;
}

async function useSelection(asPassage) {
  const sel = currentSelection() || state.selection;
  if (!sel) { say("Select some words of the article first."); $("article").focus(); return; }
  const found = await quoteFor(sel);
  if (!found.quote) { say(found.message || "That selection cannot be quoted on its own: select a little more."); return; }
  if (asPassage) {
    $("f-quotes").append(passageRow(found.quote));
    say(`Passage added: “${found.quote}”.`);
  } else {
    $("f-quote").value = found.quote;
    $("f-prefix").value = found.prefix || "";
    $("quote-status").textContent = found.prefix
      ? `These words occur ${found.count} times: the prefix “${found.prefix}” picks the one you selected.`
      : "Found once in the article.";
  }
  state.pendingSpan = found.span;
}

async function annotateSelection() {
  const sel = currentSelection();
  if (!sel) { say("Select some words of the article first (or type them into Quote)."); openForm({ kind: "claim" }, -1); return; }
  const found = await quoteFor(sel);
  if (!found.quote) { say(found.message || "Select a little more text."); return; }
  openForm({ kind: $("f-kind").value || "claim", quote: found.quote, prefix: found.prefix || "" }, -1);
  $("f-id").value = freshId($("f-kind").value, found.quote);
  $("quote-status").textContent = found.prefix
    ? `These words occur ${found.count} times: the prefix “${found.prefix}” picks the one you selected.`
    : "Found once in the article.";
  state.pendingSpan = found.span;
  if ($("f-kind").value === "contradiction") { $("f-quotes").append(passageRow(found.quote)); $("f-quote").value = ""; }
}

function applyForm(e) {
  e.preventDefault();
  const a = readForm();
  const anns = state.file.data.annotations || (state.file.data.annotations = []);
  if (state.editing >= 0) {
    const oldId = anns[state.editing].id;
    const spans = state.file.spans[oldId];
    anns[state.editing] = a;
    if (spans && oldId !== a.id) { state.file.spans[a.id] = spans; delete state.file.spans[oldId]; }
  } else {
    anns.push(a);
  }
  if (state.pendingSpan && a.quote) state.file.spans[a.id] = [state.pendingSpan];
  state.pendingSpan = null;
  state.editing = -1;
  $("ann-form").hidden = true;
  markDirty(true);
  renderAll();
  say(`Annotation ${a.id} is in the list; press “Save annotations.yaml” to write the file.`);
  $("save-annotations").focus();
}

function markDirty(on) {
  state.dirty = on;
  $("dirty-annotations").textContent = on ? "Unsaved changes" : "";
}

// ------------------------------------------------------------------------------------------------ problems

function problemsOf(prefix) {
  // problems of the open annotations file whose field starts with prefix (an array)
  return (state.file.problems || []).filter((p) => p.path === state.file.path && p.field &&
    prefix.every((v, i) => p.field[i] === v));
}

function problemText(p) { return `${p.severity === "warning" ? "To do" : "Problem"}: ${p.message}${p.hint ? ` (${p.hint})` : ""}`; }

function showFieldProblems(index) {
  const form = $("ann-form");
  form.querySelectorAll(".st-problem").forEach((el) => el.remove());
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  if (index < 0) return;
  for (const p of problemsOf(["annotations", index])) {
    const key = p.field[2] || "id";
    const box = form.querySelector(`[data-field="${CSS.escape(String(key))}"]:not([hidden])`) ||
      form.querySelector('[data-field="id"]');
    const msg = h("p", { class: `st-problem st-${p.severity}`, id: `prob-${key}-${Math.random().toString(36).slice(2, 8)}`,
      text: problemText(p) });
    box.append(msg);
    const control = box.querySelector("input, textarea, select");
    if (control) { control.setAttribute("aria-invalid", "true"); control.setAttribute("aria-describedby", msg.id); }
  }
}

function renderProblems(boxId, filter) {
  const box = $(boxId);
  box.textContent = "";
  const list = (state.file?.problems || []).filter(filter);
  if (!list.length) return;
  box.append(h("h3", { text: `${list.length} problem${list.length === 1 ? "" : "s"} found by the checks` }),
    h("ul", {}, list.map((p) => h("li", { class: `st-${p.severity}` },
      h("span", { text: `${p.path}:${p.line}:${p.column} ` }), problemText(p)))));
}

// ------------------------------------------------------------------------------------------------ lists

function renderList() {
  const list = $("ann-list");
  list.textContent = "";
  const anns = state.file.data.annotations || [];
  $("ann-list-title").textContent = `Annotations (${anns.length})`;
  anns.forEach((a, i) => {
    const quote = a.quote || (a.quotes || []).join(" … ");
    const probs = problemsOf(["annotations", i]);
    const li = h("li", { class: `st-item k-${a.kind}`, "data-id": a.id },
      h("span", { class: `mlq-swatch k-${a.kind}`, "aria-hidden": "true", text: ICON[a.kind] || "?" }), " ",
      h("strong", { text: `${a.kind}` }), ` · ${a.id} · `,
      h("q", { text: quote.length > 90 ? quote.slice(0, 87) + "…" : quote }),
      probs.length ? h("ul", { class: "st-item-problems" }, probs.map((p) => h("li", { class: `st-problem st-${p.severity}`,
        text: `${(p.field || []).slice(2).join(".") || "annotation"}: ${p.message}` }))) : null,
      h("span", { class: "st-item-actions" },
        h("button", { type: "button", text: "Edit", "aria-label": `Edit ${a.id}`, onclick: () => openForm(a, i) }),
        h("button", { type: "button", text: "Delete", "aria-label": `Delete ${a.id}`, onclick: () => {
          if (!confirm(`Delete the annotation ${a.id}? It leaves the file when you save.`)) return;
          anns.splice(i, 1); markDirty(true); renderAll(); say(`Annotation ${a.id} deleted; save to write the file.`);
        } })));
    list.append(li);
  });
}

async function loadSuggestions() {
  const { data } = await api("GET", `/api/article/${state.slug}/suggestions`);
  const dismissed = new Set(JSON.parse(localStorage.getItem(`medialit-dismissed-${state.slug}`) || "[]"));
  state.suggestions = (data.suggestions || []).filter((s) => !dismissed.has(`${s.kind}|${s.quote}`));
  renderSuggestions();
  say(`${state.suggestions.length} suggestions.`);
}

function renderSuggestions() {
  const list = $("sugg-list");
  list.textContent = "";
  for (const s of state.suggestions) {
    const key = `${s.kind}|${s.quote}`;
    list.append(h("li", { class: `st-item k-${s.kind}` },
      h("span", { class: `mlq-swatch k-${s.kind}`, "aria-hidden": "true", text: ICON[s.kind] }), " ",
      h("strong", { text: s.kind }), " · ", h("q", { text: s.quote }),
      h("p", { class: "st-hint", text: `Why: ${s.reasons.join("; ")}` }),
      h("span", { class: "st-item-actions" },
        h("button", { type: "button", text: "Accept and complete", "aria-label": `Accept the ${s.kind} suggestion “${s.quote.slice(0, 40)}”`,
          onclick: () => {
            openForm({ kind: s.kind, quote: s.quote, prefix: s.prefix || "", cues: s.cues, technique: s.technique || "",
              id: freshId(s.kind, s.quote) }, -1);
            state.pendingSpan = s.span;
            state.suggestions = state.suggestions.filter((x) => x !== s);
            renderSuggestions();
            say("Complete the annotation (the note, and a verdict for a claim), then add it.");
          } }),
        h("button", { type: "button", text: "Dismiss", "aria-label": `Dismiss the ${s.kind} suggestion “${s.quote.slice(0, 40)}”`,
          onclick: () => {
            const d = new Set(JSON.parse(localStorage.getItem(`medialit-dismissed-${state.slug}`) || "[]"));
            d.add(key);
            localStorage.setItem(`medialit-dismissed-${state.slug}`, JSON.stringify([...d]));
            state.suggestions = state.suggestions.filter((x) => x !== s);
            renderSuggestions();
            say("Suggestion dismissed.");
          } }))));
  }
}

// ------------------------------------------------------------------------------------------------ guide

const GUIDE_LISTS = [["objectives", "Objectives: what students will be able to do"],
  ["before_reading", "Before reading"], ["during_reading", "During reading"], ["after_reading", "After reading"]];

function renderGuide() {
  const box = $("guide-form");
  box.textContent = "";
  const g = state.file.data.guide || (state.file.data.guide = {});
  const probs = (path) => problemsOf(["guide", ...path]).map((p) => h("p", { class: `st-problem st-${p.severity}`, text: problemText(p) }));
  for (const [key, label] of GUIDE_LISTS) {
    const items = g[key] || (g[key] = []);
    const ol = h("ol", { class: "st-rows" });
    items.forEach((text, i) => {
      const ta = h("textarea", { rows: 2, "aria-label": `${label}, item ${i + 1}`, "data-guide": key });
      ta.value = text;
      ta.addEventListener("input", () => { items[i] = ta.value; markDirty(true); });
      ol.append(h("li", { class: "st-prompt" }, ta, h("button", { type: "button", text: "Remove",
        "aria-label": `Remove ${label} item ${i + 1}`, onclick: () => { items.splice(i, 1); markDirty(true); renderGuide(); } }),
      probs([key, i])));
    });
    box.append(h("fieldset", { class: "st-field", "data-guide-list": key }, h("legend", { text: label }), ol, probs([key]),
      h("button", { type: "button", text: "Add a prompt", "aria-label": `Add to ${label}`,
        onclick: () => { items.push(""); renderGuide(); box.querySelector(`[data-guide-list="${key}"] li:last-child textarea`)?.focus(); } })));
  }
  // vocabulary: term -> definition
  const vocab = Object.entries(g.vocabulary || {});
  const vol = h("ol", { class: "st-rows" });
  const writeVocab = () => {
    const rows = [...vol.querySelectorAll("li")].map((li) => [li.querySelector(".v-term").value.trim(), li.querySelector(".v-def").value]);
    const out = {};
    for (const [t, d] of rows) if (t) out[t] = d;
    if (Object.keys(out).length) g.vocabulary = out; else delete g.vocabulary;
    markDirty(true);
  };
  const vrow = (t = "", d = "") => {
    const term = h("input", { type: "text", class: "v-term", "aria-label": "Term", placeholder: "Term" });
    const def = h("input", { type: "text", class: "v-def", "aria-label": `Definition`, placeholder: "Definition" });
    term.value = t; def.value = d;
    term.addEventListener("input", writeVocab); def.addEventListener("input", writeVocab);
    const li = h("li", { class: "st-source" }, term, def, h("button", { type: "button", text: "Remove",
      onclick: () => { li.remove(); writeVocab(); } }));
    return li;
  };
  for (const [t, d] of vocab) vol.append(vrow(t, d));
  box.append(h("fieldset", { class: "st-field" }, h("legend", { text: "Vocabulary" }), vol, probs(["vocabulary"]),
    h("button", { type: "button", text: "Add a term", onclick: () => { vol.append(vrow()); vol.lastChild.querySelector("input").focus(); } })));
  // timeline: date, event
  const events = g.timeline || [];
  const tol = h("ol", { class: "st-rows" });
  const writeTimeline = () => {
    const rows = [...tol.querySelectorAll("li")].map((li) => ({ date: li.querySelector(".t-date").value.trim(), event: li.querySelector(".t-event").value }));
    const kept = rows.filter((r) => r.date || r.event);
    if (kept.length) g.timeline = kept; else delete g.timeline;
    markDirty(true);
  };
  const trow = (ev = {}, i = -1) => {
    const date = h("input", { type: "text", class: "t-date", "aria-label": "Date (YYYY-MM-DD)", placeholder: "YYYY-MM-DD" });
    const event = h("input", { type: "text", class: "t-event", "aria-label": "Event", placeholder: "What happened" });
    date.value = ev.date || ""; event.value = ev.event || "";
    date.addEventListener("input", writeTimeline); event.addEventListener("input", writeTimeline);
    const li = h("li", { class: "st-source" }, date, event, h("button", { type: "button", text: "Remove",
      onclick: () => { li.remove(); writeTimeline(); } }), i >= 0 ? probs(["timeline", i]) : null);
    return li;
  };
  events.forEach((ev, i) => tol.append(trow(ev, i)));
  box.append(h("fieldset", { class: "st-field" }, h("legend", { text: "Timeline" }), tol,
    h("button", { type: "button", text: "Add an event", onclick: () => { tol.append(trow()); tol.lastChild.querySelector("input").focus(); } })));
}

// ------------------------------------------------------------------------------------------------ saving

async function saveAnnotations(force) {
  const clean = JSON.parse(JSON.stringify(state.file.data));
  const g = clean.guide || {};
  for (const [key] of GUIDE_LISTS) if (Array.isArray(g[key])) g[key] = g[key].map((x) => x.trim()).filter(Boolean);
  const { status, data } = await api("PUT", `/api/article/${state.slug}`,
    { version: state.file.version, data: { guide: clean.guide, annotations: clean.annotations }, force });
  if (status === 409) { showConflict(data.message, () => openArticle(state.slug)); return false; }
  state.file.problems = data.problems || [];
  if (data.written) {
    state.file.version = data.version;
    state.file.data = data.data;
    state.file.spans = data.spans;
    markDirty(false);
    const errors = state.file.problems.filter((p) => p.severity === "error").length;
    say(errors ? `Saved ${state.file.path}, with ${errors} problem(s) shown next to their fields.`
      : `Saved ${state.file.path}: it passes medialit check.`);
  } else {
    say(`Not saved: the checks found problems in ${state.file.path}, shown next to their fields. Fix them, or tick “save even with problems”.`);
  }
  renderAll();
  if (!data.written) {
    const first = state.file.problems.find((p) => p.path === state.file.path && p.field && p.field[0] === "annotations");
    if (first) { const a = state.file.data.annotations[first.field[1]]; if (a) openForm(a, first.field[1]); }
  }
  return data.written;
}

function showConflict(message, reload) {
  $("conflict-text").textContent = message;
  $("conflict").hidden = false;
  $("conflict-reload").onclick = async () => { $("conflict").hidden = true; await reload(); say("Reloaded from disk."); };
  $("conflict-dismiss").onclick = () => { $("conflict").hidden = true; };
  $("conflict-reload").focus();
}

// ------------------------------------------------------------------------------------------------ questions

const Q_TYPES = ["single", "multiple", "true-false", "numeric"];

async function openBank(name) {
  if (!name) { state.bank = null; renderBank(); return; }
  const { data } = await api("GET", `/api/bank/${encodeURIComponent(name)}`);
  if (data.broken) {
    state.bank = null;
    renderBank();
    $("problems-bank").append(h("ul", {}, data.problems.filter((p) => p.path === data.path)
      .map((p) => h("li", { class: "st-error", text: `line ${p.line}: ${problemText(p)}` }))));
    say(`${data.path} cannot be read as YAML: fix it in a text editor, then reload this page.`);
    return;
  }
  state.bank = data;
  state.bankDirty = false;
  $("dirty-bank").textContent = "";
  renderBank();
}

function bankProblems(prefix) {
  return (state.bank?.problems || []).filter((p) => p.path === state.bank.path && p.field && prefix.every((v, i) => p.field[i] === v));
}

function renderBank() {
  const list = $("q-list");
  list.textContent = "";
  $("q-form").hidden = true;
  const box = $("problems-bank");
  box.textContent = "";
  if (!state.bank) { list.append(h("li", { text: "This article has no bank yet: `medialit new` makes one." })); return; }
  const qs = state.bank.data.questions || [];
  qs.forEach((q, i) => {
    const editable = Q_TYPES.includes(q.type);
    const probs = bankProblems(["questions", i]);
    list.append(h("li", { class: "st-item" }, h("strong", { text: q.type }), ` · ${q.id} · `,
      h("span", { text: (q.prompt || "").slice(0, 90) }),
      probs.length ? h("ul", { class: "st-item-problems" }, probs.map((p) => h("li", { class: `st-problem st-${p.severity}`, text: p.message }))) : null,
      h("span", { class: "st-item-actions" },
        editable ? h("button", { type: "button", text: "Edit", "aria-label": `Edit question ${q.id}`, onclick: () => openQuestion(q, i) })
          : h("span", { class: "st-hint", text: "(edit this type in the YAML file)" }),
        h("button", { type: "button", text: "Delete", "aria-label": `Delete question ${q.id}`, onclick: () => {
          if (!confirm(`Delete the question ${q.id}?`)) return;
          qs.splice(i, 1); bankDirty(); renderBank();
        } }))));
  });
  const other = (state.bank.problems || []).filter((p) => p.path === state.bank.path);
  if (other.length) box.append(h("ul", {}, other.map((p) => h("li", { class: `st-${p.severity}`, text: `line ${p.line}: ${problemText(p)}` }))));
}

function bankDirty() { state.bankDirty = true; $("dirty-bank").textContent = "Unsaved changes"; }

function optionRow(o = {}, type = "single") {
  const text = h("input", { type: "text", class: "o-text", "aria-label": "Option text", placeholder: "Option" });
  text.value = o.text || "";
  const correct = h("input", { type: type === "single" ? "radio" : "checkbox", name: "q-correct", class: "o-correct" });
  correct.checked = !!o.correct;
  const fb = h("input", { type: "text", class: "o-feedback", "aria-label": "Feedback for this option", placeholder: "Feedback (optional)" });
  fb.value = o.feedback || "";
  const li = h("li", { class: "st-source" }, text, h("label", { class: "st-inline" }, correct, " right answer"), fb,
    h("button", { type: "button", text: "Remove option", onclick: () => li.remove() }));
  li.dataset.extra = JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !["text", "correct", "feedback"].includes(k))));
  return li;
}

function showQFields() {
  const type = $("q-type").value;
  for (const el of $("q-form").querySelectorAll("[data-for]")) el.hidden = !el.dataset.for.split(" ").includes(type);
  for (const c of $("q-options").querySelectorAll(".o-correct")) c.type = type === "single" ? "radio" : "checkbox";
}

function openQuestion(q, i) {
  state.qEditing = i;
  $("q-form").hidden = false;
  $("q-form-title").textContent = i >= 0 ? `Edit question ${q.id}` : "New question";
  $("q-id").value = q.id || "";
  $("q-type").value = q.type || "single";
  $("q-prompt").value = q.prompt || "";
  $("q-options").textContent = "";
  for (const o of q.options || []) $("q-options").append(optionRow(o, q.type));
  $("q-tf-true").checked = q.answer === true;
  $("q-tf-false").checked = q.answer === false;
  $("q-answer").value = q.type === "numeric" && q.answer != null ? String(q.answer) : "";
  $("q-tolerance").value = q.tolerance != null ? String(q.tolerance) : "";
  $("q-unit").value = q.unit || "";
  $("q-hint").value = q.hint || "";
  $("q-explanation").value = q.explanation || "";
  showQFields();
  const form = $("q-form");
  form.querySelectorAll(".st-problem").forEach((el) => el.remove());
  if (i >= 0) for (const p of bankProblems(["questions", i])) {
    const box = form.querySelector(`[data-field="${CSS.escape(String(p.field[2] || "id"))}"]:not([hidden])`) || form.querySelector('[data-field="id"]');
    box.append(h("p", { class: `st-problem st-${p.severity}`, text: problemText(p) }));
  }
  $("q-id").focus();
}

function readQuestion() {
  const type = $("q-type").value;
  const old = state.qEditing >= 0 ? state.bank.data.questions[state.qEditing] : {};
  const q = {};
  // keep fields the form does not show (points, tags, feedback...) in their place
  for (const [k, v] of Object.entries(old)) if (!["options", "answer", "tolerance", "unit"].includes(k)) q[k] = v;
  q.id = $("q-id").value.trim();
  q.type = type;
  q.prompt = $("q-prompt").value.trim();
  if (type === "single" || type === "multiple") {
    q.options = [...$("q-options").querySelectorAll("li")].map((li) => {
      const o = { text: li.querySelector(".o-text").value.trim() };
      if (li.querySelector(".o-correct").checked) o.correct = true;
      const fb = li.querySelector(".o-feedback").value.trim();
      if (fb) o.feedback = fb;
      return { ...o, ...JSON.parse(li.dataset.extra || "{}") };
    }).filter((o) => o.text);
  }
  if (type === "true-false") q.answer = $("q-tf-true").checked ? true : ($("q-tf-false").checked ? false : null);
  if (type === "numeric") {
    const num = (s) => (s.trim() === "" || Number.isNaN(Number(s)) ? s.trim() : Number(s));
    if ($("q-answer").value.trim()) q.answer = num($("q-answer").value);
    if ($("q-tolerance").value.trim()) q.tolerance = num($("q-tolerance").value);
    if ($("q-unit").value.trim()) q.unit = $("q-unit").value.trim();
  }
  for (const k of ["hint", "explanation"]) { const v = $(`q-${k}`).value.trim(); if (v) q[k] = v; else delete q[k]; }
  if (q.answer === null) delete q.answer;
  return q;
}

async function saveBank(force) {
  const { status, data } = await api("PUT", `/api/bank/${encodeURIComponent(state.bank.name)}`,
    { version: state.bank.version, data: { questions: state.bank.data.questions }, force });
  if (status === 409) { showConflict(data.message, () => openBank(state.bank.name)); return; }
  state.bank.problems = data.problems || [];
  if (data.written) {
    state.bank.version = data.version;
    state.bank.data = data.data;
    state.bankDirty = false;
    $("dirty-bank").textContent = "";
    say(`Saved ${state.bank.path}.`);
  } else {
    say(`Not saved: the checks found problems in ${state.bank.path}, shown next to their fields.`);
  }
  renderBank();
}

// ------------------------------------------------------------------------------------------------ preview

async function buildPreview() {
  $("build-preview").disabled = true;
  say("Building the preview…");
  const { data } = await api("POST", "/api/preview");
  $("build-preview").disabled = false;
  const links = $("preview-links");
  links.textContent = "";
  $("preview-log").hidden = data.ok;
  $("preview-log").textContent = data.log || data.message || "";
  if (!data.ok) { say("The preview could not be built: see the messages below."); return; }
  const pages = [["the article page", `/preview/book/${state.slug}/article.html`]];
  for (const b of state.course.banks.filter((x) => x.article === state.slug && x.bank)) {
    pages.push([`the quiz “${b.title || b.bank}”`, `/preview/book/${state.slug}/quiz-${b.bank}.html`]);
  }
  const frame = $("preview-frame");
  for (const [label, href] of pages) {
    links.append(h("button", { type: "button", text: `Show ${label}`, onclick: () => { frame.hidden = false; frame.src = href; frame.title = `Preview: ${label}`; } }), " ");
  }
  frame.hidden = false;
  frame.src = pages[0][1];
  say("Preview built.");
}

// ------------------------------------------------------------------------------------------------ start

function renderAll() {
  renderLayers();
  renderArticle();
  renderList();
  renderGuide();
  renderProblems("problems-annotations", (p) => p.path === state.file.path && !(p.field && p.field[0] === "guide"));
  renderProblems("problems-guide", (p) => p.path === state.file.path && p.field && p.field[0] === "guide");
}

async function openArticle(slug) {
  state.slug = slug;
  const { status, data } = await api("GET", `/api/article/${slug}`);
  if (data.broken) {
    state.file = { path: data.path, problems: data.problems, data: { annotations: [], guide: {} }, plain: "", spans: {} };
    renderProblems("problems-annotations", (p) => p.path === data.path);
    say(`${data.path} cannot be read as YAML: fix the problem listed below in a text editor, then reload this page.`);
    return;
  }
  if (status !== 200) { say(`Cannot open ${slug}: ${data.message || status}`); return; }
  state.file = data;
  state.editing = -1;
  state.suggestions = [];
  $("sugg-list").textContent = "";
  $("ann-form").hidden = true;
  markDirty(false);
  renderAll();
  const picker = $("bank-picker");
  picker.textContent = "";
  const banks = state.course.banks.filter((b) => b.article === slug);
  for (const b of banks) picker.append(h("option", { value: b.name, text: `${b.title || b.bank} (quizzes/${b.name})` }));
  await openBank(banks[0]?.name);
}

async function start() {
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const theme = () => { document.documentElement.dataset.theme = dark.matches ? "dark" : "light"; };
  theme();
  dark.addEventListener("change", theme);  // the highlight colours of chapter.css follow the theme attribute
  setupTabs();
  const { status, data } = await api("GET", "/api/course");
  if (status !== 200) { say("The studio refused this page: open the address printed by `medialit studio` again."); return; }
  state.course = data;
  for (const v of data.verdicts) $("f-verdict").append(h("option", { value: v, text: v }));
  for (const t of data.techniques) $("f-technique").append(h("option", { value: t, text: t }));
  const picker = $("article-picker");
  for (const a of data.articles) picker.append(h("option", { value: a.slug, text: a.title }));
  picker.addEventListener("change", () => {
    if (state.dirty && !confirm("Your annotations have unsaved changes. Open another article anyway?")) { picker.value = state.slug; return; }
    openArticle(picker.value);
  });
  $("f-kind").addEventListener("change", showKindFields);
  $("ann-form").addEventListener("submit", applyForm);
  $("ann-cancel").addEventListener("click", () => { $("ann-form").hidden = true; state.editing = -1; $("annotate-selection").focus(); });
  $("annotate-selection").addEventListener("mousedown", (e) => e.preventDefault());  // keep the selection
  $("annotate-selection").addEventListener("click", annotateSelection);
  $("add-passage").addEventListener("mousedown", (e) => e.preventDefault());
  $("add-passage").addEventListener("click", () => useSelection(true));
  $("add-source").addEventListener("click", () => { $("f-sources").append(sourceRow()); $("f-sources").lastChild.querySelector("input").focus(); });
  document.addEventListener("selectionchange", () => { const s = currentSelection(); if (s) state.selection = s; });
  $("f-quote").addEventListener("input", () => { state.pendingSpan = null; $("quote-status").textContent = "The quote is checked against the article when you save."; });
  $("load-suggestions").addEventListener("click", loadSuggestions);
  $("save-annotations").addEventListener("click", () => saveAnnotations($("force-annotations").checked));
  $("save-guide").addEventListener("click", () => saveAnnotations($("force-guide").checked));
  $("bank-picker").addEventListener("change", () => openBank($("bank-picker").value));
  $("q-type").addEventListener("change", showQFields);
  $("q-add-option").addEventListener("click", () => { $("q-options").append(optionRow({}, $("q-type").value)); $("q-options").lastChild.querySelector("input").focus(); });
  $("q-new").addEventListener("click", () => openQuestion({ type: "single", options: [{}, {}] }, -1));
  $("q-cancel").addEventListener("click", () => { $("q-form").hidden = true; });
  $("q-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = readQuestion();
    const qs = state.bank.data.questions;
    if (state.qEditing >= 0) qs[state.qEditing] = q; else qs.push(q);
    bankDirty();
    renderBank();
    say(`Question ${q.id} is in the list; press “Save the bank” to write the file.`);
    $("save-bank").focus();
  });
  $("save-bank").addEventListener("click", () => saveBank($("force-bank").checked));
  $("build-preview").addEventListener("click", buildPreview);
  window.addEventListener("beforeunload", (e) => { if (state.dirty || state.bankDirty) e.preventDefault(); });
  if (data.articles.length) await openArticle(data.articles[0].slug);
  else say("This course has no article yet: start one with `medialit new <slug> --from FILE`.");
}

start();
