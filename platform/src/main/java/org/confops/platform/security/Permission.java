package org.confops.platform.security;

/**
 * Conference-scoped permissions, carried in the token as roles named {@code conference:{slug}:{permission}}.
 * {@code change_conference} on a conference implies every permission on it; the {@code superuser} role implies
 * everything everywhere; a permission may imply others on the same conference (changing implies viewing).
 */
public enum Permission {
    VIEW_CHECKIN("view_checkin"),
    /** Annul anyone's check-ins at the conference (a desk lead); implies working the desk. */
    SUPERVISE_CHECKIN("supervise_checkin", VIEW_CHECKIN),
    VIEW_BULK_PURCHASES("view_bulk_purchases"),
    CHANGE_BULK_PURCHASES("change_bulk_purchases", VIEW_BULK_PURCHASES),
    MANAGE_CATALOG("manage_catalog"),
    CHANGE_CONFERENCE("change_conference");

    public static final String SUPERUSER_ROLE = "superuser";

    private final String code;
    private final Permission implied;

    Permission(String code) {
        this(code, null);
    }

    Permission(String code, Permission implied) {
        this.code = code;
        this.implied = implied;
    }

    public String code() {
        return code;
    }

    public String roleFor(String conferenceSlug) {
        return conferencePrefix(conferenceSlug) + code;
    }

    /** Whether holding this permission grants {@code wanted} too. */
    public boolean grants(Permission wanted) {
        return this == wanted || this == CHANGE_CONFERENCE || implied == wanted;
    }

    /** The prefix every role on the conference starts with. */
    public static String conferencePrefix(String conferenceSlug) {
        return "conference:" + conferenceSlug + ":";
    }
}
