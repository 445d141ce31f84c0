package org.confops.catalog.repository;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.confops.catalog.domain.CustomerOrder;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, Long> {

    public PanacheQuery<CustomerOrder> newestFirst(long conferenceId, String status) {
        return status == null
                ? find("conferenceId = ?1 order by id desc", conferenceId)
                : find("conferenceId = ?1 and status = ?2 order by id desc", conferenceId, status);
    }

    /**
     * Orders whose attendee's name or e-mail contains {@code text} (any case), or whose access code is it, newest
     * first. An organizer's look-up at the desk, not a hot path: a scan of the conference's attendees is fine.
     */
    public PanacheQuery<CustomerOrder> search(long conferenceId, String status, String text) {
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        String match = "id in (select a.orderId from Attendee a where a.conferenceId = :conference and "
                + "(lower(a.name) like :like escape '\\' or lower(a.email) like :like escape '\\' "
                + "or a.accessCode = :code))";
        Parameters params = Parameters
                .with("conference", conferenceId).and("like", like)
                .and("code", text.toUpperCase(Locale.ROOT));
        if (status != null) {
            params = params.and("status", status);
        }
        return find("conferenceId = :conference" + (status == null ? "" : " and status = :status") + " and " + match
                + " order by id desc", params);
    }

    /** The conference's order, locked: state changes of one order happen one after the other. */
    public Optional<CustomerOrder> findForUpdate(long conferenceId, long orderId) {
        return find("id = ?1 and conferenceId = ?2", orderId, conferenceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<CustomerOrder> find(long conferenceId, long orderId) {
        return find("id = ?1 and conferenceId = ?2", orderId, conferenceId).firstResultOptional();
    }
}
