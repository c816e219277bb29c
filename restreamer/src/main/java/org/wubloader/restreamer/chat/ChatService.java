package org.wubloader.restreamer.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.time.HourNames;
import org.wubloader.restreamer.files.SafeResolver;
import org.wubloader.restreamer.http.HttpError;

/**
 * {@code GET /CHANNEL/chat.json?start=&end=}: the chat archived beside the video, from batch
 * files {@code CHANNEL/chat/HOUR/MM:SS-HASH.json} (newline-separated JSON messages), merged across
 * nodes ({@link ChatMerge}). Blocking; runs on an I/O worker.
 */
public final class ChatService {
    static final long MAX_RANGE_MICROS = 2L * 3600 * 1_000_000;
    /** A message's time range can reach back into an earlier batch: read batches from this far before. */
    static final long BEFORE_MICROS = 120_000_000;

    static final long AFTER_MICROS = 60_000_000;
    /** A batch replaced while being read (a merged one took its place) restarts the read, at most this often. */
    static final int MAX_TRIES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SafeResolver resolver;
    private final Timed timed;

    public ChatService(SafeResolver resolver, Timed timed) {
        this.resolver = resolver;
        this.timed = timed;
    }

    /** The answer: a JSON array of the messages, in order. */
    public static byte[] json(List<ObjectNode> messages) {
        try {
            return JSON.writeValueAsBytes(messages);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a tree always serialises
        }
    }

    /** Checks the range (400s) before any work. */
    public static void checkRange(Long start, Long end) {
        if (start == null || end == null) {
            throw HttpError.badRequest("start and end are required");
        }
        if (end <= start) {
            throw HttpError.badRequest("end must be after start");
        }
        if (end - start > MAX_RANGE_MICROS) {
            throw HttpError.badRequest("Cannot request more than 2h of chat");
        }
    }

    /** The messages whose time range meets {@code [start, end)}, merged and sorted. */
    public List<ObjectNode> messages(String channel, long start, long end) throws IOException {
        checkRange(start, end);
        Path chatDir = resolver.resolveExisting(List.of(channel, "chat"));
        if (chatDir == null || !Files.isDirectory(chatDir)) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                List<ObjectNode> all = read(chatDir, start, end);
                Timed.Operation op = timed.start("merge_messages");
                List<ObjectNode> merged = ChatMerge.merge(all);
                op.done(all.size());
                double from = start / 1e6;
                double to = end / 1e6;
                List<ObjectNode> out = new ArrayList<>();
                for (ObjectNode m : merged) {
                    double time = m.path("time").asDouble();
                    if (from <= time + m.path("time_range").asDouble() && time < to) {
                        out.add(m);
                    }
                }
                return out;
            } catch (NoSuchFileException e) {
                if (attempt >= MAX_TRIES) {
                    throw new HttpError(503, "chat batches kept changing while being read; try again", 1);
                }
            }
        }
    }

    private List<ObjectNode> read(Path chatDir, long start, long end) throws IOException {
        long lo = start - BEFORE_MICROS;
        long hi = end + AFTER_MICROS;
        List<ObjectNode> out = new ArrayList<>();
        for (long hour = HourNames.floorHour(lo); hour < hi; hour += HourNames.MICROS_PER_HOUR) {
            Path hourDir = chatDir.resolve(HourNames.format(hour));
            if (!Files.isDirectory(hourDir) || !resolver.inside(hourDir.toRealPath())) {
                continue;
            }
            for (String name : SegmentListing.names(hourDir)) {
                long time = batchTime(hour, name);
                if (time > lo && time < hi) {
                    readBatch(hourDir.resolve(name), out);
                }
            }
        }
        return out;
    }

    /** {@code MM:SS-HASH.json} → its start time in epoch µs, or MIN_VALUE for any other name. */
    static long batchTime(long hour, String name) {
        if (name.length() < 10 || !name.endsWith(".json") || name.charAt(2) != ':' || name.charAt(5) != '-') {
            return Long.MIN_VALUE;
        }
        try {
            int minutes = Integer.parseInt(name.substring(0, 2));
            int seconds = Integer.parseInt(name.substring(3, 5));
            if (minutes > 59 || seconds > 59) {
                return Long.MIN_VALUE;
            }
            return hour + (minutes * 60L + seconds) * 1_000_000L;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private void readBatch(Path file, List<ObjectNode> out) throws IOException {
        if (!resolver.inside(file.toRealPath())) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    // a data error in one batch must not fail the editor's chat view
                    org.slf4j.LoggerFactory.getLogger(ChatService.class)
                            .warn("Skipping a malformed chat line in {}: {}", file, e.getOriginalMessage());
                    continue;
                }
                if (node instanceof ObjectNode m) {
                    out.add(m);
                }
            }
        }
    }
}
