package io.ringline.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CpuAffinityTest
{
    @Test
    void pinsOnlyTheCallingThread() throws Exception
    {
        final int[] before = CpuAffinity.allowedCpus();
        assertTrue(before.length > 0, "a thread runs somewhere");
        final int cpu = before[before.length - 1];

        final AtomicReference<int[]> pinned = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            CpuAffinity.pinThisThread(cpu);
            pinned.set(CpuAffinity.allowedCpus());
        });
        thread.start();
        thread.join();

        assertArrayEquals(new int[]{ cpu }, pinned.get());
        assertArrayEquals(before, CpuAffinity.allowedCpus(), "this thread is where it was");
    }

    @Test
    void refusesACpuOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> CpuAffinity.pinThisThread(-1));
        assertThrows(IllegalArgumentException.class, () -> CpuAffinity.pinThisThread(CpuAffinity.MAX_CPUS));
    }
}
