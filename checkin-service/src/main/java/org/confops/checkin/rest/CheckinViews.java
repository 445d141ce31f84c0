package org.confops.checkin.rest;

import java.time.Instant;
import java.util.List;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.LineItem;
import org.confops.checkin.service.AttendeeRecord;

/**
 * Response bodies of the check-in API. Every field django-program's views return is here under the same name
 * and JSON type (strings where it sends {@code ""} rather than null); fields of our own come after them, beside,
 * never instead. {@code DjangoProgramCompatibilityTest} pins the lists.
 */
public final class CheckinViews {

    private CheckinViews() {
    }

    public record AttendeeView(long id, String accessCode, String name, String email, boolean checkedIn,
            Instant checkedInAt) {
        static AttendeeView of(Attendee a) {
            return new AttendeeView(a.id, a.accessCode, text(a.name), text(a.email), a.checkedIn(),
                    a.firstCheckedInAt);
        }
    }

    /** django-program sends names, e-mails and ticket types as strings, {@code ""} when there is none. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    public record LookupAttendeeView(long id, String accessCode, String name, String email, boolean checkedIn,
            Instant checkedInAt, String ticketType) {
        static LookupAttendeeView of(AttendeeRecord r) {
            Attendee a = r.attendee();
            return new LookupAttendeeView(a.id, a.accessCode, text(a.name), text(a.email), a.checkedIn(),
                    a.firstCheckedInAt, text(r.ticketType()));
        }
    }

    public record BadgeView(String name, String ticketType) {
        static BadgeView of(AttendeeRecord r) {
            return new BadgeView(text(r.attendee().name), text(r.ticketType()));
        }
    }

    public record ProductView(long id, String description, int quantity, String ticketTypeSlug, String addonSlug) {
        static List<ProductView> of(List<LineItem> lines) {
            return lines.stream().map(ProductView::of).toList();
        }

        static ProductView of(LineItem l) {
            return new ProductView(l.id, l.description, l.quantity, l.ticketTypeSlug, l.addonSlug);
        }
    }

    /** django-program's line item ({@code id} is what its scanner page redeems) plus counts; ours: {@code line_item_id}. */
    public record RedeemableView(long id, String description, int quantity, String ticketTypeSlug, String addonSlug,
            int redeemedCount, int remaining, long lineItemId) {
        static RedeemableView of(LineItem l) {
            return new RedeemableView(l.id, l.description, l.quantity, l.ticketTypeSlug, l.addonSlug, l.redeemedCount,
                    l.remaining(), l.id);
        }
    }

    public record ScanResponse(String status, AttendeeView attendee, BadgeView badge, List<ProductView> products,
            String orderStatus, long checkinId, Instant checkedInAt, boolean reentry, String station,
            boolean replayed) {
    }

    public record LookupResponse(LookupAttendeeView attendee, List<ProductView> products,
            List<RedeemableView> redeemable, String orderStatus) {
    }

    /** django-program's {@code status, redemption_id, redeemed_at, line_item, attendee}; the flat counts are ours. */
    public record RedeemResponse(String status, long redemptionId, Instant redeemedAt, ProductView lineItem,
            AttendeeView attendee, long lineItemId, String description, int quantity, int redeemedCount,
            int remaining, boolean replayed) {
    }
}
