// Builds generator/static/quiz-book.js: the static book's quiz runtime (styles, loader and module) in one minified
// classic script (no exports: pages run it inline, right after their content), from the readable sources beside
// it. Run by scripts/bundle-runtime.sh; `--stdout` prints instead of writing.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const dir = fileURLToPath(new URL('../../generator/static/', import.meta.url));

// quiz.css, minified, as the text the entry imports
const cssAsText = {
  name: 'css-as-minified-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      // a custom property's value starts after the colon: the space esbuild keeps there is not part of it
      return { contents: code.trim().replace(/(--[\w-]+): /g, '$1:'), loader: 'text' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [dir + 'quiz-book.entry.js'],
  bundle: true, minify: true, format: 'iife', charset: 'utf8', legalComments: 'none', write: false,
  plugins: [cssAsText], logLevel: 'warning',
  // the comment on the first line is V8's compile hint: every function of this file runs on load, compile them at once
  banner: { js: '//# allFunctionsCalledOnLoad\n// medialit: built by scripts/bundle-runtime.sh' },
});
const text = result.outputFiles[0].text;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else await writeFile(dir + 'quiz-book.js', text);
