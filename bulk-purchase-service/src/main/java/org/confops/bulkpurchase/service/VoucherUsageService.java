package org.confops.bulkpurchase.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.bulkpurchase.messaging.VoucherRedeemed;
import org.confops.bulkpurchase.repository.BulkVoucherRepository;

import io.quarkus.logging.Log;

/** How often the sponsor's codes were used, as the catalog reports it (voucher.redeemed). */
@ApplicationScoped
public class VoucherUsageService {

    @Inject
    BulkVoucherRepository vouchers;

    /** The catalog's count is the truth; the larger of held and reported wins, so order does not matter. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(VoucherRedeemed redeemed) {
        var voucher = vouchers.findById(redeemed.voucherId());
        if (voucher == null) {
            Log.warnf("voucher.redeemed for unknown voucher %d (%s)", redeemed.voucherId(), redeemed.code());
            return;
        }
        if (redeemed.conferenceId() != null && redeemed.conferenceId() != voucher.conferenceId) {
            Log.warnf("voucher.redeemed for voucher %d names conference %d, not its own %d: ignored",
                    redeemed.voucherId(), redeemed.conferenceId(), voucher.conferenceId);
            return;
        }
        vouchers.recordUses(redeemed.voucherId(), redeemed.timesUsed());
    }
}
