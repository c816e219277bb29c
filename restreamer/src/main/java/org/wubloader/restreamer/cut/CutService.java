package org.wubloader.restreamer.cut;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.restreamer.files.ContentTypes;
import org.wubloader.restreamer.http.ClientGoneException;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.ResponseSink;

/**
 * {@code GET /cut/CHANNEL/QUALITY.ts} (SPEC §4.5): parameters checked on the event loop, then the
 * plan and the streaming on a cut thread. A client that leaves mid-cut cancels the job: its
 * ffmpeg is killed and nothing is left behind (cuts never write files).
 */
public final class CutService {
    /** Buffers queued between a cut and its socket. */
    private static final int IN_FLIGHT_BUFFERS = 4;
    private static final Logger log = LoggerFactory.getLogger(CutService.class);

    private final CutPlanBuilder planner;
    private final ExecutorService executor;
    private final Set<CutJob> running = ConcurrentHashMap.newKeySet();

    public CutService(CutPlanBuilder planner, ExecutorService executor) {
        this.planner = planner;
        this.executor = executor;
    }

    public int running() {
        return running.size();
    }

    /** Kills every cut in progress (shutdown). */
    public void cancelAll() {
        for (CutJob job : List.copyOf(running)) {
            job.cancel();
        }
    }

    public void cut(Vertx vertx, HttpServerRequest request, String channel, String qualityFile) {
        if (!qualityFile.endsWith(".ts") || qualityFile.length() == 3) {
            throw HttpError.notFound("cut names end in .ts");
        }
        String quality = qualityFile.substring(0, qualityFile.length() - 3);
        CutRequest cut = CutRequest.parse(QueryParams.of(request));
        boolean head = request.method() == HttpMethod.HEAD;
        Context context = vertx.getOrCreateContext();
        ResponseSink sink = new ResponseSink(context, request.response(), IN_FLIGHT_BUFFERS);
        try {
            executor.execute(() -> run(channel, quality, cut, head, sink));
        } catch (RejectedExecutionException e) {
            throw new HttpError(503, "too many cuts in progress, try again later");
        }
    }

    private void run(String channel, String quality, CutRequest request, boolean head, ResponseSink sink) {
        CutPlan plan;
        try {
            plan = planner.build(channel, quality, request);
        } catch (Throwable t) {
            sink.fail(t);
            return;
        }
        long length = plan.contentLength();
        sink.begin(response -> {
            response.putHeader("Content-Type", ContentTypes.MPEG_TS);
            if (length >= 0) {
                response.putHeader("Content-Length", Long.toString(length));
            } else {
                response.setChunked(true);
            }
        });
        if (head) {
            sink.end();
            return;
        }
        CutJob job = new CutJob(plan);
        running.add(job);
        sink.onClose(job::cancel);
        try {
            CutOutput out = plan.type() == CutType.SMART ? new RewritingOutput(sink) : new DirectOutput(sink);
            job.run(out);
            sink.end();
        } catch (NotMpegTsException e) {
            // Only reaches the client as a 400 if no byte was sent yet; otherwise the reset says it.
            log.warn("smart cut of {}/{}: {}", channel, quality, e.getMessage());
            sink.fail(HttpError.badRequest(e.getMessage()));
        } catch (ClientGoneException e) {
            log.debug("cut of {}/{} abandoned by the client", channel, quality);
            sink.fail(e);
        } catch (Throwable t) {
            if (sink.isClosed()) {
                log.debug("cut of {}/{} abandoned by the client: {}", channel, quality, t.toString());
            } else {
                log.warn("cut of {}/{} failed", channel, quality, t);
            }
            sink.fail(t);
        } finally {
            running.remove(job);
        }
    }
}
