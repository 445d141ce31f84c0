package org.confops.catalog.messaging;

import org.confops.platform.outbox.Outbox;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.CustomerOrder;
import org.confops.catalog.domain.OrderLine;
import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.SigningKey;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.domain.Sponsor;
import org.confops.catalog.domain.Voucher;
import org.confops.catalog.repository.SigningKeyRepository;
import org.confops.platform.values.Money;

/**
 * The catalog's published facts (see contracts/events.md), written to the outbox in the caller's transaction.
 * Snapshots carry the aggregate's whole state and version; callers bump the version before publishing.
 */
@ApplicationScoped
public class CatalogEvents {

    /** {@code signing_keys}: every key that may have signed a badge of this conference, public halves only. */
    public record ConferenceChanged(long id, String slug, String name, LocalDate startDate, LocalDate endDate,
            String timeZone, List<PublicSigningKey> signingKeys, long version) {
    }

    /** {@code public_key}: base64 of the X.509 SubjectPublicKeyInfo (WebCrypto's "spki"). */
    public record PublicSigningKey(long keyId, String algorithm, String publicKey, Instant createdAt,
            Instant retiredAt, Instant expiresAt) {

        public static PublicSigningKey of(SigningKey key) {
            return new PublicSigningKey(key.id, key.algorithm,
                    java.util.Base64.getEncoder().encodeToString(key.publicKey), key.createdAt, key.retiredAt,
                    key.expiresAt);
        }
    }

    public record ProductChanged(long id, long conferenceId, String conferenceSlug, String slug, String name,
            String price, boolean bulkEnabled, boolean active, Integer capacity, long version) {
    }

    public record SponsorChanged(long id, long conferenceId, String conferenceSlug, String slug, String name,
            String level, long version) {
    }

    public record LineItem(long id, String kind, String ticketTypeSlug, String addonSlug, String description,
            int quantity, String unitPrice, String discount, String lineTotal) {
    }

    public record OrderChanged(long id, long conferenceId, String conferenceSlug, String reference, String status,
            String voucherCode, String currency, String subtotal, String discount, String total,
            String refundedAmount, Long attendeeId, Instant createdAt, List<LineItem> lineItems, long version) {
    }

    /** {@code revokedAccessCodes}: the codes of the attendee's reissued badges, oldest first (usually none). */
    public record AttendeeChanged(long id, long conferenceId, String conferenceSlug, long orderId, String accessCode,
            String name, String email, List<String> revokedAccessCodes, long version) {
    }

    public record VoucherRedeemed(long voucherId, long conferenceId, String conferenceSlug, String code,
            Long bulkPurchaseId, long orderId, String orderReference, int timesUsed, int maxUses) {
    }

    @Inject
    Outbox outbox;

    @Inject
    SigningKeyRepository signingKeys;

    public void conferenceChanged(Conference c) {
        outbox.add("catalog", key(c.id), "conference.changed", c.slug,
                new ConferenceChanged(c.id, c.slug, c.name, c.startDate, c.endDate, c.timeZone,
                        signingKeys.ofConference(c.id).stream().map(PublicSigningKey::of).toList(), c.version));
    }

    public void productChanged(Conference c, Product p) {
        outbox.add("catalog", key(p.id), p.kind.eventType(), p.slug, new ProductChanged(p.id, c.id, c.slug, p.slug,
                p.name, Money.format(p.price), p.bulkEnabled, p.active, p.capacity, p.version));
    }

    public void sponsorChanged(Conference c, Sponsor s) {
        outbox.add("catalog", key(s.id), "sponsor.changed", s.slug,
                new SponsorChanged(s.id, c.id, c.slug, s.slug, s.name, s.level, s.version));
    }

    public void orderChanged(Conference c, CustomerOrder o, Long attendeeId, List<OrderLine> lines) {
        List<LineItem> items = lines.stream().map(l -> new LineItem(l.id,
                l.kind == ProductKind.TICKET_TYPE ? "ticket" : "addon",
                l.kind == ProductKind.TICKET_TYPE ? l.slug : null,
                l.kind == ProductKind.ADDON ? l.slug : null,
                l.description, l.quantity, Money.format(l.unitPrice), Money.format(l.discount),
                Money.format(l.lineTotal))).toList();
        outbox.add("orders", key(o.id), "order.changed", o.reference, new OrderChanged(o.id, c.id, c.slug,
                o.reference, o.status, o.voucherCode, o.currency, Money.format(o.subtotal), Money.format(o.discount),
                Money.format(o.total), Money.format(o.refundedAmount), attendeeId, o.createdAt, items, o.version));
    }

    public void attendeeChanged(Conference c, Attendee a, List<String> revokedAccessCodes) {
        outbox.add("attendees", key(a.id), "attendee.changed", a.accessCode, new AttendeeChanged(a.id, c.id, c.slug,
                a.orderId, a.accessCode, a.name, a.email, revokedAccessCodes, a.version));
    }

    public void voucherRedeemed(Conference c, Voucher v, CustomerOrder o) {
        outbox.add("vouchers", key(v.sourceId), "voucher.redeemed", v.code, new VoucherRedeemed(v.sourceId, c.id,
                c.slug, v.code, v.bulkPurchaseId, o.id, o.reference, v.timesUsed, v.maxUses));
    }

    private static String key(long id) {
        return Long.toString(id);
    }
}
