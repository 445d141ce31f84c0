package org.confops.platform.paging;

import org.confops.platform.errors.Rejection;

/** {@code ?page=} (from 1) and {@code ?page_size=} (1–200, default 50), read leniently but refused clearly. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static Paging of(String page, String size) {
        return new Paging(parse("page", page, 1, 1, Integer.MAX_VALUE),
                parse("page_size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** The index of the first item on this page, from 0. */
    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size);
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
