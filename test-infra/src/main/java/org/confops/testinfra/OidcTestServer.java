package org.confops.testinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenID Connect provider for tests: it serves discovery and a JWKS over real HTTP, and its key
 * signs the tokens that {@link TestTokens} mints. Services validate those tokens exactly as they validate
 * Keycloak's (discovery, key fetch, signature, issuer, expiry); only the login itself is left out.
 */
final class OidcTestServer {

    static final String KEY_ID = "test-key";

    private final HttpServer server;
    private final KeyPair keyPair;
    private final String issuer;

    private OidcTestServer(HttpServer server, KeyPair keyPair) {
        this.server = server;
        this.keyPair = keyPair;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/confops";
    }

    static OidcTestServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OidcTestServer oidc = new OidcTestServer(http, newRsaKeyPair());
        http.createContext("/realms/confops/.well-known/openid-configuration", oidc::discovery);
        http.createContext("/realms/confops/protocol/openid-connect/certs", oidc::jwks);
        http.start();
        return oidc;
    }

    String issuer() {
        return issuer;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    void stop() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String body = """
                {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                 "token_endpoint":"%1$s/protocol/openid-connect/token",
                 "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
        respond(exchange, body);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keyPair.getPublic());
            jwk.setKeyId(KEY_ID);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            respond(exchange, new JsonWebKeySet(jwk).toJson());
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
