package org.confops.bulkpurchase.security;

/**
 * Conference-scoped permissions, carried in the token as roles named {@code conference:{slug}:{permission}}.
 * {@code change_conference} on a conference implies every permission on it; the {@code superuser} role
 * implies everything everywhere; {@code change_bulk_purchases} implies {@code view_bulk_purchases}.
 */
public enum Permission {
    VIEW_BULK_PURCHASES("view_bulk_purchases"),
    CHANGE_BULK_PURCHASES("change_bulk_purchases"),
    CHANGE_CONFERENCE("change_conference");

    public static final String SUPERUSER_ROLE = "superuser";

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    public String roleFor(String conferenceSlug) {
        return "conference:" + conferenceSlug + ":" + code;
    }
}
