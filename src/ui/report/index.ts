export { renderText, sessionSummaryLines } from './text.js';
export { renderMarkdown } from './markdown.js';
export { renderHtml, reportCsp } from './html.js';
export { renderJson, REPORT_JSON_VERSION } from './json.js';
