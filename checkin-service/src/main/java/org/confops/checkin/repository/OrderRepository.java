package org.confops.checkin.repository;

import static org.confops.platform.sql.SetBasedSql.column;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.confops.checkin.domain.CustomerOrder;
import org.confops.checkin.messaging.OrderSnapshot;
import org.confops.platform.sql.SetBasedSql;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, Long> {

    /** Inserts new orders and updates those held at an older version (one id once); returns the ids written. */
    public Set<Long> upsertNewer(List<OrderSnapshot> orders) {
        return SetBasedSql.run(getEntityManager(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO customer_order (id, conference_id, status, version)
                    SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
                    ON CONFLICT (id) DO UPDATE SET conference_id = EXCLUDED.conference_id,
                        status = EXCLUDED.status, version = EXCLUDED.version
                    WHERE customer_order.version < EXCLUDED.version
                    RETURNING id""")) {
                upsert.setArray(1, column(connection, "bigint", orders, OrderSnapshot::id));
                upsert.setArray(2, column(connection, "bigint", orders, OrderSnapshot::conferenceId));
                upsert.setArray(3, column(connection, "text", orders, OrderSnapshot::status));
                upsert.setArray(4, column(connection, "bigint", orders, OrderSnapshot::version));
                Set<Long> written = new HashSet<>();
                try (ResultSet ids = upsert.executeQuery()) {
                    while (ids.next()) {
                        written.add(ids.getLong(1));
                    }
                }
                return written;
            }
        });
    }
}
