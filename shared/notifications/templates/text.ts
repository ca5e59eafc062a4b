// Filling and escaping: the three rules every interpolated value goes through.
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in the wording, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TemplateError(`placeholder {${name}} has no value in "${template.slice(0, 60)}…"`);
    return value;
  });
}

/** The placeholder names a template uses. */
export function placeholders(template: string): Set<string> {
  return new Set([...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!));
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Control characters (CR/LF included) become spaces: values end up in the Subject header and on one line. */
export function plain(value: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
