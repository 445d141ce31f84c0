package org.confops.catalog.service;

import java.util.List;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.CustomerOrder;
import org.confops.catalog.domain.OrderLine;
import org.confops.catalog.domain.Payment;
import org.confops.catalog.domain.Refund;

/** An order with everything that belongs to it. {@code duplicate}: the request repeated one already recorded. */
public record OrderDetails(CustomerOrder order, List<OrderLine> lines, Attendee attendee, List<Payment> payments,
        List<Refund> refunds, boolean duplicate) {
}
