package org.confops.catalog.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Voucher;
import org.confops.catalog.messaging.VoucherSnapshot;
import org.confops.catalog.repository.VoucherRepository;

import io.quarkus.logging.Log;

/** Vouchers as issued elsewhere, and the rules for using one in an order. */
@ApplicationScoped
public class VoucherService {

    @Inject
    VoucherRepository vouchers;

    /** Applies an issued/revoked snapshot if newer than the one held; the use count stays the catalog's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(VoucherSnapshot snapshot) {
        Voucher voucher = vouchers.findBySource(snapshot.id()).orElse(null);
        if (voucher == null) {
            voucher = new Voucher();
            voucher.sourceId = snapshot.id();
        } else if (snapshot.version() <= voucher.version) {
            Log.debugf("Ignoring voucher %d version %d: holding %d", snapshot.id(), snapshot.version(), voucher.version);
            return;
        }
        voucher.conferenceId = snapshot.conferenceId();
        voucher.bulkPurchaseId = snapshot.bulkPurchaseId();
        voucher.code = normalize(snapshot.code());
        voucher.voucherType = snapshot.voucherType();
        voucher.discountValue = snapshot.discountValue() == null ? Money.ZERO : Money.of(snapshot.discountValue());
        voucher.maxUses = snapshot.maxUses();
        voucher.validFrom = snapshot.validFrom();
        voucher.validUntil = snapshot.validUntil();
        voucher.ticketTypeSlugs = Voucher.join(snapshot.ticketTypeSlugs());
        voucher.addonSlugs = Voucher.join(snapshot.addonSlugs());
        voucher.unlocksHiddenTickets = snapshot.unlocksHiddenTickets();
        voucher.active = snapshot.active();
        voucher.version = snapshot.version();
        vouchers.persist(voucher);
    }

    public static String normalize(String code) {
        return code == null ? null : code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The voucher named by {@code code}, locked and checked usable now; the caller takes the use.
     * Refusals are 422 naming {@code voucher_code}, except a used-up voucher (409: a state, not the input).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Voucher usable(long conferenceId, String code) {
        Voucher voucher = vouchers.findForUse(conferenceId, normalize(code))
                .orElseThrow(() -> Rejection.unprocessable("voucher_code", "Unknown voucher code"));
        Instant now = Instant.now();
        if (!voucher.active) {
            throw Rejection.unprocessable("voucher_code", "Voucher has been revoked");
        }
        if (voucher.validFrom != null && now.isBefore(voucher.validFrom)) {
            throw Rejection.unprocessable("voucher_code", "Voucher is not valid yet");
        }
        if (voucher.validUntil != null && now.isAfter(voucher.validUntil)) {
            throw Rejection.unprocessable("voucher_code", "Voucher has expired");
        }
        if (voucher.timesUsed >= voucher.maxUses) {
            throw Rejection.conflict("Voucher has been used up").with("field", "voucher_code");
        }
        return voucher;
    }
}
