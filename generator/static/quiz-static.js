// Static-book loader for the quiz runtime. Contract: book/develop/quiz-runtime.md
// Styles: quiz.css, linked by the page (the book's one-file runtime, quiz-book.js, carries them itself).
import quiz, { translator } from './quiz.js';
import { active, connect, connectAnnotate } from './quiz-lms.js';
import { mountResults } from './quiz-results.js';
import annotate, { grade as gradeMarks, keyOf } from './quiz-annotate.js';

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

// stand-in for anywidget's model: get/set/save_changes/on/off over a state object; save() keeps it
function standIn(state, save) {
  const listeners = {};
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      for (const f of (listeners['change:' + name] || []).slice()) f({ name, new: value });
    },
    save_changes: save,
    on(ev, f) { (listeners[ev] = listeners[ev] || []).push(f); },
    off(ev, f) {
      if (!ev) for (const k in listeners) delete listeners[k];
      else if (!f) delete listeners[ev];
      else listeners[ev] = (listeners[ev] || []).filter((g) => g !== f);
    },
  };
}
const obj = (x) => (x && typeof x === 'object' && !Array.isArray(x) ? x : null);
const restored = (key) => { try { return obj(JSON.parse(store.get(key))); } catch (e) { return null; } }; // corrupt: afresh

// a quiz's model: its answers and score kept in this browser (or by the LMS)
export function makeModel(spec) {
  const key = 'medialit:quiz:' + spec.id, saved = restored(key);
  const state = { spec, strings: obj(spec.strings) || {}, seed: studentSeed(), answers: obj(saved && saved.answers) || {}, score: obj(saved && saved.score),
    attempts: obj(saved && saved.attempts) || {}, submitted: !!(saved && saved.submitted) }; // the last two: graded mode
  const lms = connect(spec, state); // in an LMS (SCORM), the attempt's answers come from it and go to it, not this browser
  return standIn(state, () => {
    if (lms) lms();
    else store.set(key, JSON.stringify({ answers: state.answers, score: state.score, attempts: state.attempts, submitted: state.submitted }));
  });
}

// the "Annotate it yourself" exercise's model, as the kernel's (generator.quiz.Annotate): the student's marks and
// check kept in this browser (or by the LMS), and score, the host's grade of the marks, made again as they change
export function makeAnnotateModel(spec) {
  const key = 'medialit:annotate:' + spec.id, saved = restored(key), answer = keyOf(spec);
  const state = { spec, strings: obj(spec.strings) || {}, marks: saved && Array.isArray(saved.marks) ? saved.marks : [], checked: !!(saved && saved.checked) };
  const graded = (marks) => gradeMarks(answer, spec.kinds, marks, spec.pass);
  const lms = connectAnnotate(spec, state, graded); // in an LMS (SCORM), the marks come from it and go to it
  state.score = graded(state.marks);
  const model = standIn(state, () => {
    if (lms) lms();  // the score is the overall one, kept once checked (the results file states it)
    else store.set(key, JSON.stringify({ marks: state.marks, checked: state.checked, score: state.checked ? state.score.score : null }));
  });
  model.on('change:marks', () => model.set('score', graded(state.marks)));
  return model;
}

// mounts a page's widget of each kind not mounted yet; one that fails says so and leaves the others working
function mountEach(doc, selector, specOf, mount, failed) {
  for (const el of doc.querySelectorAll(selector + ':not([data-mlq-mounted])')) {
    el.setAttribute('data-mlq-mounted', '');
    let spec = null;
    try {
      spec = JSON.parse(specOf(el).textContent);
      mount(spec, el);
    } catch (e) {
      const t = translator(spec && spec.strings, spec && spec.lang).t;
      el.append(Object.assign(doc.createElement('p'), { className: 'mlq-error', textContent: failed(t) }));
      console.error('medialit:', e);
    }
  }
}

// what a widget that fails says (not inside another call: the catalog's extractor reads these)
const quizFailed = (t) => t('This quiz could not be loaded.');
const exerciseFailed = (t) => t('This exercise could not be loaded.');

// mounts every quiz and exercise of the page not mounted yet
export function mountAll(doc = document) {
  mountEach(doc, 'div.mlq-root', (el) => el.querySelector('script.mlq-spec'),
    (spec, el) => quiz.render({ model: makeModel(spec), el }), quizFailed);
  mountEach(doc, 'div.mlq-annotate-root', (el) => el.querySelector('script.mlq-annotate-spec'), // "Annotate it yourself"
    (spec, el) => annotate.render({ model: makeAnnotateModel(spec), el }), exerciseFailed);
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
