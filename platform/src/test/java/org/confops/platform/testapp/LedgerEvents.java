package org.confops.platform.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;

/** Publishing ledger entries and reading dead letters, as another service would. */
public final class LedgerEvents {

    private LedgerEvents() {
    }

    public static String entry(String account, String entry, int amount) {
        return PlatformEvents.publish("ledger", account, "ledger.entry",
                Map.of("account", account, "entry", entry, "amount", amount));
    }

    public static List<Received> deadLetters(String account, int wanted, Duration timeout) {
        return PlatformEvents.read("ledger.dlq", r -> account.equals(r.key()), wanted, timeout);
    }
}
