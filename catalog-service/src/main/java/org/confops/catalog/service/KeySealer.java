package org.confops.catalog.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;

/**
 * Seals signing keys' private halves for storage (AES-256-GCM, a fresh 12-byte nonce each, stored as
 * nonce ‖ ciphertext ‖ tag), so a database dump alone does not let anyone forge badges. The AES key is the
 * SHA-256 of the configured secret ({@code catalog.badges.key-secret}, env {@code BADGE_KEY_SECRET}).
 */
@ApplicationScoped
public class KeySealer {

    static final String LOCAL_DEFAULT = "local-development-only-badge-key-secret";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @ConfigProperty(name = "catalog.badges.key-secret", defaultValue = LOCAL_DEFAULT)
    String secret;

    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;

    @PostConstruct
    void deriveKey() {
        if (LOCAL_DEFAULT.equals(secret)) {
            Log.warn("Badge signing keys are sealed with the local-development secret; set BADGE_KEY_SECRET");
        }
        try {
            key = new SecretKeySpec(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing a signing key failed", e);
        }
    }

    /** Fails (tag mismatch) when the secret is not the one the key was sealed with. */
    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A signing key cannot be opened with the configured BADGE_KEY_SECRET", e);
        }
    }
}
