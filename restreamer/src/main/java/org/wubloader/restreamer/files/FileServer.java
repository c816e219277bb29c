package org.wubloader.restreamer.files;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.Replies;

/**
 * {@code GET/HEAD /segments/PATH} (docs/api.md §4.3): any file under the base directory, sent with
 * {@code sendfile} (zero-copy) from a channel opened on a worker thread, with validators, cache
 * headers and single byte ranges. A tombstoned segment is gone as far as clients are concerned.
 */
public final class FileServer {
    private static final Logger log = LoggerFactory.getLogger(FileServer.class);

    private final SafeResolver resolver;
    private final WorkerExecutor io;

    public FileServer(SafeResolver resolver, WorkerExecutor io) {
        this.resolver = resolver;
        this.io = io;
    }

    private record OpenFile(FileChannel channel, String name, long size, long lastModifiedMillis) {}

    public void serve(HttpServerRequest request, List<String> parts) {
        HttpServerResponse response = request.response();
        io.executeBlocking(() -> open(parts), false).onComplete(ar -> {
            if (ar.failed()) {
                Replies.error(response, ar.cause());
                return;
            }
            OpenFile file = ar.result();
            try {
                send(request, file);
            } catch (RuntimeException e) {
                closeQuietly(file.channel);
                Replies.error(response, e);
            }
        });
    }

    private OpenFile open(List<String> parts) throws IOException {
        Path real = resolver.resolveExisting(parts);
        if (real == null) {
            throw HttpError.notFound("no such file");
        }
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw HttpError.notFound("not a file");
        }
        String requested = parts.get(parts.size() - 1);
        if (tombstoned(real.getParent(), requested)
                || tombstoned(real.getParent(), real.getFileName().toString())) {
            throw HttpError.notFound("segment is tombstoned");
        }
        FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
        try {
            return new OpenFile(
                    channel, requested, channel.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static boolean tombstoned(Path dir, String name) {
        return name.endsWith(SegmentPath.EXTENSION) && Files.exists(dir.resolve(SegmentPath.tombstoneName(name)));
    }

    private void send(HttpServerRequest request, OpenFile file) {
        HttpServerResponse response = request.response();
        Validators validators = Validators.of(file.name, file.size, file.lastModifiedMillis);
        response.putHeader("Content-Type", ContentTypes.of(file.name))
                .putHeader("ETag", validators.etag())
                .putHeader("Last-Modified", validators.lastModified())
                .putHeader("Cache-Control", validators.cacheControl())
                .putHeader("Accept-Ranges", "bytes");
        if (validators.notModified(request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"))) {
            closeQuietly(file.channel);
            response.setStatusCode(304).end();
            return;
        }
        long offset = 0;
        long length = file.size;
        ByteRanges.Result range = validators.rangeAllowed(request.getHeader("If-Range"))
                ? ByteRanges.parse(request.getHeader("Range"), file.size)
                : new ByteRanges.Whole();
        if (range instanceof ByteRanges.Unsatisfiable) {
            closeQuietly(file.channel);
            response.putHeader("Content-Range", "bytes */" + file.size);
            Replies.text(response, 416, "range not satisfiable");
            return;
        }
        if (range instanceof ByteRanges.Partial p) {
            offset = p.first();
            length = p.length();
            response.setStatusCode(206)
                    .putHeader("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + file.size);
        }
        response.putHeader("Content-Length", Long.toString(length));
        if (request.method() == HttpMethod.HEAD || length == 0) {
            closeQuietly(file.channel);
            response.end();
            return;
        }
        response.sendFile(file.channel, offset, length).onComplete(ar -> {
            closeQuietly(file.channel);
            if (ar.failed()) {
                log.debug("sending {} failed: {}", file.name, ar.cause().toString());
            }
        });
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a served file", e);
        }
    }
}
