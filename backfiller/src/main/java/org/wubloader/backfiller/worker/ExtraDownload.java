package org.wubloader.backfiller.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.http.DirectBodies;
import org.wubloader.common.storage.AtomicFiles;

/**
 * One extra file ({@code --extras}) copied from a peer: held in memory (these are small: coverage
 * maps and the like; a cap refuses anything else) and written atomically.
 */
final class ExtraDownload implements InFlight.Abortable {
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final PeerClient client;
    private final String dir;
    private final String relativePath;
    private final Path target;
    private final TransferSlot slot = new TransferSlot();

    ExtraDownload(PeerClient client, String dir, String relativePath, Path target) {
        this.client = client;
        this.dir = dir;
        this.relativePath = relativePath;
        this.target = target;
    }

    Future<DownloadResult> run() {
        List<String> parts = new ArrayList<>();
        parts.addAll(List.of(dir.split("/")));
        parts.addAll(List.of(relativePath.split("/")));
        return client.onContext(() -> {
            Transfer t = slot.attach(client.segmentTransfer("get_remote_extra", parts));
            return t.run(this::collect)
                    .compose(body -> client.context().executeBlocking(() -> {
                        AtomicFiles.write(target, body.getBytes());
                        return DownloadResult.downloaded(body.length());
                    }, false))
                    .otherwise(DownloadResult::failed);
        });
    }

    private Future<Buffer> collect(ReadStream<Buffer> body) {
        Promise<Buffer> promise = Promise.promise();
        Buffer out = Buffer.buffer();
        body.exceptionHandler(promise::tryFail);
        body.handler(chunk -> {
            if (out.length() + chunk.length() > MAX_BYTES) {
                DirectBodies.release(chunk);
                promise.tryFail(new PeerException(dir + "/" + relativePath + ": larger than " + MAX_BYTES + " bytes"));
                abort("too large");
                return;
            }
            DirectBodies.appendAndRelease(out, chunk);
        });
        body.endHandler(v -> promise.tryComplete(out));
        return promise.future();
    }

    @Override
    public void abort(String reason) {
        slot.abort(reason);
    }

    @Override
    public String describe() {
        return client.peer().name() + " extras " + dir + "/" + relativePath + " " + slot.bytes() + " bytes";
    }
}
