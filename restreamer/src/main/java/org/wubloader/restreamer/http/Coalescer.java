package org.wubloader.restreamer.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Identical requests in flight share one computation: the first request for a key starts it,
 * later ones subscribe to its {@link SharedBody} while they can still get all of it (until its
 * first chunk has been sent to every subscriber). Keys are normalized requests
 * (parsed parameters, not raw query strings), so spelling a timestamp differently still shares.
 */
public final class Coalescer<K> {
    private final ConcurrentHashMap<K, SharedBody> inFlight = new ConcurrentHashMap<>();
    private final SharedBody.Retention retention;

    /** @param maxRetainedBytes what all bodies may keep so that later identical requests can join */
    public Coalescer(long maxRetainedBytes) {
        this.retention = new SharedBody.Retention(maxRetainedBytes);
    }

    /**
     * Subscribes {@code response} to the body for {@code key}, starting {@code compute} (which
     * must hand the work to another thread and return at once) if none is in flight.
     */
    public void respond(K key, Context context, HttpServerResponse response, Consumer<SharedBody> compute) {
        for (int attempt = 0; attempt < 3; attempt++) {
            SharedBody[] started = new SharedBody[1];
            SharedBody body = inFlight.computeIfAbsent(key, k -> {
                SharedBody fresh = new SharedBody(retention);
                fresh.onClosed(() -> inFlight.remove(k, fresh));
                started[0] = fresh;
                return fresh;
            });
            if (body.subscribe(context, response)) {
                if (started[0] != null) {
                    compute.accept(started[0]);
                }
                return;
            }
            inFlight.remove(key, body); // cancelled just now: start afresh
        }
        Replies.text(response, 503, "busy, try again");
    }

    /** Bytes held by every body: chunks not yet sent, and sent ones not yet in a socket. */
    public long bufferedBytes() {
        return retention.buffered().get();
    }

    /** Computations that a request may still join (state dumps, tests). */
    public int inFlight() {
        return inFlight.size();
    }
}
