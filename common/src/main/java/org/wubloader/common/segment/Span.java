package org.wubloader.common.segment;

/** One element of a best-segments answer: a segment, or a hole where no usable segment exists. */
public sealed interface Span permits Segment, Hole {}
