import { CancelledError } from '../../core/errors.js';

/**
 * The person stopped at a prompt (quit, Ctrl-C, a closed terminal, SIGTERM): carries the text
 * being typed, which the session keeps as a draft. Lives apart from the prompts so plain mode can
 * use it without loading @inquirer.
 */
export class PromptCancelled extends CancelledError {
  constructor(readonly draft: string) {
    super('Interrupted.');
    this.name = 'PromptCancelled';
  }
}
