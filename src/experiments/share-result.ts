/**
 * "Share this result": the link to the repository's result form
 * (.github/ISSUE_TEMPLATE/contribute-a-result.yml), pre-filled through its query
 * parameters. GitHub fills a form's field from the parameter named after its id.
 * A result too long for a link goes in a downloaded file that the form says to attach.
 * Pure: the page opens the link and saves the file only when the reader clicks.
 */

/** The form and the ids of the fields the link fills in. */
export const RESULT_FORM = {
  template: 'contribute-a-result.yml',
  fields: { experiment: 'experiment', device: 'device', result: 'result' },
} as const;

/**
 * The longest link the share button opens. Browsers take far longer addresses, but
 * servers refuse long request lines (8 KiB is a common limit); this stays under it.
 */
export const SHARE_URL_MAX = 8000;

/** Put in the form's result field when the JSON went into a file instead. */
export const ATTACH_NOTE = 'Too long for a link: attached below, under "Result as a file".';

export interface ShareLink {
  url: string;
  /** True when the JSON is not in the link and must be attached as a file. */
  attach: boolean;
  /** The file name to download when `attach` is true. */
  fileName: string;
}

export function shareLink(repoUrl: string, { experiment, device, json }: { experiment: string; device: string; json: string }): ShareLink {
  const base = `${repoUrl.replace(/\/+$/, '')}/issues/new`;
  const { fields } = RESULT_FORM;
  const link = (result: string) => {
    const params = new URLSearchParams({ template: RESULT_FORM.template, title: `Result: ${experiment} on ${device}`.slice(0, 200) });
    params.set(fields.experiment, experiment);
    params.set(fields.device, device.slice(0, 300));
    params.set(fields.result, result);
    return `${base}?${params.toString()}`;
  };
  const fileName = `${experiment}-result.json`;
  // The link carries the JSON without indentation: the same values, so the same checksum, in fewer characters.
  const full = link(JSON.stringify(JSON.parse(json)));
  if (full.length <= SHARE_URL_MAX) return { url: full, attach: false, fileName };
  return { url: link(ATTACH_NOTE), attach: true, fileName };
}
