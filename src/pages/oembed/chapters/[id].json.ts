import type { APIRoute, GetStaticPaths } from 'astro';
import { getLessonChapters } from '../../../utils/lesson';
import { oembedResponse } from '../../../utils/oembed';
import { chapterEmbedPaths } from '../../../utils/embed';

export const getStaticPaths: GetStaticPaths = async () =>
  (await getLessonChapters()).map((chapter) => ({ params: { id: chapter.id }, props: { title: chapter.data.title } }));

export const GET: APIRoute = ({ params, props, site }) => oembedResponse(site, props.title as string, chapterEmbedPaths(params.id!).embed);
