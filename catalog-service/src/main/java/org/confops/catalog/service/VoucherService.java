package org.confops.catalog.service;

import org.confops.platform.values.Money;
import org.confops.platform.errors.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Voucher;
import org.confops.platform.inbox.NewestVersion;
import org.confops.catalog.messaging.VoucherSnapshot;
import org.confops.catalog.repository.VoucherRepository;


/** Vouchers as issued elsewhere, and the rules for using one in an order. */
@ApplicationScoped
public class VoucherService {

    @Inject
    VoucherRepository vouchers;

    /**
     * Applies issued/revoked snapshots, each only if newer than the one held, in one statement for the whole
     * run; the use count stays the catalog's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<VoucherSnapshot> snapshots) {
        Map<Long, VoucherSnapshot> newest = NewestVersion.perId(snapshots, VoucherSnapshot::id, VoucherSnapshot::version);
        vouchers.upsertNewer(newest.values().stream().map(snapshot -> new VoucherRepository.Issued(
                snapshot.id(), snapshot.conferenceId(), snapshot.bulkPurchaseId(), normalize(snapshot.code()),
                snapshot.voucherType(),
                snapshot.discountValue() == null ? Money.ZERO : Money.of(snapshot.discountValue()),
                snapshot.maxUses(), snapshot.validFrom(), snapshot.validUntil(),
                Voucher.join(snapshot.ticketTypeSlugs()), Voucher.join(snapshot.addonSlugs()),
                snapshot.unlocksHiddenTickets(), snapshot.active(), snapshot.version())).toList());
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
