package org.confops.catalog.domain;

/** What a product is: an admission (one per attendee) or an add-on handed out at the desk. */
public enum ProductKind {
    TICKET_TYPE("ticket_type", "ticket-type.changed"),
    ADDON("addon", "addon.changed");

    private final String code;
    private final String eventType;

    ProductKind(String code, String eventType) {
        this.code = code;
        this.eventType = eventType;
    }

    public String code() {
        return code;
    }

    public String eventType() {
        return eventType;
    }
}
