package org.wubloader.restreamer.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/** Query parameter parsing with the 400 replies of docs/api.md §4.1. Every method is pure but {@link #of}. */
public final class QueryParams {
    private final MultiMap params;

    private QueryParams(MultiMap params) {
        this.params = params;
    }

    public static QueryParams of(HttpServerRequest request) {
        try {
            return new QueryParams(request.params());
        } catch (RuntimeException e) {
            throw HttpError.badRequest("malformed query string");
        }
    }

    public static QueryParams of(MultiMap params) {
        return new QueryParams(params);
    }

    public String get(String name) {
        return params.get(name);
    }

    public List<String> all(String name) {
        return params.getAll(name);
    }

    public boolean has(String name) {
        return params.contains(name);
    }

    /** A UTC timestamp ({@link Timestamps#parseUtcOnly}) in epoch microseconds, or null if absent. */
    public Long timestamp(String name) {
        String value = params.get(name);
        return value == null ? null : timestampMicros(name, value);
    }

    public static long timestampMicros(String name, String value) {
        Instant instant;
        try {
            instant = Timestamps.parseUtcOnly(value);
        } catch (RuntimeException e) {
            throw HttpError.badRequest("bad " + name + " '" + value + "': " + e.getMessage());
        }
        try {
            return Micros.of(instant);
        } catch (ArithmeticException e) {
            throw HttpError.badRequest("bad " + name + " '" + value + "': out of range");
        }
    }

    /** {@code true}/{@code false} in any case; absent → {@code otherwise}. */
    public boolean bool(String name, boolean otherwise) {
        String value = params.get(name);
        if (value == null) {
            return otherwise;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw HttpError.badRequest(name + " must be one of: true, false (got '" + value + "')");
        }
    }
}
