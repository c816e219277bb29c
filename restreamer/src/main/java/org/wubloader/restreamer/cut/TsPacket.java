package org.wubloader.restreamer.cut;

/**
 * Field codecs for ISO/IEC 13818-1 transport stream packets, operating in place on byte arrays
 * so the rewriter never allocates per packet.
 */
final class TsPacket {
    static final int SIZE = 188;
    static final int SYNC_BYTE = 0x47;
    static final int NULL_PID = 0x1FFF;
    static final int PID_COUNT = 0x2000;
    /** PIDs below this are reserved for PSI/SI tables, which carry no PES. */
    static final int FIRST_ELEMENTARY_PID = 0x20;

    /** PTS, DTS, PCR base and ESCR base are 33-bit counters of a 90 kHz clock. */
    static final long TS_WRAP = 1L << 33;

    static final long TS_MASK = TS_WRAP - 1;
    static final long TICKS_PER_SECOND = 90_000;

    private TsPacket() {}

    static int pid(byte[] b, int p) {
        return ((b[p + 1] & 0x1F) << 8) | (b[p + 2] & 0xFF);
    }

    static boolean hasPayload(byte[] b, int p) {
        return (b[p + 3] & 0x10) != 0;
    }

    static int continuityCounter(byte[] b, int p) {
        return b[p + 3] & 0x0F;
    }

    static void setContinuityCounter(byte[] b, int p, int cc) {
        b[p + 3] = (byte) ((b[p + 3] & 0xF0) | (cc & 0x0F));
    }

    /** (a + b) modulo 2^33. */
    static long add(long a, long b) {
        return (a + b) & TS_MASK;
    }

    /** a - b modulo 2^33, as the signed value nearest zero: the wrap-safe way to compare. */
    static long diff(long a, long b) {
        long d = (a - b) & TS_MASK;
        return d >= TS_WRAP / 2 ? d - TS_WRAP : d;
    }

    /** The 5-byte PTS/DTS field of a PES header: 4-bit prefix, 33 bits split 3/15/15 by markers. */
    static long readTimestamp(byte[] b, int p) {
        return ((long) ((b[p] >> 1) & 0x07) << 30)
                | ((long) (b[p + 1] & 0xFF) << 22)
                | ((long) ((b[p + 2] >> 1) & 0x7F) << 15)
                | ((long) (b[p + 3] & 0xFF) << 7)
                | ((b[p + 4] >> 1) & 0x7F);
    }

    /** Keeps the prefix nibble and marker bits exactly as they were. */
    static void writeTimestamp(byte[] b, int p, long ts) {
        b[p] = (byte) ((b[p] & 0xF1) | ((ts >> 29) & 0x0E));
        b[p + 1] = (byte) (ts >> 22);
        b[p + 2] = (byte) ((b[p + 2] & 0x01) | ((ts >> 14) & 0xFE));
        b[p + 3] = (byte) (ts >> 7);
        b[p + 4] = (byte) ((b[p + 4] & 0x01) | ((ts << 1) & 0xFE));
    }

    /** The 6-byte PCR/OPCR field: 33-bit base, 6 reserved bits, 9-bit extension. */
    static long readPcrBase(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 25)
                | ((long) (b[p + 1] & 0xFF) << 17)
                | ((long) (b[p + 2] & 0xFF) << 9)
                | ((long) (b[p + 3] & 0xFF) << 1)
                | ((b[p + 4] >> 7) & 0x01);
    }

    static int readPcrExtension(byte[] b, int p) {
        return ((b[p + 4] & 0x01) << 8) | (b[p + 5] & 0xFF);
    }

    /** Keeps the reserved bits and the 27 MHz extension: only the 90 kHz part is shifted. */
    static void writePcrBase(byte[] b, int p, long base) {
        b[p] = (byte) (base >> 25);
        b[p + 1] = (byte) (base >> 17);
        b[p + 2] = (byte) (base >> 9);
        b[p + 3] = (byte) (base >> 1);
        b[p + 4] = (byte) ((b[p + 4] & 0x7F) | ((base & 0x01) << 7));
    }

    /** The 6-byte ESCR field: 2 reserved bits, then base 3/15/15 and extension 9, marker-separated. */
    static long readEscrBase(byte[] b, int p) {
        long v = read48(b, p);
        return (((v >> 43) & 0x07) << 30) | (((v >> 27) & 0x7FFF) << 15) | ((v >> 11) & 0x7FFF);
    }

    static void writeEscrBase(byte[] b, int p, long base) {
        long v = read48(b, p);
        v &= ~((0x07L << 43) | (0x7FFFL << 27) | (0x7FFFL << 11));
        v |= ((base >> 30) & 0x07) << 43 | ((base >> 15) & 0x7FFF) << 27 | (base & 0x7FFF) << 11;
        for (int i = 5; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long read48(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }

    /**
     * Whether a PES with this stream_id carries the optional header (flags, PTS/DTS...). The
     * excluded ids are the ones H.222.0 table 2-21 lists as having only raw data after the length.
     */
    static boolean hasOptionalPesHeader(int streamId) {
        return streamId >= 0xBD
                && streamId != 0xBE // padding_stream
                && streamId != 0xBF // private_stream_2
                && streamId != 0xF0 // ECM
                && streamId != 0xF1 // EMM
                && streamId != 0xF2 // DSMCC
                && streamId != 0xF8 // ITU-T H.222.1 type E
                && streamId != 0xFF; // program_stream_directory
    }

    /** MPEG audio (0xC0-0xDF) and video (0xE0-0xEF) streams: the ones whose timing defines a cut. */
    static boolean isAudioOrVideo(int streamId) {
        return streamId >= 0xC0 && streamId <= 0xEF;
    }
}
