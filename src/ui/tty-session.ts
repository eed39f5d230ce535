import type { Rating } from '../core/model.js';
import { askAnswer, askChecklist, askRating, openEditor, type PromptIo } from './prompts/session.js';
import type { SessionUi, TurnView } from './session-ui.js';
import type { Theme } from './theme.js';

export interface TtyOptions extends PromptIo {
  theme: Theme;
  size(): { columns: number; rows: number };
  /** The editor command from the config (else $VISUAL, $EDITOR, vim). */
  editorCommand?: string;
}

/** A session in a terminal: the live answering prompt, the rating prompt, the pair checklist. */
export function ttySessionUi(opts: TtyOptions): SessionUi {
  const io: PromptIo = { input: opts.input, output: opts.output, signal: opts.signal, color: opts.theme.color };
  return {
    interactive: true,
    answer: (turn: TurnView) =>
      askAnswer(
        {
          heading: turn.heading,
          question: turn.question,
          followUp: turn.followUp,
          hints: turn.hints,
          draft: turn.draft,
          clock: turn.clock,
          overtime: turn.overtime,
          actions: turn.actions,
          pair: turn.pair,
          theme: opts.theme,
          size: opts.size,
          editor: (text) => openEditor(text, opts.editorCommand),
          onDraft: turn.onDraft,
        },
        io,
      ),
    checklist: (points) => askChecklist(points, io),
    rating: (suggested: Rating) => askRating(suggested, io),
    close: () => undefined,
  };
}
