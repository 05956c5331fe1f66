// Static-book loader for the quiz runtime. Contract: book/develop/quiz-runtime.md
// Styles: quiz.css, linked by the page (the book's one-file runtime, quiz-book.js, carries them itself).
import quiz, { open85 } from './quiz.js';
import { active, connect } from './quiz-lms.js';
import { mountResults } from './quiz-results.js';

// localStorage when available, memory otherwise (private mode, blocked storage)
const mem = {};
const store = {
  get(k) {
    try { const v = window.localStorage.getItem(k); if (v !== null) return v; } catch (e) { /* unavailable */ }
    return Object.prototype.hasOwnProperty.call(mem, k) ? mem[k] : null;
  },
  set(k, v) {
    mem[k] = v;
    try { window.localStorage.setItem(k, v); } catch (e) { /* unavailable or full: memory only */ }
  },
};

function studentSeed() {
  let s = store.get('medialit:seed');
  if (!s) {
    const b = new Uint8Array(8);
    try { crypto.getRandomValues(b); } catch (e) { for (let i = 0; i < 8; i++) b[i] = Math.random() * 256; }
    s = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
    store.set('medialit:seed', s);
  }
  return s;
}

// stand-in for anywidget's model: get/set/save_changes/on/off
export function makeModel(spec) {
  const key = 'medialit:quiz:' + spec.id, listeners = {};
  let saved = null;
  try { saved = JSON.parse(store.get(key)); } catch (e) { /* corrupt: start afresh */ }
  const obj = (x) => (x && typeof x === 'object' && !Array.isArray(x) ? x : null);
  const state = { spec, seed: studentSeed(), answers: obj(saved && saved.answers) || {}, score: obj(saved && saved.score) };
  const lms = connect(spec, state); // in an LMS (SCORM), the attempt's answers come from it and go to it, not this browser
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      for (const f of (listeners['change:' + name] || []).slice()) f({ name, new: value });
    },
    save_changes() { if (lms) lms(); else store.set(key, JSON.stringify({ answers: state.answers, score: state.score })); },
    on(ev, f) { (listeners[ev] = listeners[ev] || []).push(f); },
    off(ev, f) {
      if (!ev) for (const k in listeners) delete listeners[k];
      else if (!f) delete listeners[ev];
      else listeners[ev] = (listeners[ev] || []).filter((g) => g !== f);
    },
  };
}

// Browsers without DecompressionStream (before Chrome 80, Firefox 113, Safari 16.4) fetch an inflater, once, from
// the book's _static folder (the page's data-content_root): the others never load it.
let inflater;
const oldInflate = () => inflater || (inflater = new Promise((ok, no) => {
  const s = document.createElement('script');
  s.onload = () => ok(window.medialitInflate);
  s.onerror = no;
  s.src = (document.documentElement.dataset.content_root || '') + '_static/quiz-inflate.js';
  document.head.append(s);
}));

// a packed spec (version 2): one zlib block, sealed, holding the questions with their keys open
export async function unpack(spec) {
  if (typeof spec.packed !== 'string') return spec;
  const bytes = open85(spec.packed, spec.salt, '*'), dec = new TextDecoder();
  if (typeof DecompressionStream !== 'function') return JSON.parse(dec.decode((await oldInflate())(bytes)));
  // written and read through the streams' own promises (no Response or Blob), so it all runs in microtasks,
  // before the browser's next task: the quiz appears in the same task as the page's scripts, with no paint between
  const ds = new DecompressionStream('deflate'), w = ds.writable.getWriter(), r = ds.readable.getReader();
  let text = '';
  w.write(bytes); w.close();
  for (let c = await r.read(); !c.done; c = await r.read()) text += dec.decode(c.value, { stream: true });
  return JSON.parse(text + dec.decode());
}

// mounts every quiz of the page not mounted yet; returns a promise of them all
export function mountAll(doc = document) {
  const fail = (el, e) => {
    el.append(Object.assign(doc.createElement('p'), { className: 'mlq-error', textContent: 'This quiz could not be loaded.' }));
    console.error('medialit quiz:', e);
  };
  const all = [];
  for (const el of doc.querySelectorAll('div.mlq-root:not([data-mlq-mounted])')) {
    el.setAttribute('data-mlq-mounted', '');
    all.push(Promise.resolve().then(() => unpack(JSON.parse(el.querySelector('script.mlq-spec').textContent)))
      .then((spec) => { quiz.render({ model: makeModel(spec), el }); }).catch((e) => fail(el, e)));
  }
  // "Your results" (download, print) for a class without an LMS; in an LMS the results go to it instead
  const panels = doc.querySelectorAll('div.mlq-results-root:not([data-mlq-mounted])');
  if (panels.length && !active()) for (const el of panels) try { mountResults(el, store, studentSeed()); } catch (e) { fail(el, e); }
  return Promise.all(all);
}

// the quizzes already parsed now (the book's pages run this right after their content), any later ones when the
// page is parsed
mountAll();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountAll());
