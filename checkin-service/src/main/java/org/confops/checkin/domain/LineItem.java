package org.confops.checkin.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** One product of an order; add-on lines are handed out at the desk up to their quantity. */
@Entity
public class LineItem {
    @Id
    public Long id;
    public Long orderId;
    public String ticketTypeSlug;
    public String addonSlug;
    public String description;
    public int quantity;
    /** Owned by check-in; the projection never writes it. */
    public int redeemedCount;

    public boolean isAddon() {
        return addonSlug != null;
    }

    public boolean isTicket() {
        return ticketTypeSlug != null && addonSlug == null;
    }

    public int remaining() {
        return Math.max(0, quantity - redeemedCount);
    }
}
