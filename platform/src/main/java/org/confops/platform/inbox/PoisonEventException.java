package org.confops.platform.inbox;

/** An event that can never be applied (not a CloudEvent, unreadable or invalid data): redelivery cannot help. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
