/**
 * The schema of a contributed result (content/results/*.json) and its check: the
 * build reads every file through checkResultText and stops, naming the file and
 * the field, at the first that does not hold. A checksum that does not match the
 * parameters, rows, constants and summary means the file was edited after the
 * command or the page wrote it.
 */
import { DEVICE_CLASS_LABELS, RESULT_FORMAT, type ResultFile } from './result-file';
import { resultChecksum } from './result-checksum';

export interface ResultCheck {
  ok: boolean;
  errors: string[];
  result?: ResultFile;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The fields' shapes, without the checksum; every problem is one sentence naming the field. */
export function schemaErrors(value: unknown, experimentNames: readonly string[]): string[] {
  if (!isObject(value)) return ['The file is not a JSON object.'];
  const errors: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) errors.push(message);
  };
  need(
    value.format === RESULT_FORMAT,
    `"format" must be ${RESULT_FORMAT} (this lesson reads result files of format ${RESULT_FORMAT}); it is ${JSON.stringify(value.format)}.`,
  );
  need(isString(value.lessonVersion) && /^\d+\.\d+\.\d+/.test(value.lessonVersion), '"lessonVersion" must be the lesson\'s version, such as "0.1.0".');
  need(
    isString(value.experiment) && experimentNames.includes(value.experiment),
    `"experiment" must be one of ${experimentNames.join(', ')}; it is ${JSON.stringify(value.experiment)}.`,
  );
  need(isString(value.date) && !Number.isNaN(Date.parse(value.date)), '"date" must be an ISO date, such as "2026-12-04T22:00:00.000Z".');
  need(
    isObject(value.parameters) && Object.values(value.parameters).every((item) => ['number', 'boolean', 'string'].includes(typeof item)),
    '"parameters" must be an object of numbers, switches (true or false) and strings.',
  );
  if (!isObject(value.device)) errors.push('"device" must describe the adapter: class, vendor, architecture, description and runner.');
  else {
    const device = value.device;
    need(
      isString(device.class) && Object.hasOwn(DEVICE_CLASS_LABELS, device.class),
      `"device.class" must be one of ${Object.keys(DEVICE_CLASS_LABELS).join(', ')}.`,
    );
    for (const key of ['vendor', 'architecture', 'description', 'runner']) need(isString(device[key]), `"device.${key}" must be a string.`);
    need(
      device.classSource === undefined || isString(device.classSource),
      '"device.classSource" must say, as a string, how the class was decided (or be left out).',
    );
  }
  if (!Array.isArray(value.rows) || value.rows.length === 0) errors.push('"rows" must be a non-empty list of the measured rows.');
  else {
    value.rows.forEach((row, index) => {
      if (!isObject(row) || !isString(row.series)) errors.push(`rows[${index}] must be an object with a "series" name.`);
      else {
        const bad = Object.entries(row).find(
          ([, item]) => !(isString(item) || isFinite(item) || item === null || (Array.isArray(item) && item.every(isFinite))),
        );
        if (bad) errors.push(`rows[${index}].${bad[0]} must be a finite number, a string or a list of finite numbers.`);
      }
    });
  }
  const summary = value.summary;
  need(
    summary === undefined || (Array.isArray(summary) && summary.every(isString)) || (isObject(summary) && isString(summary.headline)),
    '"summary" must be the experiment\'s summary: a headline (with its verdict) or a list of sentences.',
  );
  need(
    isString(value.checksum) && /^sha256:[0-9a-f]{64}$/.test(value.checksum),
    '"checksum" must be "sha256:" and 64 hexadecimal digits, as the command writes it.',
  );
  return errors;
}

/** Parses and checks one result file's text; `name` is how messages name the file. */
export async function checkResultText(text: string, name: string, experimentNames: readonly string[]): Promise<ResultCheck> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`] };
  }
  const errors = schemaErrors(value, experimentNames).map((message) => `${name}: ${message}`);
  if (errors.length > 0) return { ok: false, errors };
  const result = value as ResultFile;
  const expected = await resultChecksum(result);
  if (expected !== result.checksum) {
    return {
      ok: false,
      errors: [
        `${name}: the checksum does not match the parameters, rows, constants and summary: the file was changed after it was written. ` +
          'Run the command again (npm run experiment -- <name> --out FILE) rather than editing numbers by hand.',
      ],
    };
  }
  return { ok: true, errors: [], result };
}
