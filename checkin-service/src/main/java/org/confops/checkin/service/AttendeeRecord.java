package org.confops.checkin.service;

import java.util.List;
import java.util.Optional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CustomerOrder;
import org.confops.checkin.domain.LineItem;

/** An attendee with their order (absent until the order's event has arrived) and its line items. */
public record AttendeeRecord(Attendee attendee, Optional<CustomerOrder> order, List<LineItem> lines) {

    public String orderStatus() {
        return order.map(o -> o.status).orElse(null);
    }

    /** The badge's ticket type: the first ticket line's description. */
    public String ticketType() {
        return lines.stream().filter(LineItem::isTicket).map(line -> line.description).findFirst().orElse(null);
    }

    /** The badge's ticket type slug ({@code ""} when there is none), the key live statistics filter by. */
    public String ticketTypeSlug() {
        return lines.stream().filter(LineItem::isTicket).map(line -> line.ticketTypeSlug).findFirst().orElse("");
    }

    public List<LineItem> redeemable() {
        return lines.stream().filter(LineItem::isAddon).toList();
    }
}
