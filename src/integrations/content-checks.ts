/**
 * Checks that stop a broken chapter before it reaches readers, as remark and
 * rehype plugins in the build. Each error names the file, the line where it is
 * known, what is wrong and how to fix it, in words a non-expert can act on.
 *
 * - TeX that KaTeX cannot render (rehype-katex only warns; this makes it an error);
 * - an unknown component, or a component given a prop it does not take;
 * - a link to a chapter or heading that does not exist, or a `javascript:` link;
 * - an image whose file is missing, or one loaded from another site;
 * - a number typed into the prose where src/lesson/figures.ts should supply it.
 *
 * Frontmatter is checked by the Zod schema (src/schemas/chapter.ts) and a
 * duplicate `order` by orderChapters (src/utils/chapters.ts).
 *
 * Under GitHub Actions each error is also printed as a workflow command, so it
 * shows on the offending line of a pull request (src/integrations/github-annotations.ts).
 */
import type { Root as MdastRoot, Text, Link, Image, Heading, Definition, LinkReference } from 'mdast';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import GithubSlugger from 'github-slugger';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { COMPONENT_MANIFEST } from '../user-components/manifest';
import { annotateOnGitHub } from './github-annotations';

type Place = { line?: number; column?: number } | undefined;

/** Thrown by every check; the build prints `message` (and, on GitHub Actions, an annotation). */
export class ContentError extends Error {
  constructor(file: VFile, place: Place, problem: string, fix: string) {
    const path = displayPath(file);
    const where = place?.line ? `:${place.line}${place.column ? `:${place.column}` : ''}` : '';
    super(`${path}${where}: ${problem}\n  How to fix: ${fix}`);
    this.name = 'ContentError';
    annotateOnGitHub(`${problem}\nHow to fix: ${fix}`, { file: path, line: place?.line, column: place?.column, title: 'Content check' });
  }
}

function displayPath(file: VFile): string {
  return file.path ? relative(process.cwd(), file.path) : '(unknown file)';
}

// ---------------------------------------------------------------------------
// TeX
// ---------------------------------------------------------------------------

/** Where a piece of TeX stands in the source, when the message itself has no position. */
function locateInSource(file: VFile, tree: HastRoot): { line: number; column: number } | undefined {
  let tex: string | undefined;
  visit(tree, 'element', (node) => {
    const classes = node.properties?.className;
    if (tex === undefined && Array.isArray(classes) && classes.includes('katex-error')) tex = textOf(node as never);
  });
  const source = String(file.value);
  const index = tex ? source.indexOf(tex.trim()) : -1;
  if (index < 0) return undefined;
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Runs after rehype-katex and turns its warnings into build errors. */
export function rehypeKatexErrors() {
  return (tree: HastRoot, file: VFile) => {
    const failure = file.messages.find((message) => message.source === 'rehype-katex' || /KaTeX/.test(message.reason));
    if (!failure) return;
    const cause = (failure.cause as Error | undefined)?.message ?? failure.reason;
    throw new ContentError(
      file,
      failure.line ? { line: failure.line, column: failure.column ?? undefined } : locateInSource(file, tree),
      `TeX that KaTeX cannot render: ${cause.replace(/^KaTeX parse error: /, '')}`,
      'correct the formula between $…$ (or $$…$$). KaTeX supports most LaTeX maths; see https://katex.org/docs/supported.html. A literal dollar sign is written \\$.',
    );
  };
}

// ---------------------------------------------------------------------------
// Components and props
// ---------------------------------------------------------------------------

interface JsxAttribute {
  type: string;
  name?: string;
  /** A string for `name="…"`; an expression object for `name={…}`. */
  value?: unknown;
}

interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
  position?: { start: { line: number; column: number } };
}

interface EsmNode {
  type: 'mdxjsEsm';
  value: string;
}

/** Unknown components, components used without an import, and props a component does not take. */
export function remarkComponentChecks() {
  return (tree: MdastRoot, file: VFile) => {
    const imported = new Set<string>();
    visit(tree, 'mdxjsEsm', (node: unknown) => {
      const source = (node as EsmNode).value;
      for (const match of source.matchAll(/import\s*\{([^}]*)\}/g)) {
        for (const name of match[1]!.split(','))
          imported.add(
            name
              .trim()
              .split(/\s+as\s+/)
              .pop()!,
          );
      }
      for (const match of source.matchAll(/import\s+([A-Z]\w*)\s+from/g)) imported.add(match[1]!);
    });
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as unknown as JsxElement;
      const name = element.name;
      // Lower-case names are HTML elements, which MDX passes through.
      if (!name || !/^[A-Z]/.test(name)) return;
      const place = element.position?.start;
      const known = Object.keys(COMPONENT_MANIFEST).join(', ');
      const spec = COMPONENT_MANIFEST[name];
      if (!spec) {
        throw new ContentError(
          file,
          place,
          `<${name}> is not a component this lesson has.`,
          `use one of ${known}, imported from '../src/user-components' (see the Components page, /components/).`,
        );
      }
      if (!imported.has(name)) {
        throw new ContentError(
          file,
          place,
          `<${name}> is used but not imported.`,
          `add ${name} to the import at the top of the file: import { ${name} } from '../src/user-components';`,
        );
      }
      const given = element.attributes.filter((attribute) => attribute.type === 'mdxJsxAttribute').map((attribute) => attribute.name!);
      for (const prop of given) {
        if (!Object.hasOwn(spec.props, prop)) {
          const allowed = Object.keys(spec.props);
          throw new ContentError(
            file,
            place,
            `<${name}> does not take a prop called "${prop}".`,
            allowed.length ? `<${name}> takes ${allowed.map((p) => `"${p}"`).join(', ')}.` : `<${name}> takes no props; remove "${prop}".`,
          );
        }
      }
      for (const [prop, info] of Object.entries(spec.props)) {
        if (info.required && !given.includes(prop)) {
          throw new ContentError(
            file,
            place,
            `<${name}> needs the prop "${prop}": ${info.description}`,
            `add ${prop}="…" to the <${name}> tag, e.g. ${spec.example}`,
          );
        }
      }
    });
  };
}

// ---------------------------------------------------------------------------
// Links and images
// ---------------------------------------------------------------------------

/** A heading's id as Astro makes it: github-slugger, without a trailing dash. */
function astroSlug(slugger: GithubSlugger, text: string): string {
  return slugger.slug(text).replace(/-$/, '');
}

/** The heading slugs and element ids a chapter file will have, from its source. */
function anchorsOf(source: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of source.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = line.match(/^#{1,6}\s+(.+?)\s*#*\s*$/);
    if (heading) anchors.add(astroSlug(slugger, heading[1]!.replace(/[`*_]/g, '')));
    for (const match of line.matchAll(/<Experiment\s+name="([^"]+)"/g)) anchors.add(`experiment-${match[1]}`);
    for (const match of line.matchAll(/\sid="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

function collectHeadings(tree: MdastRoot): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(tree, 'heading', (node: Heading) => {
    anchors.add(astroSlug(slugger, textOf(node)));
  });
  return anchors;
}

function textOf(node: { children?: unknown[]; value?: unknown; type?: string }): string {
  if (node.type === 'inlineMath') return String(node.value ?? '');
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => textOf(child as never)).join('');
}

/** A URL that runs a script when followed. Browsers skip leading spaces and control characters, and tabs or line breaks anywhere. */
function runsScript(url: string): boolean {
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start += 1;
  return /^javascript:/i.test(url.slice(start).replace(/[\t\n\r]/g, ''));
}

/** An image fetched from another site: `https:` or `http:`, or protocol-relative (`//host/…`, which browsers also read from `\\host`). */
function isRemote(url: string): boolean {
  return /^(?:https?:|[\\/]{2})/i.test(url.trim());
}

/** What a node links to or shows: Markdown links and images (direct or by reference) and MDX's <a href> and <img src>. */
function targetOf(node: { type: string }, definitions: Map<string, string>): { kind: 'link' | 'image'; url: string } | undefined {
  switch (node.type) {
    case 'link':
      return { kind: 'link', url: (node as Link).url };
    case 'image':
      return { kind: 'image', url: (node as Image).url };
    case 'linkReference':
    case 'imageReference': {
      const url = definitions.get((node as LinkReference).identifier);
      return url === undefined ? undefined : { kind: node.type === 'imageReference' ? 'image' : 'link', url };
    }
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      const element = node as unknown as JsxElement;
      const wanted = element.name === 'a' ? 'href' : element.name === 'img' ? 'src' : undefined;
      const value = element.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === wanted)?.value;
      return typeof value === 'string' ? { kind: wanted === 'src' ? 'image' : 'link', url: value } : undefined;
    }
    default:
      return undefined;
  }
}

function checkImage(file: VFile, contentDir: string, target: string, place: Place): void {
  if (isRemote(target)) {
    throw new ContentError(
      file,
      place,
      `the image "${target}" is loaded from another site. The lesson's Content-Security-Policy blocks images from other sites, and the page must not depend on one.`,
      'download the image (if its licence allows), put it in public/ (or beside the chapter) and link it as /name.png; credit its source in the text.',
    );
  }
  if (/^data:/i.test(target)) return;
  const local = target.startsWith('/') ? join(process.cwd(), 'public', target) : resolve(contentDir, target);
  if (!existsSync(local)) {
    throw new ContentError(
      file,
      place,
      `the image "${target}" does not exist (looked for ${relative(process.cwd(), local)}).`,
      'check the file name, or add the image to public/ and link it as /name.png.',
    );
  }
}

/**
 * Internal links must reach a page and heading that exist: `#anchor` on this
 * page, `/chapters/<id>/` (with an optional `#anchor`) or a relative `./<id>.mdx`.
 * No link may run a script (`javascript:`), and images are served by the site itself.
 */
export function remarkLinkChecks() {
  return (tree: MdastRoot, file: VFile) => {
    if (!file.path) return;
    const contentDir = dirname(file.path);
    const ownAnchors = collectHeadings(tree);
    for (const anchor of anchorsOf(String(file.value))) ownAnchors.add(anchor);
    const chapters = new Set(
      readdirSync(contentDir)
        .filter((name) => name.endsWith('.mdx'))
        .map((name) => name.replace(/\.mdx$/, '')),
    );
    const definitions = new Map<string, string>();
    visit(tree, 'definition', (node: Definition) => {
      definitions.set(node.identifier, node.url);
    });
    visit(tree, (node) => {
      const found = targetOf(node, definitions);
      if (!found) return;
      const target = found.url;
      const place = node.position?.start;
      if (found.kind === 'image') {
        checkImage(file, contentDir, target, place);
        return;
      }
      if (runsScript(target)) {
        throw new ContentError(
          file,
          place,
          `the link "${target}" runs a script when followed. The lesson's Content-Security-Policy blocks it, and a reader cannot see where it leads.`,
          'link to a chapter or heading (/chapters/<id>/#heading) or to a web address (https://…); interactive parts are components (see the Components page, /components/).',
        );
      }
      if (node.type !== 'link' && node.type !== 'linkReference') return;
      if (/^[a-z]+:/i.test(target)) return;
      const [path, anchor] = target.split('#') as [string, string | undefined];
      let chapter: string | undefined;
      if (path === '') chapter = undefined;
      else {
        const match = path.match(/^(?:\/chapters\/|\.\/|\.\.\/chapters\/)?([a-z0-9-]+)(?:\.mdx|\/)?$/);
        chapter = match?.[1];
        if (!chapter || !chapters.has(chapter)) {
          throw new ContentError(
            file,
            place,
            `the link "${target}" points at a chapter that does not exist.`,
            `link to a chapter as /chapters/<id>/ where <id> is a file in content/: ${[...chapters].join(', ')}.`,
          );
        }
      }
      if (anchor) {
        const anchors = chapter ? anchorsOf(readFileSync(join(contentDir, `${chapter}.mdx`), 'utf8')) : ownAnchors;
        if (!anchors.has(anchor)) {
          throw new ContentError(
            file,
            place,
            `the link "${target}" points at a heading "#${anchor}" that ${chapter ? `content/${chapter}.mdx` : 'this page'} does not have.`,
            `use one of: ${[...anchors].map((a) => `#${a}`).join(', ')}. A heading's anchor is its text in lower case with spaces as dashes.`,
          );
        }
      }
    });
  };
}

// ---------------------------------------------------------------------------
// Numbers typed by hand
// ---------------------------------------------------------------------------

/**
 * Digits in running prose are figures that readers may check, so they must come
 * from the numbers module through <Num> or <Tex>. What this check can see: text
 * in paragraphs, headings, lists and tables. What it leaves alone: maths ($…$),
 * code, component props, link URLs, and the allowed patterns below, which are
 * labels rather than quantities. It cannot tell a number spelled in words.
 */
export const ALLOWED_NUMBER_PATTERNS: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /\bLimitation [1-3]\b/g, why: 'the names of the three limitations' },
  { pattern: /\bO\(T²\)|\bO\(T\)/g, why: 'complexity classes in headings and titles' },
  { pattern: /\bfp(?:16|32)\b|\b(?:16|32)-bit\b/g, why: 'names of floating-point formats' },
];

export function remarkNumberChecks() {
  return (tree: MdastRoot, file: VFile) => {
    visit(tree, (node) => {
      if (node.type === 'inlineMath' || node.type === 'math' || node.type === 'code' || node.type === 'inlineCode' || node.type === 'mdxjsEsm') return SKIP;
      if (node.type !== 'text') return undefined;
      let text = (node as Text).value;
      for (const { pattern } of ALLOWED_NUMBER_PATTERNS) text = text.replace(pattern, '');
      const digit = text.match(/\d[\d,.]*/);
      if (digit) {
        throw new ContentError(
          file,
          node.position?.start,
          `the number "${digit[0]}" is typed into the prose.`,
          'figures come from src/lesson/figures.ts: add the value to lessonNumbers (with a unit test) and write <Num of="name" />, or put notation in maths ($T^2$). See CONTRIBUTING.md, "Numbers".',
        );
      }
      return undefined;
    });
  };
}
