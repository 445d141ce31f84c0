package org.confops.catalog.service;

import org.confops.platform.paging.Page;
import org.confops.platform.errors.Rejection;
import org.confops.platform.values.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Attendee;
import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.CustomerOrder;
import org.confops.catalog.domain.OrderLine;
import org.confops.catalog.domain.OrderStatus;
import org.confops.catalog.domain.Payment;
import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.domain.Refund;
import org.confops.catalog.domain.Voucher;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.AttendeeRepository;
import org.confops.catalog.repository.OrderLineRepository;
import org.confops.catalog.repository.OrderRepository;
import org.confops.catalog.repository.PaymentRepository;
import org.confops.catalog.repository.ProductRepository;
import org.confops.catalog.repository.RefundRepository;
import org.confops.platform.security.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Orders from placement to payment, refund or cancellation. Every state change bumps the order's version and
 * publishes its snapshot in the same transaction.
 */
@ApplicationScoped
public class OrderService {

    private static final BigDecimal HUNDRED = new BigDecimal(100);

    @Inject
    OrderRepository orders;

    @Inject
    OrderLineRepository lines;

    @Inject
    ProductRepository products;

    @Inject
    AttendeeRepository attendees;

    @Inject
    PaymentRepository payments;

    @Inject
    RefundRepository refunds;

    @Inject
    VoucherService vouchers;

    @Inject
    AccessCodes accessCodes;

    @Inject
    CatalogEvents events;

    @ConfigProperty(name = "catalog.currency")
    String currency;

    @Transactional
    public OrderDetails place(Conference conference, OrderRequest request) {
        List<OrderLine> newLines = priceLines(conference, request);
        Voucher voucher = request.voucherCode() == null || request.voucherCode().isBlank() ? null
                : vouchers.usable(conference.id, request.voucherCode());
        if (voucher != null) {
            applyVoucher(voucher, newLines);
        }

        CustomerOrder order = new CustomerOrder();
        order.conferenceId = conference.id;
        order.reference = AccessCodes.orderReference();
        order.currency = currency;
        order.voucherCode = voucher == null ? null : voucher.code;
        order.subtotal = Money.of(newLines.stream().map(l -> l.unitPrice.multiply(BigDecimal.valueOf(l.quantity)))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        order.discount = Money.of(newLines.stream().map(l -> l.discount).reduce(BigDecimal.ZERO, BigDecimal::add));
        order.total = Money.of(order.subtotal.subtract(order.discount));
        // Nothing to pay (a comp voucher, a free ticket): the order is settled as it is placed.
        order.status = order.total.signum() == 0 ? OrderStatus.PAID : OrderStatus.PENDING;
        order.createdAt = Timestamps.now();
        orders.persist(order);
        orders.flush();
        for (OrderLine line : newLines) {
            line.orderId = order.id;
            lines.persist(line);
        }

        Attendee attendee = new Attendee();
        attendee.conferenceId = conference.id;
        attendee.orderId = order.id;
        attendee.accessCode = accessCodes.next();
        attendee.name = request.attendee().name().trim();
        attendee.email = request.attendee().email().trim();
        attendees.persist(attendee);
        lines.flush();

        events.orderChanged(conference, order, attendee.id, newLines);
        events.attendeeChanged(conference, attendee, List.of());
        if (voucher != null) {
            voucher.timesUsed++;
            events.voucherRedeemed(conference, voucher, order);
        }
        return new OrderDetails(order, newLines, attendee, List.of(), List.of(), false);
    }

    /** Records the provider's payment; the same reference again changes nothing and says so. */
    @Transactional
    public OrderDetails recordPayment(Conference conference, long orderId, PaymentRequest request, Actor actor) {
        CustomerOrder order = lockedOrder(conference, orderId);
        String reference = request.reference().trim();
        if (payments.find(order.id, reference).isPresent()) {
            return details(order, true);
        }
        if (!OrderStatus.PENDING.equals(order.status)) {
            throw Rejection.conflict("Order is not pending").with("status", order.status);
        }
        if (request.amount() != null && Money.of(request.amount()).compareTo(order.total) != 0) {
            throw Rejection.unprocessable("amount", "must equal the order total " + Money.format(order.total));
        }
        Payment payment = new Payment();
        payment.orderId = order.id;
        payment.reference = reference;
        payment.amount = order.total;
        payment.recordedAt = Timestamps.now();
        payment.actorSubject = actor.subject();
        payment.actorName = actor.name();
        payments.persist(payment);
        changeStatus(conference, order, OrderStatus.PAID);
        return details(order, false);
    }

    @Transactional
    public OrderDetails refund(Conference conference, long orderId, RefundRequest request, Actor actor) {
        CustomerOrder order = lockedOrder(conference, orderId);
        if (!OrderStatus.PAID.equals(order.status) && !OrderStatus.PARTIALLY_REFUNDED.equals(order.status)) {
            throw Rejection.conflict("Only paid orders can be refunded").with("status", order.status);
        }
        BigDecimal amount = request.amount() == null ? order.refundable() : Money.of(request.amount());
        if (amount.compareTo(order.refundable()) > 0) {
            throw Rejection.unprocessable("amount",
                    "exceeds the refundable amount " + Money.format(order.refundable()));
        }
        Refund refund = new Refund();
        refund.orderId = order.id;
        refund.amount = amount;
        refund.reason = request.reason();
        refund.refundedAt = Timestamps.now();
        refund.actorSubject = actor.subject();
        refund.actorName = actor.name();
        if (amount.signum() > 0) {
            refunds.persist(refund);
        }
        order.refundedAmount = Money.of(order.refundedAmount.add(amount));
        changeStatus(conference, order,
                order.refundable().signum() == 0 ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED);
        return details(order, false);
    }

    @Transactional
    public OrderDetails cancel(Conference conference, long orderId) {
        CustomerOrder order = lockedOrder(conference, orderId);
        if (!OrderStatus.PENDING.equals(order.status)) {
            throw Rejection.conflict("Only pending orders can be cancelled").with("status", order.status);
        }
        changeStatus(conference, order, OrderStatus.CANCELLED);
        return details(order, false);
    }

    @Transactional
    public OrderDetails get(Conference conference, long orderId) {
        return details(orders.find(conference.id, orderId)
                .orElseThrow(() -> Rejection.notFound("Order not found").with("order_id", orderId)), false);
    }

    @Transactional
    public Page<OrderDetails> list(Conference conference, String status, String search, int page, int size) {
        PanacheQuery<CustomerOrder> query = (search == null ? orders.newestFirst(conference.id, status)
                : orders.search(conference.id, status, search)).page(page - 1, size);
        return new Page<>(query.list().stream().map(o -> details(o, false)).toList(), page, size, query.count());
    }

    private void changeStatus(Conference conference, CustomerOrder order, String status) {
        order.status = status;
        order.touch();
        events.orderChanged(conference, order, attendees.findByOrder(order.id).map(a -> a.id).orElse(null),
                lines.listForOrder(order.id));
    }

    private CustomerOrder lockedOrder(Conference conference, long orderId) {
        return orders.findForUpdate(conference.id, orderId)
                .orElseThrow(() -> Rejection.notFound("Order not found").with("order_id", orderId));
    }

    private OrderDetails details(CustomerOrder order, boolean duplicate) {
        return new OrderDetails(order, lines.listForOrder(order.id), attendees.findByOrder(order.id).orElse(null),
                payments.listForOrder(order.id), refunds.listForOrder(order.id), duplicate);
    }

    private List<OrderLine> priceLines(Conference conference, OrderRequest request) {
        List<OrderLine> priced = new ArrayList<>();
        if (request.ticketType() != null && !request.ticketType().isBlank()) {
            priced.add(line(conference, ProductKind.TICKET_TYPE, request.ticketType().trim(), 1, "ticket_type"));
        }
        Set<String> seen = new HashSet<>();
        for (OrderRequest.AddonQuantity addon : request.addonsOrEmpty()) {
            if (!seen.add(addon.slug())) {
                throw Rejection.unprocessable("addons", "lists " + addon.slug() + " twice");
            }
            priced.add(line(conference, ProductKind.ADDON, addon.slug().trim(), addon.quantity(), "addons"));
        }
        if (priced.isEmpty()) {
            throw Rejection.unprocessable("ticket_type", "An order needs a ticket_type or addons");
        }
        return priced;
    }

    private OrderLine line(Conference conference, ProductKind kind, String slug, int quantity, String field) {
        String what = kind == ProductKind.TICKET_TYPE ? "ticket type" : "add-on";
        Product product = products.findForSale(conference.id, kind, slug)
                .orElseThrow(() -> Rejection.unprocessable(field, "Unknown " + what + " " + slug));
        if (!product.active) {
            throw Rejection.unprocessable(field, "The " + what + " " + slug + " is not on sale");
        }
        if (product.capacity != null && lines.unitsHeld(product.id) + quantity > product.capacity) {
            throw Rejection.conflict("Sold out").with("field", field).with("slug", slug);
        }
        OrderLine line = new OrderLine();
        line.productId = product.id;
        line.kind = kind;
        line.slug = product.slug;
        line.description = product.name;
        line.quantity = quantity;
        line.unitPrice = product.price;
        line.discount = Money.ZERO;
        line.lineTotal = Money.of(product.price.multiply(BigDecimal.valueOf(quantity)));
        return line;
    }

    /** comp: the lines it covers are free; percentage: that share off them; fixed_amount: that much off, once. */
    private void applyVoucher(Voucher voucher, List<OrderLine> priced) {
        List<OrderLine> covered = priced.stream().filter(l -> voucher.appliesTo(l.kind, l.slug)).toList();
        if (covered.isEmpty()) {
            throw Rejection.unprocessable("voucher_code", "Voucher does not apply to anything in this order");
        }
        BigDecimal fixedLeft = voucher.discountValue;
        for (OrderLine line : covered) {
            BigDecimal gross = line.lineTotal;
            BigDecimal discount = switch (voucher.voucherType) {
                case "comp" -> gross;
                case "percentage" -> gross.multiply(voucher.discountValue.min(HUNDRED))
                        .divide(HUNDRED, 2, RoundingMode.HALF_UP);
                default -> fixedLeft.min(gross);
            };
            if ("fixed_amount".equals(voucher.voucherType)) {
                fixedLeft = fixedLeft.subtract(discount);
            }
            line.discount = Money.of(discount);
            line.lineTotal = Money.of(gross.subtract(discount));
        }
    }
}
