-- `customer:larkfan` names a handle or CRM id without its platform (`weibo:larkfan`). It was found
-- by `value LIKE '%:larkfan'`, a scan of every customer key on each search; this index of the part
-- after the platform lets it seek. store/customers.rs writes the same expression.
CREATE INDEX customer_keys_bare ON customer_keys(substr(value, instr(value, ':') + 1))
    WHERE kind IN ('handle', 'crm');
