/** Builds the links that send a reader to the repository. Pure: takes the config as input. */
export interface RepoSettings {
  repoUrl: string;
  repoBranch: string;
  contentDir: string;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** "Edit this page": the chapter's source file on the forge's editor. */
export function editUrl(settings: RepoSettings, filePath: string): string {
  return `${trimSlash(settings.repoUrl)}/edit/${settings.repoBranch}/${settings.contentDir}/${filePath}`;
}

/**
 * The issue form the "Report an error" link opens (.github/ISSUE_TEMPLATE/), and the ids of
 * the fields it pre-fills: GitHub fills an issue form's field from the query parameter named
 * after the field's id.
 */
export const REPORT_FORM = {
  template: 'report-an-error.yml',
  fields: { chapter: 'chapter', section: 'section', pageUrl: 'url' },
} as const;

export interface ReportedPlace {
  chapter: string;
  pageUrl: string;
  /** The heading of the part that is wrong, where it is known. */
  section?: string;
}

/** "Report an error": the lesson-error issue form, with the chapter, the section and the page filled in. */
export function reportUrl(settings: RepoSettings, place: ReportedPlace): string {
  const { fields } = REPORT_FORM;
  const params = new URLSearchParams({ template: REPORT_FORM.template, title: `Error in "${place.chapter}"` });
  params.set(fields.chapter, place.chapter);
  if (place.section) params.set(fields.section, place.section);
  params.set(fields.pageUrl, place.pageUrl);
  return `${trimSlash(settings.repoUrl)}/issues/new?${params.toString()}`;
}

/** The same report link, naming a section (or none): used by the page to fill in the section the reader picked. */
export function withReportedSection(reportLink: string, section: string | undefined): string {
  const url = new URL(reportLink);
  if (section) url.searchParams.set(REPORT_FORM.fields.section, section);
  else url.searchParams.delete(REPORT_FORM.fields.section);
  return url.toString();
}
