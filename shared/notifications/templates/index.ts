export { AREA_NAMES, ASSOCIATION_NAMES } from './areas.js';
export { formatMonth, formatNumber, formatPoints } from './format.js';
export { wordingProblems } from './parity.js';
export type { RenderedMail, RenderInput } from './render.js';
export {
  escapeHtml,
  FALLBACK_WORDING,
  fill,
  formatDay,
  localeFor,
  renderNotification,
  TemplateError,
  wordingFor,
  WORDINGS,
} from './render.js';
export type { Wording } from './wording.js';
