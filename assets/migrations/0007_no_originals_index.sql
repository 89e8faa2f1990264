-- The originals' fingerprints are read from the records table in one pass when an import first
-- needs a source's (store/originals.rs): the covering index 0006 built for that read took about
-- 22 bytes an original, a tenth of a Chinese store's disk beside its text. Its pages stay free
-- in the file for SQLite to reuse; `vochub compact` gives them back.
DROP INDEX IF EXISTS records_originals;
