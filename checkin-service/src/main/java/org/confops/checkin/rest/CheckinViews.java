package org.confops.checkin.rest;

import java.time.Instant;
import java.util.List;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.LineItem;
import org.confops.checkin.service.AttendeeRecord;

/** Response bodies of the check-in API (field names as django-program's, snake_case on the wire). */
public final class CheckinViews {

    private CheckinViews() {
    }

    public record AttendeeView(long id, String accessCode, String name, String email, boolean checkedIn,
            Instant checkedInAt) {
        static AttendeeView of(Attendee a) {
            return new AttendeeView(a.id, a.accessCode, a.name, a.email, a.checkedIn(), a.firstCheckedInAt);
        }
    }

    public record LookupAttendeeView(long id, String accessCode, String name, String email, boolean checkedIn,
            Instant checkedInAt, String ticketType) {
        static LookupAttendeeView of(AttendeeRecord r) {
            Attendee a = r.attendee();
            return new LookupAttendeeView(a.id, a.accessCode, a.name, a.email, a.checkedIn(), a.firstCheckedInAt,
                    r.ticketType());
        }
    }

    public record BadgeView(String name, String ticketType) {
    }

    public record ProductView(long id, String description, int quantity, String ticketTypeSlug, String addonSlug) {
        static List<ProductView> of(List<LineItem> lines) {
            return lines.stream()
                    .map(l -> new ProductView(l.id, l.description, l.quantity, l.ticketTypeSlug, l.addonSlug))
                    .toList();
        }
    }

    public record RedeemableView(long lineItemId, String description, String addonSlug, int quantity,
            int redeemedCount, int remaining) {
        static RedeemableView of(LineItem l) {
            return new RedeemableView(l.id, l.description, l.addonSlug, l.quantity, l.redeemedCount, l.remaining());
        }
    }

    public record ScanResponse(String status, AttendeeView attendee, BadgeView badge, List<ProductView> products,
            String orderStatus, long checkinId, Instant checkedInAt, boolean reentry, String station,
            boolean replayed) {
    }

    public record LookupResponse(LookupAttendeeView attendee, List<ProductView> products,
            List<RedeemableView> redeemable, String orderStatus) {
    }

    public record RedeemResponse(String status, long redemptionId, long lineItemId, String description,
            int quantity, int redeemedCount, int remaining, Instant redeemedAt, AttendeeView attendee,
            boolean replayed) {
    }
}
