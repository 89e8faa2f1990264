-- Quote ids are given once: an undone quote's id is not given to the next one, so "quote #11" in
-- the journal and in an exported sheet always names the same quote. SQLite gives a rowid again
-- after the highest row is deleted unless the table is AUTOINCREMENT, which only a rebuild adds.
-- Foreign keys are off while this runs (see migrate.rs): quote_themes and queue_items keep
-- pointing at the same ids, and are checked before this commits.
CREATE TABLE quotes_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    body_hash   TEXT NOT NULL,     -- of the body the span was taken from: flags later edits
    note        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
INSERT INTO quotes_new (id, record_id, start_char, end_char, text, body_hash, note, created_by,
                        created_at)
    SELECT id, record_id, start_char, end_char, text, body_hash, note, created_by, created_at
    FROM quotes;
DROP TABLE quotes;
ALTER TABLE quotes_new RENAME TO quotes;
CREATE INDEX quotes_record ON quotes(record_id);

-- Ids already given and since undone are in the journal (it keeps every row): none of them is
-- given again either.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'quotes', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'quotes');
UPDATE sqlite_sequence
    SET seq = max(seq, coalesce((SELECT max(json_extract(data, '$.quote')) FROM journal
                                 WHERE action = 'quote'), 0))
    WHERE name = 'quotes';
