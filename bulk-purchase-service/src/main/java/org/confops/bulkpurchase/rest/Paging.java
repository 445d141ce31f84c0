package org.confops.bulkpurchase.rest;

import org.confops.bulkpurchase.service.Rejection;

/** {@code ?page=} (from 1) and {@code ?page_size=} (1–200, default 50), read leniently but refused clearly. */
record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    static Paging of(String page, String size) {
        return new Paging(parse("page", page, 1, 1, Integer.MAX_VALUE),
                parse("page_size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    private static int parse(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw Rejection.invalid(field + " must be a whole number from " + min + " to " + max).with("field", field);
    }
}
