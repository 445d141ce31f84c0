package org.confops.bulkpurchase.service;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.Sponsor;

/** Codes people type: a prefix and 8 random characters A–Z0–9 (36^8 ≈ 2.8·10^12, so collisions are rare). */
public final class VoucherCodes {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VoucherCodes() {
    }

    /** The configured prefix, else {@code BULK-{SPONSOR_SLUG}-}, else {@code BULK-}. */
    public static String prefix(BulkPurchase purchase, Sponsor sponsor) {
        if (purchase.codePrefix != null && !purchase.codePrefix.isBlank()) {
            return purchase.codePrefix.toUpperCase(Locale.ROOT);
        }
        return sponsor == null ? "BULK-" : "BULK-" + sponsor.slug.toUpperCase(Locale.ROOT) + "-";
    }

    /** {@code count} distinct new codes, none of them in {@code avoid}. */
    public static Set<String> generate(String prefix, int count, Collection<String> avoid) {
        Set<String> codes = new LinkedHashSet<>(count * 2);
        while (codes.size() < count) {
            String code = next(prefix);
            if (!avoid.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    static String next(String prefix) {
        StringBuilder code = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
