/**
 * `npm run check:html`: the W3C Nu HTML Checker (the `vnu-jar` package, run on a system
 * Java 17 or later) over every page of a build. Each error prints as
 * `file:line:col: message`, and as a GitHub annotation under Actions.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotateOnGitHub } from './github-annotations';

/** One message of the checker's JSON output (`--format json`), the fields we use. */
interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
}

export interface HtmlProblem {
  /** Relative to the repository root, e.g. `dist/search/index.html`. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

const JAVA_MISSING =
  'The HTML check needs Java 17 or later ("java" on PATH) to run the Nu checker. ' +
  'On Debian or Ubuntu: sudo apt-get install default-jre-headless (.ci/run does this on a clean machine).';

/** Errors (fatal ones included) from the checker's JSON report; info and warnings are left out, as with --errors-only. */
export function parseVnuReport(json: string, root: string): HtmlProblem[] {
  let report: { messages?: VnuMessage[] };
  try {
    report = JSON.parse(json) as { messages?: VnuMessage[] };
  } catch {
    throw new Error(`The Nu checker's report is not JSON:\n${json.slice(0, 2000)}`);
  }
  return (report.messages ?? [])
    .filter((message) => message.type === 'error' || message.subType === 'fatal')
    .map((message) => ({
      file: message.url?.startsWith('file:') ? relative(root, fileURLToPath(message.url)) : (message.url ?? '(no file)'),
      line: message.firstLine ?? message.lastLine,
      column: message.firstColumn,
      message: message.message,
    }));
}

/** `dist/search/index.html:8:277: Stray start tag “script”.` */
export function formatProblem(problem: HtmlProblem): string {
  const place = [problem.file, problem.line, problem.line ? problem.column : undefined].filter((part) => part !== undefined).join(':');
  return `${place}: ${problem.message}`;
}

/** The path of vnu.jar inside node_modules. */
export function vnuJarPath(): string {
  // The package's main export is the jar's path (a String object).
  return String(createRequire(import.meta.url)('vnu-jar'));
}

/** Runs the checker over the given folders (pages only, errors only) and returns what it finds. */
export function validateHtml(dirs: string[], root = process.cwd(), java = process.env.JAVA ?? 'java'): HtmlProblem[] {
  const result = spawnSync(java, ['-jar', vnuJarPath(), '--skip-non-html', '--errors-only', '--format', 'json', ...dirs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(JAVA_MISSING);
    throw result.error;
  }
  // The JSON report goes to stderr; exit status 1 just means "errors found".
  const report = result.stderr.trim();
  if (!report.startsWith('{')) throw new Error(`The Nu checker did not run (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return parseVnuReport(report, root);
}

/** Prints each problem as `file:line:col: message`, and as an annotation under GitHub Actions. */
export function reportProblems(problems: HtmlProblem[], write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  for (const problem of problems) {
    write(formatProblem(problem));
    annotateOnGitHub(problem.message, { file: problem.file, line: problem.line, column: problem.column, title: 'Invalid HTML (Nu checker)' });
  }
}
