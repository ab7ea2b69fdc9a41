// Finds import cycles among the project's own modules (src/ and kernels/ by default).
//
// Every file's imports are read with the TypeScript compiler's parser and sorted into three kinds:
//   runtime   — `import x from`, `import { a } from`, `import './x'`, `export ... from`: the module is
//               loaded when the importer is. Under the project's `verbatimModuleSyntax`, an
//               `import { type A } from` is kept as a bare import, so it counts as runtime too.
//   type-only — `import type` and `export type ... from`: erased from the output.
//   dynamic   — `import('./x')`: loaded later, on demand, so it cannot make a load-time cycle.
// Only relative specifiers are followed (packages cannot import the project back); a query such as
// `?raw` is dropped and extensions are tried the way the bundler tries them.
//
// Usage: node scripts/check-cycles.mjs [--types] [dir ...]
// Exits 1 when a runtime cycle exists, or with --types when a cycle exists with type-only imports
// counted as well. Cycles of the other kind are reported either way.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const strictTypes = args.includes('--types');
const roots = args.filter((arg) => !arg.startsWith('--'));
const root = process.cwd();
const dirs = (roots.length ? roots : ['src', 'kernels']).map((dir) => resolve(root, dir));

const SOURCE = /\.(ts|tsx|mts|mjs|js|jsx|astro)$/;
const TRY = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '.jsx', '.astro', '.d.ts', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** The script parts of a file: an Astro component's frontmatter and <script> blocks, or the whole file. */
function scriptText(path) {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.astro')) return text;
  const parts = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push(front[1]);
  for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) parts.push(match[1]);
  return parts.join('\n');
}

function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const bare = specifier.replace(/\?.*$/, '');
  const base = resolve(dirname(from), bare);
  for (const suffix of TRY) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // A TypeScript file imported with a .js extension.
  const asTs = base.replace(/\.m?js$/, '.ts');
  if (asTs !== base && existsSync(asTs)) return asTs;
  return undefined;
}

/** Every relative import of one file, as { target, kind }. */
function importsOf(path) {
  const source = ts.createSourceFile(path, scriptText(path), ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const add = (specifier, kind) => {
    const target = resolveSpecifier(path, specifier);
    if (target && SOURCE.test(target) && !target.endsWith('.d.ts')) found.push({ target, kind });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ? 'type' : 'runtime');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly ? 'type' : 'runtime');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) add(expression.text, node.isTypeOnly ? 'type' : 'runtime');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Strongly connected components of more than one module (or a module importing itself), by Tarjan's algorithm. */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) connect(node);
  return components;
}

/** One shortest loop through a component, to show how it closes. */
function loopThrough(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const path = [node];
        while (previous.get(path[0]) !== undefined) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (members.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component;
}

const files = dirs.filter((dir) => existsSync(dir)).flatMap((dir) => walk(dir));
const runtimeGraph = new Map();
const allGraph = new Map();
const counts = { runtime: 0, type: 0, dynamic: 0 };
for (const file of files) {
  runtimeGraph.set(file, new Set());
  allGraph.set(file, new Set());
}
for (const file of files) {
  for (const { target, kind } of importsOf(file)) {
    counts[kind] += 1;
    if (!allGraph.has(target)) continue; // outside the checked folders
    if (kind === 'runtime') runtimeGraph.get(file).add(target);
    if (kind !== 'dynamic') allGraph.get(file).add(target);
  }
}

const show = (path) => relative(root, path);
const report = (label, graph) => {
  const found = cycles(graph);
  console.log(`${label}: ${found.length} cycle${found.length === 1 ? '' : 's'}`);
  for (const component of found)
    console.log(`  ${loopThrough(graph, component).map(show).join(' → ')}${component.length > 2 ? ` (${component.length} modules in all)` : ''}`);
  return found.length;
};

console.log(
  `${files.length} modules under ${dirs.map(show).join(', ')}: ${counts.runtime} runtime, ${counts.type} type-only and ${counts.dynamic} dynamic relative imports`,
);
const runtimeCycles = report('Runtime imports', runtimeGraph);
const allCycles = report('Runtime and type-only imports', allGraph);
if (runtimeCycles > 0 || (strictTypes && allCycles > 0)) process.exit(1);
