package io.ringline.perf;

import java.util.List;

/**
 * The C reference peers, each a program in {@code perf/src/main/c} run by {@link CRoundTripPeer}: floors that show
 * what the hardware and the kernel cost with no JVM and no framing in the way. Most block in the system call; a
 * {@code -poll} or {@code -backoff} variant of the same source waits as the Ringline transport it is compared with
 * does, so each kernel transport is quoted against the C mechanism with both waiting disciplines.
 */
public enum CReferenceProgram
{
    /**
     * Two processes spin on two cache lines of a {@code /dev/shm} file with release stores and acquire loads: the
     * physical floor for any shared-memory transport. Messages are one {@code long}; the size setting does not apply.
     */
    SHM_CACHELINE("c-shm-cacheline", "shm_cacheline.c", "cachelines"),

    /**
     * Both sides sleep between messages: a futex ping-pong on two 32-bit words of a {@code /dev/shm} file (no
     * {@code FUTEX_PRIVATE_FLAG}), each side waking the other after flipping its word. The floor for a transport that
     * parks its waiters in the kernel. The size setting does not apply.
     */
    FUTEX("c-futex", "futex.c", "futex-words"),

    /**
     * Two kernel pipes (FIFOs in the run directory), one each way, blocking reads and writes of size-byte messages.
     */
    PIPE("c-pipe", "pipe.c", "pipe"),

    /**
     * {@link #PIPE} waiting as {@code ringline-fifo}'s {@code receive} does: the read end non-blocking, {@code poll(2)}
     * for it to be readable, then {@code read(2)}.
     */
    PIPE_POLL("c-pipe-poll", "pipe.c", "pipe", Flags.POLLING_FLAGS),

    /**
     * A blocking {@code AF_UNIX} {@code SOCK_STREAM} connection through a socket file in the run directory, size-byte
     * messages.
     */
    UNIX_SOCKET("c-unix-socket", "unix_socket.c", "peer.sock"),

    /**
     * Two POSIX message queues, one each way, blocking {@code mq_send} and {@code mq_receive} of size-byte messages.
     * The queue names are derived from the path (a hash of it), so they are unique to the run; the ping creates them
     * and unlinks them after the first round trip.
     */
    POSIX_MQ("c-mq", "posix_mq.c", "mq"),

    /**
     * One System V message queue for both directions (the ping sends {@code mtype} 1 and receives 2, the pong the
     * reverse), blocking {@code msgsnd} and {@code msgrcv} of size-byte messages. The key is derived from the path;
     * the queue is removed with {@code IPC_RMID} at the end.
     */
    SYSV_MQ("c-sysvmq", "sysv_mq.c", "sysvmq"),

    /**
     * {@link #SYSV_MQ} waiting as {@code ringline-sysvmq}'s {@code receive} does: {@code msgrcv(IPC_NOWAIT)}, and
     * between empty calls Agrona's {@code BackoffIdleStrategy} with its defaults (10 spins, 5 yields, then sleeps from
     * 1 us doubling to 1 ms).
     */
    SYSV_MQ_BACKOFF("c-sysvmq-backoff", "sysv_mq.c", "sysvmq", Flags.POLLING_FLAGS),

    /**
     * A blocking TCP connection over {@code 127.0.0.1} with {@code TCP_NODELAY}, size-byte messages. The pong listens
     * on an ephemeral port and writes it to the path, a file the ping waits for.
     */
    TCP("c-tcp", "tcp.c", "tcp.port"),

    /**
     * Blocking UDP over {@code 127.0.0.1}, one size-byte datagram each way on connected sockets. The pong's ephemeral
     * port is handed over in a file, as for {@link #TCP}.
     */
    UDP("c-udp", "udp.c", "udp.port"),

    /**
     * Blocking {@code AF_UNIX} {@code SOCK_DGRAM} sockets bound to two socket files in the run directory (the path
     * with {@code .ping} and {@code .pong} appended), one size-byte datagram each way.
     */
    UNIX_DATAGRAM("c-unixgram", "unix_datagram.c", "unixgram");

    private static final class Flags
    {
        static final List<String> BLOCKING_FLAGS = List.of();
        static final List<String> POLLING_FLAGS = List.of("-DPEER_WAIT_POLLING");
    }

    private final String peerName;
    private final String sourceName;
    private final String pathName;
    private final List<String> compilerFlags;

    CReferenceProgram(final String peerName, final String sourceName, final String pathName)
    {
        this(peerName, sourceName, pathName, Flags.BLOCKING_FLAGS);
    }

    CReferenceProgram(final String peerName, final String sourceName, final String pathName, final List<String> flags)
    {
        this.peerName = peerName;
        this.sourceName = sourceName;
        this.pathName = pathName;
        this.compilerFlags = flags;
    }

    /**
     * @return flags for {@link CProgram#compile(String, List)}: none, or the define of a polling variant.
     */
    public List<String> compilerFlags()
    {
        return compilerFlags;
    }

    /**
     * @return the peer's name in the report.
     */
    public String peerName()
    {
        return peerName;
    }

    /**
     * @return the C source file, under {@link CProgram#RESOURCE_DIRECTORY}.
     */
    public String sourceName()
    {
        return sourceName;
    }

    /**
     * @return the name, in the run directory, of the shared object (file, FIFO prefix or socket) both sides open,
     *         or of the path the program derives its objects from (queue names, a key, a port file).
     */
    public String pathName()
    {
        return pathName;
    }
}
