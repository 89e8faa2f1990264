-- The triage workflow: queues, quotes, the change journal and saved searches.

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    body_hash   TEXT NOT NULL,     -- of the body the span was taken from: flags later edits
    note        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX quotes_record ON quotes(record_id);

CREATE TABLE quote_themes (
    quote_id  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    theme_id  INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, theme_id)
) WITHOUT ROWID;

CREATE TABLE queue_items (
    id          INTEGER PRIMARY KEY,
    queue       TEXT NOT NULL,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    quote_id    INTEGER REFERENCES quotes(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    priority    TEXT NOT NULL,
    assignee    TEXT,
    note        TEXT,
    routed_by   TEXT NOT NULL,
    routed_at   TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
-- A record (or one quote of it) is in a queue at most once.
CREATE UNIQUE INDEX queue_items_once ON queue_items(queue, record_id, coalesce(quote_id, 0));
CREATE INDEX queue_items_record ON queue_items(record_id);

-- Append-only: rows are never deleted; `undone_by` is the only column ever updated.
CREATE TABLE journal (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    who        TEXT NOT NULL,
    action     TEXT NOT NULL,
    summary    TEXT NOT NULL,
    data       TEXT NOT NULL,
    undoes     INTEGER REFERENCES journal(id),
    undone_by  INTEGER REFERENCES journal(id)
);

CREATE TABLE saved_searches (
    name        TEXT PRIMARY KEY COLLATE NOCASE,
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
