-- Unknot schema, version 2: stable identities for every record, flare-ups,
-- days off, experiments, the weekly function check, and the history of
-- checklist answers.
--
-- `uid` is a record's identity for export and import: 32 hex digits made
-- here when a record is first stored, carried unchanged through CSV, so a
-- second import recognises what it added the first time.

ALTER TABLE checkins ADD COLUMN uid TEXT
    CHECK (uid IS NULL OR length(uid) BETWEEN 1 AND 64);
UPDATE checkins SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX checkins_by_uid ON checkins (uid);
CREATE TRIGGER checkins_uid AFTER INSERT ON checkins WHEN NEW.uid IS NULL
BEGIN
    UPDATE checkins SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

ALTER TABLE sessions ADD COLUMN uid TEXT
    CHECK (uid IS NULL OR length(uid) BETWEEN 1 AND 64);
UPDATE sessions SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_by_uid ON sessions (uid);
CREATE TRIGGER sessions_uid AFTER INSERT ON sessions WHEN NEW.uid IS NULL
BEGIN
    UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- A flare-up: a moment of worse pain, apart from the day's check-in.
CREATE TABLE flare_ups (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))
                CHECK (length(uid) BETWEEN 1 AND 64),
    at          TEXT    NOT NULL,
    local_date  TEXT    NOT NULL
                CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    pain        INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    set_off_by  TEXT    NOT NULL DEFAULT '' CHECK (length(set_off_by) <= 2000),
    helped      TEXT    NOT NULL DEFAULT '' CHECK (length(helped) <= 2000)
) STRICT;

CREATE INDEX flare_ups_by_date ON flare_ups (local_date);

-- Days off: sick, on holiday or away otherwise; no two ranges share a day.
CREATE TABLE days_off (
    id         INTEGER PRIMARY KEY,
    uid        TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))
               CHECK (length(uid) BETWEEN 1 AND 64),
    first_day  TEXT    NOT NULL
               CHECK (first_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    last_day   TEXT    NOT NULL
               CHECK (last_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                      AND last_day >= first_day),
    reason     TEXT    NOT NULL CHECK (reason IN ('sick', 'holiday', 'other')),
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX days_off_by_first_day ON days_off (first_day);

CREATE TABLE experiments (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))
                 CHECK (length(uid) BETWEEN 1 AND 64),
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    kind         TEXT    NOT NULL
                 CHECK (kind IN ('exercise', 'workstation', 'heat', 'sleep', 'other')),
    start_day    TEXT    NOT NULL
                 CHECK (start_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    planned_days INTEGER NOT NULL CHECK (planned_days IN (7, 14, 28)),
    stopped_on   TEXT    CHECK (stopped_on IS NULL OR stopped_on >= start_day),
    created_at   TEXT    NOT NULL
) STRICT;

-- The weekly function check: up to three activities a person names, each
-- rated 0 (cannot do it) to 10 (as well as before the problem).
CREATE TABLE function_activities (
    id         INTEGER PRIMARY KEY,
    uid        TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))
               CHECK (length(uid) BETWEEN 1 AND 64),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    added_on   TEXT    NOT NULL
               CHECK (added_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- The day it was taken off the list; its ratings stay.
    retired_on TEXT    CHECK (retired_on IS NULL OR retired_on >= added_on)
) STRICT;

CREATE TABLE function_ratings (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16))))
                 CHECK (length(uid) BETWEEN 1 AND 64),
    activity_uid TEXT    NOT NULL REFERENCES function_activities (uid) ON DELETE CASCADE,
    local_date   TEXT    NOT NULL
                 CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    rated_at     TEXT    NOT NULL,
    score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    UNIQUE (activity_uid, local_date)
) STRICT;

CREATE INDEX function_ratings_by_date ON function_ratings (local_date);

-- Every answer a checklist item has had, with its day; checklist_answers
-- keeps only the latest. Filled by the triggers below, so no way of
-- answering can forget it; the answers saved so far start it.
CREATE TABLE checklist_changes (
    id          INTEGER PRIMARY KEY,
    item        TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer IN ('yes', 'not_yet', 'not_applicable')),
    answered_on TEXT NOT NULL
                CHECK (answered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

CREATE INDEX checklist_changes_by_item ON checklist_changes (item, answered_on);

INSERT INTO checklist_changes (item, answer, answered_on)
    SELECT item, answer, answered_on FROM checklist_answers ORDER BY answered_on, item;

CREATE TRIGGER checklist_answer_added AFTER INSERT ON checklist_answers
BEGIN
    INSERT INTO checklist_changes (item, answer, answered_on)
        VALUES (NEW.item, NEW.answer, NEW.answered_on);
END;

CREATE TRIGGER checklist_answer_changed AFTER UPDATE OF answer ON checklist_answers
    WHEN NEW.answer <> OLD.answer
BEGIN
    INSERT INTO checklist_changes (item, answer, answered_on)
        VALUES (NEW.item, NEW.answer, NEW.answered_on);
END;
