import type { Question } from '../bank/schema.js';

/**
 * Questions as an Anki "notes in plain text" file: the header lines Anki reads, then one note per
 * line, tab-separated: front (the prompt), back (key points and model answer), tags (category and
 * topics). Fields are HTML (`#html:true`), so bank text is escaped and line breaks become <br>.
 */

export const ANKI_HEADER = ['#separator:tab', '#html:true', '#tags column:3', '#notetype:Basic', '#deck:sre-drill'] as const;

/** Escapes text for an HTML field; tabs would split the field, so they become spaces. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, ' ')
    .replace(/\r\n?|\n/g, '<br>');
}

/** The back of a question's card, as HTML. */
export function ankiBack(q: Question): string {
  const parts: string[] = [];
  if (q.keyPoints.length) parts.push(`<b>Key points</b><ol>${q.keyPoints.map((k) => `<li>${escapeHtml(k.point)}</li>`).join('')}</ol>`);
  if (q.modelAnswer) parts.push(`<b>Model answer</b><br>${escapeHtml(q.modelAnswer)}`);
  if (!parts.length) parts.push('<i>Practice prompt: no key points. Answer it aloud.</i>');
  return parts.join('<br>');
}

/** Anki tags: no spaces allowed inside one, so anything odd becomes "-". */
function tag(t: string): string {
  return t.trim().replace(/[\s"]+/g, '-');
}

/** The whole notes file, one line per question, ending with a newline. */
export function ankiNotes(questions: readonly Question[]): string {
  const lines: string[] = [...ANKI_HEADER];
  for (const q of questions) lines.push([escapeHtml(q.prompt), ankiBack(q), [q.category, ...q.topics].map(tag).join(' ')].join('\t'));
  return `${lines.join('\n')}\n`;
}
