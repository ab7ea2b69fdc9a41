/// <reference types="astro/client" />

// For plain `tsc`, which cannot read .astro files; `astro check` types them precisely.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}

// Provided by the embed-assets integration (src/integrations/embed-assets.ts).
declare module 'virtual:lesson/host-script' {
  /** "sha384-…" of the built embed/host.js. */
  export const hostScriptIntegrity: string;
}
