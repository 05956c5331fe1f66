// The static page's bridge to a learning platform (SCORM 1.2). Contract: book/develop/quiz-runtime.md
// When the page runs inside an LMS (a SCORM package, medialit export --format scorm), the LMS's API object is in a
// parent or opener window: the page then reports each quiz's score, status and answers to it, and takes the
// answers of a resumed attempt from it. Without an API nothing here runs and the page keeps answers in the browser.
import { _internals as rt } from './quiz.js';

const SUSPEND_MAX = 4096; // characters of cmi.suspend_data in SCORM 1.2
const CHARS = '0123456789abcdefghijklmnopqrstuvwxyz'; // SCORM 1.2 response identifiers: one character each
const TYPES = { single: 'choice', multiple: 'choice', 'select-text': 'choice', 'true-false': 'true-false', numeric: 'numeric',
  text: 'fill-in', order: 'sequencing', match: 'matching', classify: 'matching' };

// The standard's search (SCORM 1.2 RTE 3.3.6.1): this window and up to 7 parents, then the opener and its parents.
// A parent on another host cannot be read: the search stops there.
function scan(w) {
  for (let tries = 0; w; tries++) {
    try { if (w.API) return w.API; } catch (e) { return null; }
    if (tries >= 7 || !w.parent || w.parent === w) return null;
    w = w.parent;
  }
  return null;
}
export function findAPI(win = window) {
  let api = scan(win);
  try { if (!api && win.opener) api = scan(win.opener); } catch (e) { /* an opener on another host */ }
  return api && typeof api.LMSInitialize === 'function' ? api : null;
}

let session; // undefined: not looked for yet; null: no LMS; else the page's one connection
function open() {
  if (session !== undefined) return session;
  session = null;
  const api = findAPI();
  if (!api || String(api.LMSInitialize('')) !== 'true') return null;
  const get = (k) => { try { return String(api.LMSGetValue(k) || ''); } catch (e) { return ''; } };
  let saved = null;
  try { saved = JSON.parse(get('cmi.suspend_data') || 'null'); } catch (e) { /* not ours, or damaged: start afresh */ }
  const mastery = parseFloat(get('cmi.student_data.mastery_score'));
  session = { api, quizzes: [], saved: saved && saved.v === 1 ? saved : { v: 1, q: {}, n: [] }, start: Date.now(), done: false,
    mastery: isFinite(mastery) ? mastery : null };
  session.saved.n = Array.isArray(session.saved.n) ? session.saved.n : [];
  const leave = () => finish();
  addEventListener('pagehide', leave);
  addEventListener('unload', leave);
  return session;
}
export const active = () => !!open();

const set = (k, v) => { try { session.api.LMSSetValue(k, String(v)); } catch (e) { /* refused: the rest still goes */ } };
const isObj = (x) => !!x && typeof x === 'object' && !Array.isArray(x);
const char = (list, id) => { const i = (list || []).findIndex((x) => (x.id === undefined ? x : x.id) === id); return i >= 0 && i < CHARS.length ? CHARS[i] : String(id); };

// the student's response in SCORM 1.2's format for the interaction's type
function responseText(q, r) {
  switch (q.type) {
    case 'true-false': return r ? 't' : 'f';
    case 'numeric': case 'text': return String(r).slice(0, 255);
    case 'single': return char(q.options, r);
    case 'multiple': case 'select-text': return (Array.isArray(r) ? r : []).map((x) => char(q.options || q.segments, x)).join(',');
    case 'order': return (Array.isArray(r) ? r : []).map((x) => char(q.items, x)).join(',');
    case 'match': return Object.keys(isObj(r) ? r : {}).map((k) => char(q.left, k) + '.' + char(q.right, r[k])).join(',');
    case 'classify': return Object.keys(isObj(r) ? r : {}).map((k) => char(q.items, k) + '.' + char(q.categories, r[k])).join(',');
  }
  return JSON.stringify(r).slice(0, 255);
}

function keyOf(spec, q) {
  if (isObj(q.key)) return q.key;
  try { return rt.unseal(q.sealed, spec.salt, q.id); } catch (e) { return null; }
}

// cmi.suspend_data: each quiz's seed and answers; the longest answers are left out if it would not fit
function suspendText() {
  const data = { v: 1, q: {}, n: session.saved.n };
  for (const x of session.quizzes) {
    if (x.annotate) { data.q[x.spec.id] = { m: x.state.marks, c: !!x.state.checked }; continue; }
    data.q[x.spec.id] = { s: x.state.seed, a: Object.assign({}, x.state.answers) };
    if (x.spec.mode === 'graded') Object.assign(data.q[x.spec.id], { t: x.state.attempts || {}, d: !!x.state.submitted });
  }
  let text = JSON.stringify(data);
  const longest = [];
  for (const id in data.q) for (const qid in data.q[id].a) longest.push([JSON.stringify(data.q[id].a[qid]).length, id, qid]);
  longest.sort((a, b) => b[0] - a[0]);
  while (text.length > SUSPEND_MAX && longest.length) {
    const [, id, qid] = longest.shift();
    delete data.q[id].a[qid];
    text = JSON.stringify(data);
  }
  return text.length > SUSPEND_MAX ? '' : text;
}

// score, status, one interaction per answered question, suspend data; then commit
function report() {
  // open: a practice quiz with questions left; held: a graded quiz not submitted (its score counts once submitted,
  // and a submitted one is complete, answered or not)
  let points = 0, max = 0, answered = 0, total = 0, mastery = null, held = false, open = false;
  for (const { spec, state, annotate } of session.quizzes) {
    if (annotate) { // "Annotate it yourself": one interaction per kind asked; its score counts once checked
      total++; max += 1;
      if (typeof spec.pass === 'number') mastery = Math.max(mastery === null ? 0 : mastery, Math.round(spec.pass * 10000) / 100);
      if (!state.checked) { open = true; continue; }
      answered++;
      const g = annotate(state.marks);
      points += g.score;
      for (const k of spec.kinds) {
        const v = g.kinds[k], name = spec.id + ' ' + k, list = session.saved.n;
        if (!list.includes(name)) list.push(name);
        const p = 'cmi.interactions.' + list.indexOf(name) + '.';
        const f = v.found + v.missed + v.extra ? (2 * v.found) / (2 * v.found + v.missed + v.extra) : 1;
        set(p + 'id', (spec.id + '.' + k).slice(0, 255));
        set(p + 'type', 'performance');
        set(p + 'weighting', 1);
        set(p + 'student_response', ('found ' + v.found + ', missed ' + v.missed + ', extra ' + v.extra).slice(0, 255));
        set(p + 'result', f === 1 ? 'correct' : f === 0 ? 'wrong' : f.toFixed(2));
      }
      continue;
    }
    const graded = spec.mode === 'graded', before = answered - total;
    if (graded && !state.submitted) held = true;
    const shown = rt.drawIds(spec, state.seed), answers = state.answers || {};
    if (typeof spec.mastery_score === 'number') mastery = Math.max(mastery === null ? 0 : mastery, spec.mastery_score);
    for (const q of spec.questions) {
      if (!shown.includes(q.id)) continue;
      const pts = typeof q.points === 'number' ? q.points : 1;
      total++; max += pts;
      if (!Object.prototype.hasOwnProperty.call(answers, q.id)) continue;
      answered++;
      const key = keyOf(spec, q), f = key ? rt.grade(q, key, answers[q.id]).f : 0;
      points += f * pts;
      const name = spec.id + ' ' + q.id, list = session.saved.n;
      if (!list.includes(name)) list.push(name);
      const p = 'cmi.interactions.' + list.indexOf(name) + '.';
      set(p + 'id', (spec.id + '.' + q.id).slice(0, 255));
      set(p + 'type', TYPES[q.type] || 'performance');
      set(p + 'weighting', pts);
      set(p + 'student_response', responseText(q, answers[q.id]));
      set(p + 'result', f === 1 ? 'correct' : f === 0 ? 'wrong' : f.toFixed(2));
    }
    if (!graded && answered - total < before) open = true;
  }
  if (mastery === null) mastery = session.mastery;
  const raw = max ? Math.round(10000 * points / max) / 100 : 0;
  set('cmi.core.score.min', 0);
  set('cmi.core.score.max', 100);
  if (!held) set('cmi.core.score.raw', raw);
  set('cmi.core.lesson_status', held || open ? 'incomplete' : mastery === null ? 'completed' : raw >= mastery ? 'passed' : 'failed');
  set('cmi.suspend_data', suspendText());
  set('cmi.core.exit', 'suspend'); // so that the LMS hands the answers back when the student returns
  try { session.api.LMSCommit(''); } catch (e) { /* the LMS keeps what it has */ }
}

// CMITimespan of SCORM 1.2: HHHH:MM:SS.SS
function timespan(ms) {
  const s = Math.max(0, ms) / 1000, h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = (s % 60).toFixed(2);
  return String(h).padStart(4, '0') + ':' + String(m).padStart(2, '0') + ':' + sec.padStart(5, '0');
}

function finish() {
  if (!session || session.done) return;
  if (session.quizzes.length) report();
  set('cmi.core.session_time', timespan(Date.now() - session.start));
  session.done = true;
  try { session.api.LMSCommit(''); session.api.LMSFinish(''); } catch (e) { /* nothing more to do */ }
}

// Connects a quiz's state to the LMS, if there is one: a resumed attempt's seed and answers replace the state's, and
// the LMS (not this browser) keeps them. Returns the function that reports the quiz, or null without an LMS.
export function connect(spec, state) {
  if (!open()) return null;
  const mine = session.saved.q[spec.id];
  state.answers = mine && isObj(mine.a) ? Object.assign({}, mine.a) : {};
  if (mine && typeof mine.s === 'string' && mine.s) state.seed = mine.s;
  state.attempts = mine && isObj(mine.t) ? Object.assign({}, mine.t) : {};
  state.submitted = !!(mine && mine.d);
  state.score = null;
  const entry = { spec, state };
  session.quizzes.push(entry);
  return () => { if (!session.done) report(); };
}

// Connects an "Annotate it yourself" exercise to the LMS, if there is one: a resumed attempt's marks replace the
// state's. graded(marks) is the exercise's grade of marks (quiz-annotate.js). Returns the function that reports it,
// or null.
export function connectAnnotate(spec, state, graded) {
  if (!open()) return null;
  const mine = session.saved.q[spec.id];
  state.marks = mine && Array.isArray(mine.m) ? mine.m : [];
  state.checked = !!(mine && mine.c);
  session.quizzes.push({ spec, state, annotate: graded });
  return () => { if (!session.done) report(); };
}
