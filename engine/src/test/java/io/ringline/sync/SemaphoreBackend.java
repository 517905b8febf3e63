package io.ringline.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The two semaphore implementations behind one set of operations, so that one conformance suite runs on both. An
 * id is a POSIX name or a System V key written in decimal.
 */
enum SemaphoreBackend
{
    /** {@link PosixSemaphore}. */
    POSIX
    {
        @Override
        String newId()
        {
            return SyncTestSupport.uniqueName();
        }

        @Override
        ProcessSemaphore create(final String id, final int initialValue, final int mode, final SemaphoreKind kind)
        {
            return PosixSemaphore.create(id, initialValue, mode, kind);
        }

        @Override
        ProcessSemaphore open(final String id, final SemaphoreKind kind)
        {
            return PosixSemaphore.open(id, kind);
        }

        @Override
        boolean destroy(final String id)
        {
            return PosixSemaphore.unlink(id);
        }
    },

    /** Semaphore 0 of a one-semaphore {@link SysVSemaphoreSet}. */
    SYSV
    {
        @Override
        String newId()
        {
            return Integer.toString(SyncTestSupport.uniqueKey());
        }

        @Override
        ProcessSemaphore create(final String id, final int initialValue, final int mode, final SemaphoreKind kind)
        {
            return SysVSemaphoreSet.create(Integer.parseInt(id), 1, initialValue, mode).semaphore(0, kind);
        }

        @Override
        ProcessSemaphore open(final String id, final SemaphoreKind kind)
        {
            return SysVSemaphoreSet.open(Integer.parseInt(id)).semaphore(0, kind);
        }

        @Override
        boolean destroy(final String id)
        {
            return SysVSemaphoreSet.remove(Integer.parseInt(id));
        }
    };

    /**
     * @return an id nobody uses.
     */
    abstract String newId();

    /**
     * Creates the semaphore.
     *
     * @param id           name or key.
     * @param initialValue its value.
     * @param mode         permission bits.
     * @param kind         how the handle releases.
     * @return a handle.
     */
    abstract ProcessSemaphore create(String id, int initialValue, int mode, SemaphoreKind kind);

    /**
     * Opens an existing semaphore.
     *
     * @param id   name or key.
     * @param kind how the handle releases.
     * @return a handle.
     */
    abstract ProcessSemaphore open(String id, SemaphoreKind kind);

    /**
     * Unlinks or removes it.
     *
     * @param id name or key.
     * @return true when it existed.
     */
    abstract boolean destroy(String id);

    /**
     * A child JVM's main: {@code BACKEND ID ACTION}.
     * <ul>
     *   <li>{@code post-then-acquire}: releases 3 permits, prints "posted", waits for a line on stdin, prints
     *       "acquiring", blocks in acquire, prints "acquired".</li>
     *   <li>{@code try-open}: prints "opened" or "failed errno=N message=...".</li>
     * </ul>
     */
    public static final class Child
    {
        /**
         * @param args backend, id, action.
         */
        public static void main(final String[] args) throws IOException
        {
            final SemaphoreBackend backend = valueOf(args[0]);
            final String id = args[1];
            switch (args[2])
            {
                case "post-then-acquire":
                    try (ProcessSemaphore semaphore = backend.open(id, SemaphoreKind.COUNTING))
                    {
                        for (int i = 0; i < 3; i++)
                        {
                            semaphore.release();
                        }
                        System.out.println("posted");
                        if (null == new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine())
                        {
                            throw new IllegalStateException("stdin closed before go");
                        }
                        System.out.println("acquiring");
                        semaphore.acquire();
                        System.out.println("acquired");
                    }
                    break;

                case "try-open":
                    try (ProcessSemaphore semaphore = backend.open(id, SemaphoreKind.COUNTING))
                    {
                        System.out.println("opened value=" + semaphore.value());
                    }
                    catch (final SyncException ex)
                    {
                        System.out.println("failed errno=" + ex.errno() + " message=" + ex.getMessage());
                    }
                    break;

                default:
                    throw new IllegalArgumentException("action=" + args[2]);
            }
        }
    }
}
