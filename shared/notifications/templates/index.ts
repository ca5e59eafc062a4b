export { renderNotification, wordingFor, localeFor, escapeHtml, fill, formatDay, WORDINGS, FALLBACK_WORDING, TemplateError } from './render.js';
export type { RenderedMail, RenderInput } from './render.js';
export { AREA_NAMES, ASSOCIATION_NAMES } from './areas.js';
export { formatMonth, formatPoints, formatNumber } from './format.js';
export { wordingProblems } from './parity.js';
export type { Wording } from './wording.js';
