package org.confops.catalog.service;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.SigningKey;
import org.confops.catalog.messaging.CatalogEvents;
import org.confops.catalog.repository.SigningKeyRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A conference's badge signing keys (Ed25519, the JDK's own provider). One key signs at a time; rotating retires
 * it, and a retired key keeps verifying the badges it signed (printed badges keep working) until it expires.
 * Every change of the key set bumps the conference's version and republishes {@code conference.changed}, whose
 * {@code signing_keys} is how check-in learns the public keys.
 */
@ApplicationScoped
public class SigningKeyService {

    @Inject
    SigningKeyRepository keys;

    @Inject
    KeySealer sealer;

    @Inject
    CatalogEvents events;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "catalog.badges.key-lifetime", defaultValue = "P730D")
    Duration lifetime;

    @Transactional
    public List<SigningKey> list(Conference conference) {
        return keys.ofConference(conference.id);
    }

    /** The key that signs now, created on first use for conferences older than badges. */
    @Transactional
    public SigningKey activeKey(Conference conference) {
        return keys.active(conference.id).orElseGet(() -> {
            // the conference row is the lock: two first badges at once make one key, not two
            Conference locked = em.find(Conference.class, conference.id, LockModeType.PESSIMISTIC_WRITE);
            return keys.active(locked.id).orElseGet(() -> addKey(locked));
        });
    }

    /** Retires the signing key (it still verifies) and makes a new one that signs from now on. */
    @Transactional
    public SigningKey rotate(Conference conference) {
        Conference locked = em.find(Conference.class, conference.id, LockModeType.PESSIMISTIC_WRITE);
        keys.active(locked.id).ifPresent(key -> {
            key.retiredAt = Timestamps.now();
            keys.flush();
        });
        return addKey(locked);
    }

    /** For a conference being created, in its transaction: its first key travels in its first snapshot. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createFirstKey(Conference conference) {
        keys.persist(newKey(conference));
    }

    public byte[] sign(SigningKey key, byte[] payload) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance(SigningKey.ED25519)
                    .generatePrivate(new PKCS8EncodedKeySpec(sealer.open(key.privateKey)));
            Signature signature = Signature.getInstance(SigningKey.ED25519);
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing a badge failed", e);
        }
    }

    private SigningKey addKey(Conference locked) {
        SigningKey key = newKey(locked);
        keys.persist(key);
        keys.flush();
        locked.version++;
        events.conferenceChanged(locked);
        return key;
    }

    private SigningKey newKey(Conference conference) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(SigningKey.ED25519).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make Ed25519 keys", e);
        }
        SigningKey key = new SigningKey();
        key.conferenceId = conference.id;
        key.publicKey = pair.getPublic().getEncoded();
        key.privateKey = sealer.seal(pair.getPrivate().getEncoded());
        // whole seconds: badges carry times as seconds, and valid_from is the key's creation
        key.createdAt = Timestamps.now().truncatedTo(ChronoUnit.SECONDS);
        key.expiresAt = key.createdAt.plus(lifetime);
        return key;
    }
}
