/**
 * GitHub Actions workflow commands, so that a check's error shows on the offending
 * line of a pull request's diff as well as in the log. Escaping follows the
 * runner's parser: `%`, CR and LF in the message; also `:` and `,` in properties.
 */

export interface AnnotationPlace {
  /** Path relative to the repository root, as the diff names it. */
  file: string;
  line?: number;
  column?: number;
  title?: string;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One workflow command line, e.g. `::error file=content/a.mdx,line=3,col=5::message`. */
export function githubAnnotation(message: string, place: AnnotationPlace, level: AnnotationLevel = 'error'): string {
  const properties: string[] = [`file=${escapeProperty(place.file)}`];
  if (place.line) properties.push(`line=${place.line}`);
  if (place.line && place.column) properties.push(`col=${place.column}`);
  if (place.title) properties.push(`title=${escapeProperty(place.title)}`);
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

/** Prints the annotation when running under GitHub Actions (GITHUB_ACTIONS=true); does nothing elsewhere. */
export function annotateOnGitHub(message: string, place: AnnotationPlace, level: AnnotationLevel = 'error'): void {
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(`${githubAnnotation(message, place, level)}\n`);
}
