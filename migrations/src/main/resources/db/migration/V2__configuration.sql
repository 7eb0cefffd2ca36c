-- Configuration in the UKM 4 integrator's shapes. Names are unquoted on purpose: PostgreSQL
-- folds them to lower case, so an operator's SQL written for the integrator
-- (INSERT INTO soc_processing_stores (StoreID, merchant) ...) works unchanged.
--
-- No foreign keys between these tables: an operator fills them in any order, and a store that
-- names a missing merchant is bad configuration to be reported per row, not refused on insert.

CREATE TABLE soc_processing_stores (
    StoreID  VARCHAR(128) NOT NULL PRIMARY KEY,
    merchant INTEGER      NOT NULL
);
COMMENT ON TABLE soc_processing_stores IS
    'Store -> merchant configuration. A store missing here uses merchant 0 when that exists.';

CREATE TABLE soc_processing_merchants (
    id    INTEGER NOT NULL PRIMARY KEY,
    value JSONB   NOT NULL
);
COMMENT ON TABLE soc_processing_merchants IS
    'Merchant configuration: url, qrTtl (min, 5), interval (s, 5), timeout (s, 30), cancel_lifetime (h, 0 = forever), enterprise_id, merchant_id, sp_code.';

CREATE TABLE soc_processing_terminals (
    TerminalID VARCHAR(128) NOT NULL PRIMARY KEY,
    value      JSONB        NOT NULL
);
COMMENT ON TABLE soc_processing_terminals IS
    'Terminal configuration: TerminalNo (issued by the service), qrTtl (min, overrides the merchant''s).';
