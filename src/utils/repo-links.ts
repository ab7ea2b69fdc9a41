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

/** "Report an error": a new issue, pre-titled with the chapter and its URL. */
export function reportUrl(settings: RepoSettings, chapterTitle: string, pageUrl: string): string {
  const params = new URLSearchParams({
    title: `Error in "${chapterTitle}"`,
    body: `Page: ${pageUrl}\n\nWhat is wrong, and what should it say?\n`,
  });
  return `${trimSlash(settings.repoUrl)}/issues/new?${params.toString()}`;
}
