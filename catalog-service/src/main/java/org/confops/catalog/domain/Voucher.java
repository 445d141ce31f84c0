package org.confops.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A voucher the bulk-purchase service issued; the catalog owns only its use count. */
@Entity
public class Voucher {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    public String code;
    /** The issuer's voucher id (the events' key). */
    public Long sourceId;
    public Long bulkPurchaseId;
    public String voucherType;
    public BigDecimal discountValue;
    public int maxUses;
    public int timesUsed;
    public Instant validFrom;
    public Instant validUntil;
    /** Comma-separated; empty together with addonSlugs means "every product". */
    public String ticketTypeSlugs = "";
    public String addonSlugs = "";
    public boolean unlocksHiddenTickets;
    public boolean active = true;
    public long version;

    public static String join(List<String> slugs) {
        return slugs == null ? "" : String.join(",", slugs);
    }

    public static List<String> split(String slugs) {
        return slugs == null || slugs.isBlank() ? List.of() : Arrays.asList(slugs.split(","));
    }

    /** Whether the voucher discounts the product of this kind and slug. */
    public boolean appliesTo(ProductKind kind, String slug) {
        List<String> tickets = split(ticketTypeSlugs);
        List<String> addons = split(addonSlugs);
        if (tickets.isEmpty() && addons.isEmpty()) {
            return true;
        }
        return kind == ProductKind.TICKET_TYPE ? tickets.contains(slug) : addons.contains(slug);
    }
}
