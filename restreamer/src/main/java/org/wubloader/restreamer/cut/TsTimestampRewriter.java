package org.wubloader.restreamer.cut;

import static org.wubloader.restreamer.cut.TsPacket.SIZE;
import static org.wubloader.restreamer.cut.TsPacket.SYNC_BYTE;
import static org.wubloader.restreamer.cut.TsPacket.add;
import static org.wubloader.restreamer.cut.TsPacket.diff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Joins MPEG-TS "pieces" (files cut from different points of a stream, or from different
 * streams) into one transport stream whose timestamps start near 0 and run on without jumps.
 * This is the last pass of the {@code smart} cut.
 *
 * <p>Usage: for every piece, {@link #beginPiece()}, any number of {@code write} calls with chunks
 * of any size, {@link #endPiece()}; then {@link #finish()}. Output reaches the {@link Sink}
 * synchronously, at the latest before each {@code write}/{@code endPiece} returns, so the caller's
 * back-pressure applies directly. Memory is fixed, about 200 KiB (64 KiB of output staging, the
 * {@value #MAX_HELD_PACKETS}-packet look-ahead window, tables indexed by PID), whatever the input
 * size. Not thread-safe. After any exception the instance is unusable.
 *
 * <h2>What is rewritten</h2>
 * PTS, DTS and ESCR of every PES that has the optional PES header, and PCR/OPCR in adaptation
 * fields, all shifted by one per-piece offset modulo 2^33 (the PCR extension is kept). PSI tables
 * are untouched. Continuity counters are renumbered per PID so each PID's counter runs on across
 * piece boundaries (ffmpeg otherwise flags the first packets of every piece as corrupt); inside a
 * piece the original steps, including any duplicate packets, are preserved.
 *
 * <h2>Offset rule</h2>
 * Timing is tracked per audio/video PID (stream_id 0xC0-0xEF): its last output DTS (PTS when it
 * has no DTS) and when its next access unit is due: for AAC (ADTS) audio, the end of the last PES,
 * counted from its frames; otherwise the last DTS plus the last positive DTS step seen (≤ 1 s,
 * default {@value #DEFAULT_FRAME_TICKS} ticks).
 *
 * <p>From the first packet of a piece that carries a timestamp, packets are held back until every
 * audio/video PID of the previous piece has shown its first DTS (else PTS) in this piece, or the
 * window of {@value #MAX_HELD_PACKETS} packets is full, or the piece ends. Then:
 * <ul>
 *   <li>First piece: the lowest PES timestamp seen becomes 0. Muxers interleave by DTS, so this
 *       is the lowest DTS of the piece: no DTS or PTS goes negative, and the output's start time
 *       is the piece's own audio/video lead (ffmpeg output: about 60 ms).</li>
 *   <li>Natural continuation: if, with the previous piece's offset, every stream seen starts
 *       after its last DTS and at most {@value #CONTINUITY_FRAMES} frames after its due time, the
 *       offset is kept, so consecutive original segments keep their exact original spacing.</li>
 *   <li>Otherwise the smallest offset with which no stream starts before it is due. A stream not
 *       seen within the window is assumed to start no earlier than the lowest timestamp seen
 *       (the DTS-interleaving argument again), which keeps the output monotonic; the price is a
 *       gap of up to the piece's audio/video start skew for the other streams.</li>
 *   <li>With no audio/video PES in the window, the lowest held PES timestamp, else the first PCR,
 *       plays the part of the stream starts.</li>
 * </ul>
 * The result: per stream, DTS never goes back, and each boundary leaves a gap of at most one
 * frame plus the difference between the two pieces' audio/video skews. PCRs are shifted like
 * everything else and keep their lead on DTS (ffmpeg's muxer puts them 0.7 s ahead), so the first
 * PCRs of the output are "negative", just below 2^33: an ordinary wrap for demuxers and players.
 *
 * <h2>Not handled</h2>
 * Timestamp discontinuities inside one piece are passed through shifted, not smoothed. A PES
 * header split across two TS packets (no common muxer does this) keeps its timestamps.
 */
public final class TsTimestampRewriter {

    /** Receives output. {@code data} is reused after the call returns: copy what you keep. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] data, int offset, int length) throws IOException;
    }

    static final int MAX_HELD_PACKETS = 256;
    static final long DEFAULT_FRAME_TICKS = 3000;
    static final int CONTINUITY_FRAMES = 3;
    private static final long MAX_FRAME_TICKS = TsPacket.TICKS_PER_SECOND;
    /** 348 packets: just under 64 KiB per sink call. */
    private static final int STAGING_PACKETS = 348;

    private final Sink sink;

    private final byte[] partial = new byte[SIZE];
    private int partialLength;
    private final byte[] staging = new byte[STAGING_PACKETS * SIZE];
    private int stagingLength;
    private byte[] copyBuffer;

    private final byte[] held = new byte[MAX_HELD_PACKETS * SIZE];
    private int heldCount;
    private boolean heldHasPes;
    private long heldLowestPes;
    private boolean heldHasPcr;
    private long heldFirstPcr;
    private int heldStreamStarts;
    private int lastTimedPiece;

    private boolean inPiece;
    private boolean finished;
    private boolean failed;
    private int pieceNumber;
    private long pieceBytes;
    private boolean offsetKnown;
    private boolean anyOffsetChosen;
    private boolean originKnown;
    private long origin;
    private long offset;

    private final Stream[] streamsByPid = new Stream[TsPacket.PID_COUNT];
    private final List<Stream> streams = new ArrayList<>();

    private final byte[] lastCc = new byte[TsPacket.PID_COUNT];
    private final byte[] ccShift = new byte[TsPacket.PID_COUNT];
    private final int[] ccPiece = new int[TsPacket.PID_COUNT];

    // Positions found by parse(), absolute in the array parsed; -1 when absent.
    private int pcrPos;
    private int opcrPos;
    private int ptsPos;
    private int dtsPos;
    private int escrPos;
    private int payloadPos;
    /** Start of the elementary stream data after a PES header that fits in the packet. */
    private int esPos;

    private int pesStreamId;

    public TsTimestampRewriter(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        Arrays.fill(lastCc, (byte) -1);
    }

    /**
     * Cheap pre-check for callers that want to refuse input before committing to a response:
     * true if {@code length} bytes (at least one) look like the start of an MPEG-TS file, i.e.
     * have the sync byte at every packet boundary they cover.
     */
    public static boolean looksLikeMpegTs(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i += SIZE) {
            if ((data[offset + i] & 0xFF) != SYNC_BYTE) {
                return false;
            }
        }
        return true;
    }

    /**
     * The timestamp (90 kHz) that becomes 0 in the output, for a first piece cut at a known point:
     * the cut point, so that every stream starts at 0 or later and the output lasts from the
     * range's start. Without it the first timestamp seen becomes 0; ffmpeg's muxer may write the
     * video first though the audio starts a few ms earlier, and that audio then went negative and
     * wrapped round (ffprobe: a 26.5-hour file). A lower timestamp seen in the look-ahead window
     * still wins. Call before the first piece's data.
     */
    public void setOrigin(long ticks) {
        checkUsable();
        if (!anyOffsetChosen) {
            originKnown = true;
            origin = ticks & TsPacket.TS_MASK;
        }
    }

    public void beginPiece() {
        checkUsable();
        if (inPiece) {
            throw new IllegalStateException("beginPiece() called twice without endPiece()");
        }
        inPiece = true;
        pieceNumber++;
        pieceBytes = 0;
        partialLength = 0;
        offsetKnown = false;
        clearHeld();
    }

    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkInPiece();
        try {
            int pos = offset;
            int end = offset + length;
            if (partialLength > 0) {
                int n = Math.min(SIZE - partialLength, length);
                System.arraycopy(data, pos, partial, partialLength, n);
                partialLength += n;
                pos += n;
                if (partialLength == SIZE) {
                    onPacket(partial, 0);
                    partialLength = 0;
                }
            }
            for (; end - pos >= SIZE; pos += SIZE) {
                onPacket(data, pos);
            }
            if (pos < end) {
                System.arraycopy(data, pos, partial, partialLength, end - pos);
                partialLength += end - pos;
            }
            // Refuse e.g. an MP4 as soon as its box header is visible, even if it is tiny.
            if (partialLength >= 8 && (partial[0] & 0xFF) != SYNC_BYTE) {
                throw notMpegTs(partial, 0, partialLength);
            }
            flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Consumes the buffer's remaining bytes. */
    public void write(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[16 * 1024];
        }
        while (data.hasRemaining()) {
            int n = Math.min(copyBuffer.length, data.remaining());
            data.get(copyBuffer, 0, n);
            write(copyBuffer, 0, n);
        }
    }

    /** @throws NotMpegTsException if the piece was not a whole number of TS packets */
    public void endPiece() throws IOException {
        checkInPiece();
        try {
            if (partialLength > 0) {
                if ((partial[0] & 0xFF) != SYNC_BYTE) {
                    throw notMpegTs(partial, 0, partialLength);
                }
                throw new NotMpegTsException("input is not MPEG-TS: piece " + pieceNumber + " is "
                        + (pieceBytes + partialLength) + " bytes long, not a multiple of "
                        + SIZE + "-byte transport packets");
            }
            if (heldCount > 0) {
                chooseOffset();
                releaseHeld();
            }
            flush();
            inPiece = false;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Ends the output. All bytes have reached the sink when this returns. */
    public void finish() throws IOException {
        checkUsable();
        if (inPiece) {
            throw new IllegalStateException("finish() called inside a piece; call endPiece() first");
        }
        finished = true;
        flush();
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("rewriter failed earlier and cannot be used");
        }
        if (finished) {
            throw new IllegalStateException("rewriter already finished");
        }
    }

    private void checkInPiece() {
        checkUsable();
        if (!inPiece) {
            throw new IllegalStateException("no piece open: call beginPiece() first");
        }
    }

    private void onPacket(byte[] src, int p) throws IOException {
        if ((src[p] & 0xFF) != SYNC_BYTE) {
            throw notMpegTs(src, p, SIZE);
        }
        pieceBytes += SIZE;
        if (offsetKnown) {
            emit(src, p);
            return;
        }
        parse(src, p);
        if (ptsPos < 0 && pcrPos < 0 && heldCount == 0) {
            emit(src, p);
            return;
        }
        hold(src, p);
        if (heldCount == MAX_HELD_PACKETS || everyStreamHasStarted()) {
            chooseOffset();
            releaseHeld();
        }
    }

    /** Needs parse() to have just run on this packet. */
    private void hold(byte[] src, int p) {
        if (ptsPos >= 0) {
            long ts = TsPacket.readTimestamp(src, dtsPos >= 0 ? dtsPos : ptsPos);
            if (!heldHasPes || diff(ts, heldLowestPes) < 0) {
                heldLowestPes = ts;
            }
            heldHasPes = true;
            if (TsPacket.isAudioOrVideo(pesStreamId)) {
                Stream s = stream(TsPacket.pid(src, p), pesStreamId);
                if (s.firstPiece != pieceNumber) {
                    s.firstPiece = pieceNumber;
                    s.firstDts = ts;
                    heldStreamStarts++;
                }
            }
        }
        if (pcrPos >= 0 && !heldHasPcr) {
            heldFirstPcr = TsPacket.readPcrBase(src, pcrPos);
            heldHasPcr = true;
        }
        System.arraycopy(src, p, held, heldCount * SIZE, SIZE);
        heldCount++;
    }

    /** Whether each stream of the last piece that had any has shown its first timestamp here. */
    private boolean everyStreamHasStarted() {
        if (heldStreamStarts == 0) {
            return false;
        }
        for (Stream s : streams) {
            if (s.timed && s.piece == lastTimedPiece && s.firstPiece != pieceNumber) {
                return false;
            }
        }
        return true;
    }

    private void releaseHeld() throws IOException {
        for (int i = 0; i < heldCount; i++) {
            emit(held, i * SIZE);
        }
        clearHeld();
    }

    private void clearHeld() {
        heldCount = 0;
        heldHasPes = false;
        heldHasPcr = false;
        heldStreamStarts = 0;
    }

    /** The offset rule of the class comment. Called once per piece, with the held packets. */
    private void chooseOffset() {
        offsetKnown = true;
        if (heldStreamStarts > 0 && anyOffsetChosen && continuesNaturally()) {
            return;
        }
        long lowest;
        if (heldHasPes) {
            lowest = heldLowestPes;
        } else if (heldHasPcr) {
            lowest = heldFirstPcr;
        } else {
            return; // holding only starts at a timestamp, so this is unreachable
        }
        if (!anyOffsetChosen && originKnown && diff(origin, lowest) < 0) {
            lowest = origin;
        }
        // The smallest offset after which no stream starts before its previous piece ended. A
        // stream not seen yet in this piece will start no earlier than the lowest timestamp seen.
        boolean any = false;
        long best = 0;
        for (Stream s : streams) {
            if (!s.timed) {
                continue;
            }
            long start = s.firstPiece == pieceNumber ? s.firstDts : lowest;
            long candidate = (s.nextDts() - start) & TsPacket.TS_MASK;
            if (!any || diff(candidate, best) > 0) {
                best = candidate;
                any = true;
            }
        }
        offset = any ? best : -lowest & TsPacket.TS_MASK;
        anyOffsetChosen = true;
    }

    private boolean continuesNaturally() {
        boolean any = false;
        for (Stream s : streams) {
            if (!s.timed || s.firstPiece != pieceNumber) {
                continue;
            }
            long start = add(s.firstDts, offset);
            if (diff(start, s.lastDts) <= 0 || diff(start, s.nextDts()) > CONTINUITY_FRAMES * s.frameTicks()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private Stream stream(int pid, int streamId) {
        Stream s = streamsByPid[pid];
        if (s == null) {
            s = new Stream(streamId < 0xE0);
            streamsByPid[pid] = s;
            streams.add(s);
        }
        return s;
    }

    private void emit(byte[] src, int p) throws IOException {
        int q = stagingLength;
        System.arraycopy(src, p, staging, q, SIZE);
        stagingLength += SIZE;
        rewrite(staging, q);
        if (stagingLength == staging.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (stagingLength > 0) {
            int n = stagingLength;
            stagingLength = 0;
            sink.write(staging, 0, n);
        }
    }

    /** Rewrites one packet in place; timestamps only once the piece's offset is known. */
    private void rewrite(byte[] b, int p) {
        renumberContinuity(b, p);
        if (!offsetKnown) {
            // Only packets without timestamps are emitted before the offset is chosen.
            return;
        }
        parse(b, p);
        if (pcrPos >= 0) {
            TsPacket.writePcrBase(b, pcrPos, add(TsPacket.readPcrBase(b, pcrPos), offset));
        }
        if (opcrPos >= 0) {
            TsPacket.writePcrBase(b, opcrPos, add(TsPacket.readPcrBase(b, opcrPos), offset));
        }
        if (escrPos >= 0) {
            TsPacket.writeEscrBase(b, escrPos, add(TsPacket.readEscrBase(b, escrPos), offset));
        }
        if (ptsPos >= 0) {
            long pts = add(TsPacket.readTimestamp(b, ptsPos), offset);
            TsPacket.writeTimestamp(b, ptsPos, pts);
            long dts = pts;
            if (dtsPos >= 0) {
                dts = add(TsPacket.readTimestamp(b, dtsPos), offset);
                TsPacket.writeTimestamp(b, dtsPos, dts);
            }
            if (TsPacket.isAudioOrVideo(pesStreamId)) {
                Stream s = track(TsPacket.pid(b, p), dts, pesStreamId);
                if (s.audio) {
                    s.startAudioPes();
                    feedAudio(s, b, esPos, p + SIZE);
                }
            }
            return;
        }
        Stream s = streamsByPid[TsPacket.pid(b, p)];
        if (s != null && s.audio && s.piece == pieceNumber && payloadPos >= 0) {
            // A PES continuation, or a PES start without PTS: still part of the last timed PES.
            feedAudio(s, b, pesStreamId >= 0 ? esPos : payloadPos, p + SIZE);
        }
    }

    private static void feedAudio(Stream s, byte[] b, int from, int to) {
        if (from < 0) {
            s.adtsValid = false;
        } else {
            s.feedAdts(b, from, to);
        }
    }

    private Stream track(int pid, long dts, int streamId) {
        Stream s = stream(pid, streamId);
        lastTimedPiece = pieceNumber;
        if (!s.timed || s.piece != pieceNumber) {
            // The step across a piece boundary is ours, not the stream's: don't learn from it.
            s.timed = true;
            s.piece = pieceNumber;
            s.lastDts = dts;
            return s;
        }
        long step = diff(dts, s.lastDts);
        if (step > 0) {
            if (step <= MAX_FRAME_TICKS) {
                s.frameTicks = step;
            }
            s.lastDts = dts;
        }
        return s;
    }

    private void renumberContinuity(byte[] b, int p) {
        int pid = TsPacket.pid(b, p);
        if (pid == TsPacket.NULL_PID) {
            return;
        }
        int cc = TsPacket.continuityCounter(b, p);
        if (ccPiece[pid] != pieceNumber) {
            ccPiece[pid] = pieceNumber;
            int last = lastCc[pid];
            // The counter only advances on packets with payload (H.222.0 2.4.3.3).
            int expected = last < 0 ? cc : TsPacket.hasPayload(b, p) ? last + 1 : last;
            ccShift[pid] = (byte) ((expected - cc) & 0x0F);
        }
        int out = (cc + ccShift[pid]) & 0x0F;
        TsPacket.setContinuityCounter(b, p, out);
        lastCc[pid] = (byte) out;
    }

    /** Finds the timestamp fields of the packet at {@code p}; see the *Pos fields. */
    private void parse(byte[] b, int p) {
        pcrPos = -1;
        opcrPos = -1;
        ptsPos = -1;
        dtsPos = -1;
        escrPos = -1;
        pesStreamId = -1;
        payloadPos = -1;
        esPos = -1;
        int b1 = b[p + 1] & 0xFF;
        int b3 = b[p + 3] & 0xFF;
        if ((b1 & 0x80) != 0) {
            return; // transport_error_indicator: the contents are known to be damaged
        }
        int afc = (b3 >> 4) & 0x03;
        int end = p + SIZE;
        int payload = p + 4;
        if ((afc & 0x02) != 0) {
            int afLength = b[p + 4] & 0xFF;
            int afEnd = p + 5 + afLength;
            if (afEnd > end) {
                return;
            }
            if (afLength > 0) {
                int flags = b[p + 5] & 0xFF;
                int q = p + 6;
                if ((flags & 0x10) != 0) {
                    if (q + 6 <= afEnd) {
                        pcrPos = q;
                    }
                    q += 6;
                }
                if ((flags & 0x08) != 0 && q + 6 <= afEnd) {
                    opcrPos = q;
                }
            }
            payload = afEnd;
        }
        boolean scrambled = (b3 & 0xC0) != 0;
        int pid = ((b1 & 0x1F) << 8) | (b[p + 2] & 0xFF);
        if ((afc & 0x01) == 0 || scrambled || payload >= end) {
            return;
        }
        payloadPos = payload;
        if ((b1 & 0x40) == 0 || pid < TsPacket.FIRST_ELEMENTARY_PID || pid == TsPacket.NULL_PID) {
            return;
        }
        // A PSI section starts with pointer_field and table_id, never with 00 00 01.
        if (end - payload < 9 || b[payload] != 0 || b[payload + 1] != 0 || b[payload + 2] != 1) {
            return;
        }
        int streamId = b[payload + 3] & 0xFF;
        if (!TsPacket.hasOptionalPesHeader(streamId) || (b[payload + 6] & 0xC0) != 0x80) {
            return;
        }
        pesStreamId = streamId;
        int flags = b[payload + 7] & 0xFF;
        int h = payload + 9;
        int fullHeaderEnd = h + (b[payload + 8] & 0xFF);
        int headerEnd = Math.min(fullHeaderEnd, end);
        if (fullHeaderEnd <= end) {
            esPos = fullHeaderEnd;
        }
        int ptsDtsFlags = flags >> 6;
        if (ptsDtsFlags == 2) {
            if (h + 5 <= headerEnd) {
                ptsPos = h;
            }
            h += 5;
        } else if (ptsDtsFlags == 3) {
            if (h + 10 <= headerEnd) {
                ptsPos = h;
                dtsPos = h + 5;
            }
            h += 10;
        }
        if ((flags & 0x20) != 0 && h + 6 <= headerEnd) {
            escrPos = h;
        }
    }

    private NotMpegTsException notMpegTs(byte[] b, int p, int available) {
        long at = pieceBytes; // callers check before counting the bytes at p
        StringBuilder message = new StringBuilder("input is not MPEG-TS: piece ")
                .append(pieceNumber)
                .append(", byte ")
                .append(at)
                .append(": expected sync byte 0x47, found 0x")
                .append(String.format("%02x", b[p] & 0xFF));
        if (at == 0 && available >= 8) {
            String box = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (box.equals("ftyp")
                    || box.equals("styp")
                    || box.equals("moof")
                    || box.equals("moov")
                    || box.equals("sidx")) {
                message.append(
                        " (this is MP4, e.g. a fragmented-MP4 segment;" + " only MPEG-TS can be cut with type=smart)");
            }
        }
        return new NotMpegTsException(message.toString());
    }

    private static final class Stream {
        private static final int[] ADTS_SAMPLE_RATES = {
            96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
        };

        final boolean audio;
        /** Whether lastDts is set: the stream has been emitted, not just seen in held packets. */
        boolean timed;
        /** Piece where lastDts was set. */
        int piece;

        long lastDts;
        int firstPiece;
        /** Input DTS (else PTS) of the stream's first PES in piece firstPiece. */
        long firstDts;

        long frameTicks;

        // Walk of the ADTS frames of the last timed audio PES, to know exactly where it ends.
        boolean adtsValid;
        long pesSamples;
        int sampleRate;
        private int skip;
        private int headerFill;
        private final byte[] header = new byte[7];

        Stream(boolean audio) {
            this.audio = audio;
        }

        long frameTicks() {
            return frameTicks > 0 ? frameTicks : DEFAULT_FRAME_TICKS;
        }

        /**
         * Where this stream's next access unit is due. An audio PES usually holds many frames
         * (ffmpeg packs about 0.3 s), so for AAC the last PES's own length is used; the step
         * between PES starts would overshoot by a whole PES.
         */
        long nextDts() {
            if (audio && adtsValid && pesSamples > 0) {
                return add(lastDts, pesSamples * TsPacket.TICKS_PER_SECOND / sampleRate);
            }
            return add(lastDts, frameTicks());
        }

        void startAudioPes() {
            adtsValid = true;
            pesSamples = 0;
            skip = 0;
            headerFill = 0;
        }

        void feedAdts(byte[] b, int from, int to) {
            int i = from;
            while (adtsValid && i < to) {
                if (skip > 0) {
                    int n = Math.min(skip, to - i);
                    skip -= n;
                    i += n;
                    continue;
                }
                int n = Math.min(header.length - headerFill, to - i);
                System.arraycopy(b, i, header, headerFill, n);
                headerFill += n;
                i += n;
                if (headerFill == header.length) {
                    headerFill = 0;
                    adtsValid = readAdtsHeader();
                }
            }
        }

        private boolean readAdtsHeader() {
            // 12-bit sync, then layer '00' (MPEG-1/2 audio layers I-III share the sync word).
            if ((header[0] & 0xFF) != 0xFF || (header[1] & 0xF6) != 0xF0) {
                return false;
            }
            int rateIndex = (header[2] >> 2) & 0x0F;
            int frameLength = ((header[3] & 0x03) << 11) | ((header[4] & 0xFF) << 3) | ((header[5] >> 5) & 0x07);
            if (rateIndex >= ADTS_SAMPLE_RATES.length || frameLength < header.length) {
                return false;
            }
            sampleRate = ADTS_SAMPLE_RATES[rateIndex];
            pesSamples += 1024L * ((header[6] & 0x03) + 1);
            skip = frameLength - header.length;
            return true;
        }
    }
}
