-- voucher.issued/revoked are applied by the issuer's id: one index lookup (and the upsert's conflict target)
-- instead of a sequential scan per event.
CREATE UNIQUE INDEX voucher_source ON voucher (source_id);
