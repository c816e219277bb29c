package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

class DirectBodiesTest {
    @Test
    void heapChunksOfAnOrdinaryClientAreLeftAlone() {
        Buffer heap = Buffer.buffer(new byte[] {1, 2, 3});
        DirectBodies.release(heap);
        assertThat(heap.getByte(2)).isEqualTo((byte) 3);
    }

    @Test
    void aDirectChunkIsFreedOnceByRelease() {
        ByteBuf direct = Unpooled.directBuffer(64).writeBytes(new byte[] {1, 2, 3});
        Buffer chunk = BufferInternal.buffer(direct);
        DirectBodies.release(chunk);
        assertThat(direct.refCnt()).isZero();
        DirectBodies.release(chunk); // a second release changes nothing, and does not throw
        assertThat(direct.refCnt()).isZero();
    }

    @Test
    void aSmallDirectChunkIsCopiedToTheHeapAndFreed() {
        ByteBuf direct = Unpooled.directBuffer(64).writeBytes(new byte[] {1, 2, 3});
        Buffer copy = DirectBodies.compact(BufferInternal.buffer(direct));
        assertThat(direct.refCnt()).isZero();
        assertThat(copy.getBytes()).containsExactly(1, 2, 3);
    }
}
