package io.ringline.sync;

import io.ringline.memory.MappedFileMemory;
import io.ringline.os.Native;
import io.ringline.os.ProcessIdentity;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The robust mutex across real processes: mutual exclusion, an owner killed while holding it (reaped and not),
 * and the rules of ownership.
 */
@Timeout(60)
class RobustMutexTest
{
    private static final int MUTEX_OFFSET = 0;
    private static final int COUNTER_OFFSET = 128;
    private static final int GO_OFFSET = 192;

    @Test
    void fourProcessesIncrementingAPlainCounterUnderTheMutexLoseNoUpdate() throws Exception
    {
        final int processes = 4;
        final int increments = 20_000;
        final Path path = SyncNames.SHM_DIRECTORY.resolve(SyncNames.PREFIX + SyncTestSupport.uniqueName());
        final List<ChildProcess> children = new ArrayList<>();
        try (MappedFileMemory memory = MappedFileMemory.openOrCreate(path, 4096, 0600, (buffer) -> { }))
        {
            for (int i = 0; i < processes; i++)
            {
                children.add(ChildProcess.startJvm(IncrementChild.class, path.toString(), Integer.toString(increments)));
            }
            for (final ChildProcess child : children)
            {
                child.awaitLine("ready", 30_000);
            }
            memory.buffer().putIntVolatile(GO_OFFSET, 1); // all start together, for contention
            for (final ChildProcess child : children)
            {
                assertEquals(0, child.awaitExitCode(45_000), child.output());
            }

            assertEquals(processes * increments, memory.buffer().getIntVolatile(COUNTER_OFFSET));
            final RobustMutex mutex = new RobustMutex().wrap(memory.buffer(), MUTEX_OFFSET);
            assertFalse(mutex.isLocked());
            assertEquals(0, mutex.recoveryCount(), "nobody died");
        }
        finally
        {
            for (final ChildProcess child : children)
            {
                child.close();
            }
            MappedFileMemory.delete(path);
        }
    }

    @Test
    void anOwnerKilledWhileHoldingIsDetectedByTheWaiterAndTheStateIsFlaggedUntilMarkedConsistent() throws Exception
    {
        final String name = SyncTestSupport.uniqueName();
        try (NamedRobustMutex named = NamedRobustMutex.openOrCreate(name);
            ChildProcess child = ChildProcess.startJvm(HoldChild.class, name))
        {
            final RobustMutex mutex = named.mutex();
            child.awaitLine("locked", 20_000);
            assertTrue(mutex.isLocked());
            assertEquals(child.pid(), mutex.ownerPid());
            assertEquals(LockResult.NOT_ACQUIRED, mutex.tryLock(), "its owner is alive");

            // A thread already asleep in lock() when the owner dies must not sleep forever.
            final CompletableFuture<LockResult> waiter = CompletableFuture.supplyAsync(() ->
            {
                final LockResult result = mutex.lock();
                mutex.unlock(); // without markConsistent: the next owner is told too
                return result;
            }, SyncTestSupport.daemon("mutex-waiter"));
            Thread.sleep(150); // most likely asleep by now; the result must be the same either way
            assertFalse(waiter.isDone(), "the owner is alive: the waiter waits");

            child.kill();

            assertEquals(LockResult.ACQUIRED_OWNER_DIED, waiter.get(20, TimeUnit.SECONDS));
            assertEquals(1, mutex.recoveryCount());
            assertFalse(mutex.isConsistent());

            assertEquals(LockResult.ACQUIRED_OWNER_DIED, mutex.tryLock(), "not marked consistent yet");
            assertEquals(1, mutex.recoveryCount(), "taken from a live unlock, not from a dead owner");
            mutex.markConsistent();
            assertTrue(mutex.isConsistent());
            mutex.unlock();

            assertEquals(LockResult.ACQUIRED, mutex.lock());
            mutex.unlock();
        }
        finally
        {
            NamedRobustMutex.unlink(name);
        }
    }

    @Test
    void anOwnerKilledButNotReapedIsAZombieAndStillCountsAsDead() throws Exception
    {
        final String name = SyncTestSupport.uniqueName();
        final Path log = Files.createTempFile("ringline-zombie-", ".log");
        // sh starts the JVM in the background and then blocks reading stdin: it does not reap the JVM when it is
        // killed, so the JVM stays a zombie until the test closes sh's stdin and sh reaches `wait`.
        final List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & read line; wait", "sh"));
        command.addAll(JavaCommand.of(HoldChild.class, name).options(JavaCommand.SMALL_HEAP).words());
        long childPid = 0;
        Process parent = null;
        try (NamedRobustMutex named = NamedRobustMutex.openOrCreate(name))
        {
            final RobustMutex mutex = named.mutex();
            parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            childPid = awaitPid(log, parent);
            final long childStart = ProcessIdentity.startTimeOf(childPid);
            assertTrue(ProcessIdentity.isAlive(childPid, childStart));
            assertEquals(childPid, mutex.ownerPid());
            assertEquals(LockResult.NOT_ACQUIRED, mutex.tryLock());

            assertTrue(ProcessHandle.of(childPid).orElseThrow().destroyForcibly());
            awaitState(childPid, "Z");

            assertEquals(0, Native.libc().kill((int)childPid, 0), "a zombie still answers kill(pid, 0)");
            assertFalse(ProcessIdentity.isAlive(childPid, childStart), "but is not alive");
            // The leader shows Z as soon as it has exited; the owning thread may take a moment longer to go.
            assertEquals(LockResult.ACQUIRED_OWNER_DIED, mutex.tryLock(10, TimeUnit.SECONDS));
            assertEquals("Z", state(childPid), "still unreaped when the mutex was taken over");
            mutex.markConsistent();
            mutex.unlock();
        }
        finally
        {
            if (null != parent)
            {
                parent.getOutputStream().close(); // sh reads EOF, waits, reaps the zombie, exits
                assertTrue(parent.waitFor(20, TimeUnit.SECONDS), "sh did not finish");
            }
            if (childPid != 0)
            {
                assertNull(state(childPid), "reaped");
            }
            NamedRobustMutex.unlink(name);
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aThreadThatEndsWhileHoldingCountsAsDead() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(RobustMutexDescriptor.LENGTH));
        final RobustMutex mutex = new RobustMutex(TimeUnit.MILLISECONDS.toNanos(20)).wrap(buffer, 0);
        final Thread holder = new Thread(() -> assertEquals(LockResult.ACQUIRED, mutex.lock()), "holder");
        holder.start();
        holder.join();
        assertTrue(mutex.isLocked());
        assertEquals(LockResult.ACQUIRED_OWNER_DIED, mutex.tryLock(5, TimeUnit.SECONDS));
        assertTrue(mutex.isHeldByCurrentThread());
        mutex.markConsistent();
        mutex.unlock();
    }

    @Test
    void aLockWaitInterruptedBySignalsKeepsWaiting() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(RobustMutexDescriptor.LENGTH));
        final RobustMutex mutex = new RobustMutex(TimeUnit.SECONDS.toNanos(10)).wrap(buffer, 0);
        assertEquals(LockResult.ACQUIRED, mutex.lock());
        try (SyncTestSupport.Interrupter interrupter = new SyncTestSupport.Interrupter())
        {
            final AtomicInteger tid = new AtomicInteger();
            final CompletableFuture<LockResult> waiter = CompletableFuture.supplyAsync(() ->
            {
                assertEquals(LockResult.NOT_ACQUIRED, mutex.tryLock()); // loads everything first
                tid.set(currentTid());
                final LockResult result = mutex.lock();
                mutex.unlock();
                return result;
            }, SyncTestSupport.daemon("mutex-waiter"));
            interrupter.interruptThreeTimes(tid, waiter);
            mutex.unlock();
            assertEquals(LockResult.ACQUIRED, waiter.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void onlyTheOwnerMayUnlockAndTheMutexIsNotReentrant() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(RobustMutexDescriptor.LENGTH));
        final RobustMutex mutex = new RobustMutex().wrap(buffer, 0);

        IllegalStateException ex = assertThrows(IllegalStateException.class, mutex::unlock);
        assertTrue(ex.getMessage().contains("does not hold the mutex") && ex.getMessage().contains("ownerTid=0"),
            ex.getMessage());

        assertEquals(LockResult.ACQUIRED, mutex.lock());
        ex = assertThrows(IllegalStateException.class, mutex::lock);
        assertTrue(ex.getMessage().contains("not reentrant"), ex.getMessage());

        final int myTid = SyncTestSupport.currentTid();
        final CompletableFuture<String> other = CompletableFuture.supplyAsync(() ->
        {
            assertEquals(LockResult.NOT_ACQUIRED, mutex.tryLock());
            assertEquals(LockResult.NOT_ACQUIRED, mutex.tryLock(100, TimeUnit.MILLISECONDS));
            assertFalse(mutex.isHeldByCurrentThread());
            final IllegalStateException notOwner = assertThrows(IllegalStateException.class, mutex::unlock);
            assertThrows(IllegalStateException.class, mutex::markConsistent);
            return notOwner.getMessage();
        }, SyncTestSupport.daemon("not-owner"));
        final String message = other.get(20, TimeUnit.SECONDS);
        assertTrue(message.contains("ownerTid=" + myTid) && message.contains("ownerPid=" + ProcessIdentity.selfPid()),
            message);

        assertTrue(mutex.isHeldByCurrentThread(), "still ours after the failed unlock");
        assertEquals(myTid, mutex.ownerTid());
        mutex.unlock();
        assertFalse(mutex.isLocked());
        assertEquals(0, mutex.ownerPid());
    }

    @Test
    void wrappingChecksPlacementAndNamedFilesCheckTheirType()
    {
        final RobustMutex mutex = new RobustMutex();
        assertThrows(IllegalStateException.class, mutex::tryLock, "not wrapped");

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> mutex.wrap(new UnsafeBuffer(new byte[128]), 0));
        assertTrue(ex.getMessage().contains("heap"), ex.getMessage());
        final AtomicBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        ex = assertThrows(IllegalArgumentException.class, () -> mutex.wrap(direct, 4));
        assertTrue(ex.getMessage().contains("offset=4") && ex.getMessage().contains("8-byte aligned"),
            ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> mutex.wrap(direct, 256 - 32));
        assertTrue(ex.getMessage().contains("capacity=256"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RobustMutex(1000));

        final String name = SyncTestSupport.uniqueName();
        final SyncException missing = assertThrows(SyncException.class, () -> NamedRobustMutex.open(name));
        assertEquals(Native.ENOENT, missing.errno());
        try (NamedEventCount event = NamedEventCount.openOrCreate(name))
        {
            assertTrue(event.isCreator());
            Files.createLink(NamedRobustMutex.pathOf(name), event.path());
            final SyncException wrongType = assertThrows(SyncException.class, () -> NamedRobustMutex.open(name));
            assertTrue(wrongType.getMessage().contains("file type=event expected=mutex"), wrongType.getMessage());
        }
        catch (final java.io.IOException ioe)
        {
            throw new AssertionError(ioe);
        }
        finally
        {
            NamedEventCount.unlink(name);
            NamedRobustMutex.unlink(name);
        }
    }

    private static int currentTid()
    {
        try
        {
            return SyncTestSupport.currentTid();
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static long awaitPid(final Path log, final Process parent) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0)
        {
            for (final String line : Files.readAllLines(log))
            {
                if (line.startsWith("locked pid="))
                {
                    return Long.parseLong(line.substring("locked pid=".length()));
                }
                if (line.startsWith("Exception"))
                {
                    throw new AssertionError("child failed: " + readQuietly(log));
                }
            }
            assertTrue(parent.isAlive(), () -> "wrapper exited: " + readQuietly(log));
            Thread.sleep(10);
        }
        throw new AssertionError("child never locked: " + readQuietly(log));
    }

    private static void awaitState(final long pid, final String expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!expected.equals(state(pid)))
        {
            assertTrue(System.nanoTime() - deadline < 0, "pid=" + pid + " state=" + state(pid));
            Thread.sleep(5);
        }
    }

    private static String state(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        }
        catch (final java.io.IOException ex)
        {
            return null;
        }
    }

    private static String readQuietly(final Path log)
    {
        try
        {
            return Files.readString(log);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
    }

    /**
     * Child: maps FILE, waits for the go flag, then M times: lock, read the counter, write it plus one, unlock.
     */
    public static final class IncrementChild
    {
        /**
         * @param args the file and M.
         */
        public static void main(final String[] args)
        {
            try (MappedFileMemory memory = MappedFileMemory.open(Path.of(args[0])))
            {
                final AtomicBuffer buffer = memory.buffer();
                final RobustMutex mutex = new RobustMutex().wrap(buffer, MUTEX_OFFSET);
                final int increments = Integer.parseInt(args[1]);
                System.out.println("ready");
                while (buffer.getIntVolatile(GO_OFFSET) == 0)
                {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < increments; i++)
                {
                    if (mutex.lock() != LockResult.ACQUIRED)
                    {
                        throw new IllegalStateException("nobody died, yet: " + mutex);
                    }
                    final int value = buffer.getInt(COUNTER_OFFSET); // plain read ...
                    buffer.putInt(COUNTER_OFFSET, value + 1);       // ... and plain write: only the mutex protects it
                    mutex.unlock();
                }
            }
        }
    }

    /**
     * Child: locks the named mutex NAME, prints "locked pid=PID" and "locked", and sleeps until killed.
     */
    public static final class HoldChild
    {
        /**
         * @param args the name.
         * @throws InterruptedException never: it is killed.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final NamedRobustMutex named = NamedRobustMutex.open(args[0]);
            if (!named.mutex().lock().isAcquired())
            {
                throw new IllegalStateException("lock failed");
            }
            System.out.println("locked pid=" + ProcessHandle.current().pid());
            System.out.println("locked");
            Thread.sleep(60_000);
        }
    }
}
