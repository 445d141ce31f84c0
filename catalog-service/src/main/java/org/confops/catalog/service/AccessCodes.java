package org.confops.catalog.service;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.catalog.repository.AttendeeRepository;

/** Badge access codes: 8 characters A–Z0–9 from a cryptographic source, unique across the catalog. */
@ApplicationScoped
public class AccessCodes {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AttendeeRepository attendees;

    public String next() {
        String code;
        do {
            code = random(8);
        } while (attendees.codeTaken(code));
        return code;
    }

    /** Order references: not secret, just unambiguous. */
    public static String orderReference() {
        return "ORD-" + random(10);
    }

    static String random(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
