import type { Rating } from '../core/model.js';
import type { AnswerActions, AnswerResult, ClockReading } from './prompts/answer.js';

/**
 * What a session needs from the screen, whether a terminal (prompts, live clock) or plain lines
 * (pipes, screen readers, `--plain`). The session runner talks only to this.
 */

export interface TurnView {
  /** `Question 2 of 5 · definitions · slo` */
  heading: string;
  question: string;
  followUp?: string;
  /** Hints already shown on this turn. */
  hints: string[];
  draft: string;
  /** Receives the answer text at every change (what a signal saves as the draft). */
  onDraft(text: string): void;
  clock(): ClockReading;
  overtime: boolean;
  actions: AnswerActions;
  pair: boolean;
}

export interface Checklist {
  /** Indexes of the key points the interviewer ticked. */
  ticked: number[];
  notes: string;
}

export interface SessionUi {
  readonly interactive: boolean;
  /** Asks one turn; rejects with `PromptCancelled` (holding the draft) on quit, Ctrl-C or a signal. */
  answer(turn: TurnView): Promise<AnswerResult>;
  /** Pair mode: which key points the candidate made. */
  checklist(points: readonly string[]): Promise<Checklist>;
  /** The rating to schedule with, or null to use the suggestion without asking (plain mode). */
  rating(suggested: Rating): Promise<Rating | null>;
  /** Releases the input (so the process can end). */
  close(): void;
}

export type { AnswerResult, ClockReading };
