package org.wubloader.common.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body stream that tells its {@link HttpGet} when bytes arrive and whether the consumer has
 * paused it: a body paused by our own back-pressure (a slow disk) is not a stalled peer.
 */
public final class ProgressStream implements ReadStream<Buffer> {
    /** Told about progress and pauses; called on the body's context. */
    public interface Listener {
        void progress(int bytes);

        void paused(boolean paused);

        /** The body ended normally (its connection may go back to the pool). */
        default void ended() {}
    }

    private final ReadStream<Buffer> in;
    private final Listener listener;

    public ProgressStream(ReadStream<Buffer> in, Listener listener) {
        this.in = in;
        this.listener = listener;
    }

    @Override
    public ProgressStream exceptionHandler(Handler<Throwable> handler) {
        in.exceptionHandler(handler);
        return this;
    }

    @Override
    public ProgressStream handler(Handler<Buffer> handler) {
        in.handler(
                handler == null
                        ? null
                        : chunk -> {
                            listener.progress(chunk.length());
                            handler.handle(chunk);
                        });
        return this;
    }

    @Override
    public ProgressStream pause() {
        listener.paused(true);
        in.pause();
        return this;
    }

    @Override
    public ProgressStream resume() {
        listener.paused(false);
        in.resume();
        return this;
    }

    @Override
    public ProgressStream fetch(long amount) {
        listener.paused(false);
        in.fetch(amount);
        return this;
    }

    @Override
    public ProgressStream endHandler(Handler<Void> handler) {
        in.endHandler(
                handler == null
                        ? null
                        : v -> {
                            listener.ended();
                            handler.handle(v);
                        });
        return this;
    }
}
