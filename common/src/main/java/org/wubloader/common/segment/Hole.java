package org.wubloader.common.segment;

/** A gap in coverage within a best-segments answer (the original yields None there). */
public record Hole() implements Span {
    public static final Hole INSTANCE = new Hole();

    @Override
    public String toString() {
        return "<hole>";
    }
}
