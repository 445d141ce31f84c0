package org.confops.catalog.repository;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.Voucher;

import org.confops.platform.sql.SetBasedSql;
import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VoucherRepository implements PanacheRepositoryBase<Voucher, Long> {

    /** A voucher's state as its issuer announced it. */
    public record Issued(long sourceId, long conferenceId, Long bulkPurchaseId, String code, String voucherType,
            BigDecimal discountValue, int maxUses, Instant validFrom, Instant validUntil, String ticketTypeSlugs,
            String addonSlugs, boolean unlocksHiddenTickets, boolean active, long version) {
    }

    /**
     * Inserts new vouchers and updates held ones whose version is older, in one statement (one id once per
     * call); the use count is never touched. Joins the caller's transaction.
     */
    public void upsertNewer(List<Issued> vouchers) {
        if (vouchers.isEmpty()) {
            return;
        }
        getEntityManager().flush();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO voucher (source_id, conference_id, bulk_purchase_id, code, voucher_type, discount_value,
                        max_uses, valid_from, valid_until, ticket_type_slugs, addon_slugs, unlocks_hidden_tickets,
                        active, version)
                    SELECT v.source_id, v.conference_id, v.bulk_purchase_id, v.code, v.voucher_type,
                        v.discount_value::numeric, v.max_uses, v.valid_from::timestamptz, v.valid_until::timestamptz,
                        v.ticket_type_slugs, v.addon_slugs, v.unlocks_hidden_tickets, v.active, v.version
                    FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::bigint[])
                        AS v(source_id, conference_id, bulk_purchase_id, code, voucher_type, discount_value, max_uses,
                             valid_from, valid_until, ticket_type_slugs, addon_slugs, unlocks_hidden_tickets, active,
                             version)
                    ON CONFLICT (source_id) DO UPDATE SET
                        conference_id = EXCLUDED.conference_id, bulk_purchase_id = EXCLUDED.bulk_purchase_id,
                        code = EXCLUDED.code, voucher_type = EXCLUDED.voucher_type,
                        discount_value = EXCLUDED.discount_value, max_uses = EXCLUDED.max_uses,
                        valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
                        ticket_type_slugs = EXCLUDED.ticket_type_slugs, addon_slugs = EXCLUDED.addon_slugs,
                        unlocks_hidden_tickets = EXCLUDED.unlocks_hidden_tickets, active = EXCLUDED.active,
                        version = EXCLUDED.version
                    WHERE voucher.version < EXCLUDED.version""")) {
                int column = 1;
                upsert.setArray(column++, SetBasedSql.column(connection, "bigint", vouchers, Issued::sourceId));
                upsert.setArray(column++, SetBasedSql.column(connection, "bigint", vouchers, Issued::conferenceId));
                upsert.setArray(column++, SetBasedSql.column(connection, "bigint", vouchers, Issued::bulkPurchaseId));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, Issued::code));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, Issued::voucherType));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers,
                        v -> v.discountValue().toPlainString()));
                upsert.setArray(column++, SetBasedSql.column(connection, "integer", vouchers, Issued::maxUses));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, v -> text(v.validFrom())));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, v -> text(v.validUntil())));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, Issued::ticketTypeSlugs));
                upsert.setArray(column++, SetBasedSql.column(connection, "text", vouchers, Issued::addonSlugs));
                upsert.setArray(column++, SetBasedSql.column(connection, "boolean", vouchers,
                        Issued::unlocksHiddenTickets));
                upsert.setArray(column++, SetBasedSql.column(connection, "boolean", vouchers, Issued::active));
                upsert.setArray(column, SetBasedSql.column(connection, "bigint", vouchers, Issued::version));
                upsert.executeUpdate();
            }
        });
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public Optional<Voucher> find(long conferenceId, String code) {
        return find("conferenceId = ?1 and code = ?2", conferenceId, code).firstResultOptional();
    }

    /** Locked for the transaction: two orders can never both take the last use. */
    public Optional<Voucher> findForUse(long conferenceId, String code) {
        return find("conferenceId = ?1 and code = ?2", conferenceId, code)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
