// Media-literacy quiz runtime (anywidget contract). Contract: book/develop/quiz-runtime.md
// ---- pure part: PRNG, shuffling, drawing, unsealing, grading (must match Python) ----
function fnv1a(str) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(str)) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}
function mulberry32(a) {
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
function shuffled(list, rng) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = rng() % (i + 1); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}
const rngFor = (s) => mulberry32(fnv1a(s));
// ids of the questions shown to this student, in spec order
function drawIds(spec, seed) {
  const ids = spec.questions.map((q) => q.id);
  if (!(spec.draw > 0)) return ids;
  const keep = new Set(shuffled(ids, rngFor(seed + ':' + spec.id + ':draw')).slice(0, spec.draw));
  return ids.filter((id) => keep.has(id));
}
// options of a single/multiple question in the order this student sees them
function optionOrder(spec, q, seed) {
  const o = q.options || [];
  if (!spec.shuffle) return o.slice();
  const mixed = shuffled(o.filter((x) => !x.pinned), rngFor(seed + ':' + spec.id + ':' + q.id));
  let i = 0;
  return o.map((x) => (x.pinned ? x : mixed[i++]));
}
// a sealed key -> the key, as Python's seal.unseal: base64, XORed with the 32-byte pad of (salt, qid): eight
// big-endian words of the keystream
function unseal(text, salt, qid) {
  const bin = atob(text), rng = rngFor(salt + ':' + qid), pad = new Uint8Array(32), out = new Uint8Array(bin.length);
  const v = new DataView(pad.buffer);
  for (let i = 0; i < 8; i++) v.setUint32(i * 4, rng());
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) ^ pad[i & 31];
  return JSON.parse(new TextDecoder().decode(out));
}
// white space as Python's str.split(); case folding as Python's str.casefold() (but for dotless ı and Cherokee)
const WS = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const strip = (s) => String(s).replace(new RegExp('^' + WS + '|' + WS + '$', 'g'), '');
const norm = (s) => strip(s).split(new RegExp(WS)).join(' ').toUpperCase().toLowerCase().replace(/ς/g, 'σ').replace(/ß/g, 'ss');
const isObj = (x) => !!x && typeof x === 'object' && !Array.isArray(x);
// a grade: {f: fraction in [0,1], k: parts right, n: parts, w: wrong picks}, as Python's questions.base.Grade
const res = (k, n, w = 0) => ({ f: n ? Math.max(0, (k - w) / n) : 0, k, n, w });
const one = (ok) => res(+!!ok, 1);
const picks = (r, correct) => { // right picks minus wrong picks (multiple, select-text)
  const c = new Set(correct || []);
  let k = 0, w = 0;
  for (const x of new Set(Array.isArray(r) ? r : [])) c.has(x) ? k++ : w++;
  return res(k, c.size, w);
};
const pairs = (m, r) => { const ks = Object.keys(m || {}), a = isObj(r) ? r : {}; return res(ks.filter((x) => a[x] === m[x]).length, ks.length); };
const asNumber = (r) => (typeof r === 'string' ? (strip(r) ? Number(strip(r)) : NaN) : typeof r === 'number' || typeof r === 'boolean' ? Number(r) : NaN);
// The question types: one entry each, the twin of its module in generator/questions. grade(q, key, r) -> a grade;
// widget(spec, q, seed, id) -> {el, get(), set(r), label(id)?, input?} renders the controls and reads and restores
// an answer; picked(r) -> the ids whose own feedback to show, described by the widget's label(id).
const none = () => [];
const TYPES = {
  single: { grade: (q, key, r) => one(typeof r === 'string' && (key.correct || []).includes(r)), widget: choiceWidget, picked: (r) => [r] },
  multiple: { grade: (q, key, r) => picks(r, key.correct), widget: choiceWidget, picked: (r) => r },
  'true-false': { grade: (q, key, r) => one(typeof r === 'boolean' && r === key.answer), widget: choiceWidget, picked: none },
  numeric: { grade: (q, key, r) => { const v = asNumber(r); return one(v >= key.low && v <= key.high); }, widget: fieldWidget, picked: none },
  text: {
    grade(q, key, r) {
      if (typeof r !== 'string') return one(false);
      let ok = (key.accept || []).map(norm).includes(norm(r));
      if (!ok && key.pattern) try { ok = new RegExp('^(?:' + key.pattern + ')$', 'iu').test(strip(r)); } catch (e) { /* bad pattern: no match */ }
      return one(ok);
    },
    widget: fieldWidget, picked: none,
  },
  order: { grade: (q, key, r) => { const o = key.order || [], a = Array.isArray(r) ? r : []; return res(o.filter((x, i) => a[i] === x).length, o.length); }, widget: orderWidget, picked: none },
  match: { grade: (q, key, r) => pairs(key.pairs, r), widget: menuWidget, picked: none },
  classify: { grade: (q, key, r) => pairs(key.answers, r), widget: menuWidget, picked: (r) => Object.keys(r) },
  'select-text': { grade: (q, key, r) => picks(r, key.correct), widget: passageWidget, picked: (r) => r },
};
function grade(q, key, r) {
  if (r === undefined || r === null || !key || !TYPES[q.type]) return res(0, 1);
  return TYPES[q.type].grade(q, key, r);
}
// Python's round(x, 2): exact decimal value, ties to even
function round2(x) {
  if (Number.isInteger(x * 8) && !Number.isInteger(x * 100)) { const f = Math.floor(x * 100); return (f % 2 ? f + 1 : f) / 100; }
  return +x.toFixed(2);
}
const ptsOf = (q) => (typeof q.points === 'number' ? q.points : 1);
function scoreOf(spec, shown, keys, answers) {
  let points = 0, max = 0, answered = 0;
  for (const q of spec.questions) {
    if (!shown.has(q.id)) continue;
    max += ptsOf(q);
    if (!Object.prototype.hasOwnProperty.call(answers, q.id)) continue; // as Python: a key present counts, null grades 0
    answered++;
    points += grade(q, keys[q.id], answers[q.id]).f * ptsOf(q);
  }
  return { points: round2(points), max, answered, total: shown.size };
}
export { translator };
export const _internals = { fnv1a, mulberry32, shuffled, drawIds, optionOrder, unseal, grade, norm, round2, scoreOf };

// ---- sanitizer: parse in an inert <template>, keep an allow-list, return a fragment ----
const TAGS = new Set(('a abbr b bdi bdo blockquote br caption cite code col colgroup dd del dfn div dl dt em figcaption figure ' +
  'h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub sup table tbody td tfoot th thead ' +
  'time tr u ul var wbr math semantics annotation mrow mi mn mo ms mtext mspace mfrac msqrt mroot mstyle merror mpadded ' +
  'mphantom msub msup msubsup munder mover munderover mmultiscripts mprescripts none mtable mtr mtd menclose').split(' '));
const DROP = /^(script|style|iframe|frame|frameset|object|embed|applet|template|noscript|svg|form|input|button|select|option|textarea|link|meta|base|title|audio|video|source|track|canvas|annotation-xml|head)$/;
const ATTRS = /^(href|src|alt|alttext|aria-label|title|class|lang|dir|colspan|rowspan|start|reversed|scope|headers|datetime|cite|width|height|abbr|display|mathvariant|mathsize|stretchy|fence|separator|accent|accentunder|lspace|rspace|largeop|movablelimits|symmetric|minsize|maxsize|form|linethickness|columnalign|rowalign|columnspacing|rowspacing|notation|encoding|scriptlevel|displaystyle|depth|voffset|xmlns)$/;
function safeUrl(v) {
  const m = /^([^/?#]*?):/.exec(v.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
  return !m || /^(https?|mailto)$/i.test(m[1]);
}
let tpl = null; // one inert <template>, reused: each result is moved or read before the next call
function clean(html) {
  if (!/[<&]/.test(html)) return document.createTextNode(html == null ? '' : String(html)); // plain text: nothing to parse
  const t = tpl || (tpl = document.createElement('template'));
  t.innerHTML = String(html);
  (function walk(p) {
    for (const n of Array.from(p.childNodes)) {
      if (n.nodeType === 3) continue;
      if (n.nodeType !== 1 || DROP.test(n.localName)) { n.remove(); continue; }
      walk(n);
      if (!TAGS.has(n.localName)) { n.replaceWith(...Array.from(n.childNodes)); continue; }
      for (const a of Array.from(n.attributes)) {
        const nm = a.name.toLowerCase();
        if (!ATTRS.test(nm) || (/^(href|src|cite)$/.test(nm) && !safeUrl(a.value)) || (nm === 'class' && /(^|\s)mlq/.test(a.value))) n.removeAttribute(a.name);
      }
    }
  })(t.content);
  return t.content;
}
const textOf = (html) => clean(html).textContent.replace(/\s+/g, ' ').trim();

// ---- DOM helpers ----
let uid = 0;
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) {
    const v = attrs[k];
    if (v === null || v === undefined || v === false) continue;
    if (k === 'html') e.append(clean(v));
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids) if (c !== null && c !== undefined) e.append(c);
  return e;
}
// ---- the quiz's language: its strings are data (the model's `strings`, else the spec's), the English msgid when a
// string is absent; `{name}` placeholders; plural forms by CLDR category (Intl.PluralRules). Contract: quiz-runtime.md
function translator(strings, lang) {
  const S = isObj(strings) ? strings : {};
  let rules = null;
  try { rules = new Intl.PluralRules(lang || 'en'); } catch (e) { /* unknown tag: English rules */ }
  const num = (x) => (lang && typeof x === 'number' ? x.toLocaleString(lang) : String(x));
  const fill = (s, p) => (p ? s.replace(/\{(\w+)\}/g, (m, k) => (k in p ? String(p[k]) : m)) : s);
  const t = (msgid, p) => fill(typeof S[msgid] === 'string' ? S[msgid] : msgid, p);
  const tn = (n, one, other, p) => {
    const e = S[one], form = isObj(e) ? e[rules ? rules.select(n) : n === 1 ? 'one' : 'other'] || e.other : null;
    return fill(typeof form === 'string' ? form : n === 1 ? one : other, Object.assign({ n: num(n) }, p));
  };
  return { t, tn, num, lang: lang || '' };
}

// ---- the widgets of the types (see TYPES): {el, get(), set(r), label(id)} ----
function choiceWidget(spec, q, seed, id) {
  const { t } = spec.tr, k = q.type;
  const opts = k === 'true-false' ? [{ id: 'true', html: t('True') }, { id: 'false', html: t('False') }] : optionOrder(spec, q, seed);
  const type = k === 'multiple' ? 'checkbox' : 'radio';
  const el = h('div', { class: 'mlq-options' }, k === 'multiple' ? h('p', { class: 'mlq-instr' }, t('Select all that apply.')) : null);
  const ins = opts.map((o, j) => {
    const inp = h('input', { type, name: id + 'o', value: o.id, id: id + 'o' + j });
    el.append(h('div', { class: 'mlq-opt' }, inp, h('label', { for: inp.id, html: o.html })));
    return inp;
  });
  return {
    el,
    get() {
      const v = ins.filter((x) => x.checked).map((x) => x.value);
      if (!v.length) return undefined;
      return k === 'multiple' ? v : k === 'true-false' ? v[0] === 'true' : v[0];
    },
    set(r) { for (const x of ins) x.checked = Array.isArray(r) ? r.includes(x.value) : r !== undefined && String(r) === x.value; },
    label: (oid) => { const o = opts.find((x) => x.id === oid); return o ? textOf(o.html) : oid; },
  };
}
function fieldWidget(spec, q, seed, id) {
  const { t } = spec.tr, k = q.type;
  const inp = h('input', { type: k === 'numeric' ? 'number' : 'text', step: k === 'numeric' ? 'any' : null, id: id + 'i',
    class: 'mlq-input', autocomplete: 'off', 'aria-describedby': q.unit ? id + 'u' : null });
  return {
    el: h('div', { class: 'mlq-field' }, h('label', { for: inp.id }, t('Your answer')), inp, q.unit ? h('span', { class: 'mlq-unit', id: id + 'u' }, q.unit) : null),
    input: inp,
    get() {
      if (k === 'text') return inp.value.trim() ? inp.value : undefined;
      const v = inp.valueAsNumber;
      return isFinite(v) ? v : undefined;
    },
    set(r) { inp.value = r === undefined || r === null ? '' : String(r); },
  };
}
function orderWidget(spec, q) {
  const { t } = spec.tr;
  const items = q.items || [], start = items.map((x) => x.id), ol = h('ol', { class: 'mlq-order' });
  const live = h('div', { class: 'mlq-sr', role: 'status', 'aria-live': 'polite' });
  let cur = start.slice();
  const lis = {};
  const sync = (full) => {
    cur.forEach((iid, j) => {
      if (full) ol.append(lis[iid]);
      const [up, down] = lis[iid].querySelectorAll('button');
      up.disabled = j === 0; down.disabled = j === cur.length - 1;
    });
  };
  const move = (iid, d, btn) => {
    const j = cur.indexOf(iid), k = j + d;
    if (k < 0 || k >= cur.length) return;
    [cur[j], cur[k]] = [cur[k], cur[j]];
    const other = lis[cur[j]];
    ol.insertBefore(other, d < 0 ? lis[iid].nextSibling : lis[iid]); // move the neighbour, keep focus on the pressed button
    sync();
    if (btn.disabled) btn.parentNode.querySelector('button:not([disabled])').focus();
    live.textContent = t('{item}: position {k} of {n}', { item: textOf(items.find((x) => x.id === iid).html), k: k + 1, n: cur.length });
  };
  for (const it of items) {
    const name = textOf(it.html), li = h('li', { class: 'mlq-oitem', 'data-iid': it.id }, h('span', { class: 'mlq-otext', html: it.html }));
    const b = (d, w, s) => h('button', { type: 'button', class: 'mlq-move', 'aria-label': w, onclick: (e) => move(it.id, d, e.currentTarget) }, h('span', { 'aria-hidden': 'true' }, s));
    li.append(h('span', { class: 'mlq-moves' }, b(-1, t('Move {item} up', { item: name }), '↑'), b(1, t('Move {item} down', { item: name }), '↓')));
    lis[it.id] = li;
  }
  sync(true);
  return {
    el: h('div', {}, h('p', { class: 'mlq-instr' }, t('Use the arrow buttons to put the items in order.')), ol, live),
    get: () => cur.slice(),
    set(r) {
      cur = Array.isArray(r) && r.length === start.length && start.every((x) => r.includes(x)) ? r.slice() : start.slice();
      sync(true);
    },
  };
}
function menuWidget(spec, q, seed, id) {
  const { t } = spec.tr, k = q.type;
  const items = (k === 'match' ? q.left : q.items) || [];
  const choices = k === 'match' ? (q.right || []).map((x) => [x.id, textOf(x.html)]) : (q.categories || []).map((c) => [c, c]);
  const el = h('div', { class: 'mlq-rows' }), sels = {};
  items.forEach((it, j) => {
    const s = h('select', { id: id + 's' + j, class: 'mlq-select', 'data-item': it.id }, h('option', { value: '' }, t('Choose…')), ...choices.map(([v, l]) => h('option', { value: v }, l)));
    sels[it.id] = s;
    el.append(h('div', { class: 'mlq-row' }, h('label', { for: s.id, html: it.html }), s));
  });
  return {
    el,
    get() {
      const r = {};
      for (const k in sels) if (sels[k].value) r[k] = sels[k].value;
      return Object.keys(r).length ? r : undefined;
    },
    set(r) {
      for (const k in sels) { sels[k].value = isObj(r) && typeof r[k] === 'string' ? r[k] : ''; if (sels[k].selectedIndex < 0) sels[k].value = ''; }
    },
    label: (iid) => { const it = items.find((x) => x.id === iid); return it ? textOf(it.html) : iid; },
  };
}
function passageWidget(spec, q) {
  const { t } = spec.tr;
  const segs = q.segments || [], btns = [];
  const box = h('div', { class: 'mlq-passage', role: 'group', 'aria-label': t('Passage') });
  for (const s of segs) {
    if (!s.selectable) { box.append(h('span', { html: s.html })); continue; }
    // a span, not a <button>: buttons cannot wrap across lines, and the passage must read as running text
    const flip = () => { if (!b.closest('fieldset:disabled')) b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true'); };
    const b = h('span', { role: 'button', tabindex: '0', class: 'mlq-seg', 'aria-pressed': 'false', 'data-sid': s.id, html: s.html, onclick: flip,
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); flip(); } } });
    btns.push(b); box.append(b);
  }
  return {
    el: h('div', {}, h('p', { class: 'mlq-instr' }, t('Press the parts of the passage you choose; press again to unselect.')), box),
    get() { const v = btns.filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.sid); return v.length ? v : undefined; },
    set(r) { for (const b of btns) b.setAttribute('aria-pressed', String(Array.isArray(r) && r.includes(b.dataset.sid))); },
    label: (sid) => { const s = segs.find((x) => x.id === sid); return s ? textOf(s.html) : sid; },
  };
}
function widget(spec, q, seed, id) {
  const k = TYPES[q.type], { t } = spec.tr;
  return k ? k.widget(spec, q, seed, id) : { el: h('p', {}, t('Unknown question type: {type}', { type: q.type })), get: () => undefined, set() {} };
}

// ---- feedback ----
function showFeedback(v, r) {
  const { q, key, fb } = v, { t, tn } = v.tr;
  fb.textContent = '';
  fb.removeAttribute('data-result');
  if (r === undefined || r === null) return;
  if (!key) { fb.append(h('p', {}, t('This question cannot be checked: its answer key is missing.'))); return; }
  const g = grade(q, key, r), res = g.f === 1 ? 'correct' : g.f > 0 ? 'partial' : 'incorrect';
  const wrong = tn(g.w, '{n} wrong pick', '{n} wrong picks'); // (outside t(): the extractor reads no nested call)
  const words = res === 'correct' ? t('Correct') : res === 'incorrect' ? t('Not quite')
    : g.w ? t('Partly correct ({k} of {n}, minus {wrong})', { k: g.k, n: g.n, wrong })
      : t('Partly correct ({k} of {n})', { k: g.k, n: g.n });
  fb.setAttribute('data-result', res);
  fb.append(h('p', { class: 'mlq-verdict' }, h('span', { class: 'mlq-icon', 'aria-hidden': 'true' }, res === 'correct' ? '✓' : res === 'partial' ? '◐' : '✗'), ' ' + words));
  const chosen = TYPES[q.type] ? TYPES[q.type].picked(r) : [];
  const list = h('ul', { class: 'mlq-fblist' });
  for (const c of chosen) {
    const html = key.feedback && key.feedback[c];
    if (html) list.append(h('li', {}, h('strong', {}, t('{label}: ', { label: v.w.label(c) })), h('span', { html })));
  }
  if (list.childNodes.length) fb.append(list);
  const extra = res === 'correct' ? key.correct_html : key.incorrect_html;
  if (extra) fb.append(h('div', { html: extra }));
  if (key.explanation_html) fb.append(h('div', { class: 'mlq-explanation', html: key.explanation_html }));
}

// ---- graded mode (spec.mode "graded"): answers are recorded, not judged, until the quiz is submitted ----
function showRecorded(v, r, used, limit) {
  const { t, tn } = v.tr;
  v.fb.textContent = '';
  v.fb.removeAttribute('data-result');
  if (r === undefined || r === null) return;
  const attempts = tn(limit, '{n} attempt', '{n} attempts');
  v.fb.append(h('p', {}, (limit > 1 ? t('Answer recorded ({used} of {attempts}).', { used, attempts }) : t('Answer recorded.')) + ' ' +
    (used >= limit ? t('No attempts left for this question: you see whether it is right when you submit the quiz.') : t('You see whether it is right when you submit the quiz.'))));
}

// ---- the widget ----
function render({ model, el }) {
  const root = h('section', { class: 'mlq mlq-quiz' });
  let spec, shown, keys, views, answers, busy = false, scoreEl, graded = false, limit = 1, tries = {}, submitted = false, foot = null;
  const current = () => (isObj(model.get('answers')) ? Object.assign({}, model.get('answers')) : {});
  const held = () => graded && !submitted; // graded and not submitted yet: no verdict, no answer, no explanation
  let tr = translator(), t = tr.t, tn = tr.tn; // the quiz's language, set by build()
  const updateScore = () => {
    const s = scoreOf(spec, shown, keys, answers), { answered, total } = s, max = tn(s.max, '{n} point', '{n} points');
    scoreEl.textContent = held() ? t('{answered} of {total} answered · your score is shown when you submit the quiz', { answered, total })
      : t('Score: {points} of {max} · {answered} of {total} answered', { points: tr.num(s.points), max, answered, total });
    return s;
  };
  const commit = () => {
    const s = updateScore();
    busy = true;
    try {
      model.set('answers', Object.assign({}, answers)); model.set('score', s);
      if (graded) { model.set('attempts', Object.assign({}, tries)); model.set('submitted', submitted); }
      model.save_changes();
    } finally { busy = false; }
  };
  const feedback = (v, r) => (held() ? showRecorded(v, r, tries[v.q.id] || 0, limit) : showFeedback(v, r));
  const lock = (v) => { if (graded && (submitted || (tries[v.q.id] || 0) >= limit)) v.fs.disabled = true; };
  // put answers back into views; a new view (only) can skip the questions without a saved answer
  const fill = (list, fresh) => {
    for (const v of list) {
      lock(v);
      const r = answers[v.q.id];
      if (fresh && r === undefined) continue;
      v.w.set(r === null ? undefined : r); feedback(v, r);
    }
  };
  const restore = (fresh) => {
    fill(views, fresh);
    const s = updateScore();
    if (JSON.stringify(model.get('score')) !== JSON.stringify(s)) { busy = true; try { model.set('score', s); model.save_changes(); } finally { busy = false; } }
  };
  let later = 0; // the timer of the questions built after the first
  const build = () => {
    clearTimeout(later);
    spec = Object.assign({}, model.get('spec'));
    spec.questions = spec.questions || [];
    spec.tr = tr = translator(model.get('strings') || spec.strings, spec.lang); t = tr.t; tn = tr.tn;
    const seed = String(model.get('seed') || 'default'), ids = drawIds(spec, seed), qs = spec.questions.filter((q) => ids.includes(q.id));
    shown = new Set(ids); keys = {}; views = []; answers = current();
    graded = spec.mode === 'graded'; limit = Math.max(1, Math.floor(spec.attempts) || 1);
    tries = isObj(model.get('attempts')) ? Object.assign({}, model.get('attempts')) : {}; submitted = graded && model.get('submitted') === true;
    for (const q of qs) try { keys[q.id] = unseal(q.sealed, spec.salt, q.id); } catch (e) { keys[q.id] = null; }
    root.remove(); // fill restored feedback while detached, so live regions do not announce it on load
    root.textContent = '';
    root.setAttribute('data-quiz-id', spec.id);
    if (tr.lang) root.setAttribute('lang', tr.lang); else root.removeAttribute('lang');
    const tid = 'mlq' + ++uid;
    root.setAttribute('aria-labelledby', tid);
    scoreEl = h('p', { class: 'mlq-score' });
    root.append(h('div', { class: 'mlq-head' }, h('h2', { class: 'mlq-title', id: tid }, spec.title || t('Quiz')), scoreEl,
      graded ? null : h('button', { type: 'button', class: 'mlq-reset', onclick: () => { answers = {}; restore(); commit(); } }, t('Reset'))));
    foot = null;
    if (graded) { // the submit button, after the questions (a graded quiz has no Reset: attempts stay counted)
      const said = h('p', { class: 'mlq-submitted', role: 'status', 'aria-live': 'polite' });
      const note = submitted ? null : h('p', { class: 'mlq-instr' }, t('After you submit, you see the right answers and the explanations, and your answers cannot change.'));
      const submit = h('button', { type: 'button', class: 'mlq-submit', onclick: () => {
        submitted = true; restore(); commit();
        submit.disabled = true;
        if (note) note.remove();
        said.textContent = t('Submitted. {score}. The answers and explanations are shown under each question.', { score: scoreEl.textContent });
      } }, t('Submit quiz'));
      submit.disabled = submitted;
      foot = h('div', { class: 'mlq-foot' }, submit, said, note);
    }
    const add = (parent, q, i) => {
      const id = 'mlq' + ++uid;
      const v = { q, key: keys[q.id], w: widget(spec, q, seed, id), tr };
      v.fb = h('div', { class: 'mlq-feedback', role: 'status', 'aria-live': 'polite', id: id + 'f' });
      const check = () => {
        if (v.fs.disabled) return; // graded: submitted, or no attempts left
        const r = v.w.get();
        if (graded && r !== undefined) tries[q.id] = (tries[q.id] || 0) + 1;
        if (r === undefined) delete answers[q.id]; else answers[q.id] = r;
        feedback(v, r);
        if (r === undefined) v.fb.append(h('p', {}, t('Answer the question first, then press Check.')));
        lock(v);
        commit();
      };
      if (v.w.input) v.w.input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); check(); } });
      // the hint's text is put in when it is first shown: a page of questions renders sooner
      const hint = q.hint_html ? h('div', { class: 'mlq-hint', id: id + 'h', hidden: true }) : null;
      const hintBtn = hint ? h('button', { type: 'button', class: 'mlq-hint-btn', 'aria-expanded': 'false', 'aria-controls': hint.id,
        onclick: () => {
          if (!hint.firstChild) hint.append(clean(q.hint_html));
          hint.hidden = !hint.hidden; hintBtn.setAttribute('aria-expanded', String(!hint.hidden));
        } }, t('Hint')) : null;
      const points = tn(ptsOf(q), '{n} point', '{n} points');
      parent.append(v.fs = h('fieldset', { class: 'mlq-question', 'data-qid': q.id, 'data-type': q.type, 'aria-labelledby': id + 'l ' + id + 'p' },
        h('legend', { class: 'mlq-qnum', id: id + 'l' }, t('Question {i} of {n} · {points}', { i: i + 1, n: qs.length, points })),
        h('div', { class: 'mlq-prompt', id: id + 'p', html: q.prompt_html }),
        v.w.el,
        h('div', { class: 'mlq-actions' }, h('button', { type: 'button', class: 'mlq-check', onclick: check }, t('Check')), hintBtn),
        hint, v.fb));
      views.push(v);
      return v;
    };
    // The first question is built at once and the others in a task of their own, right after: a student can answer
    // the first while the page is still busy (the score line counts them all from the start).
    if (qs.length) add(root, qs[0], 0);
    if (foot) root.append(foot);
    restore(true);
    el.append(root);
    if (qs.length > 1) later = setTimeout(() => {
      const rest = document.createDocumentFragment(), list = qs.slice(1).map((q, i) => add(rest, q, i + 1));
      fill(list, true); // while detached, as above
      root.insertBefore(rest, foot);
    });
  };
  const onAnswers = () => { if (!busy) { answers = current(); restore(); } };
  build();
  model.on('change:answers', onAnswers);
  model.on('change:seed', build);
  return () => { clearTimeout(later); model.off('change:answers', onAnswers); model.off('change:seed', build); root.remove(); };
}

export default { render };
