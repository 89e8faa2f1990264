-- Whether a record's external_id is one vochub derived from its content (`h-` and 16 hex digits,
-- numbered `-N` for a text said again in one file) because the source gave none: such an id means
-- nothing outside vochub, so exports leave it out. Adding the column rewrites no row; only the
-- records whose id has that form are rewritten, to mark them. Before this column the form was the
-- only trace, so it decides for records stored earlier; vochub writes the mark from now on.
ALTER TABLE records ADD COLUMN id_derived INTEGER NOT NULL DEFAULT 0;
UPDATE records SET id_derived = 1
WHERE external_id GLOB 'h-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
   OR (external_id GLOB 'h-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[1-9]*'
       AND substr(external_id, 20) NOT GLOB '*[^0-9]*');
