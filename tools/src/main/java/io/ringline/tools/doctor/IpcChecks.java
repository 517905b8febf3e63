package io.ringline.tools.doctor;

import io.ringline.os.ProcFiles;
import io.ringline.transport.mq.MqLimits;
import io.ringline.transport.mq.MqueueMount;
import io.ringline.transport.sysvmq.SysVMqLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel IPC limits the transports run into: the POSIX message queues ({@code mq:}) and their file system, the
 * pipe size ({@code pipe:}, {@code fifo:}), and System V shared memory, queues and semaphores ({@code sysvshm:},
 * {@code sysvmq:}, {@code wait=sysvsem}).
 */
final class IpcChecks
{
    /** Fewer messages a POSIX queue may hold than this is a warning. */
    static final long MQ_MSG_MAX_OK = 256;
    /** A longest POSIX message shorter than this (a ring's default max-msg) is a warning. */
    static final long MQ_MSGSIZE_MAX_OK = 64 * 1024;
    /** A pipe-max-size below this is a warning. */
    static final long PIPE_MAX_SIZE_OK = 1 << 20;
    /** Fewer bytes a System V queue holds than this is a warning. */
    static final long MSGMNB_OK = 64 * 1024;
    /** Fewer System V semaphore sets than this is a warning (each channel waiting with sysvsem takes one). */
    static final long SEMMNI_OK = 128;

    private static final Path PIPE_MAX_SIZE = Path.of("/proc/sys/fs/pipe-max-size");
    private static final Path SHMMAX = Path.of("/proc/sys/kernel/shmmax");
    private static final Path SEM = Path.of("/proc/sys/kernel/sem");

    private IpcChecks()
    {
    }

    static List<Check> all(final ChannelNeeds needs, final long defaultChannelBytes)
    {
        return List.of(
            new Check("mqueue-mount",
                "mq: channels work without it, but only a mounted mqueue file system lets ringline ls and clean " +
                "see the POSIX queues",
                "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue",
                IpcChecks::mqueueMount),
            new Check("mqueue-limits",
                "msg_max caps an mq: channel's depth (how large a burst it absorbs before the publisher is refused) " +
                "and msgsize_max its max-msg",
                "sysctl -w fs.mqueue.msg_max=1024 fs.mqueue.msgsize_max=65536",
                IpcChecks::mqueueLimits),
            new Check("pipe-max-size",
                "pipe: and fifo: publishers grow the pipe to hold two whole frames, up to this; a smaller pipe splits " +
                "frames and holds fewer messages",
                "sysctl -w fs.pipe-max-size=1048576",
                IpcChecks::pipeMaxSize),
            new Check("sysv-shmmax",
                "a sysvshm: channel is one segment, at most SHMMAX bytes",
                "sysctl -w kernel.shmmax=" + (1L << 32),
                () -> shmmax(needs, defaultChannelBytes)),
            new Check("sysv-msgmnb",
                "a sysvmq: queue holds msgmnb bytes; when they are queued the publisher is refused",
                "sysctl -w kernel.msgmnb=1048576",
                IpcChecks::msgmnb),
            new Check("sysv-sem",
                "every channel that waits with wait=sysvsem takes one System V semaphore set (SEMMNI sets in all)",
                "sysctl -w kernel.sem='32000 1024000000 500 32000'",
                IpcChecks::semaphores));
    }

    private static Finding mqueueMount()
    {
        final Path mount = MqueueMount.find();
        return null == mount ? Finding.warn("not mounted") : Finding.ok("mounted at " + mount);
    }

    private static Finding mqueueLimits()
    {
        final MqLimits limits = MqLimits.read();
        final String value = "msg_max=" + limits.msgMax() + " msgsize_max=" + limits.msgsizeMax();
        return limits.msgMax() < MQ_MSG_MAX_OK || limits.msgsizeMax() < MQ_MSGSIZE_MAX_OK ?
            Finding.warn(value) : Finding.ok(value);
    }

    private static Finding pipeMaxSize() throws IOException
    {
        final long size = ProcFiles.number(PIPE_MAX_SIZE);
        final String value = Bytes.format(size);
        return size < PIPE_MAX_SIZE_OK ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding shmmax(final ChannelNeeds needs, final long defaultChannelBytes) throws IOException
    {
        final long shmmax = ProcFiles.number(SHMMAX);
        final String value = Bytes.format(shmmax);
        if (needs.largestSysVShm() > shmmax)
        {
            return Finding.fail(value + "; the largest sysvshm: channel takes " + Bytes.format(needs.largestSysVShm()));
        }
        return shmmax < defaultChannelBytes ? Finding.warn(value + "; a default channel takes " +
            Bytes.format(defaultChannelBytes)) : Finding.ok(value);
    }

    private static Finding msgmnb()
    {
        final SysVMqLimits limits = SysVMqLimits.read();
        final String value = "msgmnb=" + limits.msgmnb() + " msgmax=" + limits.msgmax();
        return limits.msgmnb() < MSGMNB_OK ? Finding.warn(value) : Finding.ok(value);
    }

    private static Finding semaphores() throws IOException
    {
        final long[] sem = ProcFiles.numbers(SEM);
        if (sem.length != 4)
        {
            throw new IOException("file=" + SEM + " holds " + sem.length + " numbers, not 4 (SEMMSL SEMMNS SEMOPM " +
                "SEMMNI)");
        }
        final String value = "semmsl=" + sem[0] + " semmns=" + sem[1] + " semopm=" + sem[2] + " semmni=" + sem[3];
        return sem[3] < SEMMNI_OK ? Finding.warn(value) : Finding.ok(value);
    }
}
