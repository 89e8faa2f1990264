-- Near-duplicate candidates are looked up in memory (store/originals.rs), loaded a source at a
-- time through one covering index of the originals' fingerprints. The four band indexes, four
-- lookups a record and about 72 bytes an original, go.
DROP INDEX IF EXISTS records_band0;
DROP INDEX IF EXISTS records_band1;
DROP INDEX IF EXISTS records_band2;
DROP INDEX IF EXISTS records_band3;
CREATE INDEX records_originals ON records(source, simhash)
    WHERE duplicate_of IS NULL AND simhash IS NOT NULL;
