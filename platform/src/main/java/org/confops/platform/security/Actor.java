package org.confops.platform.security;

/** Who did something: the token's subject and a display name for people reading the record. */
public record Actor(String subject, String name) {
}
