package org.wubloader.common.testing;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way tests read metrics: a Prometheus text scrape (a registry's, or a {@code /metrics}
 * body) parsed into samples, then looked up by name and exact label values. Reading what an
 * operator's Prometheus reads keeps the tests on the public names and labels, not on internals.
 */
public final class Scrape {
    /** One line of the exposition: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static Scrape of(PrometheusMeterRegistry registry) {
        return parse(registry.scrape());
    }

    /** Parses the text format; comment lines are skipped. */
    public static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.add(sample(line));
        }
        return new Scrape(out);
    }

    public List<Sample> samples() {
        return samples;
    }

    /**
     * The sum over the samples named {@code name} whose labels include every
     * {@code key, value} pair given (0 when none match, as Prometheus's {@code sum} of nothing).
     */
    public double sum(String name, String... labelPairs) {
        double sum = 0;
        for (Sample s : matching(name, labelPairs)) {
            sum += s.value();
        }
        return sum;
    }

    /** True if some sample named {@code name} has every {@code key, value} pair given. */
    public boolean has(String name, String... labelPairs) {
        return !matching(name, labelPairs).isEmpty();
    }

    public List<Sample> matching(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come as key, value pairs");
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labelPairs.length && all; i += 2) {
                all = labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
            }
            if (all) {
                out.add(s);
            }
        }
        return out;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] tail = line.substring(rest).trim().split(" ");
        return new Sample(name, labels, Double.parseDouble(tail[0]));
    }

    /** Reads {@code k="v",…}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> out) {
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j++);
                if (c == '\\') {
                    char e = line.charAt(j++);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            out.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
