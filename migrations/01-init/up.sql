-- Unknot schema, version 1.
-- Every record keeps the instant it was made (UTC, RFC 3339) and the local
-- calendar date it belongs to (YYYY-MM-DD), decided when it was made.

CREATE TABLE checkins (
    id                INTEGER PRIMARY KEY,
    local_date        TEXT    NOT NULL UNIQUE
                      CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded_at       TEXT    NOT NULL,
    pain              INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    stress            INTEGER CHECK (stress BETWEEN 0 AND 10),
    areas             TEXT    NOT NULL DEFAULT '',
    flag_arm_symptoms INTEGER NOT NULL DEFAULT 0 CHECK (flag_arm_symptoms IN (0, 1)),
    flag_after_impact INTEGER NOT NULL DEFAULT 0 CHECK (flag_after_impact IN (0, 1)),
    flag_fever        INTEGER NOT NULL DEFAULT 0 CHECK (flag_fever IN (0, 1)),
    note              TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
) STRICT;

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('stretch', 'strength', 'heat', 'massage')),
    started_at    TEXT    NOT NULL,
    local_date    TEXT    NOT NULL
                  CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    duration_secs INTEGER NOT NULL CHECK (duration_secs BETWEEN 0 AND 14400),
    routine       TEXT    NOT NULL DEFAULT '',
    heat_type     TEXT,
    area          TEXT,
    capped        INTEGER NOT NULL DEFAULT 0 CHECK (capped IN (0, 1)),
    feel_after    INTEGER CHECK (feel_after BETWEEN 0 AND 10),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    UNIQUE (kind, started_at)
) STRICT;

CREATE INDEX sessions_by_date ON sessions (local_date);

CREATE TABLE session_exercises (
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    exercise      TEXT    NOT NULL,
    holds_done    INTEGER NOT NULL CHECK (holds_done >= 0),
    holds_planned INTEGER NOT NULL CHECK (holds_planned >= 0),
    PRIMARY KEY (session_id, position)
) STRICT;

-- The latest answer per checklist item. Items are identified by a stable id,
-- so answers survive upgrades that add or drop items.
CREATE TABLE checklist_answers (
    item        TEXT PRIMARY KEY,
    answer      TEXT NOT NULL CHECK (answer IN ('yes', 'not_yet', 'not_applicable')),
    answered_on TEXT NOT NULL
                CHECK (answered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

-- Each completed "re-check my setup" review, with its score at the time.
CREATE TABLE checklist_reviews (
    id           INTEGER PRIMARY KEY,
    reviewed_at  TEXT    NOT NULL,
    local_date   TEXT    NOT NULL,
    met          INTEGER NOT NULL CHECK (met >= 0),
    applicable   INTEGER NOT NULL CHECK (applicable >= met),
    desk_changed INTEGER NOT NULL DEFAULT 0 CHECK (desk_changed IN (0, 1))
) STRICT;

-- Posture checks the user confirmed from a reminder.
CREATE TABLE posture_checks (
    id         INTEGER PRIMARY KEY,
    checked_at TEXT NOT NULL,
    local_date TEXT NOT NULL
) STRICT;

CREATE INDEX posture_checks_by_date ON posture_checks (local_date);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
