// Reads cases (JSON: a list of base64 strings, zlib data) on stdin, opens each with generator/static/quiz-inflate.js
// (the fallback inflater, a classic script defining medialitInflate) and prints, per case, the bytes as base64 or
// the error it threw.
import '../../generator/static/quiz-inflate.js';

let s = '';
for await (const c of process.stdin) s += c;
const out = JSON.parse(s).map((b64) => {
  try { return { ok: Buffer.from(globalThis.medialitInflate(new Uint8Array(Buffer.from(b64, 'base64')))).toString('base64') }; }
  catch (e) { return { error: String(e.message) }; }
});
process.stdout.write(JSON.stringify(out));
