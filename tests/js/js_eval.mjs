// Reads vectors (JSON) on stdin, computes them with quiz.js's _internals, prints JSON results.
import { _internals as I } from '../../generator/static/quiz.js';
let s = ''; for await (const c of process.stdin) s += c;
const v = JSON.parse(s);
const out = {
  fnv: v.fnv.map((x) => I.fnv1a(x)),
  mul: v.mul.map((x) => { const r = I.mulberry32(x); return [r(), r(), r(), r(), r()]; }),
  shuf: v.shuf.map(([list, seed]) => I.shuffled(list, I.mulberry32(seed))),
  draw: v.draw.map(([spec, seed]) => I.drawIds(spec, seed)),
  opts: v.opts.map(([spec, q, seed]) => I.optionOrder(spec, q, seed).map((o) => o.id)),
  unseal: v.unseal.map(([b64, salt, qid]) => I.unseal(b64, salt, qid)),
  grade: v.grade.map(([q, key, r]) => I.grade(q, key, r).f),
  round: v.round.map((x) => I.round2(x)),
  score: v.score.map(([spec, seed, answers]) => {
    const keys = {}; for (const q of spec.questions) keys[q.id] = I.unseal(q.sealed, spec.salt, q.id);
    return I.scoreOf(spec, new Set(I.drawIds(spec, seed)), keys, answers);
  }),
};
process.stdout.write(JSON.stringify(out));
