-- Import batches whose theme rules have not run yet, by the change number every record of the
-- batch got. An import applies the rules once its files are stored; interrupted before that
-- (ctrl-c, kill, a full disk), its records stayed untagged for good, because re-importing the
-- file finds them unchanged. Written in the same transaction as the batch, cleared once the
-- rules have run over it: one row a batch, where a row a record cost 2 % of an import.
CREATE TABLE rules_pending (
    seq  INTEGER PRIMARY KEY
);
