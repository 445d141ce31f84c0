package org.confops.platform.errors;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells faults that go away by themselves (the database restarting or unreachable, a lock or serialization
 * conflict, the broker unavailable) from faults in the data, which no retry can fix.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03",
            "57014");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("LockAcquisitionException")
                    || name.endsWith("PessimisticLockException") || name.endsWith("LockTimeoutException")
                    || name.endsWith("io.smallrye.mutiny.TimeoutException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal's pool says this when no connection could be had in time (the database is unreachable).
            String message = sql.getMessage();
            return message != null && message.contains("Acquisition timeout");
        }
        return state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state);
    }
}
