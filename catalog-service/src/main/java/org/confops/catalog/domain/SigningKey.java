package org.confops.catalog.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * An Ed25519 key pair that signs a conference's badges. {@code privateKey} is sealed (see KeySealer) and is
 * never serialised by any view; a retired key signs nothing new but its badges keep verifying until it expires.
 */
@Entity
public class SigningKey {
    public static final String ED25519 = "Ed25519";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long conferenceId;
    public String algorithm = ED25519;
    /** X.509 SubjectPublicKeyInfo (DER), what both the JDK and WebCrypto import as "spki". */
    public byte[] publicKey;
    public byte[] privateKey;
    public Instant createdAt;
    public Instant retiredAt;
    public Instant expiresAt;

    public boolean active() {
        return retiredAt == null;
    }
}
