package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offset rule and the state machine, on hand-built packets (no ffmpeg needed). */
class TsTimestampRewriterUnitTest {
    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;
    private static final int ID3 = 0x102;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TsTimestampRewriter rewriter = new TsTimestampRewriter(out::write);

    @Test
    void firstPieceStartsAtItsFirstDtsAndPcrKeepsItsLead() throws IOException {
        piece(
                pcrOnly(VIDEO, 0, 1_000_000 - 63_000),
                pes(VIDEO, 0, 0xE0, 1_007_200, 1_000_000L),
                pes(AUDIO, 0, 0xC0, 1_005_000, null));
        rewriter.finish();

        List<byte[]> packets = packets();
        assertThat(TsPacket.readPcrBase(packets.get(0), 6)).isEqualTo(TsPacket.TS_WRAP - 63_000);
        assertThat(pts(packets.get(1))).isEqualTo(7_200);
        assertThat(dts(packets.get(1))).isZero();
        assertThat(pts(packets.get(2))).isEqualTo(5_000);
    }

    @Test
    void heldId3BeforeVideoSetsTheLowestTimestamp() throws IOException {
        piece(pes(ID3, 0, 0xBD, 999_000, null), pes(VIDEO, 0, 0xE0, 1_000_000, null));
        rewriter.finish();

        List<byte[]> packets = packets();
        assertThat(pts(packets.get(0))).isZero();
        assertThat(pts(packets.get(1))).isEqualTo(1_000);
    }

    @Test
    void farAwayPieceContinuesOneFrameAfterTheLatestStream() throws IOException {
        piece(
                pes(VIDEO, 0, 0xE0, 1_000, null),
                pes(VIDEO, 1, 0xE0, 4_000, null),
                pes(AUDIO, 0, 0xC0, 1_000, null),
                pes(AUDIO, 1, 0xC0, 2_920, null));
        piece(pes(VIDEO, 0, 0xE0, 50_000_000, null), pes(AUDIO, 0, 0xC0, 50_000_100, null));
        rewriter.finish();

        List<byte[]> packets = packets();
        // Video ends at 3000 + 3000 per frame, audio at 1920 + 1920: video is the later one.
        assertThat(pts(packets.get(4))).isEqualTo(6_000);
        assertThat(pts(packets.get(5))).isEqualTo(6_100);
    }

    @Test
    void lookAheadLetsTheLaterEndingStreamContinueSeamlessly() throws IOException {
        piece(
                pes(VIDEO, 0, 0xE0, 0, null),
                pes(VIDEO, 1, 0xE0, 3_000, null),
                pes(AUDIO, 0, 0xC0, 0, null),
                pes(AUDIO, 1, 0xC0, 1_920, null),
                pes(AUDIO, 2, 0xC0, 3_840, null),
                pes(AUDIO, 3, 0xC0, 5_760, null));
        piece(pes(VIDEO, 0, 0xE0, 900_000, null), pes(AUDIO, 0, 0xC0, 901_000, null));
        rewriter.finish();

        List<byte[]> packets = packets();
        // Audio is due at 7680, video at 6000: audio decides, video gets the 680-tick gap.
        assertThat(pts(packets.get(6))).isEqualTo(6_680);
        assertThat(pts(packets.get(7))).isEqualTo(7_680);
    }

    @Test
    void streamBeyondTheLookAheadWindowStillStartsAfterItsDueTime() throws IOException {
        piece(
                pes(VIDEO, 0, 0xE0, 0, null),
                pes(VIDEO, 1, 0xE0, 3_000, null),
                pes(AUDIO, 0, 0xC0, 0, null),
                pes(AUDIO, 1, 0xC0, 1_920, null),
                pes(AUDIO, 2, 0xC0, 3_840, null),
                pes(AUDIO, 3, 0xC0, 5_760, null));
        byte[][] second = new byte[TsTimestampRewriter.MAX_HELD_PACKETS + 1][];
        second[0] = pes(VIDEO, 0, 0xE0, 900_000, null);
        for (int i = 1; i < second.length - 1; i++) {
            second[i] = pes(ID3, i & 0x0F, 0xBD, 900_000, null);
        }
        second[second.length - 1] = pes(AUDIO, 0, 0xC0, 901_000, null);
        piece(second);
        rewriter.finish();

        List<byte[]> packets = packets();
        assertThat(pts(packets.get(6))).isEqualTo(7_680);
        assertThat(pts(packets.get(packets.size() - 1))).isEqualTo(8_680);
    }

    @Test
    void naturallyContinuingPieceKeepsItsSpacing() throws IOException {
        piece(pes(VIDEO, 0, 0xE0, 1_000, null), pes(VIDEO, 1, 0xE0, 4_000, null));
        // One frame dropped at the boundary: still within CONTINUITY_FRAMES, kept as it is.
        piece(pes(VIDEO, 0, 0xE0, 10_000, null));
        rewriter.finish();

        assertThat(pts(packets().get(2))).isEqualTo(9_000);
    }

    @Test
    void wrappedInputContinuesAcrossTheWrap() throws IOException {
        long nearWrap = TsPacket.TS_WRAP - 3_000;
        piece(pes(VIDEO, 0, 0xE0, nearWrap, null), pes(VIDEO, 1, 0xE0, 0, null), pes(VIDEO, 2, 0xE0, 3_000, null));
        piece(pes(VIDEO, 0, 0xE0, TsPacket.TS_MASK, null));
        rewriter.finish();

        List<byte[]> packets = packets();
        assertThat(packets).extracting(TsTimestampRewriterUnitTest::pts).containsExactly(0L, 3_000L, 6_000L, 9_000L);
    }

    @Test
    void pcrOnlyPieceFallsBackToThePcr() throws IOException {
        piece(pes(VIDEO, 0, 0xE0, 1_000, null));
        byte[][] pcrs = new byte[TsTimestampRewriter.MAX_HELD_PACKETS + 1][];
        for (int i = 0; i < pcrs.length; i++) {
            pcrs[i] = pcrOnly(VIDEO, 1, 777_000 + i);
        }
        piece(pcrs);
        rewriter.finish();

        List<byte[]> packets = packets();
        assertThat(packets).hasSize(1 + pcrs.length);
        for (int i = 0; i < pcrs.length; i++) {
            assertThat(TsPacket.readPcrBase(packets.get(1 + i), 6)).isEqualTo(3_000 + i);
        }
    }

    @Test
    void continuityCountersRunOnAcrossPieces() throws IOException {
        piece(pes(VIDEO, 5, 0xE0, 1_000, null), pes(VIDEO, 6, 0xE0, 4_000, null));
        // The adaptation-only packet does not advance the counter, so the payload after it is 1.
        piece(pcrOnly(VIDEO, 0, 0), pes(VIDEO, 1, 0xE0, 4_000, null), pes(VIDEO, 2, 0xE0, 7_000, null));
        rewriter.finish();

        assertThat(packets()).extracting(p -> TsPacket.continuityCounter(p, 0)).containsExactly(5, 6, 6, 7, 8);
    }

    @Test
    void byteBufferWritesMatchArrayWrites() throws IOException {
        byte[] piece = concat(pes(VIDEO, 0, 0xE0, 1_000, 500L), pes(AUDIO, 0, 0xC0, 700, null));
        rewriter.beginPiece();
        ByteBuffer direct = ByteBuffer.allocateDirect(piece.length).put(piece).flip();
        rewriter.write(direct);
        rewriter.endPiece();
        rewriter.finish();
        assertThat(direct.hasRemaining()).isFalse();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TsTimestampRewriter other = new TsTimestampRewriter(expected::write);
        other.beginPiece();
        other.write(piece);
        other.endPiece();
        other.finish();
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void misuseIsRefused() throws IOException {
        assertThatThrownBy(() -> rewriter.write(new byte[188])).isInstanceOf(IllegalStateException.class);
        rewriter.beginPiece();
        assertThatThrownBy(rewriter::beginPiece).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(rewriter::finish).isInstanceOf(IllegalStateException.class);
        rewriter.endPiece();
        rewriter.finish();
        assertThatThrownBy(rewriter::beginPiece).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyPieceIsAccepted() throws IOException {
        rewriter.beginPiece();
        rewriter.endPiece();
        rewriter.finish();
        assertThat(out.size()).isZero();
    }

    @Test
    void preCheckLooksAtEverySyncByte() {
        byte[] twoPackets = concat(pes(VIDEO, 0, 0xE0, 0, null), pes(VIDEO, 1, 0xE0, 0, null));
        assertThat(TsTimestampRewriter.looksLikeMpegTs(twoPackets, 0, twoPackets.length))
                .isTrue();
        assertThat(TsTimestampRewriter.looksLikeMpegTs(twoPackets, 0, 189)).isTrue();
        twoPackets[188] = 0;
        assertThat(TsTimestampRewriter.looksLikeMpegTs(twoPackets, 0, 189)).isFalse();
        assertThat(TsTimestampRewriter.looksLikeMpegTs(twoPackets, 0, 0)).isFalse();
    }

    private void piece(byte[]... packets) throws IOException {
        rewriter.beginPiece();
        rewriter.write(concat(packets));
        rewriter.endPiece();
    }

    private List<byte[]> packets() {
        byte[] all = out.toByteArray();
        assertThat(all.length % TsPacket.SIZE).isZero();
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < all.length; i += TsPacket.SIZE) {
            packets.add(java.util.Arrays.copyOfRange(all, i, i + TsPacket.SIZE));
        }
        return packets;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            b.writeBytes(part);
        }
        return b.toByteArray();
    }

    /** A PES start packet without adaptation field; PTS at byte 13, DTS at byte 18. */
    static byte[] pes(int pid, int cc, int streamId, long pts, Long dts) {
        byte[] p = header(pid, cc, 0x10);
        p[1] |= 0x40;
        int q = 4;
        p[q + 2] = 1;
        p[q + 3] = (byte) streamId;
        p[q + 6] = (byte) 0x80;
        p[q + 7] = (byte) (dts != null ? 0xC0 : 0x80);
        p[q + 8] = (byte) (dts != null ? 10 : 5);
        timestamp(p, q + 9, dts != null ? 0x30 : 0x20, pts);
        if (dts != null) {
            timestamp(p, q + 14, 0x10, dts);
        }
        return p;
    }

    /** An adaptation-field-only packet carrying a PCR at byte 6. */
    static byte[] pcrOnly(int pid, int cc, long pcrBase) {
        byte[] p = header(pid, cc, 0x20);
        p[4] = (byte) 183;
        p[5] = 0x10;
        p[10] = 0x7E;
        TsPacket.writePcrBase(p, 6, pcrBase);
        return p;
    }

    private static byte[] header(int pid, int cc, int adaptationFieldControl) {
        byte[] p = new byte[TsPacket.SIZE];
        java.util.Arrays.fill(p, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (adaptationFieldControl | cc);
        for (int i = 4; i < 23; i++) {
            p[i] = 0;
        }
        return p;
    }

    private static void timestamp(byte[] p, int at, int prefix, long ts) {
        p[at] = (byte) (prefix | 1);
        p[at + 2] = 1;
        p[at + 4] = 1;
        TsPacket.writeTimestamp(p, at, ts);
    }

    static long pts(byte[] p) {
        int q = (p[3] & 0x20) != 0 ? 5 + (p[4] & 0xFF) : 4;
        return TsPacket.readTimestamp(p, q + 9);
    }

    static long dts(byte[] p) {
        int q = (p[3] & 0x20) != 0 ? 5 + (p[4] & 0xFF) : 4;
        return TsPacket.readTimestamp(p, q + 14);
    }
}
