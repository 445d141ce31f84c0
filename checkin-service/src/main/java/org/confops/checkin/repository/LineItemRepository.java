package org.confops.checkin.repository;

import static org.confops.platform.sql.SetBasedSql.column;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.checkin.domain.LineItem;
import org.confops.checkin.messaging.OrderSnapshot;
import org.confops.platform.sql.SetBasedSql;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LineItemRepository implements PanacheRepositoryBase<LineItem, Long> {

    public List<LineItem> listForOrder(Long orderId) {
        if (orderId == null) {
            return List.of();
        }
        return list("orderId = ?1 order by id", orderId);
    }

    /**
     * The line, row-locked until the transaction ends so concurrent redemptions of it queue up. Refreshed
     * under the lock: an instance already loaded in this transaction may hold a count read before the lock.
     */
    public Optional<LineItem> findInOrderForUpdate(long lineItemId, Long orderId) {
        Optional<LineItem> line = find("id = ?1 and orderId = ?2", lineItemId, orderId).firstResultOptional();
        line.ifPresent(item -> getEntityManager().refresh(item, LockModeType.PESSIMISTIC_WRITE));
        return line;
    }

    /**
     * Makes the orders' lines what their snapshots list: lines no longer listed go, the others are inserted or
     * updated. Redeemed counts stay.
     */
    public void replaceLines(List<OrderSnapshot> orders) {
        List<Line> lines = new ArrayList<>();
        for (OrderSnapshot order : orders) {
            order.lineItemsOrEmpty().forEach(line -> lines.add(new Line(order.id(), line)));
        }
        SetBasedSql.run(getEntityManager(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    """
                    DELETE FROM line_item l WHERE l.order_id = ANY(?::bigint[])
                      AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[]) AS kept(id) WHERE kept.id = l.id)""")) {
                delete.setArray(1, column(connection, "bigint", orders, OrderSnapshot::id));
                delete.setArray(2, column(connection, "bigint", lines, line -> line.line().id()));
                delete.executeUpdate();
            }
            if (lines.isEmpty()) {
                return 0;
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO line_item (id, order_id, ticket_type_slug, addon_slug, description, quantity)
                    SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[])
                    ON CONFLICT (id) DO UPDATE SET order_id = EXCLUDED.order_id,
                        ticket_type_slug = EXCLUDED.ticket_type_slug, addon_slug = EXCLUDED.addon_slug,
                        description = EXCLUDED.description, quantity = EXCLUDED.quantity""")) {
                upsert.setArray(1, column(connection, "bigint", lines, line -> line.line().id()));
                upsert.setArray(2, column(connection, "bigint", lines, Line::orderId));
                upsert.setArray(3, column(connection, "text", lines, line -> line.line().ticketTypeSlug()));
                upsert.setArray(4, column(connection, "text", lines, line -> line.line().addonSlug()));
                upsert.setArray(5, column(connection, "text", lines, line -> line.line().description()));
                upsert.setArray(6, column(connection, "integer", lines, line -> line.line().quantity()));
                return upsert.executeUpdate();
            }
        });
    }

    private record Line(long orderId, OrderSnapshot.Line line) {
    }
}
