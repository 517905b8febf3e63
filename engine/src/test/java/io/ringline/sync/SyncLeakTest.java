package io.ringline.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of named object, created, used, closed and unlinked or removed: /dev/shm and {@code ipcs -s} list
 * each while it exists (so the listing would show a leak) and nothing of it afterwards.
 */
@Timeout(30)
class SyncLeakTest
{
    @Test
    void namedObjectsLeaveNothingBehindInDevShmOrIpcs() throws Exception
    {
        final String name = SyncTestSupport.uniqueName();
        final int key = SyncTestSupport.uniqueKey();
        final List<String> shmBefore = SyncTestSupport.shmEntries();
        final List<String> ipcsBefore = SyncTestSupport.ipcsSemaphoreKeys();
        final String semFile = "sem.ringline-" + name;
        final String mutexFile = "ringline-mutex-" + name;
        final String eventFile = "ringline-event-" + name;
        assertFalse(shmBefore.contains(semFile) || shmBefore.contains(mutexFile) || shmBefore.contains(eventFile));
        assertFalse(ipcsBefore.contains(SyncTestSupport.ipcsKey(key)));

        try (PosixSemaphore semaphore = PosixSemaphore.openOrCreate(name, 1);
            SysVSemaphoreSet set = SysVSemaphoreSet.openOrCreate(key, 2, 1);
            NamedRobustMutex mutex = NamedRobustMutex.openOrCreate(name);
            NamedEventCount event = NamedEventCount.openOrCreate(name))
        {
            assertTrue(semaphore.tryAcquire());
            semaphore.release();
            set.semaphore(0, SemaphoreKind.MUTEX).acquire();
            set.semaphore(0, SemaphoreKind.MUTEX).close();
            assertEquals(LockResult.ACQUIRED, mutex.mutex().lock());
            mutex.mutex().unlock();
            event.event().signal();

            final List<String> shmDuring = SyncTestSupport.shmEntries();
            assertTrue(shmDuring.containsAll(List.of(semFile, mutexFile, eventFile)), shmDuring.toString());
            assertTrue(SyncTestSupport.ipcsSemaphoreKeys().contains(SyncTestSupport.ipcsKey(key)));

            assertTrue(semaphore.unlink());
            assertTrue(set.remove());
            assertTrue(mutex.unlink());
            assertTrue(event.unlink());
        }

        final List<String> shmAfter = SyncTestSupport.shmEntries();
        for (final String entry : shmAfter)
        {
            assertFalse(entry.contains(name), "left behind in /dev/shm: " + entry);
        }
        assertFalse(SyncTestSupport.ipcsSemaphoreKeys().contains(SyncTestSupport.ipcsKey(key)), "left in ipcs -s");
        final List<String> newSyncFiles = shmAfter.stream()
            .filter((entry) -> !shmBefore.contains(entry))
            .filter((entry) -> entry.startsWith("sem.ringline-") || entry.startsWith("ringline-mutex-") ||
                entry.startsWith("ringline-event-") || entry.startsWith(".ringline-"))
            .collect(Collectors.toList());
        assertEquals(List.of(), newSyncFiles, "no new synchronisation files, temporary ones included");
    }
}
