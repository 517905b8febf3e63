package io.ringline.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class PollFdTest
{
    @Test
    void seesAPipeBecomeReadable()
    {
        final int[] fds = new int[2];
        assertEquals(0, Native.libc().pipe2(fds, Native.O_CLOEXEC), Native.describe(Native.errno()));
        try
        {
            final PollFd readable = new PollFd(fds[0]);
            assertFalse(readable.awaitReadable(0), "empty pipe");
            assertFalse(readable.awaitReadable(1_000_000), "still empty after a 1 ms wait");

            final NativeBuffer oneByte = new NativeBuffer(1);
            assertEquals(1, Native.libc().write(fds[1], oneByte.address(), 1));
            assertTrue(readable.awaitReadable(Long.MAX_VALUE), "a byte to read");
        }
        finally
        {
            Native.libc().close(fds[0]);
            Native.libc().close(fds[1]);
        }
    }
}
