// Static-book loader for the quiz runtime. Contract: book/develop/quiz-runtime.md
// Styles: quiz.css, linked by the page (the book's one-file runtime, quiz-book.js, carries them itself).
import quiz, { translator } from './quiz.js';
import { active, connect } from './quiz-lms.js';
import { mountResults } from './quiz-results.js';
import { mountAllAnnotate } from './quiz-annotate.js';

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
  const state = { spec, strings: obj(spec.strings) || {}, seed: studentSeed(), answers: obj(saved && saved.answers) || {}, score: obj(saved && saved.score),
    attempts: obj(saved && saved.attempts) || {}, submitted: !!(saved && saved.submitted) }; // the last two: graded mode
  const lms = connect(spec, state); // in an LMS (SCORM), the attempt's answers come from it and go to it, not this browser
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      for (const f of (listeners['change:' + name] || []).slice()) f({ name, new: value });
    },
    save_changes() {
      if (lms) lms();
      else store.set(key, JSON.stringify({ answers: state.answers, score: state.score, attempts: state.attempts, submitted: state.submitted }));
    },
    on(ev, f) { (listeners[ev] = listeners[ev] || []).push(f); },
    off(ev, f) {
      if (!ev) for (const k in listeners) delete listeners[k];
      else if (!f) delete listeners[ev];
      else listeners[ev] = (listeners[ev] || []).filter((g) => g !== f);
    },
  };
}

// mounts every quiz of the page not mounted yet; a quiz that fails says so and leaves the others working
export function mountAll(doc = document) {
  for (const el of doc.querySelectorAll('div.mlq-root:not([data-mlq-mounted])')) {
    el.setAttribute('data-mlq-mounted', '');
    let spec = null;
    try {
      spec = JSON.parse(el.querySelector('script.mlq-spec').textContent);
      quiz.render({ model: makeModel(spec), el });
    } catch (e) {
      const t = translator(spec && spec.strings, spec && spec.lang).t;
      el.append(Object.assign(doc.createElement('p'), { className: 'mlq-error', textContent: t('This quiz could not be loaded.') }));
      console.error('medialit quiz:', e);
    }
  }
  mountAllAnnotate(doc, store); // the "Annotate it yourself" exercise
  // "Your results" (download, print) for a class without an LMS; in an LMS the results go to it instead
  const panels = doc.querySelectorAll('div.mlq-results-root:not([data-mlq-mounted])');
  if (panels.length && !active()) {
    for (const el of panels) {
      try { mountResults(el, store, studentSeed()); } catch (e) { console.error('medialit results:', e); }
    }
  }
}

// the quizzes already parsed now (the book's pages run this right after their content), any later ones when the
// page is parsed
mountAll();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountAll());
