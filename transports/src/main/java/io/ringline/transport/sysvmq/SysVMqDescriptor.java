package io.ringline.transport.sysvmq;

/**
 * The two System V structures the transport reads and writes, as laid out on 64-bit Linux (x86-64 and aarch64
 * agree).
 *
 * <p>{@code struct msgbuf}, the unit of {@code msgsnd} and {@code msgrcv} (whose size argument counts only the text):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              mtype (long, &gt; 0) = Ringline type + 1            |  0
 *  +---------------------------------------------------------------+
 *  |              mtext: the message                              ...  8
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>{@code struct msqid_ds} of {@code msgctl(IPC_STAT)}, the fields used (120 bytes in all):
 *
 * <pre>
 *   offset  0  msg_perm.__key   (int)
 *   offset 20  msg_perm.mode    (int; low 9 bits are the permissions)
 *   offset 72  msg_cbytes       (unsigned long: bytes queued now)
 *   offset 80  msg_qnum         (unsigned long: messages queued now)
 *   offset 88  msg_qbytes       (unsigned long: most bytes the queue holds)
 * </pre>
 */
public final class SysVMqDescriptor
{
    /** {@code msgbuf}: offset of mtype. */
    public static final int MTYPE_OFFSET = 0;
    /** {@code msgbuf}: offset of the text. */
    public static final int TEXT_OFFSET = 8;

    /** {@code msqid_ds}: offset of the key. */
    public static final int KEY_OFFSET = 0;
    /** {@code msqid_ds}: offset of the mode. */
    public static final int MODE_OFFSET = 20;
    /** {@code msqid_ds}: offset of the bytes queued. */
    public static final int CBYTES_OFFSET = 72;
    /** {@code msqid_ds}: offset of the messages queued. */
    public static final int QNUM_OFFSET = 80;
    /** {@code msqid_ds}: offset of the queue's byte limit. */
    public static final int QBYTES_OFFSET = 88;
    /** {@code msqid_ds}: size. */
    public static final int MSQID_DS_LENGTH = 120;

    private SysVMqDescriptor()
    {
    }

    /**
     * @param type a Ringline message type, &gt;= 0.
     * @return the System V mtype that carries it.
     */
    public static long mtype(final int type)
    {
        return type + 1L;
    }

    /**
     * @param mtype a System V mtype, &gt; 0.
     * @return the Ringline message type it carries.
     */
    public static int type(final long mtype)
    {
        return (int)(mtype - 1);
    }
}
