package org.wubloader.coverage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.storage.AtomicFiles;
import org.wubloader.common.time.Micros;

/**
 * One channel's checker: per quality, a pass ({@link QualityScan}), then gauges, JSON, map and,
 * with {@code --make-page}, the page. Everything is published only after a whole pass: a stop
 * mid-pass writes nothing (the original wrote a truncated map and page: weakness 18).
 */
final class ChannelChecker {
    private static final Logger log = LoggerFactory.getLogger(ChannelChecker.class);

    private final CoverageConfig config;
    private final String channel;
    private final NodeList nodes;
    private final Map<String, QualityScan> scans = new LinkedHashMap<>();
    private final Map<String, CoverageGauges> gauges = new LinkedHashMap<>();
    /** What each quality's gauges and files hold now: an unchanged pass rewrites nothing. */
    private final Map<String, List<HourReport>> published = new LinkedHashMap<>();

    private final MultiGauge strays;
    private final Counter analysedCounter;
    private final MeterRegistry registry;

    ChannelChecker(CoverageConfig config, String channel, MeterRegistry registry, NodeList nodes) {
        this.config = config;
        this.channel = channel;
        this.nodes = nodes;
        this.registry = registry;
        for (String quality : config.qualities()) {
            scans.put(quality, new QualityScan(config.baseDir(), channel, quality));
        }
        this.strays = MultiGauge.builder("segment_coverage_skipped_entries")
                .description(
                        "Entries of a quality directory skipped in the last pass: not hour directories, or unlistable")
                .tag("channel", channel)
                .register(registry);
        this.analysedCounter = Counter.builder("segment_coverage_analysed_directories")
                .description("Hour directories analysed because their listing changed (unchanged hours are not)")
                .tag("channel", channel)
                .register(registry);
    }

    /** Hours analysed so far, over all qualities. */
    long analysed() {
        return scans.values().stream().mapToLong(QualityScan::analysed).sum();
    }

    /** One pass over every quality; returns false if stopped before the end. */
    boolean pass(BooleanSupplier stopRequested) {
        List<MultiGauge.Row<?>> strayRows = new java.util.ArrayList<>();
        for (Map.Entry<String, QualityScan> e : scans.entrySet()) {
            String quality = e.getKey();
            long before = e.getValue().analysed();
            QualityScan.Pass pass;
            try {
                pass = e.getValue().run(stopRequested);
            } catch (IOException ioe) {
                log.warn("{}/{}: pass failed: {}", channel, quality, ioe.toString());
                continue;
            } finally {
                analysedCounter.increment(e.getValue().analysed() - before);
            }
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            if (pass == null) {
                continue;
            }
            strayRows.add(MultiGauge.Row.of(Tags.of("quality", quality), pass.strayEntries()));
            if (pass.reports().equals(published.get(quality))) {
                // The gauges, JSON and map already hold exactly these figures: an unchanged
                // re-pass costs the directory stats only. The page still follows the node list.
                publishPage(quality);
                continue;
            }
            published.remove(quality);
            gauges.computeIfAbsent(quality, q -> new CoverageGauges(registry, channel, q))
                    .publish(pass.reports());
            if (publish(quality, pass.reports())) {
                published.put(quality, pass.reports());
            }
            publishPage(quality);
        }
        strays.register(strayRows, true);
        return true;
    }

    /** Writes JSON and map; true if both were written (or there was no map to draw). */
    private boolean publish(String quality, List<HourReport> reports) {
        boolean ok = true;
        try {
            AtomicFiles.replace(
                    config.output(channel, quality, "json"),
                    CoverageJson.render(channel, quality, Micros.now(), reports));
        } catch (IOException e) {
            ok = false;
            log.warn("{}/{}: could not write JSON: {}", channel, quality, e.toString());
        }
        Optional<CoverageMap.Range> range = CoverageMap.range(reports, config.firstHour(), config.lastHour());
        if (range.isEmpty()) {
            log.info("{}/{}: no hours to draw, no map written", channel, quality);
        } else {
            try {
                BufferedImage image = CoverageMap.render(reports, range.get());
                AtomicFiles.replace(config.output(channel, quality, "png"), CoverageMap.png(image));
            } catch (IOException e) {
                ok = false;
                log.warn("{}/{}: could not write the map: {}", channel, quality, e.toString());
            }
        }
        return ok;
    }

    private void publishPage(String quality) {
        if (!config.makePage()) {
            return;
        }
        nodes.current().ifPresent(list -> {
            try {
                String html = CoveragePage.render(channel, quality, config.outputDir(), list);
                AtomicFiles.replace(config.output(channel, quality, "html"), CoveragePage.bytes(html));
            } catch (IOException e) {
                log.warn("{}/{}: could not write the page: {}", channel, quality, e.toString());
            }
        });
    }
}
