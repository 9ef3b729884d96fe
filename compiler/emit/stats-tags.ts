/**
 * Envoy's tag extractors for the tags filterc encodes in metric names (compiler/metric-names.ts): for each tag, a
 * regex whose first group is the part of the name to remove and whose second is the tag's value (Envoy:
 * Stats::TagExtractorImplBase::createTagExtractor, stats_config.stats_tags). The form is the one Istio writes for
 * each of ProxyConfig's `extraStatTags`, so a mesh that lists the tags there extracts them the same way.
 */
export function statsTags(tags: readonly string[]): { tag_name: string; regex: string }[] {
  return tags.map((tag) => ({ tag_name: tag, regex: `(${tag}=\\.=(.*?);\\.;)` }));
}
