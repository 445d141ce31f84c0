package org.confops.bulkpurchase.service;

import org.confops.platform.values.Money;
import org.confops.platform.paging.Page;
import org.confops.platform.errors.Rejection;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.BulkStatus;
import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.domain.Conference;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.domain.Sponsor;
import org.confops.bulkpurchase.messaging.VoucherEvents;
import org.confops.bulkpurchase.repository.BulkPurchaseRepository;
import org.confops.bulkpurchase.repository.BulkVoucherRepository;
import org.confops.bulkpurchase.repository.ProductRepository;
import org.confops.bulkpurchase.repository.SponsorRepository;
import org.confops.bulkpurchase.repository.VoucherWriter;
import org.confops.bulkpurchase.repository.VoucherWriter.Written;
import org.confops.platform.security.Actor;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;

/**
 * The bulk purchase lifecycle. Every transition locks the purchase row first, so concurrent calls on one purchase
 * (two fulfils, a fulfil and a cancel) run one after the other and the second sees the first's outcome.
 */
@ApplicationScoped
public class BulkPurchaseService {

    /** Codes per INSERT statement: large enough to be fast, small enough to keep the statement moderate. */
    private static final int CHUNK = 10_000;

    @Inject
    BulkPurchaseRepository purchases;

    @Inject
    BulkVoucherRepository vouchers;

    @Inject
    ProductRepository products;

    @Inject
    SponsorRepository sponsors;

    @Inject
    VoucherWriter writer;

    @Inject
    VoucherEvents events;

    @Transactional
    public Page<PurchaseDetails> list(Conference conference, String status, int page, int size) {
        var query = purchases.newestFirst(conference.id, status).page(page - 1, size);
        return new Page<>(query.list().stream().map(p -> details(p, false)).toList(), page, size, query.count());
    }

    @Transactional
    public PurchaseDetails get(Conference conference, long id) {
        return details(find(conference, id), true);
    }

    @Transactional
    public PurchaseDetails create(Conference conference, BulkPurchaseRequest request, Actor actor) {
        BulkPurchase p = new BulkPurchase();
        p.conferenceId = conference.id;
        if (request.sponsor() != null && !request.sponsor().isBlank()) {
            p.sponsorId = sponsors.find(conference.id, request.sponsor().trim())
                    .orElseThrow(() -> Rejection.unprocessable("sponsor", "Unknown sponsor in this conference")).id;
        }
        p.ticketTypeId = bulkProduct(conference, Product.TICKET_TYPE, "ticket_type", request.ticketType());
        p.addonId = bulkProduct(conference, Product.ADDON, "addon", request.addon());
        p.quantity = request.quantity();
        p.unitPrice = Money.of(request.unitPrice());
        p.total = total(p);
        if (request.voucherConfig() != null) {
            applyConfig(p, request.voucherConfig());
        }
        p.status = BulkStatus.PENDING;
        p.createdAt = Timestamps.now();
        p.requestedBySubject = actor.subject();
        p.requestedByName = actor.name();
        purchases.persist(p);
        return details(p, true);
    }

    @Transactional
    public PurchaseDetails configure(Conference conference, long id, ConfigureRequest request) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "configured", BulkStatus.PENDING, BulkStatus.APPROVED);
        if (request.quantity() != null) {
            p.quantity = request.quantity();
        }
        if (request.unitPrice() != null) {
            p.unitPrice = Money.of(request.unitPrice());
        }
        p.total = total(p);
        if (request.voucherConfig() != null) {
            p.voucherType = null;
            p.discountValue = null;
            p.maxUses = 1;
            p.validFrom = null;
            p.validUntil = null;
            p.codePrefix = null;
            p.unlocksHiddenTickets = false;
            applyConfig(p, request.voucherConfig());
        }
        return details(p, true);
    }

    @Transactional
    public PurchaseDetails approve(Conference conference, long id, Actor actor) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "approved", BulkStatus.PENDING);
        p.status = BulkStatus.APPROVED;
        p.approvedAt = Timestamps.now();
        p.approvedBySubject = actor.subject();
        p.approvedByName = actor.name();
        return details(p, true);
    }

    /** approved → processing: the payment was started (an invoice sent, a checkout opened). */
    @Transactional
    public PurchaseDetails startPayment(Conference conference, long id) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "marked as processing", BulkStatus.APPROVED);
        p.status = BulkStatus.PROCESSING;
        return details(p, true);
    }

    /** processing → failed: the payment did not go through. */
    @Transactional
    public PurchaseDetails failPayment(Conference conference, long id, Actor actor) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "marked as failed", BulkStatus.PROCESSING);
        p.status = BulkStatus.FAILED;
        close(p, actor);
        return details(p, true);
    }

    public record Payment(PurchaseDetails details, boolean duplicate) {
    }

    /** approved/processing → paid. The same reference again answers the paid purchase and changes nothing. */
    @Transactional
    public Payment recordPayment(Conference conference, long id, PaymentRequest request) {
        BulkPurchase p = lock(conference, id);
        String reference = request.reference().trim();
        if (BulkStatus.PAID.equals(p.status) && reference.equals(p.paymentReference)) {
            return new Payment(details(p, true), true);
        }
        requireStatus(p, "paid", BulkStatus.APPROVED, BulkStatus.PROCESSING);
        p.status = BulkStatus.PAID;
        p.paymentReference = reference;
        p.paidAt = Timestamps.now();
        return new Payment(details(p, true), false);
    }

    /**
     * Generates exactly {@code quantity} codes once. The row lock makes a concurrent second call wait for the
     * first; it then finds the purchase fulfilled and creates nothing.
     */
    @Transactional
    public FulfilResult fulfil(Conference conference, long id, Actor actor) {
        BulkPurchase p = lock(conference, id);
        if (p.fulfilledAt != null) {
            return new FulfilResult(details(p, false), 0, true, vouchers.countForPurchase(p.id));
        }
        boolean paid = BulkStatus.PAID.equals(p.status);
        boolean compApproved = BulkStatus.APPROVED.equals(p.status) && p.isComp();
        if (!paid && !compApproved) {
            throw Rejection.conflict(BulkStatus.APPROVED.equals(p.status)
                    ? "Only a paid purchase (or an approved one with total 0) can be fulfilled"
                    : "A " + p.status + " purchase cannot be fulfilled").with("status", p.status);
        }
        if (p.voucherType == null) {
            throw Rejection.unprocessable("voucher_config.voucher_type", "voucher_config lacks voucher_type");
        }
        if (p.discountValue == null) {
            throw Rejection.unprocessable("voucher_config.discount_value", "voucher_config lacks discount_value");
        }
        Sponsor sponsor = p.sponsorId == null ? null : sponsors.findById(p.sponsorId);
        Product ticketType = p.ticketTypeId == null ? null : products.findById(p.ticketTypeId);
        Product addon = p.addonId == null ? null : products.findById(p.addonId);
        String prefix = VoucherCodes.prefix(p, sponsor);

        int created = 0;
        int collisions = 0;
        Set<String> tried = new HashSet<>();
        while (created < p.quantity) {
            int wanted = Math.min(CHUNK, p.quantity - created);
            Set<String> codes = VoucherCodes.generate(prefix, wanted, tried);
            tried.addAll(codes);
            List<Written> written = writer.insertFree(p.conferenceId, p.id, p.maxUses, codes);
            collisions += wanted - written.size();
            events.issued(p, ticketType, addon, written);
            created += written.size();
        }
        if (collisions > 0) {
            Log.infof("Bulk purchase %d: %d generated codes were taken and replaced", p.id, collisions);
        }
        p.status = BulkStatus.PAID;
        if (p.paidAt == null) {
            p.paidAt = Timestamps.now();
        }
        p.fulfilledAt = Timestamps.now();
        p.fulfilledBySubject = actor.subject();
        p.fulfilledByName = actor.name();
        return new FulfilResult(details(p, false), created, false, created);
    }

    /** pending/approved → cancelled. */
    @Transactional
    public CloseResult cancel(Conference conference, long id, Actor actor) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "cancelled", BulkStatus.PENDING, BulkStatus.APPROVED);
        p.status = BulkStatus.CANCELLED;
        return closeAndRevoke(p, actor);
    }

    /** paid → refunded. */
    @Transactional
    public CloseResult refund(Conference conference, long id, Actor actor) {
        BulkPurchase p = lock(conference, id);
        requireStatus(p, "refunded", BulkStatus.PAID);
        p.status = BulkStatus.REFUNDED;
        return closeAndRevoke(p, actor);
    }

    /** The purchase's codes for the CSV export. */
    @Transactional
    public PurchaseDetails vouchers(Conference conference, long id) {
        return details(find(conference, id), true);
    }

    private CloseResult closeAndRevoke(BulkPurchase p, Actor actor) {
        close(p, actor);
        List<Written> revoked = writer.revokeUnused(p.id);
        Product ticketType = p.ticketTypeId == null ? null : products.findById(p.ticketTypeId);
        Product addon = p.addonId == null ? null : products.findById(p.addonId);
        events.revoked(p, ticketType, addon, revoked);
        List<CloseResult.UsedVoucher> used = vouchers
                .list("bulkPurchaseId = :id and timesUsed > 0 order by id", Parameters.with("id", p.id)).stream()
                .map(v -> new CloseResult.UsedVoucher(v.code, v.timesUsed, v.maxUses)).toList();
        return new CloseResult(details(p, false), revoked.size(), used);
    }

    private static void close(BulkPurchase p, Actor actor) {
        p.closedAt = Timestamps.now();
        p.closedBySubject = actor.subject();
        p.closedByName = actor.name();
    }

    private Long bulkProduct(Conference conference, String kind, String field, String slug) {
        if (slug == null || slug.isBlank()) {
            return null;
        }
        Product product = products.find(conference.id, kind, slug.trim())
                .orElseThrow(() -> Rejection.unprocessable(field, "Unknown " + field.replace('_', ' ')
                        + " in this conference"));
        if (!product.bulkEnabled) {
            throw Rejection.unprocessable(field, "This " + field.replace('_', ' ') + " is not enabled for bulk purchases");
        }
        if (!product.active) {
            throw Rejection.unprocessable(field, "This " + field.replace('_', ' ') + " is no longer on sale");
        }
        return product.id;
    }

    private static void applyConfig(BulkPurchase p, VoucherConfig config) {
        if (config.validFrom() != null && config.validUntil() != null && !config.validUntil().isAfter(config.validFrom())) {
            throw Rejection.unprocessable("voucher_config.valid_until", "valid_until must be after valid_from");
        }
        if ("percentage".equals(config.voucherType()) && config.discountValue() != null
                && config.discountValue().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw Rejection.unprocessable("voucher_config.discount_value", "A percentage cannot exceed 100");
        }
        p.voucherType = config.voucherType();
        p.discountValue = config.discountValue() == null ? null
                : "comp".equals(config.voucherType()) ? Money.ZERO : Money.of(config.discountValue());
        p.maxUses = config.maxUses() == null ? 1 : config.maxUses();
        p.validFrom = config.validFrom();
        p.validUntil = config.validUntil();
        p.codePrefix = config.prefix();
        p.unlocksHiddenTickets = Boolean.TRUE.equals(config.unlocksHiddenTickets());
    }

    private static BigDecimal total(BulkPurchase p) {
        return Money.of(p.unitPrice.multiply(BigDecimal.valueOf(p.quantity)));
    }

    private static void requireStatus(BulkPurchase p, String action, String... allowed) {
        for (String status : allowed) {
            if (status.equals(p.status)) {
                return;
            }
        }
        throw Rejection.conflict("A " + p.status + " purchase cannot be " + action).with("status", p.status);
    }

    private BulkPurchase find(Conference conference, long id) {
        return purchases.find(conference.id, id).orElseThrow(() -> notFound(id));
    }

    private BulkPurchase lock(Conference conference, long id) {
        return purchases.findForUpdate(conference.id, id).orElseThrow(() -> notFound(id));
    }

    private static Rejection notFound(long id) {
        return Rejection.notFound("Bulk purchase not found").with("id", id);
    }

    private PurchaseDetails details(BulkPurchase p, boolean withVouchers) {
        return new PurchaseDetails(p,
                p.sponsorId == null ? null : sponsors.findById(p.sponsorId),
                p.ticketTypeId == null ? null : products.findById(p.ticketTypeId),
                p.addonId == null ? null : products.findById(p.addonId),
                withVouchers ? vouchers.forPurchase(p.id) : null);
    }
}
