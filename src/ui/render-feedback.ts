import type { Question } from '../core/bank/schema.js';
import { STAR_PARTS, type GradeResult } from '../core/grading/types.js';
import { sanitise, sanitiseLine } from './sanitise.js';
import { wrap } from './table.js';
import type { Theme } from './theme.js';

/**
 * Feedback on one graded answer, as lines: the score, every key point with ✓/✗ and the answer's
 * own words that showed it, the points missed, the STAR parts of a behavioural answer, notices
 * (truncation, empty answer) and the model answer. Every bank and answer string goes through the
 * sanitiser. Used by `sre-drill grade` and after each drill question.
 */
export function renderFeedback(question: Question, result: GradeResult, theme: Theme, columns: number): string[] {
  const { c } = theme;
  const cols = Math.max(40, Math.min(columns, 100));
  const lines: string[] = [];
  for (const n of result.notices) lines.push(...wrap(c.yellow(`! ${sanitiseLine(n)}`), cols, '', '  '));
  if (question.ungraded || result.points.length === 0) {
    if (!result.notices.length) lines.push(c.dim('Ungraded practice question: compare your answer with your own notes.'));
  } else {
    const made = result.points.filter((p) => p.matched).length;
    const pct = Math.round(result.score * 100);
    const colour = result.score >= 0.7 ? c.green : result.score >= 0.4 ? c.yellow : c.red;
    lines.push(`${c.bold('Score')} ${colour(`${pct}%`)}  ${c.dim(`${made} of ${result.points.length} key points made`)}`);
    lines.push('');
    for (const p of result.points) {
      const mark = p.matched ? c.green('✓') : c.red('✗');
      const strength = c.dim(`(${p.strength.toFixed(2)})`);
      lines.push(...wrap(`${mark} ${p.index + 1}. ${sanitiseLine(p.point)} ${strength}`, cols, '', '     '));
      if (p.evidence) {
        const label = p.matched ? '' : 'partly: ';
        lines.push(...wrap(c.dim(`${label}“${sanitiseLine(p.evidence)}”`), cols, '     '));
      }
    }
    const missed = result.points.filter((p) => !p.matched);
    if (missed.length) {
      lines.push('', c.bold('Missed'));
      for (const p of missed) lines.push(...wrap(sanitiseLine(p.point), cols, '  • ', '    '));
    }
  }
  if (result.star) {
    lines.push('', `${c.bold('STAR')} ${c.dim('(situation, task, action, result)')}`);
    for (const part of STAR_PARTS) {
      const s = result.star[part];
      const text = s.present ? `${c.green('✓')} ${part}: ${c.dim(`“${sanitiseLine(s.cue)}”`)}` : `${c.red('✗')} ${part}: ${c.dim('not found')}`;
      lines.push(...wrap(text, cols, '  ', '    '));
    }
  }
  if (question.modelAnswer) lines.push('', c.bold('Model answer'), ...wrap(sanitise(question.modelAnswer), cols, '  '));
  return lines;
}
