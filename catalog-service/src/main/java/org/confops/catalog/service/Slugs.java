package org.confops.catalog.service;

/** URL names: lower-case letters, digits and dashes. */
public final class Slugs {
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    public static final String MESSAGE = "must be lower-case letters, digits and single dashes";

    private Slugs() {
    }
}
