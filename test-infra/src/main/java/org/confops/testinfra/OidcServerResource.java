package org.confops.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the {@link OidcTestServer} once per test JVM and points {@code quarkus-oidc} at it. */
public class OidcServerResource implements QuarkusTestResourceLifecycleManager {

    private static OidcTestServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = OidcTestServer.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Could not start the test OIDC server", e);
            }
            TestTokens.use(server.issuer(), server.keyPair());
        }
        return Map.of("quarkus.oidc.auth-server-url", server.issuer());
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: Quarkus may restart the application between test classes.
    }
}
