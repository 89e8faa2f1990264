-- Feedback records: the source of truth. `seq` is bumped on every change so the derived
-- search index can tell which store state it reflects and catch up after a crash.
CREATE TABLE records (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    created_at      TEXT NOT NULL,      -- RFC 3339 with the source's offset
    created_ts      INTEGER NOT NULL,   -- epoch seconds, for sorting and ranges
    date_is_import  INTEGER NOT NULL DEFAULT 0,
    author          TEXT,
    title           TEXT,
    body            TEXT NOT NULL,
    lang            TEXT NOT NULL,
    url             TEXT,
    rating          REAL,
    extra           TEXT NOT NULL DEFAULT '{}',
    content_hash    TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX records_seq ON records(seq);
CREATE INDEX records_created ON records(created_ts);
CREATE INDEX records_author ON records(author);

-- Records removed from the store, kept so the index can drop them on catch-up.
CREATE TABLE tombstones (
    id   INTEGER PRIMARY KEY,
    seq  INTEGER NOT NULL
);
CREATE INDEX tombstones_seq ON tombstones(seq);

-- The global change counter behind `seq`.
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('seq', 0);

CREATE TABLE themes (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description  TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE record_themes (
    record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    theme_id   INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX record_themes_theme ON record_themes(theme_id);
