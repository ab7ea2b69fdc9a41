// `npm run build`'s last step: zips the built site (search index included) into
// <outDir>.zip, for teams that drop the lesson on an intranet server.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

const dir = (process.argv[2] || process.env.OUT_DIR || 'dist').replace(/\/+$/, '');
const entries = {};
for (const file of await listFiles(dir)) entries[relative(dir, file).split('\\').join('/')] = new Uint8Array(await readFile(file));
const target = `${dir}.zip`;
await writeFile(target, zipSync(entries, { level: 6 }));
console.log(`Wrote ${target} (${Object.keys(entries).length} files).`);
