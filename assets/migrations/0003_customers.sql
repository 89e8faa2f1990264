-- People behind records. A customer is known by keys (email, phone, platform handle, CRM id); a
-- record whose contact shares any key with a customer belongs to that customer, and two customers
-- that turn out to share a key are merged into the older one.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE customer_keys (
    kind         TEXT NOT NULL,   -- email | phone | handle | crm
    value        TEXT NOT NULL,   -- normalised: lower-case email/handle, digits-only phone
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX customer_keys_customer ON customer_keys(customer_id);

ALTER TABLE records ADD COLUMN customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL;
CREATE INDEX records_customer ON records(customer_id);

-- Near-duplicates: a 64-bit SimHash of the body's tokens, and the earlier record of the same
-- source whose hash is within 3 bits (reposts, spam waves, pasted complaints). Both stay stored;
-- search shows the first once, with a count.
-- The hash's four 16-bit bands are indexed: hashes within 3 bits share at least one band.
ALTER TABLE records ADD COLUMN simhash INTEGER;
ALTER TABLE records ADD COLUMN sh_band0 INTEGER;
ALTER TABLE records ADD COLUMN sh_band1 INTEGER;
ALTER TABLE records ADD COLUMN sh_band2 INTEGER;
ALTER TABLE records ADD COLUMN sh_band3 INTEGER;
ALTER TABLE records ADD COLUMN duplicate_of INTEGER REFERENCES records(id) ON DELETE SET NULL;
CREATE INDEX records_duplicate_of ON records(duplicate_of);
-- Only originals are candidates (a copy links to its original), so a wave of ten thousand copies
-- adds nothing to these partial indexes and each new copy finds its original in a few lookups.
CREATE INDEX records_band0 ON records(source, sh_band0) WHERE duplicate_of IS NULL;
CREATE INDEX records_band1 ON records(source, sh_band1) WHERE duplicate_of IS NULL;
CREATE INDEX records_band2 ON records(source, sh_band2) WHERE duplicate_of IS NULL;
CREATE INDEX records_band3 ON records(source, sh_band3) WHERE duplicate_of IS NULL;
