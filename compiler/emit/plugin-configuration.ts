/**
 * The plugin configuration as the filter reads it in proxy_on_configure: JSON text. Envoy delivers a
 * google.protobuf.StringValue's content raw, without the protobuf wrapper, so a StringValue holding JSON is
 * what every SDK can parse.
 */
export function configurationJson(pluginConfig: Record<string, unknown>): string {
  return JSON.stringify(pluginConfig);
}

export const STRING_VALUE_TYPE = "type.googleapis.com/google.protobuf.StringValue";

/** The `configuration` Any of a v3 PluginConfig. */
export function configurationAny(pluginConfig: Record<string, unknown>): { "@type": string; value: string } {
  return { "@type": STRING_VALUE_TYPE, value: configurationJson(pluginConfig) };
}
