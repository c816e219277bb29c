package org.wubloader.backfiller.worker;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.http.HttpGet;
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
            HttpGet t = slot.attach(client.segmentGet(
                    "get_remote_extra", parts, client.segmentLimits().withMaxBodyBytes(MAX_BYTES)));
            return t.collect()
                    .compose(body -> client.context()
                            .executeBlocking(
                                    () -> {
                                        AtomicFiles.write(target, body.getBytes());
                                        return DownloadResult.downloaded(body.length());
                                    },
                                    false))
                    .otherwise(DownloadResult::failed);
        });
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
