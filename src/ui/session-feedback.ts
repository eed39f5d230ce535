import type { Question } from '../core/bank/schema.js';
import type { GradeResult } from '../core/grading/types.js';
import { sanitise } from './sanitise.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

/**
 * Feedback after one drill answer: the score bar, each key point made (✓, with the answer's own
 * words quoted), each point missed (✗), the STAR parts for behavioural answers and the model answer.
 */
export function renderFeedback(question: Question, result: GradeResult, theme: Theme, columns: number): string[] {
  const { c } = theme;
  const cols = Math.max(40, Math.min(columns, 100));
  const lines: string[] = [];
  if (question.ungraded) {
    lines.push(c.dim('Ungraded practice question: compare your answer with your own notes.'));
  } else {
    const pct = Math.round(result.score * 100);
    const size = Math.min(30, cols - 16);
    const fill = Math.round(result.score * size);
    const colour = result.score >= 0.7 ? c.green : result.score >= 0.4 ? c.yellow : c.red;
    lines.push(`${c.bold('Score')} ${colour('█'.repeat(fill))}${c.dim('░'.repeat(size - fill))} ${colour(`${pct} %`)}`);
    for (const p of result.points) {
      if (p.matched) {
        lines.push(...wrap(`${c.green('✓')} ${sanitise(p.point)}`, cols, '', '  '));
        if (p.evidence) lines.push(...wrap(c.dim(`“${sanitise(p.evidence)}”`), cols, '    ', '    '));
      } else {
        lines.push(...wrap(`${c.red('✗')} ${sanitise(p.point)}`, cols, '', '  '));
      }
    }
  }
  if (result.star) {
    const parts = Object.entries(result.star).map(([name, part]) => `${part.present ? c.green('✓') : c.red('✗')} ${name}`);
    lines.push(`${c.bold('STAR')} ${parts.join('  ')}`);
  }
  for (const n of result.notices) lines.push(...wrap(c.yellow(sanitise(n)), cols));
  if (question.modelAnswer) lines.push('', c.bold('Model answer'), ...wrap(sanitise(question.modelAnswer), cols, '  '));
  return lines;
}
