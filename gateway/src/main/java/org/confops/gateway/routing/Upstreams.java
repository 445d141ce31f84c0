package org.confops.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * A service's instances as the gateway reaches them: each request goes to the next instance in turn, and to the
 * one after it when that one cannot be connected to (an instance that died or is restarting), so one instance
 * down costs no request. On Kubernetes the list is one Service address that balances by itself.
 */
final class Upstreams implements OriginRequestProvider {

    private final List<SocketAddress> instances;
    private final AtomicInteger next = new AtomicInteger();

    Upstreams(List<URI> origins) {
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one upstream");
        }
        this.instances = origins.stream().map(Upstreams::address).toList();
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext proxy) {
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        return connect(proxy, first, 0);
    }

    /** Only a failure to connect moves on: nothing has been sent yet, so trying another instance is safe. */
    private Future<HttpClientRequest> connect(ProxyContext proxy, int first, int attempt) {
        SocketAddress instance = instances.get((first + attempt) % instances.size());
        return proxy.client().request(new RequestOptions().setServer(instance))
                // a failure reaches the proxy through the response (answered 503 or 413 there); unhandled, Vert.x
                // would also log each reset request (a body cut off at the size limit) as an error
                .onSuccess(request -> request.exceptionHandler(failure -> { }))
                .recover(failure -> attempt + 1 < instances.size() ? connect(proxy, first, attempt + 1)
                        : Future.failedFuture(failure));
    }

    private static SocketAddress address(URI origin) {
        int port = origin.getPort() > 0 ? origin.getPort() : ("https".equals(origin.getScheme()) ? 443 : 80);
        return SocketAddress.inetSocketAddress(port, origin.getHost());
    }
}
