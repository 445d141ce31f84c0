package org.confops.gateway.routing;

/** The services behind the gateway. */
public enum Downstream {
    CATALOG("catalog-service"),
    CHECKIN("checkin-service"),
    BULK_PURCHASE("bulk-purchase-service");

    private final String serviceName;

    Downstream(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
