/** Map problem+json `errors[].loc` (e.g. ["body","emails",0,"value"]) onto form field paths ("emails.0.value"). */
export interface FieldErrorLike {
  loc: readonly (string | number)[];
  msg: string;
}

export function locToPath(loc: readonly (string | number)[]): string {
  const parts = loc[0] === 'body' ? loc.slice(1) : loc;
  return parts.map(String).join('.');
}

/**
 * Split server validation errors into per-field errors (for paths the form knows) and the rest
 * (shown in a general alert).
 */
export function mapFieldErrors(
  errors: readonly FieldErrorLike[],
  isKnownPath: (path: string) => boolean,
): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const e of errors) {
    const path = locToPath(e.loc);
    if (path && isKnownPath(path)) {
      fields[path] = fields[path] ? `${fields[path]}; ${e.msg}` : e.msg;
    } else {
      general.push(path ? `${path}: ${e.msg}` : e.msg);
    }
  }
  return { fields, general };
}

/** True when `path` ("emails.0.value") resolves to a property in `values`. */
export function hasPath(values: unknown, path: string): boolean {
  let cur: unknown = values;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as Record<string, unknown>))) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}
