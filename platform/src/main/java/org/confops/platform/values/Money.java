package org.confops.platform.values;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts in the currency's minor unit precision; on the wire as decimal strings ("450.00"). */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    public static String format(BigDecimal amount) {
        return amount == null ? null : of(amount).toPlainString();
    }
}
