package org.confops.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request carries an {@code X-Request-Id} (the caller's, if it is safe to log, or a new one), answered back
 * and put in the logging context, so each log line of a request names it beside its trace id. The gateway passes
 * the id on, so one id follows a request into the service.
 */
@ApplicationScoped
public class RequestIdLogging {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        // Before every other route (authentication, REST, the gateway's proxy).
        router.route().order(Integer.MIN_VALUE).handler(this::tag);
    }

    private void tag(RoutingContext ctx) {
        String requestId = ctx.request().getHeader(HEADER);
        if (requestId == null || !SAFE.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            ctx.request().headers().set(HEADER, requestId);
        }
        String answered = requestId;
        // Set (not added) as the headers go out: a proxied answer that carries the id already keeps one copy.
        ctx.addHeadersEndHandler(end -> ctx.response().headers().set(HEADER, answered));
        MDC.put(MDC_KEY, requestId);
        Span.current().setAttribute("http.request.header.x-request-id", requestId);
        ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
        ctx.next();
    }
}
