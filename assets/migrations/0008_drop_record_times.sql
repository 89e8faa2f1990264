-- When a record was imported and last rewritten (epoch seconds) were written on every import
-- and read by nothing: about ten bytes a record. A record's change number (seq) still orders
-- its changes, and a record without a date of its own is dated at its import (date_is_import).
-- SQLite rewrites each row in place; `vochub compact` gives the emptied room back.
ALTER TABLE records DROP COLUMN imported_at;
ALTER TABLE records DROP COLUMN updated_at;
