// "Your results": on each quiz and exercise page of the static book, a student can download the chapter's results
// as a small JSON file (quiz ids, answers, scores, the "Annotate it yourself" marks, the student's seed, a timestamp)
// and print a results page, for a class without an LMS (the teacher merges the files with `medialit results`).
// Contract: book/develop/quiz-runtime.md. The page says which chapter it belongs to and which quizzes (and annotate
// exercise) the chapter has, in <div class="mlq-results-root"><script type="application/json" class="mlq-chapter">
// {chapter, title, quizzes, annotate?}</script></div>.

import { translator } from './quiz.js';

function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), attrs[k]);
    else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
  }
  for (const c of kids) if (c !== null && c !== undefined) e.append(c);
  return e;
}
let uid = 0;

const saved = (store, key) => { try { return JSON.parse(store.get(key)) || null; } catch (e) { return null; } }; // damaged: not started

// the results file: what this browser holds for each quiz of the chapter, and the marks of its annotate exercise
export function results(chapter, store, seed, name, now = new Date()) {
  const quizzes = {}, annotate = {};
  for (const q of chapter.quizzes) {
    const s = saved(store, 'medialit:quiz:' + q.id);
    if (!s || !s.answers || typeof s.answers !== 'object' || !Object.keys(s.answers).length) continue;
    quizzes[q.id] = { title: q.title, answers: s.answers, score: s.score || null };
  }
  for (const x of chapter.annotate || []) {
    const s = saved(store, 'medialit:annotate:' + x.id);
    if (!s || !Array.isArray(s.marks) || !s.marks.length) continue;
    annotate[x.id] = { title: x.title, marks: s.marks, checked: s.checked === true, score: typeof s.score === 'number' ? s.score : null };
  }
  return Object.assign({ format: 'medialit-results', version: 1, chapter: chapter.chapter, title: chapter.title,
    student: { name: String(name || '').trim(), seed }, created: now.toISOString().replace(/\.\d+Z$/, 'Z'), quizzes },
  Object.keys(annotate).length ? { annotate } : {});
}

function line({ t, tn, num }, r) {
  if (!r || !r.score) return t('not started');
  const max = tn(r.score.max, '{n} point', '{n} points');
  return t('{points} of {max} · {answered} of {total} answered', { points: num(r.score.points), max, answered: r.score.answered, total: r.score.total });
}
// the annotate exercise's line: its score once checked
function annotateLine({ t, tn }, r) {
  if (!r) return t('not started');
  const marks = tn(r.marks.length, '{n} mark', '{n} marks');
  return typeof r.score === 'number' ? t('{marks} · score {score}', { marks, score: Math.round(r.score * 100) + ' %' }) : t('{marks} · not checked yet', { marks });
}

export function mountResults(el, store, seed) {
  if (el.hasAttribute('data-mlq-mounted')) return;
  el.setAttribute('data-mlq-mounted', '');
  const chapter = JSON.parse(el.querySelector('script.mlq-chapter').textContent), id = 'mlqr' + ++uid;
  const tr = translator(chapter.strings, chapter.lang), { t, tn } = tr;
  const nameIn = h('input', { type: 'text', id: id + 'n', class: 'mlq-input', autocomplete: 'name', value: store.get('medialit:name') || '' });
  nameIn.addEventListener('change', () => store.set('medialit:name', nameIn.value.trim()));
  const status = h('p', { class: 'mlq-results-status', role: 'status', 'aria-live': 'polite' });
  const printable = h('section', { class: 'mlq mlq-print' });
  const current = () => results(chapter, store, seed, nameIn.value);
  const download = () => {
    const data = current(), blob = new Blob([JSON.stringify(data, null, 1) + '\n'], { type: 'application/json' });
    const file = chapter.chapter + '-results-' + seed.slice(0, 8) + '.json', a = h('a', { href: URL.createObjectURL(blob), download: file });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    const quizzes = tn(Object.keys(data.quizzes).length + Object.keys(data.annotate || {}).length, '{n} quiz', '{n} quizzes');
    status.textContent = t('Saved {file} ({quizzes} with answers). Give it to your teacher.', { file, quizzes });
  };
  const print = () => {
    const data = current();
    printable.textContent = '';
    printable.append(h('h2', {}, t('Results: {title}', { title: chapter.title })),
      h('p', {}, t('Student: {name} · seed {seed} · {time}', { name: data.student.name || t('(no name given)'), seed, time: data.created.replace('T', ' ').replace('Z', ' UTC') })),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Quiz')), h('th', { scope: 'col' }, t('Result')))),
        h('tbody', {}, ...chapter.quizzes.map((q) => h('tr', {}, h('th', { scope: 'row' }, q.title), h('td', {}, line(tr, data.quizzes[q.id])))),
          ...(chapter.annotate || []).map((x) => h('tr', {}, h('th', { scope: 'row' }, x.title), h('td', {}, annotateLine(tr, (data.annotate || {})[x.id])))))),
      h('p', {}, t('Made by the student\'s browser: a printed page can be edited like any other. Results that count go through the school\'s LMS.')));
    document.body.append(printable); // printed alone: the page's other parts are hidden while printing
    document.documentElement.classList.add('mlq-printing');
    const done = () => { document.documentElement.classList.remove('mlq-printing'); removeEventListener('afterprint', done); };
    addEventListener('afterprint', done);
    window.print();
    status.textContent = t('The results page was sent to printing.');
  };
  el.append(h('section', { class: 'mlq mlq-results', 'aria-labelledby': id + 't', lang: tr.lang || null },
    h('h2', { class: 'mlq-title', id: id + 't' }, t('Your results for this chapter')),
    h('p', {}, t('For a class without a learning platform: download your results for every quiz of this chapter as a small file to give your teacher, or print them. The file is made in this browser; nothing is sent anywhere.')),
    h('div', { class: 'mlq-field' }, h('label', { for: nameIn.id }, t('Your name (for your teacher)')), nameIn),
    h('div', { class: 'mlq-actions' },
      h('button', { type: 'button', class: 'mlq-download', onclick: download }, t('Download results')),
      h('button', { type: 'button', class: 'mlq-printbtn', onclick: print }, t('Print results'))),
    status));
}
