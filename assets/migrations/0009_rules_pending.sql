-- Records an import stored whose theme rules have not run yet. An import applies the rules once
-- its files are stored; interrupted before that (ctrl-c, kill, a full disk), its records stayed
-- untagged for good, because re-importing the file finds them unchanged. Written in the same
-- transaction as the records, cleared once the rules have run over them.
CREATE TABLE rules_pending (
    record  INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE
);
