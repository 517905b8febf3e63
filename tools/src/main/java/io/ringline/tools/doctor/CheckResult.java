package io.ringline.tools.doctor;

/**
 * One line of the doctor's report.
 *
 * @param name    the check, e.g. {@code transparent-hugepages}.
 * @param verdict ok, warn or fail.
 * @param value   what was measured or read.
 * @param why     why it matters for latency.
 * @param fix     the command or setting that fixes it.
 */
public record CheckResult(String name, Verdict verdict, String value, String why, String fix)
{
}
