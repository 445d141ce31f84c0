package org.confops.catalog.security;

/**
 * Conference-scoped permissions, carried in the token as roles named {@code conference:{slug}:{permission}}.
 * {@code change_conference} on a conference implies every permission on it; the {@code superuser} role
 * implies everything everywhere.
 */
public enum Permission {
    MANAGE_CATALOG("manage_catalog"),
    CHANGE_CONFERENCE("change_conference");

    public static final String SUPERUSER_ROLE = "superuser";

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    public String roleFor(String conferenceSlug) {
        return "conference:" + conferenceSlug + ":" + code;
    }

    /** The prefix every role on the conference starts with. */
    public static String conferencePrefix(String conferenceSlug) {
        return "conference:" + conferenceSlug + ":";
    }
}
