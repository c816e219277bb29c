package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsPacketTest {

    @Test
    void ptsRoundTripsAndKeepsPrefixAndMarkers() {
        // PTS_DTS_flags '11' prefix 0011, markers set: the PTS of an ffmpeg file at 1001.4 s.
        byte[] field = {0x31, 0x00, 0x01, 0x00, 0x01};
        TsPacket.writeTimestamp(field, 0, 90_126_000L);
        assertThat(TsPacket.readTimestamp(field, 0)).isEqualTo(90_126_000L);

        for (long ts : new long[] {0, 1, 0x7FFF, 0x8000, 1L << 30, TsPacket.TS_MASK, 8_589_898_800L}) {
            TsPacket.writeTimestamp(field, 0, ts);
            assertThat(TsPacket.readTimestamp(field, 0)).as("ts %d", ts).isEqualTo(ts);
            assertThat(field[0] & 0xF1).isEqualTo(0x31);
            assertThat(field[2] & 0x01).isEqualTo(1);
            assertThat(field[4] & 0x01).isEqualTo(1);
        }
    }

    @Test
    void ptsDecodesKnownBytes() {
        // 0x21 00 01 00 01 is PTS 0 with prefix 0010; 0x2F FF FF FF FF is 2^33 - 1.
        assertThat(TsPacket.readTimestamp(new byte[] {0x21, 0x00, 0x01, 0x00, 0x01}, 0))
                .isZero();
        byte[] max = {0x2F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThat(TsPacket.readTimestamp(max, 0)).isEqualTo(TsPacket.TS_MASK);
    }

    @Test
    void pcrBaseRoundTripsAndKeepsReservedBitsAndExtension() {
        // base 90055800 (ffmpeg's first PCR at offset 1000 s), reserved 111111, extension 0x155.
        byte[] field = new byte[6];
        field[4] = 0x7F; // reserved bits plus extension's top bit
        field[5] = 0x55;
        TsPacket.writePcrBase(field, 0, 90_055_800L);
        assertThat(TsPacket.readPcrBase(field, 0)).isEqualTo(90_055_800L);
        assertThat(TsPacket.readPcrExtension(field, 0)).isEqualTo(0x155);
        assertThat(field[4] & 0x7E).isEqualTo(0x7E);

        for (long base : new long[] {0, 1, 2, TsPacket.TS_MASK, TsPacket.TS_MASK - 1}) {
            TsPacket.writePcrBase(field, 0, base);
            assertThat(TsPacket.readPcrBase(field, 0)).isEqualTo(base);
            assertThat(TsPacket.readPcrExtension(field, 0)).isEqualTo(0x155);
        }
    }

    @Test
    void escrBaseRoundTripsAndKeepsMarkersAndExtension() {
        byte[] field = {(byte) 0xC4, 0x00, 0x04, 0x00, 0x04, 0x01 | 0x0A << 1};
        long markersAndRest = read48(field) & ~((0x07L << 43) | (0x7FFFL << 27) | (0x7FFFL << 11));
        for (long base : new long[] {0, 1, 0x7FFF, 1L << 32, TsPacket.TS_MASK}) {
            TsPacket.writeEscrBase(field, 0, base);
            assertThat(TsPacket.readEscrBase(field, 0)).isEqualTo(base);
            long rest = read48(field) & ~((0x07L << 43) | (0x7FFFL << 27) | (0x7FFFL << 11));
            assertThat(rest).isEqualTo(markersAndRest);
        }
    }

    @Test
    void arithmeticWrapsAt33Bits() {
        assertThat(TsPacket.add(TsPacket.TS_MASK, 1)).isZero();
        assertThat(TsPacket.add(5, -10)).isEqualTo(TsPacket.TS_WRAP - 5);
        assertThat(TsPacket.diff(2, TsPacket.TS_MASK)).isEqualTo(3);
        assertThat(TsPacket.diff(TsPacket.TS_MASK, 2)).isEqualTo(-3);
        assertThat(TsPacket.diff(90_000, 0)).isEqualTo(90_000);
    }

    private static long read48(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }
}
