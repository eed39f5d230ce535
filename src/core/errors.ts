/**
 * The errors a user can meet. Each carries what the user needs to act on it; only
 * `main.ts` turns them into text and an exit code.
 */

/** Exit codes for the whole CLI. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;

/** One located problem in a user file: `file:line:col  path: message`. */
export interface Issue {
  file: string;
  line: number;
  col: number;
  /** Field path inside the file, e.g. `questions[3].key_points`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatIssue(issue: Issue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return issue.path ? `${where}  ${issue.path}: ${issue.message}` : `${where}  ${issue.message}`;
}

export class SreDrillError extends Error {
  readonly exitCode: number = EXIT.failure;
  /** Lines shown to the user, one per problem. */
  lines(): string[] {
    return [this.message];
  }
}

/** Bad bank or glossary files: every located issue, one line each. */
export class BankError extends SreDrillError {
  override readonly exitCode = EXIT.usage;
  constructor(readonly issues: Issue[]) {
    super(issues.length === 1 ? formatIssue(issues[0]!) : `${issues.length} problems in the question banks`);
    this.name = 'BankError';
  }
  override lines(): string[] {
    return this.issues.map(formatIssue);
  }
}

/** The command line or an input file asked for something that cannot be done. */
export class UsageError extends SreDrillError {
  override readonly exitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The progress store could not be opened or written. */
export class StoreError extends SreDrillError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** The person interrupted (Ctrl-C, SIGTERM, SIGHUP, `:quit`). */
export class CancelledError extends SreDrillError {
  override readonly exitCode = EXIT.interrupted;
  constructor(message = 'Interrupted.') {
    super(message);
    this.name = 'CancelledError';
  }
}
