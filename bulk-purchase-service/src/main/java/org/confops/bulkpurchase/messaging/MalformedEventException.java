package org.confops.bulkpurchase.messaging;

/** An event whose data cannot be read: redelivery would not help, so it is logged and skipped. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
