package org.confops.bulkpurchase.rest;

import java.time.Instant;
import java.util.List;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.service.CloseResult;
import org.confops.bulkpurchase.service.FulfilResult;
import org.confops.platform.values.Money;
import org.confops.platform.paging.Page;
import org.confops.bulkpurchase.service.PurchaseDetails;

/** Response bodies (snake_case on the wire; money as decimal strings). */
final class BulkViews {

    private BulkViews() {
    }

    record SponsorRef(long id, String slug, String name) {
    }

    record ProductRef(long id, String slug, String name) {
    }

    record Person(String subject, String name) {
        static Person of(String subject, String name) {
            return subject == null ? null : new Person(subject, name);
        }
    }

    record VoucherConfigView(String voucherType, String discountValue, int maxUses, Instant validFrom,
            Instant validUntil, String prefix, boolean unlocksHiddenTickets) {
    }

    record VoucherView(long id, String code, int maxUses, int timesUsed, boolean active) {
        static VoucherView of(BulkVoucher v) {
            return new VoucherView(v.id, v.code, v.maxUses, v.timesUsed, v.active);
        }
    }

    record PurchaseView(long id, String status, SponsorRef sponsor, ProductRef ticketType, ProductRef addon,
            int quantity, String unitPrice, String total, VoucherConfigView voucherConfig, String paymentReference,
            Instant createdAt, Person requestedBy, Instant approvedAt, Person approvedBy, Instant paidAt,
            Instant fulfilledAt, Person fulfilledBy, Instant closedAt, Person closedBy,
            Integer voucherCount, Integer vouchersUsed, List<VoucherView> vouchers) {

        static PurchaseView of(PurchaseDetails d) {
            BulkPurchase p = d.purchase();
            List<VoucherView> vouchers = d.vouchers() == null ? null
                    : d.vouchers().stream().map(VoucherView::of).toList();
            Integer used = d.vouchers() == null ? null
                    : (int) d.vouchers().stream().filter(v -> v.timesUsed > 0).count();
            return new PurchaseView(p.id, p.status,
                    d.sponsor() == null ? null : new SponsorRef(d.sponsor().id, d.sponsor().slug, d.sponsor().name),
                    d.ticketType() == null ? null
                            : new ProductRef(d.ticketType().sourceId, d.ticketType().slug, d.ticketType().name),
                    d.addon() == null ? null : new ProductRef(d.addon().sourceId, d.addon().slug, d.addon().name),
                    p.quantity, Money.format(p.unitPrice), Money.format(p.total),
                    new VoucherConfigView(p.voucherType, Money.format(p.discountValue), p.maxUses, p.validFrom,
                            p.validUntil, p.codePrefix, p.unlocksHiddenTickets),
                    p.paymentReference, p.createdAt, Person.of(p.requestedBySubject, p.requestedByName),
                    p.approvedAt, Person.of(p.approvedBySubject, p.approvedByName), p.paidAt,
                    p.fulfilledAt, Person.of(p.fulfilledBySubject, p.fulfilledByName),
                    p.closedAt, Person.of(p.closedBySubject, p.closedByName),
                    vouchers == null ? null : vouchers.size(), used, vouchers);
        }
    }

    record PageView<T>(List<T> items, int page, int pageSize, long total, long pages) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total(), page.pages());
        }
    }

    record FulfilView(long id, String status, int created, boolean alreadyFulfilled, long voucherCount,
            Instant fulfilledAt) {
        static FulfilView of(FulfilResult r) {
            BulkPurchase p = r.details().purchase();
            return new FulfilView(p.id, p.status, r.created(), r.alreadyFulfilled(), r.voucherCount(), p.fulfilledAt);
        }
    }

    record CloseView(long id, String status, int revoked, List<CloseResult.UsedVoucher> used) {
        static CloseView of(CloseResult r) {
            return new CloseView(r.details().purchase().id, r.details().purchase().status, r.revoked(), r.used());
        }
    }
}
