// "Annotate it yourself": the student marks and labels passages of the bare article, then checks them against the
// instructor's annotations. One front end for both hosts, with anywidget's contract (export default { render }): the
// static page (quiz-static.js mounts it with a stand-in model) and the kernel (generator.quiz.Annotate, whose _esm is
// this module bundled with what it imports: annotate-widget.js). grade() is the twin of generator/annotate.py (the
// rule is documented there and in the instructor pages); the spec comes from generator/render/annotate.py.
// Contract: book/develop/quiz-runtime.md
import { _internals as rt, translator } from './quiz.js';

const ratio = (a, b) => (b ? Math.floor((a * 20000 + b) / (2 * b)) / 10000 : 0);
const overlap = (p, q) => Math.max(0, Math.min(p[1], q[1]) - Math.max(p[0], q[0]));
const isPassage = (p) => Array.isArray(p) && p.length === 2 && p.every(Number.isInteger) && p[0] >= 0 && p[0] < p[1];

export function passageMatch(student, instructor) {
  const n = overlap(student, instructor);
  return n > 0 && 2 * n >= instructor[1] - instructor[0] && 2 * n >= student[1] - student[0] ? n : 0;
}

export function markMatch(mark, ann) {
  if (mark.kind !== ann.kind) return 0;
  const mine = (Array.isArray(mark.passages) ? mark.passages : []).filter(isPassage);
  if (ann.kind !== 'contradiction') return mine.length === 1 ? passageMatch(mine[0], ann.passages[0]) : 0;
  const used = new Set();
  let total = 0, matched = 0;
  for (const theirs of ann.passages) {
    for (let j = 0; j < mine.length; j++) {
      const n = used.has(j) ? 0 : passageMatch(mine[j], theirs);
      if (n) { used.add(j); total += n; matched += 1; break; }
    }
  }
  return matched >= 2 ? total : 0;
}

export function grade(key, kinds, marks, pass) {
  marks = Array.isArray(marks) ? marks.filter((m) => m && typeof m === 'object' && !Array.isArray(m)) : [];
  const pairs = [];
  key.forEach((a, i) => marks.forEach((m, j) => { const n = markMatch(m, a); if (n) pairs.push([-n, i, j]); }));
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const foundBy = new Map(), taken = new Set();
  for (const [, i, j] of pairs) if (!foundBy.has(i) && !taken.has(j)) { foundBy.set(i, j); taken.add(j); }
  const perKind = {};
  let f = 0, wrong = 0;
  for (const k of kinds) {
    const found = [...foundBy.keys()].filter((i) => key[i].kind === k).length;
    const total = key.filter((a) => a.kind === k).length;
    const extra = marks.filter((m, j) => m.kind === k && !taken.has(j)).length;
    perKind[k] = { found, missed: total - found, extra, recall: ratio(found, total), precision: ratio(found, found + extra) };
    f += found; wrong += total - found + extra;
  }
  const score = ratio(2 * f, 2 * f + wrong);
  const found = {};
  for (const i of [...foundBy.keys()].sort((a, b) => a - b)) found[key[i].id] = foundBy.get(i);
  return { kinds: perKind, found, extra: marks.map((m, j) => j).filter((j) => !taken.has(j)), score, passed: score >= pass };
}

// the exercise's key: in plain text in the instructor's spec, sealed as a quiz's keys in the others
export const keyOf = (spec) => (Array.isArray(spec.key) ? spec.key : rt.unseal(spec.sealed, spec.id, 'annotate').key);

// ---- the front end

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids) if (c != null) el.append(c);
  return el;
}

const pct = (x) => Math.round(x * 100) + ' %';
let views = 0;

// the article's words from the spec's layout ({lang, paragraphs: [[word, ...], ...], sentences: [first word, ...]}),
// as generator/render/annotate.py writes them into a page: <p>s of <span class="mlq-w" data-w="i" [data-s]>
export function textElement(text) {
  const starts = new Set(text.sentences || []), div = h('div', { class: 'mlq-an-text', lang: text.lang || null });
  let i = 0;
  for (const para of text.paragraphs || []) {
    const p = h('p');
    para.forEach((word, j) => {
      if (j) p.append(' ');
      p.append(h('span', { class: 'mlq-w', 'data-w': String(i), 'data-s': starts.has(i), text: word }));
      i++;
    });
    div.append(p, '\n');
  }
  return div;
}

// anywidget's render: model traits spec, strings, marks (the student's marks: [{kind, passages: [[first, end)],
// technique?}]) and checked (the student pressed Check). The front end writes marks and checked; the host grades
// them (the kernel in Python, the static stand-in with grade()), and the front end shows its own grade of them.
// el: a page's div.mlq-annotate-root with its words written out, or (kernel) an empty element to build it all in.
export function render({ model, el }) {
  const spec = model.get('spec');
  const key = keyOf(spec);
  const { t } = translator(model.get('strings') || spec.strings, spec.lang);  // as the quizzes get their strings
  const added = [];  // what this view put into el: taken out again by the clean-up
  const add = (parent, node, before) => { parent.insertBefore(node, before || null); added.push(node); return node; };
  const root = el.classList.contains('mlq-annotate-root') ? el : add(el, h('div', { class: 'mlq-annotate-root mlq-an-widget' }));
  const textEl = root.querySelector('.mlq-an-text') || add(root, textElement(spec.text || {}));
  // in JupyterLab, the keys this exercise uses (arrows, letters, Delete) are its own, not the notebook's shortcuts
  root.setAttribute('data-lm-suppress-shortcuts', 'true');
  const words = [...textEl.querySelectorAll('.mlq-w')];
  const sentenceStarts = words.map((w, i) => (w.hasAttribute('data-s') ? i : -1)).filter((i) => i >= 0);
  const known = (p) => isPassage(p) && p[1] <= words.length;
  // the model's marks, as this view can show them (a mark set from Python may be anything)
  const read = () => (Array.isArray(model.get('marks')) ? model.get('marks') : [])
    .filter((m) => m && typeof m === 'object' && spec.kinds.includes(m.kind) && Array.isArray(m.passages) && m.passages.some(known))
    .map((m) => Object.assign({ kind: m.kind, passages: m.passages.filter(known).map((p) => p.slice()) },
      typeof m.technique === 'string' ? { technique: m.technique } : {}));
  const state = { marks: read(), checked: model.get('checked') === true };
  let cursor = 0, anchor = null, tapPending = false, busy = false;
  const uid = spec.id.replace(/[^\w-]/g, '') + (++views > 1 ? '-' + views : '');  // ids of its own for each view

  const live = h('div', { class: 'mlq-an-live', 'aria-live': 'polite', role: 'status' });
  const say = (msg) => { live.textContent = ''; setTimeout(() => { live.textContent = msg; }, 30); };
  const linkKey = t('link to the last contradiction');  // not nested in another call: the catalog's extractor reads it
  const help = h('p', { id: uid + '-help', class: 'mlq-an-help', text: t('Keys: arrows move by word (left, right) and by sentence (up, down); Shift with an arrow extends the selection; then a label key: {keys}. Delete removes the mark at the cursor; Escape clears the selection.', { keys: spec.kinds.map((k) => spec.keys[k].toUpperCase() + ' ' + spec.labels[k]).join(', ') + (spec.kinds.includes('contradiction') ? ', L ' + linkKey : '') }) });
  textEl.setAttribute('tabindex', '0');
  textEl.setAttribute('role', 'application');
  textEl.setAttribute('aria-roledescription', t('article to annotate'));
  textEl.setAttribute('aria-label', t('The article: select a passage, then pick its label'));
  textEl.setAttribute('aria-describedby', help.id);

  const technique = spec.techniques.length ? h('select', { class: 'mlq-an-technique', 'aria-label': t('Technique') },
    ...spec.techniques.map((x) => h('option', { value: x, text: x.replace(/-/g, ' ') }))) : null;
  const buttons = spec.kinds.map((k) => h('button', { type: 'button', class: 'mlq-an-label k-' + k, 'data-kind': k,
    'aria-keyshortcuts': spec.keys[k].toUpperCase(), onclick: () => label(k, false) },
  h('span', { class: 'mlq-an-key', 'aria-hidden': 'true', text: spec.keys[k].toUpperCase() }), ' ', spec.labels[k]));
  const linkBtn = spec.kinds.includes('contradiction') ? h('button', { type: 'button', class: 'mlq-an-label k-contradiction',
    'data-kind': 'link', 'aria-keyshortcuts': 'L', 'aria-label': t('Link to the last contradiction'), onclick: () => label('contradiction', true) },
  h('span', { class: 'mlq-an-key', 'aria-hidden': 'true', text: 'L' }), ' ', t('Link'), h('span', { class: 'mlq-an-long', text: ' ' + t('to the last contradiction') })) : null;
  const toolbar = h('div', { class: 'mlq-an-toolbar', role: 'group', 'aria-label': t('Label the selected passage') },
    ...buttons, linkBtn, technique ? h('label', { class: 'mlq-an-tech' }, t('Technique') + ' ', technique) : null);
  const selInfo = h('p', { class: 'mlq-an-selection', text: t('No passage selected.') });
  const list = h('ol', { class: 'mlq-an-marks', 'aria-label': t('Your marks') });
  const checkBtn = h('button', { type: 'button', class: 'mlq-btn mlq-an-check', onclick: () => { state.checked = true; save(); draw(); say(summary()); } }, t('Check'));
  const resetBtn = h('button', { type: 'button', class: 'mlq-btn mlq-an-reset', onclick: () => {
    state.marks = []; state.checked = false; anchor = null; save(); draw(); say(t('All marks removed.'));
  } }, t('Reset'));
  const results = h('div', { class: 'mlq-an-results', tabindex: '-1' });
  const asked = h('p', { class: 'mlq-an-asked', text: t('Mark these kinds of passage: {kinds}. Pass mark: {pass}.', { kinds: spec.kinds.map((k) => spec.labels[k]).join(', '), pass: pct(spec.pass) }) });
  add(root, h('div', { class: 'mlq-an-intro' }, asked, help), textEl);
  add(root, h('div', { class: 'mlq-an-controls' }, toolbar, selInfo), textEl);
  for (const node of [h('h3', { class: 'mlq-an-h', text: t('Your marks') }), list, h('div', { class: 'mlq-an-actions' }, checkBtn, resetBtn), results, live]) add(root, node);

  // the marks and the check go to the model (new values: a host notices a change by comparing them), then to its host
  function save() {
    busy = true;
    try {
      model.set('marks', state.marks.map((m) => Object.assign({}, m, { passages: m.passages.map((p) => p.slice()) })));
      model.set('checked', state.checked);
      model.save_changes();
    } finally { busy = false; }
  }
  const range = () => (anchor === null ? null : [Math.min(anchor, cursor), Math.max(anchor, cursor) + 1]);
  const wordsText = (p) => words.slice(p[0], p[1]).map((w) => w.textContent).join(' ');
  const short = (s) => { const w = s.split(' '); return w.length > 12 ? w.slice(0, 5).join(' ') + ' … ' + w.slice(-4).join(' ') : s; };
  const markName = (m) => spec.labels[m.kind] + (m.kind === 'technique' && m.technique ? ' (' + m.technique.replace(/-/g, ' ') + ')' : '');

  function label(kind, link) {
    const r = range();
    if (!r) { say(t('Select a passage first.')); return; }
    const last = state.marks.map((m) => m.kind).lastIndexOf('contradiction');
    if (link && last >= 0) state.marks[last].passages.push(r);
    else {
      const m = { kind, passages: [r] };
      if (kind === 'technique' && technique) m.technique = technique.value;
      state.marks.push(m);
    }
    anchor = null; tapPending = false;
    state.checked = false;
    save(); draw();
    say(t('Marked as {label}: {text}', { label: spec.labels[kind] + (link && last >= 0 ? ' (' + t('linked') + ')' : ''), text: short(wordsText(r)) }));
  }

  function marksAt(i) { return state.marks.map((m, j) => [m, j]).filter(([m]) => m.passages.some((p) => p[0] <= i && i < p[1])); }

  function removeMark(j) {
    const m = state.marks[j];
    state.marks.splice(j, 1); state.checked = false; save(); draw();
    say(t('Mark removed: {label}', { label: markName(m) }));
  }

  function draw() {
    const r = range();
    words.forEach((w, i) => {
      const on = marksAt(i);
      w.className = 'mlq-w' + on.map(([m]) => ' k-' + m.kind).join('') + (r && r[0] <= i && i < r[1] ? ' mlq-sel' : '') + (i === cursor ? ' mlq-cur' : '');
      const badge = on.filter(([m]) => m.passages.some((p) => p[0] === i)).map(([m, j]) => spec.keys[m.kind].toUpperCase() + (j + 1)).join(' ');
      if (badge) w.setAttribute('data-badge', badge); else w.removeAttribute('data-badge');
    });
    selInfo.textContent = r ? t('Selected: {text}', { text: short(wordsText(r)) }) : t('No passage selected.');
    buttons.concat(linkBtn ? [linkBtn] : []).forEach((b) => { b.disabled = !r; });
    list.replaceChildren(...state.marks.map((m, j) => h('li', { class: 'k-' + m.kind },
      h('span', { class: 'mlq-an-badge', text: spec.keys[m.kind].toUpperCase() + (j + 1) }), ' ',
      h('strong', { text: markName(m) }), ': ', m.passages.map((p) => '“' + short(wordsText(p)) + '”').join(' ≠ '), ' ',
      h('button', { type: 'button', class: 'mlq-btn mlq-an-remove', 'aria-label': t('Remove mark {n}', { n: j + 1 }), onclick: () => removeMark(j) }, t('Remove')))));
    if (!state.marks.length) list.append(h('li', { class: 'mlq-an-none', text: t('No marks yet.') }));
    drawResults();
  }

  function summary() {
    const g = grade(key, spec.kinds, state.marks, spec.pass);
    return t('Score {score}: {verdict}.', { score: pct(g.score), verdict: g.passed ? t('passed') : t('not passed yet') });
  }

  function drawResults() {
    results.replaceChildren();
    if (!state.checked) return;
    const g = grade(key, spec.kinds, state.marks, spec.pass);
    const head = h('tr', {}, ...[t('Kind'), t('Found'), t('Missed'), t('Extra'), t('Recall'), t('Precision')].map((x) => h('th', { scope: 'col', text: x })));
    const rows = spec.kinds.map((k) => { const v = g.kinds[k]; return h('tr', { 'data-kind': k }, h('th', { scope: 'row', text: spec.labels[k] }),
      h('td', { text: String(v.found) }), h('td', { text: String(v.missed) }), h('td', { text: String(v.extra) }),
      h('td', { text: pct(v.recall) }), h('td', { text: pct(v.precision) })); });
    const foundIds = new Set(Object.keys(g.found));
    const item = (cls, title, text, note) => h('li', { class: cls }, h('strong', { text: title }), ' ', text, note ? h('div', { class: 'mlq-an-note' }) : null);
    const items = [];
    for (const a of key) {
      const quotes = a.quotes.map((q) => '“' + short(q) + '”').join(' ≠ ');
      const li = item(foundIds.has(a.id) ? 'mlq-an-found' : 'mlq-an-missed',
        (foundIds.has(a.id) ? t('Found') : t('Missed')) + ' · ' + spec.labels[a.kind] + (a.technique ? ' (' + a.technique.replace(/-/g, ' ') + ')' : '') + ':', quotes, true);
      li.querySelector('.mlq-an-note').innerHTML = a.note; // the instructor's note, rendered and escaped by the generator
      items.push(li);
    }
    for (const j of g.extra) {
      const m = state.marks[j];
      items.push(item('mlq-an-extra', t('Extra') + ' · ' + markName(m) + ':', m.passages.map((p) => '“' + short(wordsText(p)) + '”').join(' ≠ ') + ' — ' + t('The instructor did not mark this.'), false));
    }
    results.append(
      h('p', { class: 'mlq-an-score ' + (g.passed ? 'mlq-pass' : 'mlq-fail') }, h('strong', { text: summary() })),
      h('div', { class: 'mlq-an-table' }, h('table', {}, h('caption', { text: t('Your marks against the instructor\'s') }), h('thead', {}, head), h('tbody', {}, ...rows))),
      h('ul', { class: 'mlq-an-feedback' }, ...items));
  }

  function moveTo(i, extend) {
    i = Math.max(0, Math.min(words.length - 1, i));
    if (extend) { if (anchor === null) anchor = cursor; } else anchor = null;
    cursor = i;
    draw();
    words[i].scrollIntoView({ block: 'nearest' });
    const r = range();
    const on = marksAt(i).map(([m]) => markName(m)).join(', ');
    say(r ? t('Selected: {text}', { text: short(wordsText(r)) }) : words[i].textContent + (on ? ' — ' + t('marked: {labels}', { labels: on }) : ''));
  }

  const nextSentence = (i, dir) => {
    if (dir > 0) { const n = sentenceStarts.find((s) => s > i); return n === undefined ? words.length - 1 : n; }
    const cur = [...sentenceStarts].reverse().find((s) => s <= i) ?? 0;
    if (cur < i) return cur;
    return [...sentenceStarts].reverse().find((s) => s < i) ?? 0;
  };
  // a sentence move with Shift selects to the sentence's end (the word before the next sentence)
  const sentenceEnd = (i) => { const n = sentenceStarts.find((s) => s > i); return n === undefined ? words.length - 1 : n - 1; };

  const onKey = (e) => {
    const k = e.key;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (k === 'ArrowRight') moveTo(cursor + 1, e.shiftKey);
    else if (k === 'ArrowLeft') moveTo(cursor - 1, e.shiftKey);
    else if (k === 'ArrowDown') moveTo(e.shiftKey ? sentenceEnd(cursor === sentenceEnd(cursor) ? cursor + 1 : cursor) : nextSentence(cursor, 1), e.shiftKey);
    else if (k === 'ArrowUp') moveTo(nextSentence(cursor, -1), e.shiftKey);
    else if (k === 'Home') moveTo(0, e.shiftKey);
    else if (k === 'End') moveTo(words.length - 1, e.shiftKey);
    else if (k === 'Escape') { anchor = null; draw(); say(t('Selection cleared.')); }
    else if (k === ' ' || k === 'Enter') { if (anchor === null) { anchor = cursor; draw(); say(t('Selected: {text}', { text: words[cursor].textContent })); } else return; }
    else if (k === 'Delete' || k === 'Backspace') { const on = marksAt(cursor); if (on.length) removeMark(on[on.length - 1][1]); else return; }
    else {
      const kind = spec.kinds.find((x) => spec.keys[x] === k.toLowerCase());
      if (kind) label(kind, false);
      else if (k.toLowerCase() === 'l' && linkBtn) label('contradiction', true);
      else return;
    }
    e.preventDefault();
  };
  const onFocus = () => { draw(); };
  // click or tap: the first word starts a selection, the second ends it; a third starts again
  const onClick = (e) => {
    const w = e.target.closest && e.target.closest('.mlq-w');
    if (!w) return;
    const i = Number(w.getAttribute('data-w'));
    if (tapPending) { cursor = i; tapPending = false; } else { anchor = i; cursor = i; tapPending = true; }
    draw();
    say(t('Selected: {text}', { text: short(wordsText(range())) }) + (tapPending ? ' — ' + t('tap the last word of the passage, or pick a label') : ''));
  };
  textEl.addEventListener('keydown', onKey);
  textEl.addEventListener('focus', onFocus);
  textEl.addEventListener('click', onClick);
  // marks or a check set by the host (Python in a kernel, another view of the same widget) are shown at once
  const onChange = () => {
    if (busy) return;
    state.marks = read(); state.checked = model.get('checked') === true; anchor = null; tapPending = false;
    draw();
  };
  model.on('change:marks', onChange);
  model.on('change:checked', onChange);
  draw();
  return () => {
    model.off('change:marks', onChange); model.off('change:checked', onChange);
    textEl.removeEventListener('keydown', onKey); textEl.removeEventListener('focus', onFocus); textEl.removeEventListener('click', onClick);
    for (const node of added) node.remove();
  };
}

export default { render };
