package org.confops.bulkpurchase.repository;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.platform.sql.SetBasedSql;
import org.hibernate.Session;

/**
 * Set-based writes of many codes at once (100 000 in one purchase): one statement per chunk with the codes as
 * an array, instead of one entity and one INSERT per code. Runs on the transaction's own connection.
 */
@ApplicationScoped
public class VoucherWriter {

    public record Written(long id, String code, int maxUses, long version) {
    }

    @Inject
    EntityManager em;

    /**
     * Inserts the codes that are still free in the conference and returns those (with their ids); codes taken
     * meanwhile (the unique constraint) are skipped, so the caller retries with fresh ones for the difference.
     */
    public List<Written> insertFree(long conferenceId, long purchaseId, int maxUses, Collection<String> codes) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Written> written = new ArrayList<>(codes.size());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bulk_voucher (conference_id, bulk_purchase_id, code, max_uses, times_used, active, version)
                    SELECT ?, ?, c.code, ?, 0, TRUE, 1 FROM unnest(?::text[]) WITH ORDINALITY AS c(code, n)
                    ORDER BY c.n
                    ON CONFLICT (conference_id, code) DO NOTHING
                    RETURNING id, code""")) {
                Array array = SetBasedSql.array(connection, "text", codes.toArray());
                insert.setLong(1, conferenceId);
                insert.setLong(2, purchaseId);
                insert.setInt(3, maxUses);
                insert.setArray(4, array);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        written.add(new Written(rows.getLong(1), rows.getString(2), maxUses, 1));
                    }
                }
                array.free();
            }
            return written;
        });
    }

    /** Deactivates the purchase's active codes nobody has used yet (version + 1) and returns them. */
    public List<Written> revokeUnused(long purchaseId) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Written> revoked = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE bulk_voucher SET active = FALSE, version = version + 1
                    WHERE bulk_purchase_id = ? AND active AND times_used = 0
                    RETURNING id, code, max_uses, version""")) {
                update.setLong(1, purchaseId);
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        revoked.add(new Written(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getLong(4)));
                    }
                }
            }
            return revoked;
        });
    }
}
