package org.confops.checkin.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.checkin.domain.SigningKey;
import org.confops.checkin.messaging.SigningKeySnapshot;

/** The conferences' public badge keys: replaced whole from each newer conference snapshot. */
@ApplicationScoped
public class SigningKeyRepository {

    private static final String COLUMNS =
            "SELECT conference_id, key_id, algorithm, public_key, created_at, retired_at, expires_at FROM signing_key ";

    @Inject
    EntityManager em;

    public void replace(long conferenceId, List<SigningKeySnapshot> keys) {
        em.createNativeQuery("DELETE FROM signing_key WHERE conference_id = ?1").setParameter(1, conferenceId)
                .executeUpdate();
        for (SigningKeySnapshot key : keys) {
            em.createNativeQuery("""
                    INSERT INTO signing_key (conference_id, key_id, algorithm, public_key, created_at, retired_at,
                      expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, conferenceId).setParameter(2, key.keyId()).setParameter(3, key.algorithm())
                    .setParameter(4, key.publicKey()).setParameter(5, key.createdAt())
                    .setParameter(6, key.retiredAt()).setParameter(7, key.expiresAt()).executeUpdate();
        }
    }

    public Optional<SigningKey> find(long conferenceId, long keyId) {
        List<?> rows = em.createNativeQuery(COLUMNS + "WHERE conference_id = ?1 AND key_id = ?2")
                .setParameter(1, conferenceId).setParameter(2, keyId).getResultList();
        return rows.stream().map(r -> of((Object[]) r)).findFirst();
    }

    public List<SigningKey> ofConference(long conferenceId) {
        List<?> rows = em.createNativeQuery(COLUMNS + "WHERE conference_id = ?1 ORDER BY key_id")
                .setParameter(1, conferenceId).getResultList();
        return rows.stream().map(r -> of((Object[]) r)).toList();
    }

    private static SigningKey of(Object[] row) {
        return new SigningKey(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2],
                (String) row[3], instant(row[4]), instant(row[5]), instant(row[6]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
