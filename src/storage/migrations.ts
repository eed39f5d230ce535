/**
 * The store's schema, one step per version. `PRAGMA user_version` holds the number of steps
 * applied; a step is never edited once released, only followed by a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: sessions, attempts (with the question as asked kept once per version in snapshots),
  //    cards, the review log and topic stats.
  `
  CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('drill', 'mock', 'review')),
    options     TEXT    NOT NULL,
    plan        TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    draft       TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    updated_at  INTEGER NOT NULL,
    pid         INTEGER
  );
  CREATE INDEX sessions_status ON sessions (status);
  CREATE INDEX sessions_started ON sessions (started_at);

  CREATE TABLE snapshots (
    id          INTEGER PRIMARY KEY,
    question_id TEXT    NOT NULL,
    digest      TEXT    NOT NULL UNIQUE,
    prompt      TEXT    NOT NULL,
    key_points  TEXT    NOT NULL
  );

  CREATE TABLE attempts (
    id               INTEGER PRIMARY KEY,
    uid              TEXT    NOT NULL UNIQUE,
    session_id       INTEGER NOT NULL REFERENCES sessions (id),
    question_id      TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    topics           TEXT    NOT NULL,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id),
    answer           TEXT    NOT NULL,
    points           TEXT    NOT NULL,
    score            REAL    NOT NULL,
    star             TEXT,
    duration_ms      INTEGER NOT NULL,
    time_limit       INTEGER NOT NULL,
    over_time        INTEGER NOT NULL,
    hints_used       INTEGER NOT NULL,
    skipped          INTEGER NOT NULL,
    mode             TEXT    NOT NULL,
    notes            TEXT    NOT NULL,
    suggested_rating TEXT    NOT NULL,
    rating           TEXT,
    started_at       INTEGER NOT NULL,
    answered_at      INTEGER NOT NULL
  );
  CREATE INDEX attempts_answered ON attempts (answered_at);
  CREATE INDEX attempts_question ON attempts (question_id, answered_at);
  CREATE INDEX attempts_session ON attempts (session_id);

  CREATE TABLE cards (
    question_id    TEXT    PRIMARY KEY,
    topics         TEXT    NOT NULL,
    due            INTEGER NOT NULL,
    stability      REAL    NOT NULL,
    difficulty     REAL    NOT NULL,
    elapsed_days   REAL    NOT NULL,
    scheduled_days REAL    NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    state          TEXT    NOT NULL,
    last_review    INTEGER,
    first_review   INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX cards_due ON cards (due);

  CREATE TABLE review_log (
    id               INTEGER PRIMARY KEY,
    uid              TEXT    NOT NULL UNIQUE,
    attempt_id       INTEGER REFERENCES attempts (id),
    question_id      TEXT    NOT NULL,
    suggested_rating TEXT,
    rating           TEXT    NOT NULL,
    state_before     TEXT    NOT NULL,
    elapsed_days     REAL    NOT NULL,
    scheduled_days   REAL    NOT NULL,
    reviewed_at      INTEGER NOT NULL,
    card_before      TEXT,
    undone_at        INTEGER
  );
  CREATE INDEX review_log_question ON review_log (question_id, reviewed_at);
  CREATE INDEX review_log_attempt ON review_log (attempt_id);

  CREATE TABLE topic_stats (
    topic         TEXT    PRIMARY KEY,
    weakness      REAL    NOT NULL,
    attempts      INTEGER NOT NULL,
    missed_points INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** The schema version this program writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
