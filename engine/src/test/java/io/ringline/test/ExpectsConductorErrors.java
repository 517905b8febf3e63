package io.ringline.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (or a test class) that provokes errors of the conductor on purpose, e.g. by damaging a channel under a
 * live process: {@link NoUnexpectedErrorsExtension} lets it pass. Say why in {@link #value()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpectsConductorErrors
{
    /**
     * @return why the test expects errors.
     */
    String value();
}
