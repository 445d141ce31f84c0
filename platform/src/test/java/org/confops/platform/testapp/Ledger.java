package org.confops.platform.testapp;

import static org.confops.platform.sql.SetBasedSql.column;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.platform.sql.SetBasedSql;

/** Applies ledger entries set-based; refuses negative amounts (a record no retry can fix). */
@ApplicationScoped
public class Ledger {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<LedgerEntry> entries) {
        if (entries.stream().anyMatch(e -> e.amount() < 0)) {
            throw new IllegalArgumentException("negative amount");
        }
        SetBasedSql.run(em, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ledger_entry (account, entry, amount) SELECT * FROM unnest(?::text[], ?::text[], ?::int[])")) {
                insert.setArray(1, column(connection, "text", entries, LedgerEntry::account));
                insert.setArray(2, column(connection, "text", entries, LedgerEntry::entry));
                insert.setArray(3, column(connection, "integer", entries, LedgerEntry::amount));
                return insert.executeUpdate();
            }
        });
    }

    /** Rows per account, and how many entries appear more than once (must stay 0). */
    @Transactional
    public long[] rowsAndDuplicates(String account) {
        return SetBasedSql.run(em, connection -> {
            try (PreparedStatement count = connection.prepareStatement("""
                    SELECT count(*), count(*) - count(DISTINCT entry) FROM ledger_entry WHERE account = ?""")) {
                count.setString(1, account);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    return new long[] { result.getLong(1), result.getLong(2) };
                }
            }
        });
    }
}
