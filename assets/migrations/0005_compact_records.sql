-- A compact records row: a million records stored 2.6x their text, and the text is most of what
-- a user's disk should hold. What goes:
--   created_at (25 bytes of RFC 3339): the instant is created_ts (whole seconds, as before);
--     created_off keeps the source's UTC offset in seconds, so the same local time reads back;
--   imported_at, updated_at: epoch seconds instead of 25-byte strings;
--   content_hash: the first 64 bits of the same SHA-256, as an integer, instead of 32 hex digits
--     (it only tells a changed record from an unchanged one of the same source and id);
--   sh_band0..3: the SimHash bands are read straight from simhash by expression indexes;
--   extra: NULL when the source had nothing beyond the known fields (was '{}');
--   the index on author (below).
-- The body stays TEXT, or becomes a UTF-16LE BLOB when written and shorter that way (Chinese: two
-- bytes a character instead of three); rows migrated here keep their UTF-8 text until rewritten.
-- Rebuilt the way SQLite documents for a changed table: foreign keys are off while this runs
-- (see migrate.rs), and checked before it commits.
CREATE TABLE records_new (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    created_ts      INTEGER NOT NULL,   -- epoch seconds
    created_off     INTEGER NOT NULL,   -- the source's UTC offset, seconds east
    date_is_import  INTEGER NOT NULL DEFAULT 0,
    author          TEXT,
    title           TEXT,
    body            NOT NULL,           -- TEXT, or a UTF-16LE BLOB (see above)
    lang            TEXT NOT NULL,
    url             TEXT,
    rating          REAL,
    extra           TEXT,               -- JSON object; NULL when empty
    content_hash    INTEGER NOT NULL,
    imported_at     INTEGER NOT NULL,   -- epoch seconds
    updated_at      INTEGER NOT NULL,   -- epoch seconds
    seq             INTEGER NOT NULL,
    customer_id     INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    simhash         INTEGER,
    duplicate_of    INTEGER REFERENCES records(id) ON DELETE SET NULL,
    UNIQUE (source, external_id)
);

INSERT INTO records_new (id, source, kind, external_id, created_ts, created_off, date_is_import,
    author, title, body, lang, url, rating, extra, content_hash, imported_at, updated_at, seq,
    customer_id, simhash, duplicate_of)
SELECT id, source, kind, external_id, created_ts,
    CASE WHEN substr(created_at, -1) = 'Z' THEN 0
         ELSE (CASE substr(created_at, -6, 1) WHEN '-' THEN -1 ELSE 1 END)
              * (CAST(substr(created_at, -5, 2) AS INTEGER) * 3600
                 + CAST(substr(created_at, -2, 2) AS INTEGER) * 60) END,
    date_is_import, author, title, body, lang, url, rating, NULLIF(extra, '{}'),
    ((instr('0123456789abcdef', substr(content_hash, 1, 1)) - 1) << 60) |
    ((instr('0123456789abcdef', substr(content_hash, 2, 1)) - 1) << 56) |
    ((instr('0123456789abcdef', substr(content_hash, 3, 1)) - 1) << 52) |
    ((instr('0123456789abcdef', substr(content_hash, 4, 1)) - 1) << 48) |
    ((instr('0123456789abcdef', substr(content_hash, 5, 1)) - 1) << 44) |
    ((instr('0123456789abcdef', substr(content_hash, 6, 1)) - 1) << 40) |
    ((instr('0123456789abcdef', substr(content_hash, 7, 1)) - 1) << 36) |
    ((instr('0123456789abcdef', substr(content_hash, 8, 1)) - 1) << 32) |
    ((instr('0123456789abcdef', substr(content_hash, 9, 1)) - 1) << 28) |
    ((instr('0123456789abcdef', substr(content_hash, 10, 1)) - 1) << 24) |
    ((instr('0123456789abcdef', substr(content_hash, 11, 1)) - 1) << 20) |
    ((instr('0123456789abcdef', substr(content_hash, 12, 1)) - 1) << 16) |
    ((instr('0123456789abcdef', substr(content_hash, 13, 1)) - 1) << 12) |
    ((instr('0123456789abcdef', substr(content_hash, 14, 1)) - 1) << 8) |
    ((instr('0123456789abcdef', substr(content_hash, 15, 1)) - 1) << 4) |
    ((instr('0123456789abcdef', substr(content_hash, 16, 1)) - 1) << 0),
    unixepoch(imported_at), unixepoch(updated_at), seq, customer_id, simhash, duplicate_of
FROM records;

DROP TABLE records;
ALTER TABLE records_new RENAME TO records;

CREATE INDEX records_seq ON records(seq);
-- No index on author: records by the same author come from the search index (author_key), and
-- this one, 20 MiB at a million records, served no statement.
-- Most records have no known customer and are no copy: those need no index entry.
CREATE INDEX records_customer ON records(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
-- The four 16-bit bands of the SimHash (store/duplicates.rs writes the same expressions), for
-- originals that have one: a text too short to fingerprint is nobody's original.
CREATE INDEX records_band0 ON records(source, simhash & 65535)
    WHERE duplicate_of IS NULL AND simhash IS NOT NULL;
CREATE INDEX records_band1 ON records(source, (simhash >> 16) & 65535)
    WHERE duplicate_of IS NULL AND simhash IS NOT NULL;
CREATE INDEX records_band2 ON records(source, (simhash >> 32) & 65535)
    WHERE duplicate_of IS NULL AND simhash IS NOT NULL;
CREATE INDEX records_band3 ON records(source, (simhash >> 48) & 65535)
    WHERE duplicate_of IS NULL AND simhash IS NOT NULL;
