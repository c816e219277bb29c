package org.wubloader.restreamer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How responses are started and finished: CORS headers, text errors, JSON bodies. */
public final class Replies {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private Replies() {}

    /** docs/api.md §4.1: every response carries these exact values. */
    public static void cors(HttpServerResponse response) {
        response.putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "GET,POST,HEAD")
                .putHeader("Access-Control-Allow-Headers", "*")
                .putHeader("Access-Control-Allow-Credentials", "false")
                .putHeader("Access-Control-Max-Age", "86400");
    }

    public static void text(HttpServerResponse response, int status, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", TEXT).end(body.endsWith("\n") ? body : body + "\n");
    }

    public static void json(HttpServerResponse response, List<String> names) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always serialises
        }
        response.putHeader("Content-Type", JSON).end(Buffer.buffer(body));
    }

    public static void jsonBytes(HttpServerResponse response, byte[] body) {
        if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", JSON).end(Buffer.buffer(body));
        }
    }

    /**
     * Answers with the failure: an {@link HttpError} as its status and reason; anything else is a
     * bug or an I/O failure on our side, logged, and answered 500 (or the connection reset if the
     * response was already under way).
     */
    public static void error(HttpServerResponse response, Throwable failure) {
        if (failure instanceof HttpError e) {
            if (!response.headWritten()) {
                if (e.retryAfterSeconds() >= 0) {
                    response.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
                }
                text(response, e.status(), e.reason());
            } else {
                response.reset();
            }
            return;
        }
        if (failure instanceof ClientGoneException) {
            // nobody to answer: not a failure of ours
            log.debug("client gone before the response ended");
            response.reset();
            return;
        }
        log.warn("Request failed", failure);
        if (!response.headWritten()) {
            text(response, 500, "internal error: " + failure);
        } else {
            response.reset();
        }
    }
}
