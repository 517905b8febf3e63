package io.ringline.transport.security;

import io.ringline.Ringline;
import io.ringline.sync.PosixSemaphore;
import io.ringline.sync.SemaphoreKind;
import io.ringline.sync.SysVSemaphoreSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Child of {@link PermissionsUnderUmaskTest}: creates one object of every kind Ringline makes, with {@code perm}
 * (or the default when it is {@code default}), prints {@code READY} and waits to be killed.
 *
 * <p>Arguments: {@code perm semaphoreName semaphoreKey uri...}. Each URI is opened as a subscriber, which creates
 * the channel; ring URIs carry a sleeping {@code wait=} so that the channel's semaphore is created too.
 */
public final class CreateEverythingMain
{
    private CreateEverythingMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String perm = args[0];
        final int mode = "default".equals(perm) ? PosixSemaphore.DEFAULT_MODE : Integer.parseInt(perm, 8);
        final List<AutoCloseable> open = new ArrayList<>();
        try (Ringline ringline = Ringline.connect())
        {
            open.add(PosixSemaphore.create(args[1], 0, mode, SemaphoreKind.COUNTING));
            open.add(SysVSemaphoreSet.create(Integer.decode(args[2]), 1, 0, mode));
            for (int i = 3; i < args.length; i++)
            {
                open.add(ringline.addSubscriber(args[i]));
            }
            System.out.println("READY");
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
