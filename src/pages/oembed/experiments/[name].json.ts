import type { APIRoute, GetStaticPaths } from 'astro';
import { experiments, type ExperimentName } from '../../../experiments/registry';
import { oembedResponse } from '../../../utils/oembed';
import { experimentEmbedPaths } from '../../../utils/embed';

export const getStaticPaths: GetStaticPaths = () => Object.keys(experiments).map((name) => ({ params: { name } }));

export const GET: APIRoute = ({ params, site }) => {
  const definition = experiments[params.name as ExperimentName];
  return oembedResponse(site, definition.title, experimentEmbedPaths(params.name!, definition.chapter).embed);
};
