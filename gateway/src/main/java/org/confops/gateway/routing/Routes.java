package org.confops.gateway.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which service answers a path, and under which URI. The platform's own API passes through unchanged;
 * django-program scanner clients' paths ({@code /{slug}/register/checkin/scan/} …) map onto the check-in API.
 */
public final class Routes {

    /** Where a request goes: the service, and the URI (path and query) to ask it for. */
    public record Target(Downstream downstream, String uri) {
    }

    private static final Pattern CHECKIN = Pattern.compile("^/api/conferences/[^/]+/checkin(/.*)?$");
    private static final Pattern BULK_PURCHASES = Pattern.compile("^/api/conferences/[^/]+/bulk-purchases(/.*)?$");
    private static final Pattern API = Pattern.compile("^/api(/.*)?$");
    private static final Pattern COMPATIBLE_CHECKIN =
            Pattern.compile("^/([^/]+)/register/checkin/(scan|redeem|preload|lookup/[^/]+)/?$");

    private Routes() {
    }

    public static Optional<Target> resolve(String path, String query) {
        String suffix = query == null || query.isEmpty() ? "" : "?" + query;
        if (path.contains("/../") || path.endsWith("/..")) {
            return Optional.empty();
        }
        Matcher compatible = COMPATIBLE_CHECKIN.matcher(path);
        if (compatible.matches()) {
            return Optional.of(new Target(Downstream.CHECKIN,
                    "/api/conferences/" + compatible.group(1) + "/checkin/" + compatible.group(2) + suffix));
        }
        if (CHECKIN.matcher(path).matches()) {
            return Optional.of(new Target(Downstream.CHECKIN, path + suffix));
        }
        if (BULK_PURCHASES.matcher(path).matches()) {
            return Optional.of(new Target(Downstream.BULK_PURCHASE, path + suffix));
        }
        if (API.matcher(path).matches()) {
            return Optional.of(new Target(Downstream.CATALOG, path + suffix));
        }
        return Optional.empty();
    }
}
