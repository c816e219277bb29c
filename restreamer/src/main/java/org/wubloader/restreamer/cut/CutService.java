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
import org.wubloader.common.metrics.Timed;
import org.wubloader.restreamer.editor.HeavyWork;
import org.wubloader.restreamer.files.ContentTypes;
import org.wubloader.restreamer.http.ClientGoneException;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;
import org.wubloader.restreamer.http.ResponseSink;

/**
 * {@code GET /cut/CHANNEL/QUALITY.ts} (docs/api.md §4.5): parameters checked on the event loop, then the
 * plan and the streaming on a cut thread. A client that leaves mid-cut cancels the job: its
 * ffmpeg is killed and nothing is left behind (cuts never write files).
 */
public final class CutService {
    /** Buffers queued between a cut and its socket. */
    private static final int IN_FLIGHT_BUFFERS = 4;

    private static final String WEBM = "video/webm";
    private static final Logger log = LoggerFactory.getLogger(CutService.class);

    private final CutPlanBuilder planner;
    private final ExecutorService executor;
    private final HeavyWork heavy;
    private final Timed timed;
    private final Set<CutJob> running = ConcurrentHashMap.newKeySet();
    /** Set by {@link #cancelAll}: cuts ending now were stopped by us, not by their clients. */
    private volatile boolean stopping;

    public CutService(CutPlanBuilder planner, ExecutorService executor, HeavyWork heavy, Timed timed) {
        this.planner = planner;
        this.executor = executor;
        this.heavy = heavy;
        this.timed = timed;
    }

    public int running() {
        return running.size();
    }

    /** Kills every cut in progress (shutdown). */
    public void cancelAll() {
        stopping = true;
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
        // Full re-encodes hold a heavy-work slot from here to their end (HEAD runs no ffmpeg).
        HeavyWork.Permit permit =
                !head && (cut.type().fullEncode() || (cut.type() != CutType.ROUGH && cut.hasTransitions()))
                        ? heavy.acquire("full cut")
                        : () -> {};
        Context context = vertx.getOrCreateContext();
        ResponseSink sink = new ResponseSink(context, request.response(), IN_FLIGHT_BUFFERS);
        try {
            executor.execute(() -> {
                try (permit) {
                    run(channel, quality, cut, head, sink);
                }
            });
        } catch (RejectedExecutionException e) {
            permit.close();
            throw new HttpError(503, "too many cuts in progress, try again later", HeavyWork.RETRY_AFTER_SECONDS);
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
        String contentType = plan.type() == CutType.WEBM ? WEBM : ContentTypes.MPEG_TS;
        sink.begin(response -> {
            response.putHeader("Content-Type", contentType);
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
        Timed.Operation cutTiming = timed.start("cut", "cut_type", plan.type().label());
        // the original's cut_range: the full re-encodes, timed on their own
        Timed.Operation rangeTiming = plan.usesGraph() || plan.type().fullEncode()
                ? timed.start("cut_range", "cut_type", plan.type().label())
                : null;
        try {
            // a filter graph's output is one continuous stream from 0 already: nothing to rewrite
            CutOutput out = plan.type() == CutType.SMART && !plan.usesGraph()
                    ? new RewritingOutput(sink)
                    : new DirectOutput(sink);
            job.run(out);
            // Timed before the response ends, not after: a client that scrapes /metrics as soon
            // as its body has ended must find this cut counted (a test did, and once in CI saw
            // cut_latency but not yet cut_range_latency).
            cutTiming.done(plan.outputSeconds());
            if (rangeTiming != null) {
                rangeTiming.done(plan.outputSeconds());
            }
            sink.end();
        } catch (Throwable t) {
            cutTiming.failed(t);
            if (rangeTiming != null) {
                rangeTiming.failed(t);
            }
            failed(channel, quality, sink, t);
        } finally {
            running.remove(job);
        }
    }

    private void failed(String channel, String quality, ResponseSink sink, Throwable t) {
        if (t instanceof NotMpegTsException) {
            // Only reaches the client as a 400 if no byte was sent yet; otherwise the reset says it.
            log.warn("smart cut of {}/{}: {}", channel, quality, t.getMessage());
            sink.fail(HttpError.badRequest(t.getMessage()));
        } else if (stopping) {
            // an expected stop (SIGTERM): one line, no stack trace
            log.info("Cut of {}/{} stopped: the restreamer is shutting down", channel, quality);
            sink.fail(new HttpError(503, "the restreamer is shutting down"));
        } else if (t instanceof ClientGoneException || sink.isClosed()) {
            log.debug("cut of {}/{} abandoned by the client: {}", channel, quality, t.toString());
            sink.fail(t);
        } else {
            log.warn("cut of {}/{} failed", channel, quality, t);
            sink.fail(t);
        }
    }
}
