-- A leaner records table, rebuilt as 0005 rebuilt it: foreign keys are off while this runs (see
-- migrate.rs), and checked before it commits. About 35 bytes a record go:
--   source and kind become numbers naming a row of `sources` and `kinds`: the names were
--     repeated in every record, and the source again in every entry of the external-id index,
--     while a hub has a handful of each;
--   imported_at and updated_at: written on every import, read by nothing (a record's change
--     number still orders its changes; a record without a date of its own is dated at its
--     import, date_is_import);
--   lang: always what the language detector says of the body, so it is worked out again when a
--     record is read;
--   the covering index of the originals' fingerprints 0006 built: an import reads them from the
--     table in one pass instead (store/originals.rs), and the index took 22 bytes an original.
CREATE TABLE sources (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
CREATE TABLE kinds (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
INSERT INTO sources (name) SELECT DISTINCT source FROM records ORDER BY source;
INSERT INTO kinds (name) SELECT DISTINCT kind FROM records ORDER BY kind;

CREATE TABLE records_new (
    id              INTEGER PRIMARY KEY,
    source          INTEGER NOT NULL REFERENCES sources(id),
    kind            INTEGER NOT NULL REFERENCES kinds(id),
    external_id     TEXT NOT NULL,
    created_ts      INTEGER NOT NULL,   -- epoch seconds
    created_off     INTEGER NOT NULL,   -- the source's UTC offset, seconds east
    date_is_import  INTEGER NOT NULL DEFAULT 0,
    author          TEXT,
    title           TEXT,
    body            NOT NULL,           -- TEXT, or a BLOB (store/body.rs)
    url             TEXT,
    rating          REAL,
    extra           TEXT,               -- JSON object; NULL when empty
    content_hash    INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    customer_id     INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    simhash         INTEGER,
    duplicate_of    INTEGER REFERENCES records(id) ON DELETE SET NULL,
    UNIQUE (source, external_id)
);

INSERT INTO records_new (id, source, kind, external_id, created_ts, created_off, date_is_import,
    author, title, body, url, rating, extra, content_hash, seq, customer_id, simhash,
    duplicate_of)
SELECT r.id, s.id, k.id, r.external_id, r.created_ts, r.created_off, r.date_is_import,
    r.author, r.title, r.body, r.url, r.rating, r.extra, r.content_hash, r.seq,
    r.customer_id, r.simhash, r.duplicate_of
FROM records r JOIN sources s ON s.name = r.source JOIN kinds k ON k.name = r.kind
ORDER BY r.id;

DROP TABLE records;
ALTER TABLE records_new RENAME TO records;

CREATE INDEX records_seq ON records(seq);
CREATE INDEX records_customer ON records(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX records_duplicate_of ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
