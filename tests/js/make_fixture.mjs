// Builds tests/js/harness.html: two quizzes (all 9 types; a drawn one) with sealed keys, run by the book's one-file
// runtime (generator/static/quiz-book.js).
// Sealing is implemented here independently of quiz.js (contract: book/develop/quiz-runtime.md).
import { writeFileSync } from 'node:fs';

function fnv1a(str) { let h = 0x811c9dc5; for (const b of Buffer.from(str, 'utf8')) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; } return h; }
function mulberry32(a) { return () => { a = (a + 0x6D2B79F5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return (t ^ (t >>> 14)) >>> 0; }; }
// the contract: JSON (UTF-8) XORed with a 32-byte pad, the first 8 words of the keystream of (salt, qid), each
// big-endian, repeated; then standard base64
export function seal(key, salt, qid) {
  const data = Buffer.from(JSON.stringify(key), 'utf8'), rng = mulberry32(fnv1a(salt + ':' + qid)), pad = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) pad.writeUInt32BE(rng(), i * 4);
  for (let i = 0; i < data.length; i++) data[i] ^= pad[i % 32];
  return data.toString('base64');
}
const common = { explanation_html: '<p>Explanation for this question.</p>', correct_html: '<p>Well done.</p>', incorrect_html: '<p>Look at the article again.</p>' };
const P = (s) => `<p>${s}</p>`;
const raw = [
  { id: 'serval-year', type: 'single', prompt_html: P('When did Operation Serval begin? <img src=x alt="" onerror="window.__xss=1"><a href="javascript:window.__xss=2">bad link</a> <a href="https://example.org/">good link</a>'),
    hint_html: P('Think of January.'), options: [{ id: 'a', html: '2013', pinned: false }, { id: 'b', html: '2014', pinned: false }, { id: 'c', html: '2012', pinned: false }, { id: 'd', html: 'None of the above', pinned: true }],
    key: { correct: ['a'], feedback: { a: P('Yes, January 2013.'), b: P('Barkhane began in 2014.') } } },
  { id: 'actors', type: 'multiple', prompt_html: P('Which were French operations in the Sahel?'), hint_html: null,
    options: [{ id: 'a', html: 'Serval', pinned: false }, { id: 'b', html: 'Barkhane', pinned: false }, { id: 'c', html: 'Takuba', pinned: false }, { id: 'd', html: 'Overlord', pinned: false }],
    key: { correct: ['a', 'b', 'c'], feedback: { d: P('Overlord was 1944.') } } },
  { id: 'tf', type: 'true-false', prompt_html: P('Mali is in the Sahel.'), hint_html: null, key: { answer: true } },
  { id: 'troops', type: 'numeric', points: 2, prompt_html: P('How many troops did Barkhane have in 2021?'), unit: 'soldiers', hint_html: P('About five thousand.'), key: { low: 5000, high: 5100 } },
  { id: 'capital', type: 'text', prompt_html: P('What is the capital of Mali?'), hint_html: null, key: { accept: ['bamako'], pattern: 'ba?mako city' } },
  { id: 'steps', type: 'order', prompt_html: P('Put the steps of lateral reading in order.'), hint_html: null,
    items: [{ id: 'c', html: 'Compare' }, { id: 'a', html: 'Open a new tab' }, { id: 'b', html: 'Search the publisher' }],
    key: { order: ['a', 'b', 'c'] } },
  { id: 'pairs', type: 'match', prompt_html: P('Match each term to its meaning.'), hint_html: null,
    left: [{ id: 'l1', html: 'Sahel' }, { id: 'l2', html: 'Junta' }], right: [{ id: 'r2', html: 'military government' }, { id: 'r1', html: 'semi-arid belt' }],
    key: { pairs: { l1: 'r1', l2: 'r2' } } },
  { id: 'fact-op', type: 'classify', prompt_html: P('Fact or opinion?'), hint_html: null, categories: ['Fact', 'Opinion'],
    items: [{ id: 'i1', html: 'France sent troops in 2013.' }, { id: 'i2', html: 'The strategy was a disgrace.' }],
    key: { answers: { i1: 'Fact', i2: 'Opinion' }, feedback: { i2: P('“Disgrace” is a value judgement.') } } },
  { id: 'loaded', type: 'select-text', prompt_html: P('Select the loaded words.'), hint_html: P('Look for strong adjectives.'),
    segments: [{ id: 's0', html: 'Paris made a ', selectable: false }, { id: 's1', html: 'humiliating', selectable: true }, { id: 's2', html: ' and ', selectable: false },
      { id: 's3', html: 'shameful', selectable: true }, { id: 's4', html: ' retreat from ', selectable: false }, { id: 's5', html: 'Mali', selectable: true }, { id: 's6', html: '.', selectable: false }],
    key: { correct: ['s1', 's3'], feedback: { s5: P('A place name is neutral.') } } },
];
function build(id, title, questions, extra) {
  return { version: 3, id, title, shuffle: true, draw: null, salt: id, ...extra,
    questions: questions.map(({ key, ...q }) => ({ points: 1, ...q, sealed: seal({ ...common, feedback: {}, ...key }, id, q.id) })) };
}
const full = build('all-types', 'All question types', raw);
const drawn = build('drawn', 'Drawn quiz', raw.slice(0, 5).map((q) => ({ ...q, id: q.id + '-d' })), { draw: 3, title: 'Drawn quiz <b>bold?</b>' });
const esc = (s) => JSON.stringify(s).replace(/</g, '\\u003c');
const root = (s) => `<div class="mlq-root"><script type="application/json" class="mlq-spec">${esc(s)}</script></div>`;
writeFileSync(new URL('./spec-all-types.json', import.meta.url), JSON.stringify(full, null, 1));
writeFileSync(new URL('./harness.html', import.meta.url), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quiz harness</title><link rel="icon" href="data:,">
<script>const t = new URLSearchParams(location.search).get('theme'); if (t) document.documentElement.dataset.theme = t;</script>
<style>html[data-theme=dark] body{background:#121212;color:#ddd} body{font-family:sans-serif;max-width:50rem;margin:auto;padding:.5rem}</style>
</head><body><main><h1>Quiz harness</h1><h2>Quizzes</h2>
${root(full)}
${root(drawn)}
</main><script src="/generator/static/quiz-book.js"></script></body></html>
`);
// kernel.html: quiz.js with a Backbone-like model (as anywidget gives), two views of one model
writeFileSync(new URL('./kernel.html', import.meta.url), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kernel-style harness</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/generator/static/quiz.css"></head><body><main><h1>Kernel-style harness</h1>
<div id="v1"></div><div id="v2"></div></main>
<script type="module">
import widget from '/generator/static/quiz.js';
const state = { spec: ${esc(full)}, seed: 'alice', answers: {}, score: null }, ls = {};
const model = window.model = {
  saves: 0,
  get: (k) => state[k],
  set(k, v) { state[k] = v; (ls['change:' + k] || []).slice().forEach((f) => f()); },
  save_changes() { this.saves++; },
  on(e, f) { (ls[e] = ls[e] || []).push(f); },
  off(e, f) { ls[e] = (ls[e] || []).filter((g) => g !== f); },
  listeners: () => Object.values(ls).reduce((n, a) => n + a.length, 0),
};
window.widget = widget;
window.cleanup = [widget.render({ model, el: document.getElementById('v1') }), widget.render({ model, el: document.getElementById('v2') })];
</script></body></html>
`);
console.log('wrote harness.html, kernel.html');
