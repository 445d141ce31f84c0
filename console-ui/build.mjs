// Builds the organizer console into the gateway's static resources: one bundled app.js (Chart.js and
// oidc-client-ts inside; no run-time downloads), index.html, styles.css, and Swagger UI for the merged API
// description at api-docs/.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.env.CONSOLE_OUT
  ?? path.join(here, '..', 'gateway', 'src', 'main', 'resources', 'META-INF', 'resources', 'console');

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, 'api-docs'), { recursive: true });
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
for (const file of ['index.html', 'styles.css']) {
  await copyFile(path.join(here, 'src', file), path.join(out, file));
}
const swagger = path.join(here, 'node_modules', 'swagger-ui-dist');
for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png',
  'LICENSE']) {
  await copyFile(path.join(swagger, file), path.join(out, 'api-docs', file));
}
for (const file of ['index.html', 'initializer.js']) {
  await copyFile(path.join(here, 'src', 'api-docs', file), path.join(out, 'api-docs', file));
}
console.log(`console built into ${path.relative(process.cwd(), out)}`);
