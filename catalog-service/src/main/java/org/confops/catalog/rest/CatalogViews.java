package org.confops.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.OrderLine;
import org.confops.catalog.domain.Payment;
import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.domain.Refund;
import org.confops.catalog.domain.Sponsor;
import org.confops.platform.values.Money;
import org.confops.catalog.service.AttendeeService;
import org.confops.catalog.service.OrderDetails;
import org.confops.platform.paging.Page;

/** Response bodies (snake_case on the wire; money as decimal strings). */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record ConferenceView(long id, String slug, String name, LocalDate startDate, LocalDate endDate,
            String timeZone) {
        static ConferenceView of(Conference c) {
            return new ConferenceView(c.id, c.slug, c.name, c.startDate, c.endDate, c.timeZone);
        }
    }

    public record ProductView(long id, String slug, String name, String price, boolean bulkEnabled, boolean active,
            Integer capacity) {
        static ProductView of(Product p) {
            return new ProductView(p.id, p.slug, p.name, Money.format(p.price), p.bulkEnabled, p.active, p.capacity);
        }
    }

    public record SponsorView(long id, String slug, String name, String level) {
        static SponsorView of(Sponsor s) {
            return new SponsorView(s.id, s.slug, s.name, s.level);
        }
    }

    public record AttendeeView(long id, long orderId, String accessCode, String name, String email) {
        static AttendeeView of(Attendee a) {
            return a == null ? null : new AttendeeView(a.id, a.orderId, a.accessCode, a.name, a.email);
        }
    }

    /** The attendee under their new code; {@code revoked_access_codes}: every code they no longer answer to. */
    public record ReissuedView(long id, long orderId, String accessCode, String name, String email,
            String previousAccessCode, List<String> revokedAccessCodes) {
        static ReissuedView of(AttendeeService.Reissued r) {
            return new ReissuedView(r.attendee().id, r.attendee().orderId, r.attendee().accessCode, r.attendee().name,
                    r.attendee().email, r.previousCode(), r.revokedCodes());
        }
    }

    public record LineView(long id, String kind, String ticketTypeSlug, String addonSlug, String description,
            int quantity, String unitPrice, String discount, String lineTotal) {
        static LineView of(OrderLine l) {
            boolean ticket = l.kind == ProductKind.TICKET_TYPE;
            return new LineView(l.id, ticket ? "ticket" : "addon", ticket ? l.slug : null, ticket ? null : l.slug,
                    l.description, l.quantity, Money.format(l.unitPrice), Money.format(l.discount),
                    Money.format(l.lineTotal));
        }
    }

    public record PaymentView(long id, String reference, String amount, Instant recordedAt, String recordedBy) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id, p.reference, Money.format(p.amount), p.recordedAt, p.actorName);
        }
    }

    public record RefundView(long id, String amount, String reason, Instant refundedAt, String refundedBy) {
        static RefundView of(Refund r) {
            return new RefundView(r.id, Money.format(r.amount), r.reason, r.refundedAt, r.actorName);
        }
    }

    public record OrderView(long id, String reference, String status, String voucherCode, String currency,
            String subtotal, String discount, String total, String refundedAmount, Instant createdAt,
            AttendeeView attendee, List<LineView> lineItems, List<PaymentView> payments, List<RefundView> refunds) {
        static OrderView of(OrderDetails d) {
            var o = d.order();
            return new OrderView(o.id, o.reference, o.status, o.voucherCode, o.currency, Money.format(o.subtotal),
                    Money.format(o.discount), Money.format(o.total), Money.format(o.refundedAmount), o.createdAt,
                    AttendeeView.of(d.attendee()), d.lines().stream().map(LineView::of).toList(),
                    d.payments().stream().map(PaymentView::of).toList(),
                    d.refunds().stream().map(RefundView::of).toList());
        }
    }

    public record PageView<T>(List<T> items, int page, int pageSize, long total, long pages) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total(), page.pages());
        }
    }
}
