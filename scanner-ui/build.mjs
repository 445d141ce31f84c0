// Builds the scanner into the gateway's static resources: one bundled app.js (no run-time downloads),
// index.html, styles.css and the service worker that keeps them for offline starts.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.env.SCANNER_OUT
  ?? path.join(here, '..', 'gateway', 'src', 'main', 'resources', 'META-INF', 'resources', 'scanner');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'app.js')],
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css', 'sw.js']) {
  await copyFile(path.join(here, 'src', file), path.join(out, file));
}
console.log(`scanner built into ${path.relative(process.cwd(), out)}`);
