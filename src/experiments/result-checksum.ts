/**
 * The checksum a result file carries: SHA-256 of the canonical JSON of what was measured. Apart from
 * result-file.ts (which imports the lesson's version from package.json) so that anything, the browser
 * tests included, can check a file's checksum. Web Crypto, in browsers and Node.
 */

/** The fields the checksum covers. */
export interface ChecksummedFields {
  experiment: string;
  parameters: unknown;
  rows: readonly unknown[];
  deviceConstants?: unknown;
  summary?: unknown;
}

/** JSON with object keys in sorted order, so the same values always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What the checksum covers: the experiment, its parameters, its rows, the device constants and the summary. */
export function checksummedPart(result: ChecksummedFields): unknown {
  return { experiment: result.experiment, parameters: result.parameters, rows: result.rows, deviceConstants: result.deviceConstants, summary: result.summary };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function resultChecksum(result: Parameters<typeof checksummedPart>[0]): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(checksummedPart(result)))}`;
}
